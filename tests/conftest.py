import os

import pytest
import redis
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and cached images must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def redis_url():
    """The real Redis at REDIS_URL. In CI its absence is a failure; elsewhere the test skips."""
    url = os.environ.get("REDIS_URL")
    problem = None
    if not url:
        problem = "REDIS_URL is not set"
    else:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        try:
            client.ping()
        except redis.RedisError as exc:
            problem = f"Redis at {url} is unreachable ({exc})"
        finally:
            client.close()
    if problem:
        if _in_ci():
            pytest.fail(f"{problem}; CI must run this test against a real Redis.")
        pytest.skip(f"{problem}: start Redis and set REDIS_URL to run this test.")
    return url

"""The shared cache on the real Redis (CI runs these; elsewhere they skip without REDIS_URL)."""

import pytest

from config.redis_cache import ResilientRedisCache


@pytest.fixture
def shared(redis_url):
    cache = ResilientRedisCache(redis_url, {"KEY_PREFIX": "test-cache"})
    cache.clear()
    yield cache
    cache.clear()


def test_a_value_is_kept_for_its_timeout_and_add_never_overwrites(shared, redis_url):
    import redis

    assert shared.add("page", "first", 60)
    assert not shared.add("page", "second", 60), "add never overwrites"
    assert shared.get("page") == "first"
    client = redis.Redis.from_url(redis_url)
    try:
        assert 0 < client.ttl(shared.make_key("page")) <= 60
    finally:
        client.close()
    shared.set("page", "third", 60)
    assert shared.get("page") == "third"
    shared.delete("page")
    assert shared.get("page") is None


def test_with_redis_down_the_cache_misses_and_nothing_fails():
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    assert down.get("anything", "default") == "default"
    assert down.add("hits", 1, 60) is False
    assert down.set("page", "x", 60) is None
    assert down.delete("page") is False

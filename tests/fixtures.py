import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
import time_machine
from django.core.cache import cache

from tests.clock import frozen_instant


@pytest.fixture(autouse=True)
def clock(request):
    """Every test runs at the same instant (tests.clock), whatever the hour or day the suite runs:
    `clock.move_to(...)` or `clock.shift(...)` moves it. The live server answers in this process,
    so it reads the same unmoving clock as the test (a browser test never drifts past the edge
    of a working day it was started at); the Celery workers and beat that `real_broker` tests
    start act on time going by, so those tests' clocks tick on from the instant, as their
    processes' do (`tests.clock.frozen`)."""
    tick = "real_broker" in request.keywords
    with time_machine.travel(frozen_instant(), tick=tick) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _tasks_in_process(request, settings):
    """Tasks run in-process unless a test is about the real broker: with REDIS_URL set (as in CI)
    the settings would otherwise publish every test's tasks to a Redis no worker reads."""
    from config.celery import app

    previous = app.conf.task_always_eager
    in_process(settings, "real_broker" not in request.keywords)
    yield
    app.conf.task_always_eager = previous


def in_process(settings, eager: bool) -> None:
    """Tasks run in-process (True) or go to the broker (False): Celery's configuration and the
    Django setting it comes from, which the application reads, alike."""
    from config.celery import app

    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER = eager


@pytest.fixture(autouse=True)
def _default_language():
    # A view may activate the reader's language for its thread (a language switch does); the
    # next test's objects must not be written in it.
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Most tests write the catalog inside a transaction that never commits, so the catalog's
    # cache would never hear of their changes; the cache has tests of its own.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached images and catalog pages must not leak from one test into the next.
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


def worker_redis_url(url: str, worker: str) -> str:
    """The Redis database of one pytest-xdist worker (gw0, gw1...): REDIS_URL's own for gw0, the
    ones below it for the others, so that one worker's cache flushes and queues never reach
    another's. CI gives REDIS_URL database 14: gw0 uses 14, gw1 13."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    index = base - int(worker.removeprefix("gw"))
    if index < 0:
        raise pytest.UsageError(
            f"REDIS_URL={url} leaves no Redis database for xdist worker {worker}: give it a higher database "
            "index (the workers use it and the ones below it), or run fewer workers (-n)."
        )
    return urlunsplit(parts._replace(path=f"/{index}"))


def _redis_per_worker(settings) -> None:
    # Settings were read before any conftest; nothing has opened the cache or the broker yet.
    url, worker = os.environ.get("REDIS_URL"), os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return
    os.environ["REDIS_URL"] = own = worker_redis_url(url, worker)
    if settings.REDIS_URL:
        settings.REDIS_URL = settings.CELERY_BROKER_URL = settings.CACHES["default"]["LOCATION"] = own


def pytest_configure(config):
    from django.conf import settings

    workers = getattr(config.option, "numprocesses", None)
    if os.environ.get("REDIS_URL") and isinstance(workers, int) and workers > 1:
        # Checked here, in the process that starts the workers: a worker that fails to start is
        # replaced, again and again, and the run would end with no test run.
        worker_redis_url(os.environ["REDIS_URL"], f"gw{workers - 1}")
    _redis_per_worker(settings)

    # The SQLite test database is a file in var/ (see settings), which a fresh clone lacks. A file
    # of this process's own, so that two runs at once never share one (xdist adds its worker to it).
    Path(settings.BASE_DIR, "var").mkdir(exist_ok=True)
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = str(Path(settings.BASE_DIR, "var", f"test-db-{os.getpid()}.sqlite3"))

    # Real hashing costs ~0.3 s per user; tests create many users and never need the strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_sessionfinish(session, exitstatus):
    # pytest-xdist ends a run whose workers all crashed at start-up with status 0 and no test run:
    # an empty run is a failure here, as pytest's own "no tests collected" (5) is.
    if exitstatus == 0 and session.testscollected == 0 and not os.environ.get("PYTEST_XDIST_WORKER"):
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED

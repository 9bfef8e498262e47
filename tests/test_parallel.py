"""The suite runs on every core (pytest-xdist): each worker has a test database, a live server
port and a Redis database of its own."""

import os

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from config.celery import app
from tests.fixtures import worker_redis_url


def test_a_worker_takes_the_redis_database_below_the_one_before():
    assert worker_redis_url("redis://127.0.0.1:6379/14", "gw0") == "redis://127.0.0.1:6379/14"
    assert worker_redis_url("redis://127.0.0.1:6379/14", "gw3") == "redis://127.0.0.1:6379/11"
    assert worker_redis_url("redis://:pw@redis.test:6380/2", "gw1") == "redis://:pw@redis.test:6380/1"


def test_a_redis_url_without_room_for_every_worker_is_refused_with_its_reason():
    with pytest.raises(pytest.UsageError, match="no Redis database for xdist worker gw1"):
        worker_redis_url("redis://127.0.0.1:6379/0", "gw1")


@pytest.mark.django_db
def test_this_worker_has_its_own_test_database():
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        pytest.skip("the suite runs in one process (-n 0)")
    assert str(connection.settings_dict["NAME"]).endswith(f"_{worker}")


def test_the_cache_and_the_broker_of_this_worker_are_its_own_redis_database(redis_url):
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        pytest.skip("the suite runs in one process (-n 0)")
    assert settings.CACHES["default"]["LOCATION"] == settings.CELERY_BROKER_URL == redis_url
    assert app.conf.broker_url == redis_url
    cache.set("parallel-probe", worker)
    client = redis.Redis.from_url(redis_url)
    try:
        assert client.exists(cache.make_key("parallel-probe")), "the cache writes to this worker's database"
    finally:
        client.close()


@pytest.mark.django_db
def test_two_runs_at_once_never_share_an_sqlite_test_database():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's test databases are named by the server's own rules")
    assert f"test-db-{os.getpid()}" in str(connection.settings_dict["NAME"])

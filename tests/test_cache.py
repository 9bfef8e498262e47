"""The shared cache on the real Redis (CI runs these; elsewhere they skip without REDIS_URL)."""

import pytest

from recruitment.cache import ResilientRedisCache


@pytest.fixture
def shared(redis_url):
    cache = ResilientRedisCache(redis_url, {"KEY_PREFIX": "test-cache"})
    cache.clear()
    yield cache
    cache.clear()


def test_incr_counts_up_an_existing_key_and_refuses_a_missing_one(shared):
    with pytest.raises(ValueError):
        shared.incr("missing")
    assert shared.get("missing") is None, "a refused increment must not create the key"
    assert shared.add("hits", 1, 60)
    assert not shared.add("hits", 1, 60), "add never overwrites"
    assert 0 < shared._cache.get_client("hits").ttl(shared.make_key("hits")) <= 60
    assert shared.incr("hits") == 2
    assert shared.incr("hits", 5) == 7
    assert shared.get("hits") == 7


def test_each_pool_has_one_client_made_once(shared):
    assert shared._cache.get_client("a", write=True) is shared._cache.get_client("b", write=True)
    shared.set("page", "cached", 60)
    assert shared.get("page") == "cached"


def test_with_redis_down_the_cache_misses_and_a_rate_limit_counter_is_forgotten():
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    assert down.get("anything", "default") == "default"
    assert down.add("hits", 1, 60) is False
    with pytest.raises(ValueError):
        down.incr("hits")

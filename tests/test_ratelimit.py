"""The per-address sign-up limit (recruitment.ratelimit): its windows, addresses and failure mode.
The whole flow (a throttled patient keeps the answers) is in test_apply_flow."""

import pytest
import redis
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory, override_settings

from recruitment import ratelimit
from recruitment.cache import ResilientRedisCache
from recruitment.ratelimit import Rate, client_address, client_ip


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the proxy appends the real client last
        ("garbage", "10.0.0.2"),  # not an address: fall back to the connection
        ("", "10.0.0.2"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_last_forwarded_address_and_never_crashes(forwarded, expected):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == expected


def test_forwarded_addresses_count_only_behind_our_proxy(settings):
    request = RequestFactory().post("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.2")
    settings.BEHIND_PROXY = False
    assert client_address(request) == "10.0.0.2", "without a proxy, X-Forwarded-For is the client's to forge"
    settings.BEHIND_PROXY = True
    assert client_address(request) == "203.0.113.7"


def test_an_ipv6_client_counts_as_its_64_network(settings):
    settings.BEHIND_PROXY = False
    one = RequestFactory().post("/", REMOTE_ADDR="2001:db8:1:2::1")
    other = RequestFactory().post("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_address(one) == client_address(other) == "2001:db8:1:2::"


@pytest.mark.parametrize(("text", "rate"), [("20/h", Rate(20, 3600)), ("5/10m", Rate(5, 600)), ("1/d", Rate(1, 86400))])
def test_rates_are_read_as_a_count_per_period(text, rate):
    assert Rate.parse(text) == rate


def test_a_window_allows_the_limit_then_throttles_then_starts_again():
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    hits = [ratelimit.hit(request, group="signup", rate="3/h", now=1_000_000.0) for _ in range(4)]
    assert hits == [False, False, False, True]
    assert not ratelimit.hit(request, group="signup", rate="3/h", now=1_000_000.0 + 3600), "a new hour"
    elsewhere = RequestFactory().post("/", REMOTE_ADDR="192.0.2.2")
    assert not ratelimit.hit(elsewhere, group="signup", rate="3/h", now=1_000_000.0)
    assert not ratelimit.hit(request, group="other", rate="3/h", now=1_000_000.0), "groups count apart"


def test_the_cache_never_holds_the_address(monkeypatch):
    local = LocMemCache("ratelimit-test", {})
    monkeypatch.setattr(ratelimit, "caches", {"default": local})
    ratelimit.hit(RequestFactory().post("/", REMOTE_ADDR="192.0.2.77"), group="signup", rate="3/h")
    keys = list(local._cache)
    assert keys and not any("192.0.2.77" in key for key in keys)


@pytest.fixture
def shared(redis_url):
    cache = ResilientRedisCache(redis_url, {"KEY_PREFIX": "test-ratelimit"})
    cache.clear()
    yield cache
    cache.clear()


def test_on_redis_a_hit_is_one_command_that_sets_the_expiry(shared, redis_url, monkeypatch):
    monkeypatch.setattr(ratelimit, "caches", {"default": shared})
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    monitor = redis.Redis.from_url(redis_url)
    ratelimit.hit(request, group="signup", rate="2/h")  # loads the script
    before = monitor.info("commandstats")
    assert not ratelimit.hit(request, group="signup", rate="2/h")
    after = monitor.info("commandstats")
    calls = {name: after[name]["calls"] - before.get(name, {}).get("calls", 0) for name in after}
    # One round trip: the script (its INCR runs inside Redis), no SET NX first as add-then-incr would.
    assert calls.get("cmdstat_evalsha") == 1
    assert not calls.get("cmdstat_set") and not calls.get("cmdstat_exists")
    assert ratelimit.hit(request, group="signup", rate="2/h"), "the third hit in the hour is over 2/h"
    [key] = monitor.keys("test-ratelimit:*")
    assert 0 < monitor.ttl(key) <= 3600


@override_settings(SIGNUP_RATE_LIMIT="1/h")
def test_with_redis_down_patients_are_let_through(monkeypatch):
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    monkeypatch.setattr(ratelimit, "caches", {"default": down})
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    assert [ratelimit.hit(request, group="signup", rate="1/h") for _ in range(3)] == [False, False, False]

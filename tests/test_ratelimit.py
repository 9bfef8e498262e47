"""The per-address sign-up limit (recruitment.ratelimit): its addresses, keys and windows, counted
by the submission's own write on either store. The whole flow (a throttled patient keeps the
answers) is in test_apply_flow."""

import datetime

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.utils import timezone

from recruitment.forms import questionnaire_for
from recruitment.models import Application, SignupCounter
from recruitment.ratelimit import Rate, Throttle, Throttled, client_address, client_ip, signup_throttle
from recruitment.services import applications
from recruitment.services.applications import NoLongerOpen
from recruitment.tasks import forget_signup_counters
from tests.clock import frozen_instant
from tests.factories import make_trial

# Reads the clock (rate windows); CI runs it at the edges of time too.
pytestmark = pytest.mark.clock


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
    request = RequestFactory().get("/en/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
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


def test_the_counter_key_is_a_keyed_hash_of_the_address_never_the_address():
    one = signup_throttle(RequestFactory().post("/", REMOTE_ADDR="192.0.2.77"), rate="3/h")
    again = signup_throttle(RequestFactory().post("/", REMOTE_ADDR="192.0.2.77"), rate="3/h")
    other = signup_throttle(RequestFactory().post("/", REMOTE_ADDR="192.0.2.78"), rate="3/h")
    assert one == again == Throttle(one.key, 3, 3600)
    assert other.key != one.key
    assert -(2**63) <= one.key < 2**63, "fits the counter's bigint"
    with override_settings(SECRET_KEY="another-secret-key-" * 4):
        assert signup_throttle(RequestFactory().post("/", REMOTE_ADDR="192.0.2.77"), rate="3/h").key != one.key


NOW = frozen_instant()  # the instant every test runs at (tests.clock)


def _sign_up(trial, throttle, *, at, phone):
    from tests.factories import screening_post

    form = questionnaire_for(trial)(screening_post(phone=phone), trial=trial, sites=[])
    assert form.is_valid(), form.errors
    return applications.submit_application(
        trial=trial,
        application=form.application_fields(),
        condition_answers=form.condition_answers(),
        treatments=form.treatment_rows(),
        contact=form.contact_fields(),
        consents=form.consents_given(),
        language="en",
        now=at,
        throttle=throttle,
    )


@pytest.mark.django_db
def test_a_window_allows_the_limit_then_refuses_storing_nothing_then_starts_again():
    trial = make_trial(slug="limited")
    throttle = Throttle(key=42, limit=2, period=3600)
    _sign_up(trial, throttle, at=NOW, phone="+86 139 0000 0001")
    _sign_up(trial, throttle, at=NOW + datetime.timedelta(minutes=10), phone="+86 139 0000 0002")
    with pytest.raises(Throttled):
        _sign_up(trial, throttle, at=NOW + datetime.timedelta(minutes=20), phone="+86 139 0000 0003")
    assert Application.objects.count() == 2
    assert SignupCounter.objects.get(key=42).hits == 3, "a refused sign-up counts too, as the next would"
    # The window runs from the first sign-up: an hour later the address starts again.
    _sign_up(trial, throttle, at=NOW + datetime.timedelta(minutes=61), phone="+86 139 0000 0004")
    counter = SignupCounter.objects.get(key=42)
    assert (counter.hits, counter.window_ends) == (1, NOW + datetime.timedelta(minutes=121))
    # Another address has its own counter.
    _sign_up(trial, Throttle(key=43, limit=2, period=3600), at=NOW, phone="+86 139 0000 0005")
    assert Application.objects.count() == 4


@pytest.mark.django_db
def test_a_closed_trial_refuses_before_the_limit_is_reached():
    trial = make_trial(slug="closed-now", status="COMPLETED")
    with pytest.raises(NoLongerOpen):
        _sign_up(trial, Throttle(key=44, limit=2, period=3600), at=NOW, phone="+86 139 0000 0006")


@pytest.mark.django_db
def test_ended_windows_are_forgotten_hourly():
    SignupCounter.objects.create(key=1, hits=3, window_ends=timezone.now() - datetime.timedelta(seconds=1))
    SignupCounter.objects.create(key=2, hits=3, window_ends=timezone.now() + datetime.timedelta(minutes=5))
    assert forget_signup_counters() == 1
    assert list(SignupCounter.objects.values_list("key", flat=True)) == [2]
    assert settings.CELERY_BEAT_SCHEDULE["forget-signup-counters"]["task"] == forget_signup_counters.name


@pytest.mark.django_db
def test_the_limit_holds_with_redis_down(client, settings):
    """The counter is in the database: a Redis outage neither lets a flood through nor stops patients."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.SIGNUP_RATE_LIMIT = "1/h"
    from tests.factories import screening_post

    make_trial(slug="brave-aa1")
    assert client.post("/en/trials/brave-aa1/apply/", screening_post()).status_code == 302
    assert client.post("/en/trials/brave-aa1/apply/", screening_post(phone="+86 139 0000 0009")).status_code == 429
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_window_deleted_by_the_cleanup_between_the_counters_two_statements_is_started_again(monkeypatch):
    """Beat's cleanup deletes an ended window just after the sign-up made sure it exists: the
    sign-up makes it again and is counted, rather than failing."""
    trial = make_trial(slug="limited")
    throttle = Throttle(key=44, limit=5, period=3600)
    SignupCounter.objects.create(key=44, hits=3, window_ends=NOW - datetime.timedelta(minutes=1))
    real_bulk_create = SignupCounter.objects.bulk_create
    calls = []

    def create_then_cleanup(objs, **options):
        created = real_bulk_create(objs, **options)
        calls.append(1)
        if len(calls) == 1:
            forget_signup_counters()  # the ended window goes, between insert and lock
        return created

    monkeypatch.setattr(SignupCounter.objects, "bulk_create", create_then_cleanup)
    _sign_up(trial, throttle, at=NOW, phone="+86 139 0000 0006")
    assert len(calls) == 2
    assert SignupCounter.objects.get(key=44).hits == 1

import json

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database_and_that_no_broker_is_configured(client, settings):
    settings.REDIS_URL = None
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")  # a probe's own address
    assert response.status_code == 200
    report = json.loads(response.content)
    assert report["status"] == "ok"
    assert report["database"] == "ok"
    assert report["broker"].startswith("not configured")


def test_healthz_fails_when_the_configured_broker_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    report = json.loads(response.content)
    assert report["status"] == "unavailable"
    assert report["broker"].startswith("error")
    assert report["database"] == "ok"


def test_healthz_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.REDIS_URL = None
    assert client.get("/healthz").status_code == 200


def test_healthz_reports_a_reachable_broker(client, settings, redis_url):
    settings.REDIS_URL = redis_url
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["broker"] == "ok"


def test_healthz_tells_of_notifications_left_unsent_without_failing(client, settings, redis_url, django_user_model):
    import datetime

    from django.utils import timezone

    from recruitment.models import Notification
    from tests.factories import make_application, make_trial

    settings.REDIS_URL = redis_url
    assert client.get("/healthz").json()["notifications"] == "ok"
    stuck = Notification.objects.create(
        kind="new_application",
        recipient=django_user_model.objects.create_user("nurse", "n@example.org"),
        application=make_application(make_trial()),
        created_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["notifications"].startswith("1 waiting over 7 minutes")
    Notification.objects.filter(pk=stuck.pk).update(status="sent")
    assert client.get("/healthz").json()["notifications"] == "ok"

"""A database outage answers 503 with a clear page, and hands a patient's answers back.
(The real PostgreSQL restart is a drill in bench/; here the failure is injected into the view.)"""

import pytest
from django.db import OperationalError

from tests.factories import make_trial, screening_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def outage(monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("recruitment.views.signup_trial", fail)


def test_a_submission_during_an_outage_gets_a_503_that_keeps_every_answer(client, outage):
    make_trial(slug="brave-aa1")
    response = client.post("/en/trials/brave-aa1/apply/", screening_post(full_name="王芳"))
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.content.decode()
    assert "Send my answers again" in body
    assert 'name="full_name" value="王芳"' in body
    assert 'name="loss_top" value="80"' in body
    assert 'action="/en/trials/brave-aa1/apply/"' in body


def test_a_page_during_an_outage_gets_a_503_not_a_500(client, outage):
    response = client.get("/en/trials/brave-aa1/apply/")
    assert response.status_code == 503
    assert "Please try again in a moment" in response.content.decode()


def test_a_database_error_outside_the_view_is_an_outage_too(client, monkeypatch):
    """A middleware's write failing after the view while PostgreSQL restarts (as a session save
    did in the drill): still a 503 that keeps the answers, not a 500."""
    make_trial(slug="brave-aa1")

    def fail(self, *args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr("django.contrib.messages.middleware.MessageMiddleware.process_response", fail)
    client.raise_request_exception = False
    response = client.post("/en/trials/brave-aa1/apply/", screening_post(full_name="王芳"))
    assert response.status_code == 503
    assert 'name="full_name" value="王芳"' in response.content.decode()


def test_a_login_during_an_outage_never_echoes_the_password(client, monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("django.contrib.auth.forms.authenticate", fail)
    client.raise_request_exception = False
    response = client.post("/accounts/login/", {"username": "lilly", "password": "s3cret-pass"})
    assert response.status_code == 503
    assert "s3cret-pass" not in response.content.decode()

"""Issue 27, low: no e-mail address, phone number, reference or token in a log line, the access
log or a stored error text."""

import logging
from types import SimpleNamespace

import pytest
from django.conf import settings

from config.redact import RedactingFilter, redact


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("reminder 7 for K7QM-2XPA not sent: <fang@example.cn> refused", ["K7QM-2XPA", "fang@example.cn"]),
        ("SMS to +86 138 0013 8000 failed", ["138 0013 8000"]),
        ("SMS to 13800138000 failed", ["13800138000"]),
        ("GET /r/Zb3k9fQ-x_1T2aBcDeFgHiJkLmNoPqRsTuVwXyZ012345/ 200", ["Zb3k9fQ"]),
        ("GET /my/?ref=K7QMXPA2 200", ["K7QMXPA2"]),
        ("GET /trials/brave-aa1/apply/?from=K7QM-2XPA&near=Beijing 200", ["K7QM-2XPA"]),
        ("GET /accounts/enrol/abcDEF123/ 302", ["abcDEF123"]),
        ("GET /accounts/reset/MQ/cb1z2a-1f2e3d4c5b6a/ 200", ["cb1z2a"]),
    ],
)
def test_what_identifies_a_patient_or_opens_their_data_is_redacted(text, left_out):
    for secret in left_out:
        assert secret not in redact(text)


def test_what_is_not_personal_reads_as_it_was():
    line = "2026-12-07 04:32:41 notification 1234 sent (attempt 2) for trial NCT03570749 in 0.25 s"
    assert redact(line) == line


def test_every_log_line_of_the_portal_goes_through_the_redacting_filter(caplog):
    assert "redact" in settings.LOGGING["handlers"]["console"]["filters"]
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "code for %s sent to %s", ("K7QM-2XPA", "a@b.cn"), None
    )
    RedactingFilter().filter(record)
    assert record.getMessage() == "code for [reference] sent to [e-mail]"


def test_the_access_log_redacts_tokens_and_query_strings():
    from gunicorn.config import Config

    from config.gunicorn_logging import RedactingLogger

    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/en/my/?ref=K7QM-2XPA",
        "QUERY_STRING": "ref=K7QM-2XPA",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    request = SimpleNamespace(
        method="GET",
        path="/en/r/secret-token-123/",
        query="ref=K7QM-2XPA",
        uri="/en/r/secret-token-123/?ref=K7QM-2XPA",
        version=(1, 1),
        headers=[("REFERER", "https://portal/my/?ref=K7QM-2XPA")],
    )
    response = SimpleNamespace(status="200 OK", sent=10, headers=[], response_length=10)
    atoms = logger.atoms(response, request, environ, SimpleNamespace(seconds=0, microseconds=1000))
    line = " ".join(str(atoms.get(k, "")) for k in ("r", "U", "q", "f"))
    assert "K7QM-2XPA" not in line and "secret-token-123" not in line


def test_an_admin_search_and_the_filters_a_list_remembers_are_redacted():
    line = "GET /admin/recruitment/application/?q=wang+fang%40example.cn&_changelist_filters=q%3D138 200"
    assert "wang" not in redact(line) and "138" not in redact(line)


def test_celery_workers_log_through_the_portals_redacting_handlers():
    from config.celery import app

    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False
    assert app.conf.worker_hijack_root_logger is False

"""Settings come from the environment: defaults that work, and clear errors for bad values."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env
from tests.proc import PRODUCTION_ENV, clean_env, manage, run_python

READ_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'debug': settings.DEBUG, 'engine': db['ENGINE'], 'name': str(db['NAME']), "
    "'host': db.get('HOST'), 'hosts': settings.ALLOWED_HOSTS, 'base': settings.PUBLIC_BASE_URL, "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'cache': settings.CACHES['default']['BACKEND'], 'tz': settings.TIME_ZONE, "
    "'email': settings.EMAIL_BACKEND, 'ssl': settings.SECURE_SSL_REDIRECT}))"
)


def read_settings(**environment):
    result = run_python(READ_SETTINGS, DJANGO_SETTINGS_MODULE="config.settings", **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_nothing_set_the_portal_runs_on_sqlite_with_tasks_in_process():
    values = read_settings()
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["eager"] is True
    assert values["broker"] == "memory://"
    assert values["cache"].endswith("LocMemCache")
    assert values["base"] == "http://127.0.0.1:8000"
    assert values["tz"] == "Asia/Shanghai"  # the patients' zone, where the study teams work too


def test_production_values_come_from_the_environment():
    values = read_settings(**PRODUCTION_ENV, TIME_ZONE="Asia/Shanghai")
    assert values["debug"] is False
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["host"] == "db.internal"
    assert values["eager"] is False
    assert values["broker"] == "redis://redis.internal:6379/0"
    assert values["cache"].endswith("RedisCache")
    assert values["hosts"] == ["trials.example.org"]  # derived from PUBLIC_BASE_URL
    assert values["base"] == "https://trials.example.org"
    assert values["tz"] == "Asia/Shanghai"
    assert values["ssl"] is True


def test_the_port_moves_the_default_public_address():
    assert read_settings(PORT="8123")["base"] == "http://127.0.0.1:8123"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("DJANGO_DEBUG", "flase", "DJANGO_DEBUG='flase' is invalid"),
        ("DATABASE_URL", "mysql://root@localhost/db", "DATABASE_URL='mysql://root@localhost/db' is invalid"),
        ("DATABASE_URL", "postgres://postgres@localhost:port/db", "DATABASE_URL"),
        ("DATABASE_URL", "postgres://postgres@localhost:5432", "DATABASE_URL is invalid"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL='localhost:6379' is invalid"),
        ("PUBLIC_BASE_URL", "trials.example.org", "PUBLIC_BASE_URL='trials.example.org' is invalid"),
        ("PUBLIC_BASE_URL", "https://trials.example.org/apply", "PUBLIC_BASE_URL"),
        ("TIME_ZONE", "Mars/Olympus_Mons", "TIME_ZONE='Mars/Olympus_Mons' is invalid"),
        ("EMAIL_PORT", "smtp", "EMAIL_PORT='smtp' is invalid"),
        ("EMAIL_BACKEND", "smtp", "EMAIL_BACKEND='smtp' is invalid"),
        ("PORT", "0", "PORT='0' is invalid"),
        ("DJANGO_ALLOWED_HOSTS", " , ", "DJANGO_ALLOWED_HOSTS=',' is invalid"),
        ("ICP_FILING", "京ICP备1<script>", "ICP_FILING must be one line of plain text"),
        ("PUBLIC_SECURITY_FILING", "京公网安备", "PUBLIC_SECURITY_FILING must hold the filing's number"),
        ("SMS_ROUTES", "86:recruitment.sms_gateways.alibaba.SmsBackend", "SMS_ROUTES is invalid at"),
        ("ALIBABA_SMS_TEMPLATES", '{"confirmation": "SMS_1"}', "ALIBABA_SMS_TEMPLATES is invalid"),
        ("ALIBABA_SMS_TEMPLATES", "{confirmation", "ALIBABA_SMS_TEMPLATES is invalid"),
        ("SMS_BACKEND", "recruitment.sms_gateways.SmsRouter", "SMS_ROUTES is needed"),
    ],
)
def test_a_malformed_setting_stops_start_up_naming_the_variable(variable, value, expected):
    result = manage("check", env=clean_env(**{variable: value}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert expected in result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    result = manage("check", env=clean_env(DJANGO_DEBUG="false"))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_the_documented_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=clean_env(**PRODUCTION_ENV))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("reader", "raw", "expected"),
    [
        (lambda: env.env_bool("X_FLAG", False), "YES", True),
        (lambda: env.env_bool("X_FLAG", True), "off", False),
        (lambda: env.env_int("X_FLAG", 1), " 42 ", 42),
        (lambda: env.env_list("X_FLAG", []), "a.org, b.org,", ["a.org", "b.org"]),
        (lambda: env.env_bool("X_FLAG", True), "", True),
    ],
)
def test_env_readers_parse_what_people_write(monkeypatch, reader, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert reader() == expected


def test_env_int_enforces_its_minimum(monkeypatch):
    monkeypatch.setenv("X_COUNT", "-1")
    with pytest.raises(ImproperlyConfigured, match="X_COUNT='-1' is invalid: expected a whole number of at least 0"):
        env.env_int("X_COUNT", 5, minimum=0)


def test_started_without_its_environment_the_portal_is_no_debug_server_with_a_published_key():
    # Issue 27, low: DEBUG defaults to off, and off there is no fallback secret key.
    from tests.proc import SETTINGS_VARIABLES

    env = {k: v for k, v in clean_env().items() if k not in SETTINGS_VARIABLES}
    result = manage("check", env=env)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set" in result.stderr
    assert manage("check", env={**env, "DJANGO_DEBUG": "true"}).returncode == 0

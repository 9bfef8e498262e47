"""docker-compose.yml: no Docker engine runs here, so the file is read and its commands run by hand."""

import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.clock import frozen
from tests.proc import PRODUCTION_ENV, ROOT, SETTINGS_VARIABLES, clean_env, manage

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def command_of(service) -> list[str]:
    command = SERVICES[service]["command"]
    return command if isinstance(command, list) else shlex.split(command)


def test_compose_runs_postgres_redis_migrations_web_worker_and_beat():
    assert set(SERVICES) == {"postgres", "redis", "migrate", "web", "worker", "beat"}


@pytest.mark.parametrize("service", ["postgres", "redis", "web", "worker", "beat"])
def test_each_long_running_service_has_a_health_check(service):
    assert SERVICES[service]["healthcheck"]["test"]


def test_the_database_lives_on_a_volume():
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    assert "pgdata" in COMPOSE["volumes"]


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_app_services_wait_for_healthy_postgres_and_redis(service):
    depends = SERVICES[service]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"


def test_app_services_set_only_variables_the_settings_read():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    gunicorn_source = (ROOT / "gunicorn.conf.py").read_text()
    for name in SERVICES["web"]["environment"]:
        assert name in SETTINGS_VARIABLES or f'"{name}"' in settings_source or f'"{name}"' in gunicorn_source, name
    assert SERVICES["web"]["environment"]["DJANGO_DEBUG"] == "false"
    assert SERVICES["web"]["environment"]["DATABASE_URL"].startswith("postgres://")
    assert SERVICES["web"]["environment"]["REDIS_URL"].startswith("redis://redis:6379")


def test_migrations_run_as_the_owner_and_everything_else_as_the_application_role_after_them():
    assert " ".join(command_of("migrate")) == "python manage.py migrate --noinput"
    assert SERVICES["migrate"]["environment"]["DATABASE_URL"].startswith("postgres://portal:")
    for service in ("web", "worker", "beat"):
        assert SERVICES[service]["environment"]["DATABASE_URL"].startswith("postgres://portal_app:"), service
        assert SERVICES[service]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    init = [volume for volume in SERVICES["postgres"]["volumes"] if "docker-entrypoint-initdb.d" in volume]
    assert {volume.split(":")[0] for volume in init} == {
        "./deploy/postgres/10-app-role.sh",
        "./deploy/postgres/app-role.sql",
    }
    for volume in init:
        assert (ROOT / volume.split(":")[0]).exists()


def test_web_serves_with_gunicorn_and_probes_healthz():
    command = " ".join(command_of("web"))
    assert "migrate" not in command  # the owner's job, not the application role's
    assert "gunicorn -c gunicorn.conf.py config.wsgi:application" in command
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])


def test_worker_and_beat_run_the_projects_celery_app():
    assert command_of("worker")[:4] == ["celery", "-A", "config", "worker"]
    assert command_of("beat")[:4] == ["celery", "-A", "config", "beat"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, timeout=20.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.subprocess
def test_the_web_command_serves_healthz_and_compressed_static_files_in_production_mode(tmp_path):
    port = _free_port()
    env = clean_env(
        **{
            **PRODUCTION_ENV,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
        }
    )
    env.pop("REDIS_URL")
    collected = manage("collectstatic", "--noinput", env=env)
    assert collected.returncode == 0, collected.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    hashed_css = re.search(r'"(css/portal\.[0-9a-f]{12}\.css)"', manifest).group(1)

    gunicorn_part = re.search(r"gunicorn .*", " ".join(command_of("web"))).group(0)
    args = shlex.split(gunicorn_part.replace("0.0.0.0:8000", f"127.0.0.1:{port}"))
    server = subprocess.Popen(
        frozen(args[0], *args[1:], "--no-control-socket"),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        status, body = _wait_for(f"http://127.0.0.1:{port}/healthz")
        assert status == 200
        assert b'"database": "ok"' in body
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/static/{hashed_css}", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert "immutable" in response.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.subprocess
def test_the_worker_command_starts_a_worker_that_answers_on_the_real_broker(redis_url):
    env = clean_env(REDIS_URL=redis_url)
    worker = subprocess.Popen(
        frozen("celery", *command_of("worker")[1:], "--hostname=compose-test@%h"),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            ping = subprocess.run(
                [
                    str(Path(sys.executable).parent / "celery"),
                    "-A",
                    "config",
                    "inspect",
                    "ping",
                    "--timeout",
                    "2",
                    "-d",
                    f"compose-test@{socket.gethostname()}",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            )
            if ping.returncode == 0 and "pong" in ping.stdout:
                break
            assert time.monotonic() < deadline, ping.stdout + ping.stderr
            assert worker.poll() is None, worker.stderr.read().decode()
    finally:
        worker.terminate()
        worker.wait(timeout=20)


@pytest.mark.django_db
def test_the_application_role_of_the_init_script_cannot_change_or_delete_audit_events():
    """The init script's SQL, run on this PostgreSQL: the role it creates can write applications'
    rows, but neither update nor delete an audit event, nor switch the trigger off."""
    from django.db import DatabaseError, connection, transaction

    from recruitment.models import AuditEvent

    if connection.vendor != "postgresql":
        pytest.skip("the roles are PostgreSQL's; CI runs the suite on PostgreSQL too")
    role = "portal_app_test"
    sql = (ROOT / "deploy" / "postgres" / "app-role.sql").read_text()
    variables = {
        ':"app_role"': f'"{role}"',
        ":'app_password'": "'not-used-here'",
        ':"owner"': f'"{connection.settings_dict["USER"] or "postgres"}"',
        ':"dbname"': f'"{connection.settings_dict["NAME"]}"',
    }
    for name, value in variables.items():
        sql = sql.replace(name, value)
    statements = [
        s for s in "\n".join(line for line in sql.splitlines() if not line.startswith("--")).split(";") if s.strip()
    ]
    event = AuditEvent.objects.create(actor_label="system", action="created")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP ROLE IF EXISTS {role}")
        for statement in statements:
            cursor.execute(statement)
        cursor.execute(f"SET ROLE {role}")
        try:
            cursor.execute("SELECT count(*) FROM recruitment_auditevent")
            cursor.execute(
                "INSERT INTO recruitment_auditevent (actor_label, action, field, old_value, new_value, "
                "reason, details, created_at) VALUES ('x', 'created', '', '', '', '', '{}', now())"
            )
            for attempt in (
                f"UPDATE recruitment_auditevent SET reason = 'changed' WHERE id = {event.pk}",
                f"DELETE FROM recruitment_auditevent WHERE id = {event.pk}",
                "ALTER TABLE recruitment_auditevent DISABLE TRIGGER USER",
                "TRUNCATE recruitment_auditevent",
            ):
                with pytest.raises(DatabaseError), transaction.atomic():
                    cursor.execute(attempt)
        finally:
            cursor.execute("RESET ROLE")
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_secrets_stay_out_of_the_image_and_the_repository():
    # Issue 27, item 5: compose reads .env when the containers start; `COPY . .` must not take it.
    import fnmatch

    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for name in (".env", ".env.production", "deploy/tls/server.key", "deploy/tls/server.pem"):
        assert any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(name, p.removeprefix("**/")) for p in patterns), name
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", ".env", ".env.production", ".env.example"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert ignored == [".env", ".env.production"]  # the example, without values, is kept
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert not re.search(r"^\s*(ARG|ENV)\s+\S*(SECRET|PASSWORD|TOKEN)", dockerfile, re.M | re.I)
    build = COMPOSE["x-app"]["build"]
    assert not (isinstance(build, dict) and build.get("args"))  # nothing secret passed at build time


def test_compose_answers_only_the_public_host_and_trusts_forwarded_headers_only_from_the_proxy():
    env = COMPOSE["x-app"]["environment"]
    assert env["DJANGO_ALLOWED_HOSTS"].startswith("${PUBLIC_HOST:?")
    assert env["DJANGO_ALLOWED_HOSTS"].endswith(",127.0.0.1")  # the health check inside the container
    assert env["GUNICORN_FORWARDED_ALLOW_IPS"].startswith("${PROXY_ADDRESSES:?")
    assert "*" not in env["GUNICORN_FORWARDED_ALLOW_IPS"]

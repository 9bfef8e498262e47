"""Run the project's own commands in a subprocess with a controlled environment."""

import os
import subprocess
import sys
from pathlib import Path

from tests.clock import frozen

ROOT = Path(__file__).resolve().parent.parent

# Variables the settings read: cleared so the developer's or CI's own values never leak in.
SETTINGS_VARIABLES = [
    "DJANGO_SECRET_KEY",
    "DJANGO_DEBUG",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "PUBLIC_BASE_URL",
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "TIME_ZONE",
    "PORT",
    "DJANGO_BEHIND_PROXY",
    "DJANGO_STATIC_ROOT",
    "SMS_BACKEND",
    "PORTAL_OPERATOR",
    "PORTAL_CONTACT_EMAIL",
    "PORTAL_CONTACT_PHONE",
    "APPLICATION_RETENTION_DAYS",
]

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "s3cr3t-production-key-with-plenty-of-entropy-0123456789-abcdefghij",
    "PUBLIC_BASE_URL": "https://trials.example.org",
    "DJANGO_BEHIND_PROXY": "true",
    "DATABASE_URL": "postgres://portal:portal@db.internal:5432/portal",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "PORTAL_OPERATOR": "Example Research Services Ltd, 1 Example Road, Shanghai",
    "PORTAL_CONTACT_EMAIL": "privacy@trials.example.org",
    "SMS_BACKEND": "sms.backends.twilio.SmsBackend",
}


# Set in this process for the browser tests only; never for the processes the tests start.
TEST_PROCESS_ONLY = ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def clean_env(**overrides) -> dict:
    """The environment of a process a test starts: none of this process's settings, development
    mode (the settings default to production), then `overrides`."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES and k not in TEST_PROCESS_ONLY}
    env["DJANGO_DEBUG"] = "true"
    env.update(overrides)
    return env


def run(args, *, env, timeout=60, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    return run([sys.executable, "-c", code], env=clean_env(**env))


def manage(*args, env=None, timeout=120) -> subprocess.CompletedProcess:
    return run([sys.executable, "manage.py", *args], env=env if env is not None else clean_env(), timeout=timeout)


def database_url_of(connection) -> str:
    """A DATABASE_URL that points a child process at the database this test process uses."""
    from urllib.parse import quote

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict.get("USER") or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def start_worker(env: dict, *, name: str):
    """A real Celery worker (one process, solo pool) running the project's app."""
    log = open(Path(env["EMAIL_FILE_PATH"]).parent / f"{name}.log", "w")  # noqa: SIM115 - closed by stop()
    process = subprocess.Popen(
        frozen(
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=info",
            f"--hostname={name}@%h",
            "--without-gossip",
            "--without-mingle",
        ),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def start_beat(env: dict, *, name: str):
    """Real Celery beat, with its schedule file beside the outbox."""
    workdir = Path(env["EMAIL_FILE_PATH"]).parent
    log = open(workdir / f"{name}.log", "w")  # noqa: SIM115 - closed by stop()
    process = subprocess.Popen(
        frozen("celery", "-A", "config", "beat", "--loglevel=info", f"--schedule={workdir / f'{name}-schedule'}"),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def stop(process, *, kill=False):
    if process.poll() is None:
        process.kill() if kill else process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if getattr(process, "log", None):
        process.log.close()

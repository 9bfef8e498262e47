"""Run the project's own commands in a subprocess with a controlled environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Variables the settings read: cleared so the developer's or CI's own values never leak in.
SETTINGS_VARIABLES = [
    "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS", "DJANGO_CSRF_TRUSTED_ORIGINS", "DATABASE_URL",
    "REDIS_URL", "PUBLIC_BASE_URL", "EMAIL_BACKEND", "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT",
    "EMAIL_USE_TLS", "EMAIL_USE_SSL", "TIME_ZONE", "PORT", "DJANGO_BEHIND_PROXY", "DJANGO_STATIC_ROOT",
]

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "s3cr3t-production-key-with-plenty-of-entropy-0123456789-abcdefghij",
    "PUBLIC_BASE_URL": "https://trials.example.org",
    "DJANGO_BEHIND_PROXY": "true",
    "DATABASE_URL": "postgres://portal:portal@db.internal:5432/portal",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def clean_env(**overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(overrides)
    return env


def run(args, *, env, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    return run([sys.executable, "-c", code], env=clean_env(**env))


def manage(*args, env=None, timeout=120) -> subprocess.CompletedProcess:
    return run([sys.executable, "manage.py", *args], env=env if env is not None else clean_env(), timeout=timeout)

"""Typed readers for environment variables.

Every setting has a working default so a fresh checkout runs with nothing set; a value that is
set but malformed stops start-up with an error that names the variable, because a silently
ignored typo in production (DJANGO_DEBUG=flase) is worse than a crash at boot.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def _fail(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Environment variable {name}={value!r} is invalid: expected {expected}.")


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise _fail(name, value, "one of true/false, yes/no, on/off, 1/0")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise _fail(name, value, "a whole number") from None
    if minimum is not None and number < minimum:
        raise _fail(name, value, f"a whole number of at least {minimum}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise _fail(name, value, "a comma-separated list with at least one item")
    return items


def env_url(name: str, default: str, *, schemes: set[str], path_allowed: bool = True) -> str:
    """A URL whose scheme is one of `schemes` and which has a host (or is a file path URL)."""
    value = _raw(name)
    if value is None:
        return default
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        raise _fail(name, value, f"a URL starting with {' or '.join(sorted(s + '://' for s in schemes))}")
    if not parts.netloc and parts.scheme not in {"sqlite"}:
        raise _fail(name, value, "a URL with a host name")
    try:
        parts.port  # noqa: B018 - raises on a non-numeric port
    except ValueError:
        raise _fail(name, value, "a URL with a numeric port") from None
    if not path_allowed and parts.path not in {"", "/"}:
        raise _fail(name, value, "an origin such as https://trials.example.org, without a path")
    return value


def env_timezone(name: str, default: str) -> str:
    value = _raw(name)
    if value is None:
        return default
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(name, value, "an IANA time zone such as Asia/Shanghai or UTC") from None
    return value


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = _raw(name)
    if value is None:
        return default
    if value not in choices:
        raise _fail(name, value, "one of " + ", ".join(sorted(choices)))
    return value

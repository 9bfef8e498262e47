"""Per-address limits on complete sign-ups: a window per address, counted in the database.

The counter (`SignupCounter`) is updated in the submission's own transaction (see
`services.applications.store`), which stores nothing else when the address is over its limit: the
limit holds while Redis is down, and a patient correcting answers is never counted.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import re
from dataclasses import dataclass

from django.conf import settings

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"(\d+)/(\d*)([smhd])")
# Addresses an IPv6 client can change at will: its /64 counts as one address.
IPV6_PREFIX = 64


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    @classmethod
    def parse(cls, text: str) -> Rate:
        """ "20/h", "5/10m": a count per period (settings validates the form at start-up)."""
        match = RATE.fullmatch(text)
        if match is None:
            raise ValueError(f"not a rate: {text!r}")
        count, multiple, unit = match.groups()
        return cls(int(count), int(multiple or 1) * _PERIODS[unit])


def client_ip(request) -> str:
    """The client address as seen by our own reverse proxy (the last X-Forwarded-For entry),
    or the connection's address when that entry is missing or not an IP address."""
    candidate = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return request.META.get("REMOTE_ADDR", "")


def client_address(request) -> str:
    """The address a limit counts: the proxy's view of the client behind one, the connection's
    otherwise (a client could forge X-Forwarded-For); an IPv6 address as its /64."""
    address = client_ip(request) if settings.BEHIND_PROXY else request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return str(parsed)


@dataclass(frozen=True)
class Throttle:
    """One address's sign-up limit, as the submission's write applies it: the counter `key`
    allows `limit` sign-ups in a window of `period` seconds from its first one."""

    key: int
    limit: int
    period: int


class Throttled(Exception):
    """Too many complete sign-ups from this address in its window: nothing was stored."""


def signup_throttle(request, *, group: str = "signup", rate: str | None = None) -> Throttle:
    """The limit for this request's address. The address is hashed with the secret key into a
    64-bit key: the database never holds it."""
    parsed = Rate.parse(rate or settings.SIGNUP_RATE_LIMIT)
    digest = hashlib.blake2b(
        f"{group}:{client_address(request)}".encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=8
    ).digest()
    return Throttle(int.from_bytes(digest, "big", signed=True), parsed.limit, parsed.period)


def count_hit(throttle: Throttle, now) -> int:
    """Count one hit (a sign-up, a code asked for) on the address's counter, locked until the
    commit (call it in a transaction); its new value.
    The counter is created if missing without failing when a concurrent sign-up created it first."""
    from recruitment.models import SignupCounter  # not at the top: the settings import this module

    window = datetime.timedelta(seconds=throttle.period)
    counter = None
    while counter is None:
        SignupCounter.objects.bulk_create(
            [SignupCounter(key=throttle.key, hits=0, window_ends=now + window)], ignore_conflicts=True
        )
        # Beat's cleanup may delete an ended window between the two statements: then insert again.
        counter = SignupCounter.objects.select_for_update().filter(pk=throttle.key).first()
    if counter.window_ends <= now:
        counter.hits, counter.window_ends = 0, now + window
    counter.hits += 1
    counter.save(update_fields=["hits", "window_ends"])
    return counter.hits

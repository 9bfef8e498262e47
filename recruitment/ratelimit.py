"""Per-address limits on complete sign-ups: a fixed window counted with one cache operation.

django-ratelimit counted with two (ADD, then INCR when the key was there): on a busy connection
such as a clinic's Wi-Fi, the second is paid by every patient, and the check cost an eighth of a
submission. Here one Redis script increments and sets the expiry together.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import time
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"(\d+)/(\d*)([smhd])")
# Addresses an IPv6 client can change at will: its /64 counts as one address.
IPV6_PREFIX = 64


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """"20/h", "5/10m": a count per period (settings validates the form at start-up)."""
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


def hit(request, *, group: str, rate: str, now: float | None = None) -> bool:
    """Count one hit for the client's address; True when it goes over `rate`.

    1. The address is hashed with the secret key: the cache never holds it.
    2. Each address's windows start at an offset of their own, so that not every counter
       resets at once.
    3. The count and the expiry are set together (`ResilientRedisCache.count`), or with
       add-then-incr on a cache without that (local memory, `make run`).
    4. A cache that cannot count lets the patient through: a lost counter is safer than a
       patient turned away (the cache is down, the application must still be stored)."""
    parsed = Rate.parse(rate)
    address = client_address(request)
    digest = hashlib.blake2b(f"{group}:{address}".encode(), key=settings.SECRET_KEY.encode()[:64],
                             digest_size=16).hexdigest()
    now = time.time() if now is None else now
    window = int(now + zlib.crc32(digest.encode()) % parsed.period) // parsed.period
    key = f"rl:{digest}:{parsed.period}:{window}"
    count = _count(caches["default"], key, parsed.period)
    return count is not None and count > parsed.limit


def _count(cache, key: str, timeout: int) -> int | None:
    if hasattr(cache, "count"):
        return cache.count(key, timeout)
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two: this hit starts a new window
        return 1 if cache.add(key, 1, timeout) else None

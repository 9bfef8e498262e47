"""Which applications this browser sent in the last 30 minutes, in a signed cookie.

Phones and clinic tablets are shared: a submission's answers are shown again (its confirmation
page, its answers reused for another trial) only to the browser that sent it, and only for a
short while. A signed cookie rather than the session, so that a submission writes no session row:
the cookie holds reference codes only, which are no use without it, and it is HttpOnly.
"""

import time

from django.conf import settings

COOKIE = "portal_sent"
SALT = "recruitment.recently_sent"
WINDOW_SECONDS = 30 * 60
KEEP = 10


def _entries(request) -> list[tuple[str, float]]:
    value = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=WINDOW_SECONDS)
    now = time.time()
    entries = []
    for item in value.split(","):
        reference, _sep, sent = item.partition("@")
        try:
            sent = float(sent)
        except ValueError:
            continue
        if now - sent < WINDOW_SECONDS:
            entries.append((reference, sent))
    return entries


def recent_references(request) -> list[str]:
    """References sent from this browser within the window, newest first."""
    return [reference for reference, _sent in _entries(request)]


def remember_sent(request, response, reference: str):
    kept = [(ref, sent) for ref, sent in _entries(request) if ref != reference]
    entries = [(reference, time.time()), *kept][:KEEP]
    response.set_signed_cookie(
        COOKIE, ",".join(f"{ref}@{sent:.0f}" for ref, sent in entries), salt=SALT, max_age=WINDOW_SECONDS,
        httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )
    return response

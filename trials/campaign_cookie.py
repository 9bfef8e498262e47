"""The campaign a patient came through travels in a signed cookie from the short link to the
submission, so that the sign-up page itself is the same for everyone (and can be cached)."""

from django.conf import settings

COOKIE = "portal_campaign"
SALT = "trials.campaign"
MAX_AGE = 7 * 24 * 3600


def remember_campaign(response, campaign):
    response.set_signed_cookie(
        COOKIE,
        campaign.code,
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def campaign_code(request) -> str | None:
    return request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=MAX_AGE)


# Which campaigns this device's scans were counted for today: a phone that opens a link ten times
# (or reloads it) is one scan, and sponsors read the count.
SCANNED = "portal_scanned"
SCANNED_SALT = "trials.campaign.scanned"
SCANNED_KEEP = 30


def _scanned(request, today: str) -> list[str]:
    value = request.get_signed_cookie(SCANNED, default="", salt=SCANNED_SALT, max_age=24 * 3600)
    day, _sep, codes = value.partition(":")
    return codes.split(",") if day == today and codes else []


def scanned_today(request, campaign, today: str) -> bool:
    return campaign.code in _scanned(request, today)


def remember_scan(request, response, campaign, today: str):
    codes = [campaign.code, *(code for code in _scanned(request, today) if code != campaign.code)][:SCANNED_KEEP]
    response.set_signed_cookie(
        SCANNED,
        f"{today}:{','.join(codes)}",
        salt=SCANNED_SALT,
        max_age=24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response

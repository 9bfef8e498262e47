"""The campaign a patient came through travels in a signed cookie from the short link to the
submission, so that the sign-up page itself is the same for everyone (and can be cached)."""

from django.conf import settings

COOKIE = "portal_campaign"
SALT = "trials.campaign"
MAX_AGE = 7 * 24 * 3600


def remember_campaign(response, campaign):
    response.set_signed_cookie(
        COOKIE, campaign.code, salt=SALT, max_age=MAX_AGE, httponly=True, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def campaign_code(request) -> str | None:
    return request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=MAX_AGE)

"""The reader's language: chosen with the switcher, by a campaign, or by the browser."""

from django.conf import settings
from django.utils import translation


def is_supported(code: str | None) -> bool:
    return code in dict(settings.LANGUAGES)


def choose(response, code: str):
    """Serve this and later pages in `code`, as Django's own language switcher does."""
    translation.activate(code)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response

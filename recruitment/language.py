"""The reader's language: chosen with the switcher, by a campaign, or by the browser."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe


def is_supported(code: str | None) -> bool:
    return code in dict(settings.LANGUAGES)


def reads_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def join_list(items) -> str:
    """Items as the reader's language lists them: Chinese with the enumeration comma."""
    return ("、" if reads_chinese() else ", ").join(items)


def choose(response, code: str):
    """Serve this and later pages in `code`, as Django's own language switcher does."""
    translation.activate(code)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def unprefixed(path: str) -> str:
    """`path` without its language prefix: the address to print, which sends each reader to
    their own language (config/urls.py)."""
    code = translation.get_language_from_path(path)
    return path[len(code) + 1 :] if code else path


def address_in(path: str, code: str) -> str:
    """This page's address (its query string kept) in another language."""
    return translate_url(path, code)


@require_safe
def switch(request, code):
    """The header's switcher: the same page in language `code` (its home where the page has no
    twin, a 404 say), and the choice remembered for addresses without a language (a printed
    code, an old link). A link, so that the public pages it sits on carry no token."""
    if not is_supported(code):
        raise Http404
    page = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        page = "/"
    there = address_in(page, code)
    if there == page:  # nothing there to translate
        with translation.override(code):
            there = reverse("trials:list")
    return choose(HttpResponseRedirect(there), code)

"""Whole-page caching of the public pages a campaign sends thousands of patients to.

A page is the same for every anonymous visitor of one language, except its CSRF token: the cached
copy holds a placeholder, and each response gets the visitor's own token. Only pages without
query parameters (or with the parameters a view declares valid) are cached, so random query
strings cannot fill the cache. Entries live PUBLIC_PAGE_CACHE_SECONDS: a change to a trial shows
within that time (the sign-up form's trial is kept as long, see trials.signup; the write of a
submission checks the trial and site still recruit).
"""

import hashlib
import re
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

PLACEHOLDER = b"__csrf_token_placeholder__"
# In front of the shared cache, each worker keeps the pages it served last: a broadcast sends
# thousands of patients to the same few pages, and a local hit needs no round trip to Redis.
_LOCAL: dict[str, tuple[float, tuple]] = {}
_LOCAL_MAX = 256


def _get(key: str):
    entry = _LOCAL.get(key)
    if entry is not None and entry[0] > time.monotonic():
        return entry[1]
    value = cache.get(key)
    if value is not None:
        _remember(key, value, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return value


def _remember(key: str, value, seconds: int):
    if len(_LOCAL) >= _LOCAL_MAX:
        _LOCAL.clear()
    _LOCAL[key] = (time.monotonic() + seconds, value)
_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_INDENTATION = re.compile(rb"\n\s+")


def _compact(body: bytes) -> bytes:
    """The page without its templates' indentation and blank lines (a third of the sign-up page,
    which is sent to every patient a broadcast brings): a run of whitespace keeps a newline, so the
    page renders the same. A page with text whose whitespace counts (<pre>, <textarea>) is kept."""
    if b"<pre" in body or b"<textarea" in body:
        return body
    return _INDENTATION.sub(b"\n", body)


def cached_public_page(*, cacheable=lambda request: not request.GET):
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
            if not seconds or request.method not in ("GET", "HEAD") or not cacheable(request):
                return view(request, *args, **kwargs)
            path = request.get_full_path().encode()
            key = f"page:v2:{get_language()}:{hashlib.sha256(path).hexdigest()}"
            hit = _get(key)
            if hit is not None:
                status, content_type, parts = hit
                # Only a page with a form needs the visitor's CSRF token (and gets the cookie).
                body = parts[0] if len(parts) == 1 else get_token(request).encode().join(parts)
                return HttpResponse(body, status=status, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code in (200, 404) and not response.streaming:
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                body = _TOKEN.sub(b'name="csrfmiddlewaretoken" value="' + PLACEHOLDER + b'"',
                                  _compact(response.content))
                entry = (response.status_code, response["Content-Type"], tuple(body.split(PLACEHOLDER)))
                cache.set(key, entry, seconds)
                _remember(key, entry, seconds)
            return response

        return wrapper

    return decorate

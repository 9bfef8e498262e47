"""Whole-page caching of the public pages a campaign sends thousands of patients to.

A page is the same for every anonymous visitor of one language, except its CSRF token: the cached
copy holds a placeholder, and each response gets the visitor's own token. Only pages without
query parameters (or with the parameters a view declares valid) are cached, so random query
strings cannot fill the cache. Entries live PUBLIC_PAGE_CACHE_SECONDS: a change to a trial shows
within that time; submissions always read the database.
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


def cached_public_page(*, cacheable=lambda request: not request.GET):
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
            if not seconds or request.method not in ("GET", "HEAD") or not cacheable(request):
                return view(request, *args, **kwargs)
            path = request.get_full_path().encode()
            key = f"page:{get_language()}:{hashlib.sha256(path).hexdigest()}"
            hit = _get(key)
            if hit is not None:
                status, content_type, body = hit
                return HttpResponse(body.replace(PLACEHOLDER, get_token(request).encode()), status=status,
                                    content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code in (200, 404) and not response.streaming:
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                body = _TOKEN.sub(b'name="csrfmiddlewaretoken" value="' + PLACEHOLDER + b'"', response.content)
                entry = (response.status_code, response["Content-Type"], body)
                cache.set(key, entry, seconds)
                _remember(key, entry, seconds)
            return response

        return wrapper

    return decorate

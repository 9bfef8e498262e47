"""A request body that cannot be read (a form declared in a charset that does not exist, bytes
that are not in the charset declared) is the client's mistake: 400 with the friendly page, never a
500 that pages the team."""

import codecs

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string


def _bad_request(request):
    return HttpResponseBadRequest(render_to_string("400.html", request=request))


class MalformedBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH") and request.encoding is None:
            charset = request.content_params.get("charset") if hasattr(request, "content_params") else None
            if charset:
                try:
                    codecs.lookup(charset)
                except LookupError:
                    return _bad_request(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UnicodeDecodeError):
            return _bad_request(request)
        return None

"""A request body that cannot be read (a form declared in a charset that does not exist, bytes
that are not in the charset declared) is the client's mistake: 400 with the friendly page, never a
500 that pages the team."""

import codecs

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _bad_request(request):
    return HttpResponseBadRequest(render_to_string("400.html", request=request))


class MalformedBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            charset = request.content_params.get("charset") if hasattr(request, "content_params") else None
            if charset:
                try:
                    codec = codecs.lookup(charset).name
                except LookupError:
                    return _bad_request(request)
                # Django reads forms in UTF-8 only: another charset raises BadRequest wherever the
                # body is first read, the CSRF check included, whose failure page reads it again
                # (a 500). Answered here, before anything reads it, with or without a CSRF cookie.
                if codec != "utf-8" and request.content_type in FORM_TYPES:
                    return _bad_request(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UnicodeDecodeError):
            return _bad_request(request)
        return None

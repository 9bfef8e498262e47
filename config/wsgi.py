import codecs
import os

from django.core.wsgi import get_wsgi_application
from django.utils.http import parse_header_parameters

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

_django = get_wsgi_application()


def application(environ, start_response):
    """Django's application, after one check Django makes before any middleware runs: a charset
    parameter no codec lookup accepts (a NUL in `charset*=`) is a client's malformed request, 400,
    not a 500."""
    if not _content_type_readable(environ.get("CONTENT_TYPE", "")):
        start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"Bad Request: the Content-Type header cannot be read."]
    return _django(environ, start_response)


def _content_type_readable(content_type: str) -> bool:
    try:
        _kind, params = parse_header_parameters(content_type)
    except ValueError:  # an RFC 2231 parameter in an encoding that does not exist, in any parameter
        return False
    charset = params.get("charset")
    if charset is None:
        return True
    try:
        codecs.lookup(charset)
    except LookupError:
        return True  # Django answers an unknown charset itself (config.bad_request: 400)
    except ValueError:
        return False
    return True

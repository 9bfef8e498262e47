"""When the database is unreachable (a PostgreSQL restart), answer with a clear 503 page instead
of a 500, and hand a patient's typed answers back so that one tap sends them again."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        return unavailable_response(request, exception)


def unavailable_response(request, exception):
    logger.error("database unavailable for %s %s: %s", request.method, request.path, exception)
    answers = []
    # Only a patient's questionnaire is handed back; never a login form's password.
    match = getattr(request, "resolver_match", None)
    if request.method == "POST" and match is not None and match.view_name == "recruitment:apply":
        answers = [(key, value) for key, values in request.POST.lists() for value in values if "password" not in key]
    # Rendered without the database: no context processors that query it.
    body = render_to_string(
        "503.html", {"answers": answers, "action": request.get_full_path(), "is_post": request.method == "POST"}
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error_view(request, template_name="500.html"):
    """handler500: a database error raised outside a view (a session saved while PostgreSQL
    restarts) is an outage too, and gets the same 503 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return unavailable_response(request, exception)
    return server_error(request, template_name)

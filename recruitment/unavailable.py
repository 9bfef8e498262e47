"""When the database is unreachable (a PostgreSQL restart), answer with a clear 503 page instead
of a 500, and hand a patient's typed answers back so that one tap sends them again."""

import logging

from django.db import InterfaceError, OperationalError
from django.template.loader import render_to_string
from django.http import HttpResponse

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
        logger.error("database unavailable for %s %s: %s", request.method, request.path, exception)
        answers = []
        if request.method == "POST":
            answers = [(key, value) for key, values in request.POST.lists() for value in values]
        # Rendered without the database: no context processors that query it.
        body = render_to_string("503.html", {"answers": answers, "action": request.get_full_path(),
                                             "is_post": request.method == "POST"})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST


def plain(request):
    """Baseline for page throughput: the same middleware, no work."""
    return HttpResponse("ok")


@require_POST
def insert(request):
    """Baseline for submissions: the same middleware (CSRF included), one INSERT in a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (payload) VALUES (%s)", [request.POST.get("full_name", "")])
    return HttpResponse("ok")


handler500 = "config.database_unavailable.server_error_view"  # as in config.urls

urlpatterns = [
    path("bench/plain/", plain),
    path("bench/insert/", insert),
    path("", include("config.urls")),
]

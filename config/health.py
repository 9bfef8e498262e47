"""`/healthz` for docker compose and load balancers.

Answered by the first middleware so that it works with any Host header (a probe uses the
container's own address) and is never redirected to HTTPS.
"""

import datetime
import json

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import HttpResponse
from django.utils import timezone


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def check_broker() -> str:
    if not settings.REDIS_URL:
        return "not configured (tasks run in-process)"
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        return f"error: {exc.__class__.__name__}"
    finally:
        client.close()
    return "ok"


def check_notifications() -> str:
    """Whether notices reach coordinators: how many are still unsent well after the sweeper should
    have queued them again. Reported, never failed on: the web itself is fine, but nobody is told
    of new patients."""
    if not settings.REDIS_URL:
        return "sent in-process"
    from recruitment.models import Notification, NotificationStatus

    overdue = settings.NOTIFICATION_REQUEUE_AFTER + 120
    cutoff = timezone.now() - datetime.timedelta(seconds=overdue)
    try:
        waiting = Notification.objects.filter(status=NotificationStatus.PENDING, created_at__lt=cutoff).count()
    except DatabaseError:
        return "unknown"
    if not waiting:
        return "ok"
    return f"{waiting} waiting over {overdue // 60} minutes to be sent: are the celery worker and beat running?"


def health_report() -> tuple[bool, dict[str, str]]:
    checks = {"database": check_database(), "broker": check_broker(), "notifications": check_notifications()}
    healthy = not any(value.startswith("error") for value in checks.values())
    return healthy, checks


class HealthCheckMiddleware:
    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != self.path:
            return self.get_response(request)
        healthy, checks = health_report()
        body = json.dumps({"status": "ok" if healthy else "unavailable", **checks})
        response = HttpResponse(body, status=200 if healthy else 503, content_type="application/json")
        response["Cache-Control"] = "no-store"
        return response

"""Celery tasks: thin, taking ids, safe to run twice. The work is in services.notifications."""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from recruitment.models import Notification
from recruitment.services import notifications
from recruitment.services.notifications import Outcome


@shared_task(
    bind=True,
    acks_late=True,  # a worker killed mid-send leaves the message to be delivered again...
    reject_on_worker_lost=True,  # ...and deliver() makes that second delivery harmless
    max_retries=settings.NOTIFICATION_MAX_ATTEMPTS,
    # A database that fails for a moment (a restart, a lock) retries the send after 30 s, 1 min...,
    # rather than leaving the row to the sweeper's next pass.
    autoretry_for=(DatabaseError,),
    retry_backoff=30,
    retry_jitter=False,
)
def send_notification(self, notification_id: int) -> str:
    outcome = notifications.deliver(notification_id, max_attempts=settings.NOTIFICATION_MAX_ATTEMPTS)
    if outcome == Outcome.RETRY and not self.request.is_eager:
        # 30 s, 1 min, 2 min, 4 min...: bounded by max_retries and by the row's attempt count.
        countdown = 30 * 2**self.request.retries
        # The retry is queued: the sweeper must not start a second chain before it is due.
        Notification.objects.filter(pk=notification_id).update(
            queued_at=timezone.now() + datetime.timedelta(seconds=countdown)
        )
        raise self.retry(countdown=countdown)
    return outcome


@shared_task
def requeue_pending_notifications() -> int:
    return notifications.requeue_stale(older_than=datetime.timedelta(seconds=settings.NOTIFICATION_REQUEUE_AFTER))


@shared_task
def send_daily_digests() -> int:
    return len(notifications.queue_digests())


@shared_task
def send_due_reminders() -> int:
    from recruitment.services import reminders

    return reminders.send_due()


@shared_task(ignore_result=True)
def forget_signup_counters() -> int:
    """Drop the sign-up counters whose window has ended (a new sign-up starts a new one anyway)."""
    from recruitment.models import SignupCounter

    return SignupCounter.objects.filter(window_ends__lt=timezone.now()).delete()[0]


@shared_task(soft_time_limit=3600, time_limit=3660)  # a backlog after a broadcast day takes a while
def erase_expired_applications() -> int:
    """The retention period: erase applications left untouched for RETENTION_DAYS."""
    from recruitment.services import erasure

    return erasure.erase_expired()


@shared_task
def notify_missed_first_contacts() -> int:
    """Tell each site's lead of applicants waiting past the first-contact target, once."""
    from recruitment.services import calls

    return len(calls.notify_missed_first_contacts())


@shared_task(ignore_result=True)
def clear_expired_sessions() -> None:
    """What `manage.py clearsessions` does, nightly."""
    from importlib import import_module

    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task
def seal_audit_trail() -> int:
    """Add the settled audit events to the trail's hash chain."""
    from recruitment.services import audit_chain

    return audit_chain.seal_pending()


@shared_task(ignore_result=True)
def send_access_code(reference: str, address: str, asked_from: int | None, ask_hash: str) -> None:
    """A patient's request for a one-time code, looked up after the response: asking costs the
    same whether or not the reference and address match (recruitment.services.patient_access)."""
    from recruitment.services import patient_access

    patient_access.request_code(reference, address, asked_from, ask_hash)

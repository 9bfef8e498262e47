"""E-mails to coordinators, and e-mails and text messages to patients
(recruitment.services.patient_messages), through an outbox that loses nothing.

1. The application's own transaction stores one Notification row per coordinator
   (`selectors.new_application_recipients`): the outbox, the source of truth.
2. Once it commits, `enqueue` publishes a send task per row (`transaction.on_commit`). With the
   broker down it gives up within half a second, and the rows stay pending: the patient's
   application is stored whatever happens to the broker. Without a broker (`make run`, tests)
   the tasks run in-process at that moment.
3. `deliver` sends one row's e-mail while holding the row's lock and marks it sent in the same
   transaction: a task delivered twice, or re-queued by the sweeper, sends once.
4. `requeue_stale` (Celery beat, every minute) re-queues rows still pending after a while: what a
   broker outage or a killed worker left behind.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from config.celery import app as celery_app
from recruitment.models import AuditAction, Notification, NotificationKind, NotificationStatus, email_language_of
from recruitment.models.notifications import PATIENT_KINDS
from recruitment.pipeline import Status
from recruitment.selectors import active_coordinators, applications_for, coordinators_for
from recruitment.services.audit import log_action
from recruitment.sms_gateways import Undeliverable
from recruitment.workdays import working_days_before

logger = logging.getLogger(__name__)

ONE_TRY = {"max_retries": 0}
# The send task, found by name in Celery's registry: recruitment.tasks calls these services, and
# the services never import the tasks (RecruitmentConfig.ready loads them).
SEND_TASK = "recruitment.tasks.send_notification"


def admin_url(application) -> str:
    """An application's page, as e-mails link to it: by its opaque id (a mailbox keeps no
    sequential number that counts the applicants or names the next one)."""
    return settings.PUBLIC_BASE_URL + reverse("admin:recruitment_application_open", args=[application.public_id])


def new_application_notice(now) -> Notification:
    """The notice each recipient of a new application gets (queued once stored: `notices_stored`)."""
    return Notification(kind=NotificationKind.NEW_APPLICATION, created_at=now)


def notices_stored(application, ids) -> None:
    """Call where the application's notices were stored: they are queued once it commits."""
    if not ids:
        logger.warning("application %s has no coordinator to notify", application.reference)
    transaction.on_commit(lambda: enqueue(ids), robust=True)


def enqueue(ids) -> int:
    """Publish a send task per id; returns how many were published. Never raises.

    The rows are marked queued before the first task is published, never after: a worker takes a
    notification with SELECT ... FOR UPDATE SKIP LOCKED, and a row this process was still
    updating when the task arrived was skipped, left pending until the sweeper's next run (the
    tail of a burst: a few in a thousand waited minutes)."""
    ids = list(ids)
    if not ids:
        return 0
    send_notification = celery_app.tasks[SEND_TASK]
    Notification.objects.filter(pk__in=ids).update(queued_at=timezone.now())
    published = 0
    for notification_id in ids:
        try:
            # One try: a patient's request may be waiting (the sweeper tries again later). Not
            # retry=False: that connects through the transport's own retries (2 s with Redis down).
            send_notification.apply_async(args=[notification_id], retry_policy=ONE_TRY)
        except Exception as exc:  # noqa: BLE001 - any broker failure: the sweeper retries later
            logger.warning("could not queue notification %s, the sweeper will: %s", notification_id, exc)
            # The broker is down: don't spend the patient's time on the others, which no worker
            # holds and which are the sweeper's at its next run.
            Notification.objects.filter(pk__in=ids[published:]).update(queued_at=None)
            break
        published += 1
    return published


class Outcome:
    SENT = "sent"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def _message(notification) -> EmailMessage:
    recipient = notification.recipient
    with translation.override(email_language_of(recipient)):
        if notification.kind in (NotificationKind.NEW_APPLICATION, NotificationKind.FIRST_CONTACT_MISSED):
            application = notification.application
            context = {
                "application": application,
                "trial": application.trial,
                "url": admin_url(application),
                "recipient": recipient,
                "site": application.site,
            }
            subject = render_to_string(f"emails/{notification.kind}_subject.txt", context).strip()
            body = render_to_string(f"emails/{notification.kind}.txt", context)
        elif notification.kind == NotificationKind.ACCOUNT_CHANGED:
            context = {
                "recipient": recipient,
                "event": notification.payload.get("event"),
                "when": timezone.localtime(notification.created_at),
            }
            subject = render_to_string("emails/account_changed_subject.txt", context).strip()
            body = render_to_string("emails/account_changed.txt", context)
        elif notification.kind == NotificationKind.CATALOG_CHANGED:
            from trials.models import change_label, value_label

            changes = [
                (site, change_label(what), value_label(what, old), value_label(what, new))
                for site, what, old, new in notification.payload["changes"]
            ]
            context = {
                "recipient": recipient,
                **notification.payload,
                "changes": changes,
                "url": settings.PUBLIC_BASE_URL
                + reverse("admin:trials_trial_change", args=[notification.payload["trial_id"]]),
            }
            subject = render_to_string("emails/catalog_changed_subject.txt", context).strip()
            body = render_to_string("emails/catalog_changed.txt", context)
        else:
            applications = list(
                applications_for(recipient)
                .filter(_in_digest(notification.payload), status=Status.NEW)
                .select_related("trial")
                .order_by("submitted_at")
            )
            context = {"applications": [(a, admin_url(a)) for a in applications], "recipient": recipient}
            subject = render_to_string("emails/digest_subject.txt", context).strip()
            body = render_to_string("emails/digest.txt", context)
    return EmailMessage(
        # One line whatever a name stored before names were checked holds (trials.models.ONE_LINE):
        # a line break would fail this e-mail at every retry.
        subject=" ".join(subject.split()),
        body=body,
        to=[recipient.email],
        headers={"Message-ID": f"<notification-{notification.pk}@{settings.PUBLIC_BASE_URL.split('://')[1]}>"},
    )


def deliver(notification_id: int, *, max_attempts: int) -> str:
    with transaction.atomic():
        # The row alone, by its key, locked (a second delivery skips it); what the message needs is
        # read by key afterwards. Joined to the applications, this lookup let PostgreSQL pick a merge
        # join that walked the whole applications index (100 ms at 130,000 applications, with the
        # statistics behind a burst's new rows): a broadcast's notices queued behind it.
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status=NotificationStatus.PENDING)
            .first()
        )
        if notification is None:
            return Outcome.SKIPPED  # already sent, failed for good, or being sent right now
        stale = _no_longer_wanted(notification)
        if stale:
            notification.status = NotificationStatus.FAILED
            notification.last_error = stale
            notification.payload.pop("code", None)
            notification.save(update_fields=["status", "last_error", "payload"])
            return Outcome.SKIPPED
        notification.attempts += 1
        try:
            _outgoing(notification).send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - SMTP, DNS, template: all recorded, none lost
            # A provider's message about a patient's message quotes the patient's number or address.
            patient = notification.kind in PATIENT_KINDS
            notification.last_error = exc.__class__.__name__ if patient else f"{exc.__class__.__name__}: {exc}"[:2000]
            # A gateway's refusal for good (a number it cannot reach) is not tried again.
            final = notification.attempts >= max_attempts or isinstance(exc, Undeliverable)
            if final:
                notification.status = NotificationStatus.FAILED
                notification.payload.pop("code", None)  # a one-time code never sent is no use
            notification.save(update_fields=["attempts", "last_error", "status", "payload"])
            logger.warning(
                "notification %s failed (attempt %s): %s",
                notification_id,
                notification.attempts,
                notification.last_error,
            )
            return Outcome.FAILED if final else Outcome.RETRY
        notification.status = NotificationStatus.SENT
        notification.sent_at = timezone.now()
        notification.payload.pop("code", None)  # a one-time code lives on in the message only
        notification.save(update_fields=["attempts", "status", "sent_at", "payload"])
        return Outcome.SENT


def _outgoing(notification):
    """The e-mail, or text message, to send."""
    if notification.kind in PATIENT_KINDS:
        from recruitment.services import patient_messages

        return patient_messages.message(notification)
    if not notification.recipient.email:
        raise ValueError(f"user {notification.recipient} has no e-mail address")
    return _message(notification)


def _in_digest(payload) -> Q:
    """The applications a digest lists (by id; digests queued before ids were kept, by reference)."""
    return Q(pk__in=payload.get("applications", [])) | Q(reference__in=payload.get("references", []))


def _no_longer_wanted(notification) -> str:
    """Why this message must not go out any more, or '' when it still should."""
    if notification.kind in PATIENT_KINDS:
        from recruitment.services import patient_messages

        return patient_messages.no_longer_wanted(notification)
    recipient = notification.recipient
    if not recipient.is_active:
        return "not sent: the recipient's account is deactivated"
    if notification.kind in (NotificationKind.CATALOG_CHANGED, NotificationKind.ACCOUNT_CHANGED):
        return ""
    if notification.kind == NotificationKind.FIRST_CONTACT_MISSED:
        if notification.application.first_contact_at is not None or notification.application.erased_at:
            return "not sent: the applicant has been contacted since"
    elif notification.kind == NotificationKind.NEW_APPLICATION:
        if (
            not coordinators_for(notification.application).filter(pk=recipient.pk).exists()
            and not recipient.is_superuser
        ):
            return "not sent: the recipient no longer coordinates this application's site"
    else:
        still_new = applications_for(recipient).filter(_in_digest(notification.payload), status=Status.NEW)
        if not still_new.exists():
            return "not sent: every application in the digest has been handled"
    return ""


def requeue_stale(*, older_than: datetime.timedelta, batch: int = 1000) -> int:
    """Re-queue pending notifications last queued (or created) before `older_than` ago, the oldest
    `batch` of them; returns how many were queued.

    One batch per run, on purpose: a row still pending after `older_than` is either lost (the
    broker restarted empty) or still waiting behind a long queue, and the two look alike here.
    Re-queueing every such row at each run would, with a worker far behind, put the whole backlog
    in the queue again every minute; a batch a minute drains a lost backlog within minutes and
    bounds the duplicates (each sends once anyway: see `deliver`)."""
    cutoff = timezone.now() - older_than
    ids = list(
        Notification.objects.filter(status=NotificationStatus.PENDING)
        .filter(Q(queued_at__lt=cutoff) | Q(queued_at__isnull=True, created_at__lt=cutoff))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:batch]
    )
    return enqueue(ids)


@transaction.atomic
def resend(notification, *, by) -> None:
    """A coordinator asks to try a failed notification again."""
    Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.PENDING, attempts=0, last_error="")
    if notification.application_id:
        log_action(
            application=notification.application,
            actor=by,
            action=AuditAction.NOTIFICATION_RESENT,
            details={
                "notification": notification.pk,
                "recipient": notification.recipient.get_username() if notification.recipient else notification.channel,
            },
        )
    transaction.on_commit(lambda: enqueue([notification.pk]), robust=True)


def queue_digests(*, today: datetime.date | None = None) -> list[int]:
    """One digest per coordinator listing their applications still new after two working days."""
    today = today or timezone.localdate()
    cutoff_day = working_days_before(today, 2)
    cutoff = timezone.make_aware(datetime.datetime.combine(cutoff_day, datetime.time.max))
    created = []
    coordinators = active_coordinators()
    with transaction.atomic():
        for user in coordinators.order_by("pk"):
            # Ids, not references: an application erased later leaves nothing here that names it.
            ids = list(
                applications_for(user)
                .filter(status=Status.NEW, submitted_at__lte=cutoff)
                .order_by("submitted_at")
                .values_list("pk", flat=True)
            )
            if not ids:
                continue
            notice, was_created = Notification.objects.get_or_create(
                kind=NotificationKind.DIGEST,
                recipient=user,
                digest_date=today,
                defaults={"payload": {"applications": ids}},
            )
            if was_created:
                created.append(notice.pk)
        transaction.on_commit(lambda: enqueue(created), robust=True)
    return created


def catalog_change_notices(trial, changes) -> list[int]:
    """Tell the trial's coordinators (the administrators, if it has none) what the registry
    changed, through the outbox, once the sync's transaction commits."""
    from django.contrib.auth import get_user_model

    recipients = list(active_coordinators().filter(coordinated_sites__trial=trial).distinct())
    if not recipients:
        recipients = list(get_user_model().objects.filter(is_active=True, is_superuser=True).exclude(email=""))
    payload = {
        "trial_id": trial.pk,
        "trial": trial.staff_name,
        "nct_id": trial.nct_id,
        "changes": [[c.site, c.field, c.old_value, c.new_value] for c in changes],
    }
    rows = Notification.objects.bulk_create(
        Notification(kind=NotificationKind.CATALOG_CHANGED, recipient=user, payload=payload) for user in recipients
    )
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: enqueue(ids), robust=True)
    return ids


def account_change_notice(user, event: str) -> None:
    """Tell a user their account's security changed (a second factor turned on, the password
    changed): if it was not them, they can say so before any harm is done."""
    if not user.email:
        return
    notice = Notification.objects.create(
        kind=NotificationKind.ACCOUNT_CHANGED, recipient=user, payload={"event": event}
    )
    transaction.on_commit(lambda: enqueue([notice.pk]), robust=True)

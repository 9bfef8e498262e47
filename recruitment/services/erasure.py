"""Erasure: what a patient asks for on "my application", a coordinator does when told by phone,
and the retention period does by itself.

What identifies the patient or tells about their health goes: contact details, date of birth,
answers, treatments, notes, reminders, codes, messages not yet sent. What stays is the entry a
GCP pre-screening log needs: the trial, the site, the date, the verdict and which criteria it
rested on, under a new reference that links to nobody. The audit trail records that the erasure
happened, by whom and why; it never held the erased values (see recruitment.services.audit).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import DateTimeField, Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from recruitment.conditions import installed
from recruitment.models import (
    READ_ACTIONS,
    AccessCode,
    Application,
    AuditAction,
    ConsentRecord,
    ContactAttempt,
    ContactDetails,
    Note,
    Notification,
    NotificationStatus,
    Reminder,
)
from recruitment.models.applications import new_reference
from recruitment.pipeline import Status
from recruitment.services.audit import PATIENT, log_action

logger = logging.getLogger(__name__)

# The snapshot of a criterion result that the log keeps: the trial's words, not the patient's.
LOG_KEYS = ("kind", "role", "params", "patient_text", "translations", "result")
# Referred patients' data is the site's to keep under the trial's own rules, not this portal's.
KEPT_STATUSES = (Status.REFERRED, Status.ENROLLED)


def log_entry(result: dict) -> dict:
    return {key: result[key] for key in LOG_KEYS if key in result}


def _day_of(moment: datetime.datetime) -> datetime.datetime:
    """The start of the moment's day, in the portal's time zone."""
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


@transaction.atomic
def erase(
    application: Application,
    *,
    by=None,
    reason: str = "",
    by_patient: bool = False,
    now: datetime.datetime | None = None,
) -> Application:
    """Erase one application's personal data. `by`: the coordinator told by the patient (with
    `reason`); None with `by_patient` for the patient themself, None alone for the retention."""
    now = now or timezone.now()
    app = Application.objects.select_for_update().select_related("trial").get(pk=application.pk)
    if app.erased_at is not None:
        return app
    evaluations = list(app.evaluations.order_by("-created_at", "-pk"))
    if evaluations:
        latest = evaluations[0]
        latest.results = [log_entry(result) for result in latest.results]
        latest.save(update_fields=["results"])
        app.evaluations.exclude(pk=latest.pk).delete()
    # Every installed condition's answers, not only the trial's: a trial's condition can change,
    # and answers must never outlive an erasure.
    for condition in installed():
        answers = condition.answers_of(app) if condition.answers_name else None
        if answers is not None and answers.pk is not None:
            answers.delete()
    app.treatments.all().delete()
    Note.objects.filter(application=app).delete()
    Reminder.objects.filter(application=app).delete()
    AccessCode.objects.filter(application=app).delete()
    ContactDetails.objects.filter(application=app).delete()
    Notification.objects.filter(application=app, status=NotificationStatus.PENDING).update(
        status=NotificationStatus.CANCELLED
    )
    # An error may quote the patient's address; a payload may hold a code.
    Notification.objects.filter(application=app).update(payload={}, last_error="")
    Notification.objects.filter(application=app, status=NotificationStatus.CANCELLED).update(
        last_error="cancelled: the patient's data was erased"
    )
    ConsentRecord.objects.filter(application=app, withdrawn_at=None).update(withdrawn_at=now)
    # Django admin's own change history names the application by its reference: the trail is ours.
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Application), object_id=str(app.pk)).delete()
    # Another application of the same person would be linked to this one: the link goes too.
    Application.objects.filter(duplicate_of=app).update(duplicate_of=None)
    # The status stays as it was: the pre-screening log says how far the applicant went.
    app.reference = new_reference()
    app.age_years = None
    app.sex = ""
    app.pregnant = app.breastfeeding = app.planning_pregnancy = None
    app.diagnosed = ""
    app.health_history = None
    app.eligible_from = None
    app.duplicate_of = None
    # Exact times link a record back to what was sent or said elsewhere (a coordinator's e-mail,
    # a call log): the log keeps the day only.
    app.submitted_at = _day_of(app.submitted_at)
    app.first_contact_due = app.first_contact_breach_notified_at = app.next_contact_at = None
    if app.first_contact_at is not None:
        app.first_contact_at = _day_of(app.first_contact_at)
    for attempt in ContactAttempt.objects.filter(application=app):
        ContactAttempt.objects.filter(pk=attempt.pk).update(at=_day_of(attempt.at), next_contact_at=None)
    app.erased_at = _day_of(now)
    app.save()
    log_action(
        application=app,
        actor=by,
        label=PATIENT if by_patient else None,
        action=AuditAction.ERASED,
        reason=reason.strip(),
        at=now,
        details={"by_patient": by_patient, "retention": by is None and not by_patient, "status": app.status},
    )
    return app


def expired(now: datetime.datetime | None = None):
    """Applications to erase for the retention period: not referred to a screening visit, and
    nothing done with them (reads aside) for RETENTION_DAYS; a patient still waiting for a
    reminder of a later day is kept until that day has passed by the same period."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.RETENTION_DAYS)
    last_activity = Greatest(
        "submitted_at",
        Coalesce(
            Max("audit_events__created_at", filter=~Q(audit_events__action__in=sorted(READ_ACTIONS))),
            "submitted_at",
            output_field=DateTimeField(),
        ),
    )
    waiting = Reminder.objects.filter(due_on__gt=cutoff.date(), sent_at=None)
    return (
        Application.objects.filter(erased_at=None, submitted_at__lt=cutoff)
        .exclude(status__in=KEPT_STATUSES)
        .exclude(pk__in=waiting.values("application_id"))
        .alias(last_activity=last_activity)
        .filter(last_activity__lt=cutoff)
    )


def erase_expired(now: datetime.datetime | None = None, batch: int = 500) -> int:
    """Erase everything the retention period has reached, a batch at a time; how many were
    erased. One that fails is logged and left for the next night, and the others go on."""
    erased, failed = 0, set[int]()
    while True:
        ids = list(expired(now).exclude(pk__in=failed).order_by("submitted_at").values_list("pk", flat=True)[:batch])
        if not ids:
            break
        for pk in ids:
            try:
                with transaction.atomic():
                    # Locked, then checked again: a coordinator may have acted since it was read.
                    # (Two statements: PostgreSQL locks no row of a grouped query.)
                    Application.objects.select_for_update().filter(pk=pk).first()
                    application = expired(now).filter(pk=pk).first()
                    if application is not None:
                        erase(application, reason="retention period ended", now=now)
                        erased += 1
            except Exception:  # noqa: BLE001 - one broken row must not hold back everyone's erasure
                logger.exception("retention: application %s could not be erased", pk)
            failed.add(pk)  # done or failed: not read again in this run
    if erased:
        logger.info("retention: erased %s applications", erased)
    return erased

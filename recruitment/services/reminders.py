"""Reminders on the day a "not yet eligible" patient may be eligible: asked for with their own
consent, sent by e-mail by a beat task (the row is the outbox), audited. The e-mail names no trial
and no condition: a reference code and a link, which open the questionnaire filled in again."""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.redact import redact
from recruitment.consent import version_of
from recruitment.models import Application, AuditAction, ConsentPurpose, ConsentRecord, Reminder
from recruitment.patient_dates import patient_today
from recruitment.pipeline import EXITS
from recruitment.screening.eligibility import Verdict
from recruitment.services.audit import PATIENT, log_action
from trials.models import trial_open_for_signup_q
from trials.qr import absolute_url

logger = logging.getLogger(__name__)

LINK_DAYS = 60  # a reminder's link opens the answers for this long after it is sent


class NoReminderDate(ValueError):
    """Only a "not yet eligible" verdict with a date can be reminded of."""


def ask(application: Application, *, language: str) -> Reminder:
    """The patient's request, with its consent in the language of the text they read. Asking
    twice keeps the first."""
    if application.verdict != Verdict.NOT_YET_ELIGIBLE or application.eligible_from is None:
        raise NoReminderDate(application.reference)
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            application=application,
            defaults={"due_on": application.eligible_from, "by_email": bool(application.contact.email)},
        )
        if created:
            ConsentRecord.objects.create(
                application=application,
                purpose=ConsentPurpose.REMINDER,
                version=version_of(ConsentPurpose.REMINDER),
                language=language,
                given_at=timezone.now(),
            )
            # Without the day: an age criterion's day is a birthday, and the trail outlives an erasure.
            log_action(
                application=application,
                actor=None,
                label=PATIENT,
                action=AuditAction.REMINDER_ASKED,
                details={"by_email": reminder.by_email},
            )
    return reminder


def _link_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link(reminder: Reminder) -> str:
    """A new link for the reminder's e-mail (the previous one stops working)."""
    token = secrets.token_urlsafe(32)
    reminder.link_hash, reminder.link_made_at = _link_hash(token), timezone.now()
    reminder.save(update_fields=["link_hash", "link_made_at"])
    return absolute_url(reverse("recruitment:reminder_link", kwargs={"token": token}))


def reminder_from(token: str) -> Reminder | None:
    """The reminder a link names, while it is valid: made at most LINK_DAYS ago, its patient
    still waiting (see `waiting`)."""
    if not token or len(token) > 100:
        return None
    return (
        waiting()
        .select_related("application__trial", "application__contact")
        .filter(
            link_hash=_link_hash(token),
            link_made_at__gte=timezone.now() - datetime.timedelta(days=LINK_DAYS),
        )
        .first()
    )


def opened(reminder: Reminder) -> None:
    """The patient opened their answers from the reminder, with the code sent to their e-mail."""
    log_action(
        application=reminder.application,
        actor=None,
        label=PATIENT,
        action=AuditAction.REMINDER_LINK_OPENED,
        new="opened",
    )


MAX_ATTEMPTS = 5


def waiting():
    """Reminders of patients still waiting for their day: the verdict still 'not yet', no exit
    from the pipeline, the trial still recruiting, the reminder consent not withdrawn."""
    return (
        Reminder.objects.filter(
            trial_open_for_signup_q("application__trial__"), application__verdict=Verdict.NOT_YET_ELIGIBLE
        )
        .exclude(application__status__in=EXITS)
        .filter(application__consents__purpose=ConsentPurpose.REMINDER, application__consents__withdrawn_at=None)
    )


def due(today: datetime.date):
    """Reminders to e-mail today."""
    return waiting().filter(due_on__lte=today, sent_at=None, by_email=True, attempts__lt=MAX_ATTEMPTS)


def follow(application: Application):
    """After a re-evaluation: the reminder moves to the new day, and goes no more once the verdict
    is no longer 'not yet' with a day (`waiting` leaves it out)."""
    if application.eligible_from is not None:
        Reminder.objects.filter(application=application, sent_at=None).update(due_on=application.eligible_from)


def send_due(today: datetime.date | None = None) -> int:
    """Send each reminder due, once: locked while it is sent, marked sent in the same transaction.
    A failed send leaves it for the next run."""
    sent = 0
    for pk in due(today or patient_today()).values_list("pk", flat=True):
        with transaction.atomic():
            reminder = (
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("application__contact")
                .filter(pk=pk, sent_at=None)
                .first()
            )
            if reminder is None:
                continue  # another worker has it, or sent it
            try:
                _send(reminder.application)
            except Exception as error:  # one bad address must not hold up the others
                logger.warning("reminder %s for %s not sent: %s", reminder.pk, reminder.application.reference, error)
                reminder.attempts += 1
                reminder.last_error = redact(str(error))[:300]  # a refusal quotes the address
                reminder.save(update_fields=["attempts", "last_error"])
                continue
            reminder.sent_at = timezone.now()
            reminder.save(update_fields=["sent_at"])
            log_action(
                application=reminder.application,
                actor=None,
                action=AuditAction.REMINDER_SENT,
                new=reminder.sent_at.date().isoformat(),
            )
        sent += 1
    return sent


def _send(application: Application):
    with translation.override(application.language):
        context = {"reference": application.reference, "url": new_link(application.reminder), "days": LINK_DAYS}
        send_mail(
            subject=_("A reminder you asked for: you may be able to apply now"),
            message=render_to_string("emails/reminder.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[application.contact.email],
        )

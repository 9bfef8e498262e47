"""What a patient does on "my application": correct how to reach them, withdraw a consent,
withdraw from the pre-screening. (Erasure: recruitment.services.erasure.) Each is audited
without the values themselves: the trail outlives an erasure."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from recruitment.consent import OPTIONAL_CONSENTS, givable_later, version_of
from recruitment.contact_keys import email_key, phone_key
from recruitment.models import Application, AuditAction, ConsentPurpose, ConsentRecord, ContactDetails, Reminder
from recruitment.pipeline import Status, allowed_moves
from recruitment.services.audit import PATIENT, log_action

CORRECTABLE = ("phone", "email", "best_time_to_call")


@transaction.atomic
def correct_contact(application: Application, **values) -> list[str]:
    """Change the patient's phone, e-mail or best time to call; the fields that changed."""
    contact = ContactDetails.objects.select_for_update().get(pk=application.pk)
    changed = [name for name in CORRECTABLE if name in values and getattr(contact, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(contact, name, values[name])
    contact.phone_key, contact.email_key = phone_key(contact.phone), email_key(contact.email)
    contact.save()
    log_action(
        application=application,
        actor=None,
        label=PATIENT,
        action=AuditAction.CONTACT_CORRECTED,
        details={"fields": changed},
    )
    return changed


@transaction.atomic
def withdraw_consent(application: Application, purpose: str, *, by=None) -> bool:
    """Withdraw one optional consent; False when it was not in force."""
    if purpose not in OPTIONAL_CONSENTS:
        raise ValueError(f"{purpose} is not an optional consent")
    withdrawn = ConsentRecord.objects.filter(application=application, purpose=purpose, withdrawn_at=None).update(
        withdrawn_at=timezone.now()
    )
    if purpose == ConsentPurpose.REMINDER:
        Reminder.objects.filter(application=application).delete()  # asked again, it is a new one
    if withdrawn:
        log_action(
            application=application,
            actor=by,
            label=None if by else PATIENT,
            action=AuditAction.CONSENT_WITHDRAWN,
            field=purpose,
        )
    return bool(withdrawn)


def still_in_pipeline(application: Application) -> bool:
    return application.status not in (Status.WITHDRAWN, Status.NOT_ELIGIBLE, Status.DECLINED)


@transaction.atomic
def give_consent(application: Application, purpose: str) -> bool:
    """Give an optional consent (again) to today's text, in the language shown; a new row in the
    ledger, the withdrawn one kept. False when it is already in force or the application is closed."""
    if purpose not in givable_later(application.trial):
        raise ValueError(f"{purpose} cannot be given on my application")
    # Read again under the row's lock, as `withdraw` and the erasure take it: a second tab's
    # withdrawal or erasure a moment ago leaves nothing to agree to.
    current = Application.objects.select_for_update().only("status", "erased_at").get(pk=application.pk)
    if current.erased_at is not None or not still_in_pipeline(current):
        return False
    try:
        with transaction.atomic():
            ConsentRecord.objects.create(
                application=application,
                purpose=purpose,
                version=version_of(purpose),
                language=translation.get_language() or settings.LANGUAGE_CODE,
                given_at=timezone.now(),
            )
    except IntegrityError:  # in force already (consent_in_force_once_per_purpose): a second click
        return False
    log_action(application=application, actor=None, label=PATIENT, action=AuditAction.CONSENT_GIVEN, field=purpose)
    return True


@transaction.atomic
def withdraw(application: Application) -> bool:
    """The patient withdraws from the pre-screening: the study team no longer calls. False when
    the application had already left the pipeline."""
    status = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
    if Status.WITHDRAWN not in allowed_moves(status):
        return False
    application.status = Status.WITHDRAWN
    application.save(update_fields=["status"])
    ConsentRecord.objects.filter(application=application, withdrawn_at=None).exclude(
        purpose=ConsentPurpose.HEALTH_DATA
    ).update(withdrawn_at=timezone.now())
    with translation.override(settings.LANGUAGE_CODE):
        log_action(
            application=application,
            actor=None,
            label=PATIENT,
            action=AuditAction.STATUS_CHANGED,
            field="status",
            old=str(Status(status).label),
            new=str(Status.WITHDRAWN.label),
            reason="withdrawn by the patient",
            details={"from": status, "to": Status.WITHDRAWN},
        )
    return True

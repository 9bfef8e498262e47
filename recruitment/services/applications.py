"""Writing applications. The view validates; this stores, evaluates and links duplicates."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from recruitment.conditions import condition_of
from recruitment.consent import REQUIRED_CONSENTS, version_of
from recruitment.contact_keys import email_key, phone_key
from recruitment.models import (
    Application,
    AuditAction,
    ConsentRecord,
    ContactDetails,
    Evaluation,
    Notification,
    TreatmentUse,
)
from recruitment.models.applications import new_reference
from recruitment.patient_dates import patient_today
from recruitment.ratelimit import Throttle, Throttled, count_hit
from recruitment.screening.build import screening_answers
from recruitment.screening.eligibility import Verdict, evaluate
from recruitment.screening.kinds import all_kinds
from recruitment.selectors import (
    criteria_specs,
    duplicate_target,
    new_application_recipients,
    trial_and_site_still_recruiting,
)
from recruitment.services.audit import PATIENT, audit_event
from recruitment.services.calls import first_contact_due
from recruitment.services.notifications import new_application_notice, notices_stored
from recruitment.services.patient_messages import confirmation_notices


class NoLongerOpen(Exception):
    """The trial stopped recruiting, or the chosen site left it, since the form was read: nothing
    was stored."""


@dataclass
class Stored:
    application_id: int | None  # None: refused (the trial or site closed, or the address over its limit)
    duplicate_of_id: int | None
    notification_ids: list[int]
    hits: int = 0  # sign-ups counted in the address's window, this one included (0: not counted)


DUPLICATE_WINDOW = datetime.timedelta(days=30)
REFERENCE_ATTEMPTS = 5


def submit_application(
    *,
    trial,
    criteria=None,
    application: dict,
    condition_answers: dict,
    treatments: list[dict],
    contact: dict,
    consents: set[str],
    site=None,
    campaign=None,
    language: str,
    shown_language: str = "en",
    now=None,
    throttle: Throttle | None = None,
) -> Application:
    """Store one submitted questionnaire with its evaluation, all in one transaction.

    1. Make the answers of the trial's condition (its score is worked out here, on the server).
    2. Evaluate the trial's current criteria; keep their snapshot with the results.
    3. Flag a possible duplicate (same trial, same phone or e-mail, within 30 days): kept, linked.
    4. Record each consent with the text version and language the patient read.
    5. Write the audit event, the coordinators' notices and the patient's confirmations with it, and
       queue them after the commit.

    `criteria`: the trial's criteria as specs, when the caller has them (read here otherwise).
    Raises NoLongerOpen, storing nothing, if the trial or the chosen site no longer recruits, and
    Throttled if `throttle` (the sign-up's address and its limit) counts this one over the limit.
    """
    missing = set(REQUIRED_CONSENTS) - set(consents)
    if missing:
        raise ValueError(f"required consents missing: {sorted(missing)}")
    now = now or timezone.now()
    app = Application(
        reference=new_reference(),
        trial=trial,
        site=site,
        campaign=campaign,
        language=language,
        submitted_at=now,
        **application,
    )
    condition = condition_of(trial)
    answers_row = condition.build_answers(app, condition_answers)
    treatment_rows = [TreatmentUse(application=app, **row) for row in treatments]
    if criteria is None:
        criteria = criteria_specs(trial)
    evaluation = evaluate(
        criteria,
        screening_answers(app, answers_row, treatment_rows, born=contact["date_of_birth"], today=patient_today(now)),
        all_kinds(),
    )
    app.verdict = evaluation.verdict
    app.eligible_from = evaluation.eligible_from
    app.first_contact_due = first_contact_due(now, site)
    contact_row = ContactDetails(
        application=app,
        **contact,
        phone_key=phone_key(contact.get("phone", "")),
        email_key=email_key(contact.get("email", "")),
    )
    rows = {
        "application": app,
        "condition_answers": answers_row,
        "treatments": treatment_rows,
        "contact": contact_row,
        "consents": [
            ConsentRecord(
                application=app, purpose=purpose, version=version_of(purpose), language=shown_language, given_at=now
            )
            for purpose in sorted(consents)
        ],
        "evaluation": Evaluation(
            application=app,
            created_at=now,
            verdict=evaluation.verdict,
            results=[result.as_dict() for result in evaluation.results],
        ),
        "audit_event": audit_event(
            application=app,
            actor=None,
            label=PATIENT,
            action=AuditAction.CREATED,
            new=trail_label(app.verdict),
            at=now,
            details={"campaign": campaign.code if campaign else None},
        ),
        "notification": new_application_notice(now),
        "confirmations": confirmation_notices(contact_row, now),
    }
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            stored = store(**rows, duplicate_since=now - DUPLICATE_WINDOW, throttle=throttle)
            if stored.application_id is None:
                raise Throttled if throttle and stored.hits > throttle.limit else NoLongerOpen
            app.duplicate_of_id = stored.duplicate_of_id
            notices_stored(app, stored.notification_ids)
            return app
        except IntegrityError:
            # A reference drawn twice (one chance in billions): draw another and store again.
            if attempt == REFERENCE_ATTEMPTS - 1 or not Application.objects.filter(reference=app.reference).exists():
                raise
            app.pk = None
            app.reference = new_reference()
    raise AssertionError("unreachable")


def trail_label(verdict: str) -> str:
    """The verdict as the audit trail records it: in the site's language, not the patient's."""
    return _label_in(verdict, settings.LANGUAGE_CODE)


@functools.cache
def _label_in(verdict: str, language: str) -> str:
    with translation.override(language):
        return str(Verdict(verdict).label)


@transaction.atomic
def store(
    *,
    application,
    condition_answers,
    treatments,
    contact,
    consents,
    evaluation,
    audit_event,
    notification,
    confirmations=(),
    duplicate_since,
    throttle=None,
) -> Stored:
    """Write the application and every row that comes with it, in one transaction: all or none.
    `notification` is the notice, written once per recipient; `confirmations`, the patient's. With a `throttle`
    (recruitment.ratelimit) the address's sign-up is counted first, and nothing else is written
    when it goes over the limit; nor when the trial or the chosen site closed since the form was
    read (the sign-up view may have read them a moment ago)."""
    hits = count_hit(throttle, application.submitted_at) if throttle else 0
    over_limit = throttle is not None and hits > throttle.limit
    if (
        over_limit
        or not trial_and_site_still_recruiting(trial_id=application.trial_id, site_id=application.site_id).exists()
    ):
        return Stored(None, None, [], hits)  # refused; the count stands
    duplicate = duplicate_target(
        trial_id=application.trial_id, phone_key=contact.phone_key, email_key=contact.email_key, since=duplicate_since
    )
    application.duplicate_of_id = duplicate.first() if duplicate is not None else None
    application.save(force_insert=True)
    for row in [condition_answers, *treatments, contact, *consents, evaluation, audit_event]:
        row.application = application  # its id only now (and a new one if a reference is drawn again)
    condition_answers.save(force_insert=True)
    TreatmentUse.objects.bulk_create(treatments)
    contact.save(force_insert=True)
    ConsentRecord.objects.bulk_create(consents)
    evaluation.save(force_insert=True)
    # The possible duplicate is the application's own field, not the trail's: an erasure unlinks it.
    audit_event.details = {**audit_event.details, "possible_duplicate": application.duplicate_of_id is not None}
    audit_event.save(force_insert=True)
    notices = Notification.objects.bulk_create(
        Notification(
            kind=notification.kind, created_at=notification.created_at, recipient=user, application=application
        )
        for user in new_application_recipients(site_id=application.site_id, trial_id=application.trial_id)
    )
    for confirmation in confirmations:
        confirmation.application = application
    notices += Notification.objects.bulk_create(confirmations)
    return Stored(application.pk, application.duplicate_of_id, [n.pk for n in notices], hits)

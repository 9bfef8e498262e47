"""Writing applications. The view validates; this stores, evaluates and links duplicates."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from recruitment.consent import CONSENT_VERSION, REQUIRED_CONSENTS
from recruitment.models import (
    AlopeciaAnswers,
    Application,
    AuditAction,
    ConsentRecord,
    ContactDetails,
    Evaluation,
    TreatmentUse,
)
from recruitment.screening.alopecia import compute_salt, severity_band
from recruitment.screening.build import screening_answers
from recruitment.screening.eligibility import Verdict, evaluate
from recruitment.services.audit import PATIENT, log_action
from recruitment.services.notifications import queue_new_application_notices

DUPLICATE_WINDOW = datetime.timedelta(days=30)


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return ("+" if phone.strip().startswith("+") else "") + digits if digits else ""


def email_key(email: str) -> str:
    return email.strip().lower()


def criteria_specs(trial):
    return [criterion.as_spec() for criterion in trial.criteria.all()]


def find_duplicate_of(*, trial, phone: str, email: str, since) -> Application | None:
    """The first application to the same trial with the same phone or e-mail since `since`."""
    keys = {}
    if phone:
        keys["contact__phone_key"] = phone
    if email:
        keys["contact__email_key"] = email
    if not keys:
        return None
    # Each key on its own indexed lookup: an OR across the joined table would scan applications.
    candidates = Q()
    for field, value in keys.items():
        candidates |= Q(pk__in=ContactDetails.objects.filter(**{field.removeprefix("contact__"): value})
                        .values("application_id"))
    earlier = (
        Application.objects.filter(trial=trial, submitted_at__gte=since)
        .filter(candidates)
        .order_by("submitted_at", "pk")
        .first()
    )
    if earlier is None:
        return None
    return earlier.duplicate_of or earlier


def submit_application(
    *,
    trial,
    application: dict,
    alopecia: dict,
    treatments: list[dict],
    contact: dict,
    consents: set[str],
    site=None,
    campaign=None,
    language: str,
    shown_language: str = "en",
    now=None,
) -> Application:
    """Store one submitted questionnaire with its evaluation, all in one transaction.

    1. Compute the self-reported SALT and its band on the server (never trust the browser's).
    2. Evaluate the trial's current criteria; keep their snapshot with the results.
    3. Flag a possible duplicate (same trial, same phone or e-mail, within 30 days): kept, linked.
    4. Record each consent with the text version and language the patient read.
    """
    missing = set(REQUIRED_CONSENTS) - set(consents)
    if missing:
        raise ValueError(f"required consents missing: {sorted(missing)}")
    now = now or timezone.now()
    app = Application(trial=trial, site=site, campaign=campaign, language=language, submitted_at=now, **application)
    salt = compute_salt(
        top=alopecia["loss_top"], back=alopecia["loss_back"], left=alopecia["loss_left"], right=alopecia["loss_right"]
    )
    alopecia_row = AlopeciaAnswers(salt=salt, severity=severity_band(salt), **alopecia)
    treatment_rows = [TreatmentUse(**row) for row in treatments]
    evaluation = evaluate(criteria_specs(trial), screening_answers(app, alopecia_row, treatment_rows))
    app.verdict = evaluation.verdict

    contact_row = ContactDetails(
        **contact, phone_key=phone_key(contact.get("phone", "")), email_key=email_key(contact.get("email", ""))
    )
    with transaction.atomic():
        app.duplicate_of = find_duplicate_of(
            trial=trial, phone=contact_row.phone_key, email=contact_row.email_key, since=now - DUPLICATE_WINDOW
        )
        _save_with_unique_reference(app)
        alopecia_row.application = app
        alopecia_row.save(force_insert=True)
        for row in treatment_rows:
            row.application = app
        TreatmentUse.objects.bulk_create(treatment_rows)
        contact_row.application = app
        contact_row.save(force_insert=True)
        ConsentRecord.objects.bulk_create(
            ConsentRecord(application=app, purpose=purpose, version=CONSENT_VERSION, language=shown_language,
                          given_at=now)
            for purpose in sorted(consents)
        )
        Evaluation.objects.create(
            application=app, created_at=now, verdict=evaluation.verdict,
            results=[result.as_dict() for result in evaluation.results],
        )
        with translation.override(settings.LANGUAGE_CODE):  # the patient's language is not the trail's
            verdict_label = str(Verdict(app.verdict).label)
        log_action(
            application=app, actor=None, label=PATIENT, action=AuditAction.CREATED, new=verdict_label,
            at=now,
            details={"campaign": campaign.code if campaign else None, "duplicate_of": app.duplicate_of_id},
        )
        # Same transaction: the application and its notices exist together or not at all.
        queue_new_application_notices(app)
    return app


def _save_with_unique_reference(app, attempts=5):
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                app.save()
            return
        except IntegrityError:
            if attempt == attempts - 1 or Application.objects.filter(reference=app.reference).count() == 0:
                raise
            app.reference = Application._meta.get_field("reference").default()

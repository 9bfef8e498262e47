"""Coordinators' writes on applications. Each one is audited in the same transaction."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from recruitment.models import Application, AuditAction, Evaluation, Note
from recruitment.pipeline import Status, check_move
from recruitment.screening.build import screening_answers
from recruitment.screening.eligibility import Verdict, evaluate
from recruitment.screening.kinds import all_kinds
from recruitment.selectors import criteria_specs
from recruitment.services import reminders
from recruitment.services.audit import log_action


@transaction.atomic
def change_status(application, *, to: str, by, reason: str = "") -> None:
    # Two coordinators at once: the second sees the first one's status, not a stale copy.
    application.status = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
    old = application.status
    if to == old:
        return
    check_move(old, to, reason)
    application.status = to
    fields = ["status"]
    if old == Status.NEW and application.first_contact_at is None:
        # Marked contacted (or closed) without an attempt recorded: the first-contact clock stops.
        application.first_contact_at = timezone.now()
        fields.append("first_contact_at")
    application.save(update_fields=fields)
    typed = _typed_reason(application, by, reason)
    with translation.override(settings.LANGUAGE_CODE):  # one language in the trail, whoever acts
        log_action(
            application=application,
            actor=by,
            action=AuditAction.STATUS_CHANGED,
            field="status",
            old=str(Status(old).label),
            new=str(Status(to).label),
            reason="" if typed else reason.strip(),
            details={"from": old, "to": to, **typed},
        )


def _typed_reason(application, by, reason: str) -> dict:
    """What a person typed as a reason may name the patient's health: it is kept as a note, which
    an erasure deletes, and the append-only trail names the note, never its words. Without a person
    (`by` None), the reason is the portal's own words, kept in the trail."""
    reason = reason.strip()
    if not reason or by is None:
        return {}
    note = Note.objects.create(application=application, author=by, text=reason)
    return {"reason_note": note.pk}


@transaction.atomic
def assign(application, *, to, by, reason: str = "") -> None:
    old = application.assigned_to
    if old == to:
        return
    application.assigned_to = to
    application.save(update_fields=["assigned_to"])
    log_action(
        application=application,
        actor=by,
        action=AuditAction.ASSIGNED,
        field="assigned_to",
        old=old.get_username() if old else "",
        new=to.get_username() if to else "",
        reason="" if (typed := _typed_reason(application, by, reason)) else reason,
        details=typed,
    )


@transaction.atomic
def add_note(application, *, by, text: str) -> Note:
    text = text.strip()
    if not text:
        raise ValueError("a note needs text")
    note = Note.objects.create(application=application, author=by, text=text)
    # The trail names the note, without its words: it outlives an erasure, the note does not.
    log_action(application=application, actor=by, action=AuditAction.NOTE_ADDED, details={"note": note.pk})
    return note


@transaction.atomic
def reevaluate(application, *, by) -> Evaluation:
    """Check the application against the trial's current criteria, on today's date; earlier
    evaluations stay. The new evaluation's `changes` say what differs from the one before."""
    earlier = application.evaluations.order_by("-created_at", "-pk").first()
    outcome = evaluate(criteria_specs(application.trial), screening_answers(application), all_kinds())
    evaluation = Evaluation.objects.create(
        application=application,
        verdict=outcome.verdict,
        created_by=by,
        results=[result.as_dict() for result in outcome.results],
    )
    evaluation.changes = changes_between(earlier.results if earlier else [], evaluation.results)
    old = application.verdict
    application.verdict = outcome.verdict
    application.eligible_from = outcome.eligible_from
    application.save(update_fields=["verdict", "eligible_from"])
    reminders.follow(application)
    with translation.override(settings.LANGUAGE_CODE):
        log_action(
            application=application,
            actor=by,
            action=AuditAction.REEVALUATED,
            field="verdict",
            old=str(Verdict(old).label),
            new=str(Verdict(outcome.verdict).label),
            details={"evaluation": evaluation.pk, "changes": [_trail_change(c) for c in evaluation.changes]},
        )
    return evaluation


def _key(result: dict):
    # A criterion is the same one across evaluations by its id; criteria typed in before ids were
    # kept, by their kind and words.
    return result.get("criterion_id") or (result["kind"], result.get("patient_text"))


def _change(result: dict, *, was, now) -> dict:
    """One criterion's change, with its words and reason kept as evaluations keep them (English
    and translations, reason template), so that each reader sees it in their language."""
    return {
        "patient_text": result["patient_text"],
        "translations": result.get("translations") or {},
        "was": was,
        "now": now,
        "reason": result["reason"] if now else "",
        "reason_i18n": result.get("reason_i18n") if now else None,
    }


def _trail_change(change: dict) -> dict:
    """A change as the audit trail keeps it: which criterion, from which result to which, without
    the reason (it quotes the patient's answers, and the trail outlives an erasure)."""
    return {key: value for key, value in change.items() if key not in ("reason", "reason_i18n")}


def changes_between(before: list[dict], after: list[dict]) -> list[dict]:
    """What differs between two evaluations' results, criterion by criterion: added, removed, or
    with another result (each with its words and the new reason, in English as stored)."""
    old = {_key(r): r for r in before}
    new = {_key(r): r for r in after}
    changes = []
    for key, result in new.items():
        was = old.get(key)
        if was is None or (was["result"], was.get("met_from")) != (result["result"], result.get("met_from")):
            changes.append(_change(result, was=was["result"] if was else None, now=result["result"]))
    changes += [_change(r, was=r["result"], now=None) for key, r in old.items() if key not in new]
    return changes

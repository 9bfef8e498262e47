"""The sponsors' pages: recruitment funnel of their own trials and the eligible list as CSV."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from recruitment.consent import transfer_needed
from recruitment.exports import ApplicationExporter, Contact, csv_response
from recruitment.funnel import STAGES, chart, trial_funnel
from recruitment.models import AuditAction, AuditEvent, ConsentPurpose, ConsentRecord
from recruitment.pipeline import Status
from recruitment.screening.eligibility import Verdict
from recruitment.selectors import applications_for, trials_for_sponsor
from recruitment.services.audit import actor_label, log_action, log_actions

CONTACT_PERMISSION = "recruitment.receive_consented_contact_details"


@login_required
def after_login(request):
    """Staff go to admin, everybody else to the sponsor page."""
    return redirect("admin:index" if request.user.is_staff else "sponsor:home")


@login_required
@require_safe
def home(request):
    # Counts only: an erased application still counted when it was sent and how far it went.
    applications = applications_for(request.user, erased=True)
    funnels = []
    for trial in trials_for_sponsor(request.user).order_by("title"):
        funnel = trial_funnel(trial, applications)
        funnels.append({"funnel": funnel, "chart": chart(funnel.weeks)})
    return render(request, "sponsor/home.html", {"funnels": funnels, "stages": STAGES})


def _sponsor_trial(user, slug):
    trial = trials_for_sponsor(user).filter(slug=slug).first()
    if trial is None:
        raise Http404("No such trial.")
    return trial


def eligible_applications(user, trial, *, include_needs_review: bool):
    verdicts = [Verdict.LIKELY_ELIGIBLE] + ([Verdict.NEEDS_REVIEW] if include_needs_review else [])
    applications = applications_for(user).filter(trial=trial, verdict__in=verdicts).exclude(status=Status.WITHDRAWN)
    if transfer_needed(trial):
        # PIPL art. 39: nothing of a patient leaves for a sponsor abroad without that consent.
        applications = applications.filter(
            pk__in=ConsentRecord.objects.filter(purpose=ConsentPurpose.TRANSFER_ABROAD, withdrawn_at=None).values(
                "application_id"
            )
        )
    return applications


@login_required
@require_safe
def eligible_csv(request, slug):
    trial = _sponsor_trial(request.user, slug)
    include_needs_review = request.GET.get("include_needs_review") in ("1", "on", "true")
    applications = eligible_applications(request.user, trial, include_needs_review=include_needs_review)
    with_contact = request.user.has_perm(CONTACT_PERMISSION)
    exporter = ApplicationExporter(
        applications, contact=Contact.CONSENTED if with_contact else Contact.NONE, conditions=[trial.condition]
    )
    rows = applications.count()
    identified = (
        list(
            applications.filter(
                consents__purpose="share_with_sponsor", consents__withdrawn_at__isnull=True
            ).values_list("pk", "reference")
        )
        if with_contact
        else []
    )
    # Recorded before the first byte leaves: who, when, which trial, which options, how many rows;
    # and, on each application whose contact details leave, an entry of its own.
    options = {
        "export": "sponsor_eligible_csv",
        "trial": trial.nct_id,
        "rows": rows,
        "include_needs_review": include_needs_review,
        "contact_columns": with_contact,
    }
    log_action(
        application=None,
        actor=request.user,
        action=AuditAction.EXPORTED,
        details={**options, "identified_applications": [pk for pk, _ref in identified]},
    )
    log_actions(
        AuditEvent(
            application_id=pk,
            actor=request.user,
            actor_label=actor_label(request.user),
            action=AuditAction.EXPORTED,
            details={**options, "with_contact_details": True},
        )
        for pk, _ref in identified
    )
    # Two different lists, two names: a download of one never overwrites the other.
    scope = "eligible-and-needs-review" if include_needs_review else "eligible"
    filename = f"{trial.nct_id}-{scope}-{timezone.localdate().isoformat()}.csv"
    return csv_response(exporter, filename=filename)

"""The sponsors' pages: recruitment funnel of their own trials and the eligible list as CSV."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from recruitment.consent import transfer_needed
from recruitment.exports import ApplicationExporter, Contact, csv_response
from recruitment.funnel import SMALLEST_SHOWN, STAGES, WITHHELD, chart, trial_funnel
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
        funnels.append(
            {"funnel": funnel, "chart": chart(funnel.weeks), "left_out": left_out_of_csv(request.user, trial)}
        )
    return render(request, "sponsor/home.html", {"funnels": funnels, "stages": STAGES})


def _sponsor_trial(user, slug):
    trial = trials_for_sponsor(user).filter(slug=slug).first()
    if trial is None:
        raise Http404("No such trial.")
    return trial


def _transfer_consented():
    """The applications whose patient agreed, and still agrees, to their answers going abroad."""
    return ConsentRecord.objects.filter(purpose=ConsentPurpose.TRANSFER_ABROAD, withdrawn_at=None).values(
        "application_id"
    )


def eligible_applications(user, trial, *, include_needs_review: bool):
    verdicts = [Verdict.LIKELY_ELIGIBLE] + ([Verdict.NEEDS_REVIEW] if include_needs_review else [])
    applications = applications_for(user).filter(trial=trial, verdict__in=verdicts).exclude(status=Status.WITHDRAWN)
    if transfer_needed(trial):
        # PIPL art. 39: nothing of a patient leaves for a sponsor abroad without that consent.
        applications = applications.filter(pk__in=_transfer_consented())
    return applications


# Why the CSV leaves out a likely-eligible applicant the funnel counts, each applicant under the
# first that applies (so that the reasons add up to the difference): `eligible_applications`'s
# rules, in words.
LEFT_OUT_REASONS = {
    "erased": gettext_lazy("Answers erased, at the applicant's request or at the end of the retention period"),
    "withdrawn": gettext_lazy("Withdrew from the pre-screening"),
    "no_transfer": gettext_lazy(
        "Have not agreed, or no longer agree, to their answers being sent to your organisation abroad"
    ),
}


@dataclass
class LeftOut:
    """How many likely-eligible applicants of one trial the CSV does not list, and why: counts
    only (see `left_out_of_csv`)."""

    total: int
    shown_total: str
    reasons: list[str]  # "why: how many", or only "why" when the counts are withheld
    counted: bool = True


def in_words(shown: int | str) -> str:
    """A count as the funnel shows it (`Funnel.shown`), in the reader's words."""
    if shown == f"< {SMALLEST_SHOWN}":
        return _("fewer than %(count)s") % {"count": SMALLEST_SHOWN}
    if shown == f"≥ {SMALLEST_SHOWN}":
        return _("%(count)s or more") % {"count": SMALLEST_SHOWN}
    if shown == WITHHELD:
        return _("not shown")
    return str(shown)


def reason_counts_shown(counts: list[int]) -> bool:
    """Whether a trial's left-out reasons show their counts: only when none is between 1 and 4.
    The total is known (the funnel's likely eligible less the CSV's rows), so any count shown
    beside a small one, or a small one shown as "fewer than 5", lets a reader who knows this
    rule narrow it down; withheld whenever one is small, the reasons say nothing about anyone."""
    return not any(0 < count < SMALLEST_SHOWN for count in counts)


def left_out_of_csv(user, trial) -> LeftOut:
    """The likely-eligible applicants the funnel counts and the CSV does not list, by reason. A
    reason that cannot apply to the trial is not listed: a row the reader knows is zero would
    only be noise."""
    likely = applications_for(user, erased=True).filter(trial=trial, verdict=Verdict.LIKELY_ELIGIBLE)
    kept = Q(erased_at=None) & ~Q(status=Status.WITHDRAWN)
    counting = {
        "erased": Count("pk", filter=~Q(erased_at=None)),
        "withdrawn": Count("pk", filter=Q(erased_at=None, status=Status.WITHDRAWN)),
    }
    if transfer_needed(trial):
        counting["no_transfer"] = Count("pk", filter=kept & ~Q(pk__in=_transfer_consented()))
    counts = likely.aggregate(**counting)
    total = sum(counts.values())
    counted = reason_counts_shown(list(counts.values()))
    return LeftOut(
        total=total,
        shown_total=in_words(f"< {SMALLEST_SHOWN}" if 0 < total < SMALLEST_SHOWN else total),
        reasons=[
            _("%(reason)s: %(count)s") % {"reason": LEFT_OUT_REASONS[reason], "count": counts[reason]}
            if counted
            else str(LEFT_OUT_REASONS[reason])
            for reason in counting
        ],
        counted=counted,
    )


@login_required
@require_safe
def eligible_csv(request, slug):
    trial = _sponsor_trial(request.user, slug)
    include_needs_review = request.GET.get("include_needs_review") in ("1", "on", "true")
    applications = eligible_applications(request.user, trial, include_needs_review=include_needs_review)
    with_contact = request.user.has_perm(CONTACT_PERMISSION)
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
    exporter = ApplicationExporter(
        applications,
        contact=Contact.CONSENTED if with_contact else Contact.NONE,
        conditions=[trial.condition],
        audited_contacts=frozenset(pk for pk, _ref in identified),
    )
    # Two different lists, two names: a download of one never overwrites the other.
    scope = "eligible-and-needs-review" if include_needs_review else "eligible"
    filename = f"{trial.nct_id}-{scope}-{timezone.localdate().isoformat()}.csv"
    return csv_response(exporter, filename=filename)

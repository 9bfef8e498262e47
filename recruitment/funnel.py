"""Recruitment funnel figures for sponsors: reads only, aggregated in the database.

"Contacted", "referred" and "enrolled" count the applications that ever reached that status, read
from the audit trail (the pipeline passes through each step in order), so an applicant who was
contacted and later declined still counts as contacted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recruitment.models import AuditAction, AuditEvent, ContactAttempt
from recruitment.pipeline import Status
from recruitment.screening.eligibility import Verdict
from trials.models import Campaign, CampaignScanDay, Site

STAGES = ["scans", "applications", "likely_eligible", "needs_review", "attempts", "contacted", "referred", "enrolled"]
# A breakdown row (a site, a campaign) counting fewer people than this shows "< 5": a count of 1
# at a small site on a given week can name the person.
SMALLEST_SHOWN = 5
STAGE_LABELS = {
    "scans": _("QR scans"),
    "applications": _("Applications"),
    "likely_eligible": _("Likely eligible"),
    "needs_review": _("Needs review"),
    "attempts": _("Contact attempts"),
    "contacted": _("Contacted"),
    "referred": _("Referred"),
    "enrolled": _("Enrolled"),
}
_REACHED = {Status.CONTACTED: "contacted", Status.REFERRED: "referred", Status.ENROLLED: "enrolled"}


@dataclass
class Funnel:
    scans: int = 0
    applications: int = 0
    likely_eligible: int = 0
    needs_review: int = 0
    attempts: int = 0  # calls, messages and e-mails to reach applicants
    contacted: int = 0
    referred: int = 0
    enrolled: int = 0
    # Stages whose count a breakdown row does not show, so that no "< 5" can be worked out from
    # the others and the total (see `protect`): a count of 5 or more shows "≥ 5", a zero "< 5".
    hidden: set = field(default_factory=set)
    # Stages shown as "*" (not shown at all): where even those bands would give a "< 5" away.
    withheld: set = field(default_factory=set)
    # No applications, shown as such: every later stage is known to be 0 too (none comes without
    # an application), so it shows 0, not a "< 5" that reads as one to four people.
    empty: bool = False

    def values(self):
        return [getattr(self, stage) for stage in STAGES]

    def _labelled(self, values):
        """(stage label, value) pairs: the table's columns, which a phone shows as labelled lines."""
        return list(zip((str(STAGE_LABELS[stage]) for stage in STAGES), values, strict=True))

    def total_row(self):
        return self._labelled(self.values())

    def breakdown(self):
        return self._labelled(self.shown_values())

    def shown(self, stage) -> int | str:
        """One cell of a breakdown row: counts of people under SMALLEST_SHOWN (but none) as "< 5";
        scans count no one and are shown as they are."""
        value = getattr(self, stage)
        if stage == "scans":
            return value
        if self.empty and stage != "applications":
            return 0
        if stage in self.withheld:
            return WITHHELD
        if 0 < value < SMALLEST_SHOWN or (stage in self.hidden and value < SMALLEST_SHOWN):
            return f"< {SMALLEST_SHOWN}"
        if stage in self.hidden:
            return f"≥ {SMALLEST_SHOWN}"
        return value

    def shown_values(self):
        return [self.shown(stage) for stage in STAGES]


WITHHELD = "*"


def cell_range(shown, total: int) -> tuple[int, int]:
    """The counts a reader can tell a breakdown cell may hold, from what it shows alone."""
    if shown == WITHHELD:
        return 0, total
    if shown == f"< {SMALLEST_SHOWN}":
        return 0, SMALLEST_SHOWN - 1
    if shown == f"≥ {SMALLEST_SHOWN}":
        return SMALLEST_SHOWN, total
    return int(shown), int(shown)


def worked_out(shown_cells, total: int) -> list[tuple[int, int]]:
    """What the cells of one breakdown column may hold, given that they add up to the total (the
    "All" row): for a sum with each term within bounds, each term's range is exact this way."""
    bounds = [cell_range(shown, total) for shown in shown_cells]
    low, high = sum(lo for lo, _hi in bounds), sum(hi for _lo, hi in bounds)
    return [(max(lo, total - (high - hi)), min(hi, total - (low - lo))) for lo, hi in bounds]


def _gives_away(funnels, stage, total) -> bool:
    """Whether some "< 5" count of people in this column can be worked out exactly."""
    ranges = worked_out([f.shown(stage) for f in funnels], total)
    return any(0 < getattr(f, stage) < SMALLEST_SHOWN and lo == hi for f, (lo, hi) in zip(funnels, ranges, strict=True))


def protect(funnels, total: Funnel) -> None:
    """Hide cells of a breakdown (rows adding up to `total`) until no "< 5" count can be worked
    out from the others, the total and the zeros: first the smallest count still shown (a zero
    then shows "< 5", a larger one "≥ 5"), and where every cell is a band and they still give a
    count away, the column's cells altogether. A breakdown of one row says only the total."""
    if len(funnels) < 2:
        return
    for stage in STAGES[1:]:
        count = getattr(total, stage)
        while _gives_away(funnels, stage, count):
            shown = [f for f in funnels if stage not in f.hidden and not f.empty and isinstance(f.shown(stage), int)]
            if shown:
                min(shown, key=lambda f: getattr(f, stage)).hidden.add(stage)
            elif any(f.empty for f in funnels):
                # The known zeros themselves give the count away (one other row is the "All"
                # row): their applications read "< 5" after all, and their cells are hidden in turn.
                for f in funnels:
                    if f.empty:
                        f.empty = False
                        f.hidden.add("applications")
            else:
                for f in funnels:
                    f.withheld.add(stage)
        if stage == "applications":  # a 0 the reader sees is known all along the row
            for f in funnels:
                f.empty = f.shown("applications") == 0


def protected(counts: list[int], total: int) -> list[int | str]:
    """The cells of a breakdown of `total` people into `counts`, a total the reader knows exactly,
    as a funnel's breakdown shows them (`protect`): no "< 5" can be worked out from the others."""
    rows = [Funnel(likely_eligible=count) for count in counts]
    protect(rows, Funnel(likely_eligible=total))
    return [row.shown("likely_eligible") for row in rows]


@dataclass
class TrialFunnel:
    trial: object  # trials.models.Trial
    total: Funnel
    by_site: list = field(default_factory=list)  # [(Site or None, Funnel)]
    by_campaign: list = field(default_factory=list)  # [(Campaign or None, Funnel)]
    # [(Site or None, median working hours to a first attempt, share within target, how many)]
    first_contact: list = field(default_factory=list)
    weeks: list = field(default_factory=list)  # [(monday, scans, applications, likely eligible)]


def _funnels_by(applications, key: str) -> dict:
    """{value of `key`: Funnel} for these applications, in two queries."""
    funnels = {
        row[key]: Funnel(applications=row["n"], likely_eligible=row["eligible"], needs_review=row["review"])
        for row in applications.values(key).annotate(
            n=Count("pk"),
            eligible=Count("pk", filter=Q(verdict=Verdict.LIKELY_ELIGIBLE)),
            review=Count("pk", filter=Q(verdict=Verdict.NEEDS_REVIEW)),
        )
    }
    reached = (
        AuditEvent.objects.filter(
            application__in=applications.values("pk"),
            action=AuditAction.STATUS_CHANGED,
            field="status",
            details__to__in=list(_REACHED),
        )
        .values(group=F(f"application__{key}"), to=F("details__to"))
        .annotate(n=Count("application", distinct=True))
    )
    for row in reached:
        setattr(funnels.setdefault(row["group"], Funnel()), _REACHED[row["to"]], row["n"])
    attempts = (
        ContactAttempt.objects.filter(application__in=applications.values("pk"))
        .values(group=F(f"application__{key}"))
        .annotate(n=Count("pk"))
    )
    for attempt in attempts:
        funnels.setdefault(attempt["group"], Funnel()).attempts = attempt["n"]
    return funnels


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def trial_funnel(trial, applications, *, weeks: int = 12, today: datetime.date | None = None) -> TrialFunnel:
    """The funnel of one trial, counting only `applications` (already scoped to the viewer)."""
    applications = applications.filter(trial=trial)
    scans = dict(
        CampaignScanDay.objects.filter(campaign__trial=trial).values_list("campaign").annotate(total=Sum("scans"))
    )
    total = _funnels_by(applications, "trial").get(trial.pk, Funnel())
    total.scans = sum(scans.values())

    sites = {site.pk: site for site in Site.objects.filter(trial=trial)}
    per_site = _funnels_by(applications, "site")
    # A campaign's poster hangs at a site: its scans count for that site.
    for campaign in Campaign.objects.filter(trial=trial, site__isnull=False):
        per_site.setdefault(campaign.site_id, Funnel()).scans += scans.get(campaign.pk, 0)
    by_site = [(sites.get(pk), funnel) for pk, funnel in per_site.items()]
    by_site.sort(key=lambda pair: (pair[0] is None, str(pair[0])))

    campaigns = {c.pk: c for c in Campaign.objects.filter(trial=trial)}
    per_campaign = _funnels_by(applications, "campaign")
    for pk in campaigns:
        per_campaign.setdefault(pk, Funnel())
    for pk, funnel in per_campaign.items():
        funnel.scans = scans.get(pk, 0)
    by_campaign = sorted(
        ((campaigns.get(pk), f) for pk, f in per_campaign.items()),
        key=lambda pair: (pair[0] is None, pair[0].name if pair[0] else ""),
    )

    today = today or timezone.localdate()
    first = _monday(today) - datetime.timedelta(weeks=weeks - 1)
    series = {first + datetime.timedelta(weeks=i): [0, 0, 0] for i in range(weeks)}
    for row in (
        CampaignScanDay.objects.filter(campaign__trial=trial, day__gte=first)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(n=Sum("scans"))
    ):
        series.setdefault(_as_date(row["week"]), [0, 0, 0])[0] = row["n"]
    for row in (
        applications.filter(submitted_at__gte=timezone.make_aware(datetime.datetime.combine(first, datetime.time())))
        .annotate(week=TruncWeek("submitted_at"))
        .values("week")
        .annotate(n=Count("pk"), eligible=Count("pk", filter=Q(verdict=Verdict.LIKELY_ELIGIBLE)))
    ):
        week = series.setdefault(_as_date(row["week"]), [0, 0, 0])
        week[1], week[2] = row["n"], row["eligible"]
    protect([funnel for _site, funnel in by_site], total)
    protect([funnel for _campaign, funnel in by_campaign], total)
    from recruitment.services.calls import first_contact_by_site

    clock = first_contact_by_site(applications)
    first_contact = sorted(
        ((sites.get(pk), *measured) for pk, measured in clock.items()), key=lambda row: (row[0] is None, str(row[0]))
    )
    return TrialFunnel(
        trial=trial,
        total=total,
        by_site=by_site,
        by_campaign=by_campaign,
        first_contact=first_contact,
        weeks=[(monday, *series[monday]) for monday in sorted(series)],
    )


def chart(weeks, *, width=600, height=180, pad=28) -> dict:
    """Coordinates for a server-drawn SVG bar chart of weekly applications and likely eligible."""
    top = max([max(w[1], w[2], w[3]) for w in weeks] + [1])
    slot = (width - pad) / max(len(weeks), 1)
    bar = slot * 0.38
    scale = (height - pad) / top
    bars = []
    for i, (monday, scans, applied, eligible) in enumerate(weeks):
        x = pad + i * slot
        bars.append(
            {
                "x1": round(x + 2, 1),
                "x2": round(x + 2 + bar, 1),
                "w": round(bar, 1),
                "h1": round(applied * scale, 1),
                "y1": round(height - pad - applied * scale, 1),
                "h2": round(eligible * scale, 1),
                "y2": round(height - pad - eligible * scale, 1),
                "label": monday.strftime("%m-%d"),
                "lx": round(x + slot / 2, 1),
                "applied": applied,
                "eligible": eligible,
                "scans": scans,
            }
        )
    return {"width": width, "height": height, "bars": bars, "top": top, "base": height - pad, "pad": pad}

"""A trial as its sign-up form needs it (the trial, its recruiting sites, its criteria), kept by
each worker for a short while.

A broadcast sends thousands of patients to one trial's form within minutes; reading the trial,
its sites, its criteria and the campaign they came through again for each of them was four queries
a submission. Each worker keeps what it read for PUBLIC_PAGE_CACHE_SECONDS, the time the trial's
public pages are cached too: a new site or an edited criterion applies to sign-ups within that
time, as it shows on its pages, and every evaluation records the criteria it used, so a verdict is
never silently out of date. A campaign made since is looked up when a patient comes through it; a
campaign retired within that time is still recorded for its last sign-ups. Closing the trial or a
site applies at once: the write itself checks both, and a submission refused for it drops the kept
copy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch

from trials.models import Campaign, Criterion, RecruitmentStatus, Site, Trial


@dataclass(frozen=True)
class SignupTrial:
    trial: Trial
    sites: tuple[Site, ...]  # recruiting, in the order the form offers them
    criteria: tuple  # CriterionSpec, in the order they are checked
    campaigns: dict[str, Campaign] = field(default_factory=dict)  # the active ones, by code


_KEPT: dict[str, tuple[float, SignupTrial]] = {}
_KEPT_MAX = 256


def signup_trial(slug: str) -> SignupTrial | None:
    """The trial with this slug as its form needs it, or None if there is no such trial."""
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    kept = _KEPT.get(slug)
    if kept is not None and kept[0] > time.monotonic():
        return kept[1]
    trial = (
        Trial.objects.select_related("sponsor")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.filter(status=RecruitmentStatus.RECRUITING)
                     .order_by("country", "city", "facility"), to_attr="recruiting_sites"),
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"), to_attr="ordered_criteria"),
            Prefetch("campaigns", queryset=Campaign.objects.filter(is_active=True), to_attr="active_campaigns"),
        )
        .filter(slug=slug)
        .first()
    )
    if trial is None:
        return None
    signup = SignupTrial(trial, tuple(trial.recruiting_sites), tuple(c.as_spec() for c in trial.ordered_criteria),
                         {campaign.code: campaign for campaign in trial.active_campaigns})
    if seconds:
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        _KEPT[slug] = (time.monotonic() + seconds, signup)
    return signup


def forget(slug: str | None = None) -> None:
    """Drop what this worker keeps of one trial (a submission found it changed), or of all."""
    if slug is None:
        _KEPT.clear()
    else:
        _KEPT.pop(slug, None)

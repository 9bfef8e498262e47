"""A trial as its sign-up form needs it: the trial, its recruiting sites, its criteria and its
active campaigns, read in one go and kept in Django's cache until the catalog changes
(`trials.catalog_cache`): a new site, an edited criterion or a closed trial applies to the next
sign-up. The write of a submission checks again that the trial and the site still recruit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch

from trials import catalog_cache
from trials.models import Campaign, Criterion, Site, Trial


@dataclass(frozen=True)
class SignupTrial:
    trial: Trial
    sites: tuple[Site, ...]  # recruiting, in the order the form offers them
    criteria: tuple  # CriterionSpec, in the order they are checked
    campaigns: dict[str, Campaign] = field(default_factory=dict)  # the active ones, by code
    # The catalog's version read before this was: what the page's cached fragments are filed under.
    version: str | None = None


def signup_trial(slug: str) -> SignupTrial | None:
    """The trial with this slug as its form needs it, or None if there is no such trial."""
    if not catalog_cache.enabled():
        return read_signup_trial(slug)
    version = catalog_cache.version()
    key = catalog_cache.key(version, "signup", slug)
    signup = cache.get(key)
    if signup is None:
        signup = read_signup_trial(slug, version=version)
        if signup is not None:
            cache.set(key, signup, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return signup


def read_signup_trial(slug: str, *, version: str | None = None) -> SignupTrial | None:
    """The same, read from the database."""
    trial = (
        Trial.objects.select_related("sponsor")
        .prefetch_related(
            Prefetch(
                "sites",
                queryset=Site.objects.open_for_signup().order_by("country", "city", "facility"),
                to_attr="recruiting_sites",
            ),
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk"), to_attr="ordered_criteria"),
            Prefetch("campaigns", queryset=Campaign.objects.filter(is_active=True), to_attr="active_campaigns"),
        )
        .filter(slug=slug)
        .first()
    )
    if trial is None:
        return None
    return SignupTrial(
        trial,
        tuple(trial.recruiting_sites),
        tuple(c.as_spec() for c in trial.ordered_criteria),
        {campaign.code: campaign for campaign in trial.active_campaigns},
        version,
    )

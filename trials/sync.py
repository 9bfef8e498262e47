"""The daily sync with ClinicalTrials.gov: each trial's current API v2 record, read through the same
importer as `import_ctgov`, every change recorded, coordinators told when a sign-up closes.

Requests have a timeout, are retried with backoff, and are spaced out (the registry asks for a
polite rate). A record that cannot be fetched or parsed changes nothing and is reported.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from recruitment.conditions import installed
from trials.ctgov import RecordError, parse_study
from trials.models import OPEN_FOR_SIGNUP, Trial, TrialChange
from trials.services import import_study

logger = logging.getLogger(__name__)

# What a change record names, per trial: the fields the registry owns that patients see.
WATCHED = (
    "status",
    "open_locally_reason",
    "title",
    "acronym",
    "phase",
    "min_age_years",
    "max_age_years",
    "sex_eligibility",
    "target_enrolment",
    "drug",
)


class FetchError(Exception):
    """The registry could not be reached, or answered with something that is not a record."""


@dataclass
class SyncReport:
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    closed: list[str] = field(default_factory=list)  # trials or sites whose sign-up closed
    # Trials of a condition no longer installed: kept as they are, not fetched (their records name
    # a condition this portal cannot import), and said so rather than failing every day.
    skipped: list[str] = field(default_factory=list)


def fetch(nct_id: str) -> dict:
    """The study's record from the registry's API, with retries and backoff."""
    url = f"{settings.CTGOV_API_URL.rstrip('/')}/studies/{nct_id}?format=json"
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "jak-trial-portal registry sync"}
    )
    delay = settings.CTGOV_BACKOFF_SECONDS
    for attempt in range(1, settings.CTGOV_ATTEMPTS + 1):
        try:
            with urllib.request.urlopen(request, timeout=settings.CTGOV_TIMEOUT_SECONDS) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            if exc.code < 500 and exc.code != 429:  # 404 and the like: asking again will not help
                raise FetchError(f"the registry answered {exc.code}") from None
            problem = f"the registry answered {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            problem = f"could not reach the registry ({getattr(exc, 'reason', exc)})"
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise FetchError("the registry's answer is not JSON") from None
        if attempt < settings.CTGOV_ATTEMPTS:
            time.sleep(delay)
            delay *= 2
    raise FetchError(problem)


def _snapshot(trial: Trial) -> tuple[dict, dict]:
    sites = {str(site): site.status for site in trial.sites.all()}
    return {name: getattr(trial, name) for name in WATCHED}, sites


def _record_changes(trial: Trial, before, after, version) -> list[TrialChange]:
    (fields_before, sites_before), (fields_after, sites_after) = before, after
    changes = [
        TrialChange(
            trial=trial,
            field=name,
            old_value=str(fields_before[name] or ""),
            new_value=str(fields_after[name] or ""),
            registry_version=version,
        )
        for name in WATCHED
        if fields_before[name] != fields_after[name]
    ]
    for site in sorted(set(sites_before) | set(sites_after)):
        old, new = sites_before.get(site, ""), sites_after.get(site, "")
        if old != new:
            changes.append(
                TrialChange(
                    trial=trial,
                    site=site[:400],
                    field="site status" if old else "site added",
                    old_value=old,
                    new_value=new,
                    registry_version=version,
                )
            )
    return TrialChange.objects.bulk_create(changes)


def _closed(changes) -> list[str]:
    """What stopped taking sign-ups: the trial, or a site."""
    return [
        change.site or change.trial.display_name
        for change in changes
        if change.field in ("status", "site status")
        and change.old_value == OPEN_FOR_SIGNUP
        and change.new_value != OPEN_FOR_SIGNUP
    ]


def sync_trial(nct_id: str) -> list[TrialChange]:
    """Fetch, parse and import one study; the changes made. Raises FetchError or RecordError,
    having changed nothing."""
    record = parse_study(fetch(nct_id))
    if record.nct_id != nct_id:
        raise RecordError(f"the registry sent {record.nct_id} for {nct_id}")
    with transaction.atomic():
        trial = Trial.objects.filter(nct_id=nct_id).first()
        before = _snapshot(trial) if trial else ({name: None for name in WATCHED}, {})
        result = import_study(record)
        changes = _record_changes(result.trial, before, _snapshot(result.trial), record.last_update_posted)
        if changes:
            _tell_coordinators(result.trial, changes)
    return changes


def _tell_coordinators(trial, changes):
    """The trial's coordinators are told what the registry changed, when a sign-up closed."""
    from recruitment.services.notifications import catalog_change_notices

    if _closed(changes):
        catalog_change_notices(trial, changes)


def sync(*, add: tuple[str, ...] = (), demo: bool = False, pause: float | None = None) -> SyncReport:
    """Every trial of the catalog (demonstration trials only with `demo`) and the NCT numbers in
    `add`: each fetched, parsed and imported on its own, so one failure stops nothing else."""
    trials = Trial.objects.all() if demo else Trial.objects.filter(is_demo=False)
    served = [condition.code for condition in installed()]
    report = SyncReport(
        skipped=list(trials.exclude(condition__in=served).order_by("nct_id").values_list("nct_id", flat=True))
    )
    trials = trials.filter(condition__in=served)
    nct_ids = list(dict.fromkeys([*trials.order_by("nct_id").values_list("nct_id", flat=True), *add]))
    pause = settings.CTGOV_REQUEST_INTERVAL_SECONDS if pause is None else pause
    for index, nct_id in enumerate(nct_ids):
        if index:
            time.sleep(pause)  # a polite rate
        try:
            changes = sync_trial(nct_id)
        except (FetchError, RecordError) as exc:
            report.failed[nct_id] = str(exc)
            logger.warning("registry sync: %s not updated: %s", nct_id, exc)
            continue
        except Exception as exc:  # noqa: BLE001 - a record the catalog cannot hold (too long, a clash): reported, the rest go on
            report.failed[nct_id] = f"cannot be stored ({exc.__class__.__name__}: {exc})"[:500]
            logger.exception("registry sync: %s not updated", nct_id)
            continue
        (report.updated if changes else report.unchanged).append(nct_id)
        report.closed += _closed(changes)
    return report

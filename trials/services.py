"""Writes to the trial catalog. Views, admin and commands call these; rules live elsewhere."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from trials import catalog_cache
from trials.ctgov import RecordError, StudyRecord, parse_study, studies_in_document
from trials.models import OPEN_FOR_SIGNUP, CampaignScanDay, RecruitmentStatus, Site, SponsorOrganisation, Trial


class ImportFileError(Exception):
    """A file that cannot be imported; the message names the file and the reason."""


@dataclass(frozen=True)
class ImportResult:
    trial: Trial
    created: bool
    sites_created: int
    sites_updated: int
    sites_closed: int


def _unique_slug(record: StudyRecord) -> str:
    base = slugify(record.acronym)[:60] or record.nct_id.lower()
    slug = base
    if Trial.objects.filter(slug=slug).exists():
        slug = f"{base}-{record.nct_id.lower()}"[:80]
    return slug


# Fields the registry owns: a re-import overwrites them. Text that coordinators write for
# patients (summary, eligibility_summary) and the slug printed in QR codes are never touched.
def _registry_fields(record: StudyRecord, sponsor: SponsorOrganisation) -> dict:
    return {
        # Names fit on one line (trials.models.ONE_LINE): a registry's stray line break is a space.
        "title": " ".join(record.title.split()),
        "official_title": record.official_title,
        "acronym": " ".join(record.acronym.split()),
        "registry_summary": record.brief_summary,
        "registry_eligibility_text": record.eligibility_text,
        "drug": record.drug,
        "sponsor": sponsor,
        "phase": record.phase,
        "condition": record.condition,
        "status": record.status,
        "target_enrolment": record.target_enrolment,
        "min_age_years": record.min_age_years,
        "max_age_years": record.max_age_years,
        "sex_eligibility": record.sex_eligibility,
        "registry_updated_on": record.last_update_posted,
    }


@transaction.atomic
def import_study(record: StudyRecord, *, slug: str | None = None, is_demo: bool | None = None) -> ImportResult:
    """Create or update a trial and its sites from a registry record, keyed by NCT number."""
    sponsor, _ = SponsorOrganisation.objects.get_or_create(name=record.sponsor_name)
    fields = _registry_fields(record, sponsor)
    fields["imported_at"] = timezone.now()
    if is_demo is not None:
        fields["is_demo"] = is_demo

    existing = Trial.objects.select_for_update().filter(nct_id=record.nct_id).first()
    created = existing is None
    trial = existing or Trial(nct_id=record.nct_id, slug=slug or _unique_slug(record), summary=record.brief_summary)
    for name, value in fields.items():
        setattr(trial, name, value)
    if trial.open_locally_reason:
        if record.status == RecruitmentStatus.NOT_YET_RECRUITING:
            trial.status = OPEN_FOR_SIGNUP  # kept open by a site ahead of the registry
        else:
            # The registry has caught up (recruiting), or the trial stopped (completed, suspended,
            # terminated...): the registry decides again, and the change is recorded.
            trial.open_locally_reason = ""
    trial.full_clean()
    trial.save()

    sites_created = sites_updated = 0
    seen = set()
    for location in record.locations:
        site, site_created = Site.objects.update_or_create(
            trial=trial,
            facility=location.facility,
            city=location.city,
            country=location.country,
            defaults={
                "state": location.state,
                "zip_code": location.zip_code,
                "status": location.status,
                "latitude": location.latitude,
                "longitude": location.longitude,
            },
        )
        seen.add(site.pk)
        sites_created += site_created
        sites_updated += not site_created
    # A site dropped from the registry keeps its row (applications may point to it) but stops
    # being offered to patients.
    sites_closed = (
        trial.sites.exclude(pk__in=seen)
        .exclude(status=RecruitmentStatus.WITHDRAWN)
        .update(status=RecruitmentStatus.WITHDRAWN)
    )
    catalog_cache.changed()  # a bulk update sends no signal
    return ImportResult(trial, created, sites_created, sites_updated, sites_closed)


def read_study_file(path: Path) -> list[StudyRecord]:
    """Parse every study in a downloaded JSON file, or raise ImportFileError naming the file."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportFileError(f"{path}: file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(f"{path}: not a JSON file ({exc})") from None
    try:
        return [parse_study(study) for study in studies_in_document(document)]
    except RecordError as exc:
        raise ImportFileError(f"{path}: {exc}") from None


@transaction.atomic
def import_study_files(paths, *, is_demo: bool | None = None) -> list[ImportResult]:
    """All files or none: every file is parsed before the first write."""
    parsed = [(path, read_study_file(path)) for path in paths]
    results = []
    for path, records in parsed:
        for record in records:
            try:
                results.append(import_study(record, is_demo=is_demo))
            except ValidationError as exc:
                # e.g. a title longer than the column: the whole import rolls back.
                problems = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
                raise ImportFileError(f"{path}: {record.nct_id} cannot be stored ({problems})") from None
    return results


def record_campaign_scan(campaign, *, day=None) -> None:
    """Count one scan of a campaign's short link on `day`, safely under concurrent scans."""
    day = day or timezone.localdate()
    counter = CampaignScanDay.objects.filter(campaign=campaign, day=day)
    if counter.update(scans=F("scans") + 1):
        return
    try:
        with transaction.atomic():
            CampaignScanDay.objects.create(campaign=campaign, day=day, scans=1)
    except IntegrityError:
        # Another request created today's row between our update and insert.
        counter.update(scans=F("scans") + 1)

"""Read ClinicalTrials.gov API v2 study records into plain data, without touching the database.

Only age and sex are structured in the registry's eligibility module; every other criterion is
entered by a coordinator as rules, so nothing here tries to parse the free text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from recruitment.conditions import installed
from trials.models import Phase, RecruitmentStatus, SexEligibility


class RecordError(ValueError):
    """A record that cannot be imported; the message names the offending field."""


@dataclass(frozen=True)
class LocationRecord:
    facility: str
    city: str
    country: str
    state: str = ""
    zip_code: str = ""
    status: str = RecruitmentStatus.UNKNOWN
    latitude: Decimal | None = None
    longitude: Decimal | None = None


@dataclass(frozen=True)
class StudyRecord:
    nct_id: str
    title: str
    official_title: str
    acronym: str
    status: str
    sponsor_name: str
    brief_summary: str
    condition: str
    phase: str
    target_enrolment: int | None
    drug: str
    eligibility_text: str
    sex_eligibility: str
    min_age_years: int | None
    max_age_years: int | None
    locations: list[LocationRecord] = field(default_factory=list)
    # The registry's version of the record: statusModule.lastUpdatePostDateStruct.date.
    last_update_posted: datetime.date | None = None


_MISSING = object()


def _get(data, path: str, *, required: bool = True, default=None):
    node = data
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            if required:
                raise RecordError(f"missing field {path}")
            return default
        node = node[key]
    if required and (node is None or node == "" or node == []):
        raise RecordError(f"missing field {path}")
    return node


def _text(data, path: str, *, required: bool = True) -> str:
    value = _get(data, path, required=required, default="")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f"field {path} must be text")
    return value.strip()


_AGE = re.compile(r"^\s*(\d+)\s+(Year|Years|Month|Months|Week|Weeks|Day|Days)\s*$", re.IGNORECASE)


def parse_age_years(value: str | None, path: str) -> int | None:
    """'18 Years' -> 18; '6 Months' -> 0 (whole years); absent -> None (no limit)."""
    if value in (None, "", "N/A"):
        return None
    match = _AGE.match(str(value))
    if not match:
        raise RecordError(f"field {path} must look like '18 Years', not {value!r}")
    number, unit = int(match.group(1)), match.group(2).lower()
    if unit.startswith("year"):
        return number
    per_year = {"month": 12, "week": 52, "day": 365}[unit.rstrip("s")]
    return number // per_year


def parse_phase(phases) -> str:
    if phases in (None, []):
        return Phase.NA
    if not isinstance(phases, list) or not all(isinstance(p, str) for p in phases):
        raise RecordError("field protocolSection.designModule.phases must be a list such as ['PHASE3']")
    value = "_".join(sorted(phases))
    if value not in Phase.values:
        raise RecordError(f"field protocolSection.designModule.phases has an unknown value {phases!r}")
    return value


def parse_condition(conditions) -> str:
    path = "protocolSection.conditionsModule.conditions"
    if not isinstance(conditions, list) or not conditions:
        raise RecordError(f"missing field {path}")
    joined = " ".join(str(c) for c in conditions).lower()
    for condition in installed():
        if any(term in joined for term in condition.registry_terms):
            return condition.code
    raise RecordError(f"field {path} names no condition this portal serves: {conditions!r}")


def parse_status(value, path: str) -> str:
    if value not in RecruitmentStatus.values:
        raise RecordError(f"field {path} has an unknown status {value!r}")
    return value


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return round(Decimal(str(value)), 6)
    except InvalidOperation:
        return None


def parse_location(location, index: int) -> LocationRecord:
    path = f"protocolSection.contactsLocationsModule.locations[{index}]"
    if not isinstance(location, dict):
        raise RecordError(f"field {path} must be an object")
    for key in ("facility", "city", "country"):
        if not isinstance(location.get(key), str) or not location[key].strip():
            raise RecordError(f"missing field {path}.{key}")
    status = location.get("status") or RecruitmentStatus.UNKNOWN
    geo = location.get("geoPoint") or {}
    return LocationRecord(
        facility=location["facility"].strip(),
        city=location["city"].strip(),
        country=location["country"].strip(),
        state=(location.get("state") or "").strip(),
        zip_code=(location.get("zip") or "").strip(),
        status=parse_status(status, f"{path}.status"),
        latitude=_decimal(geo.get("lat")),
        longitude=_decimal(geo.get("lon")),
    )


def _drug_names(interventions) -> str:
    if not isinstance(interventions, list):
        return ""
    names = []
    for item in interventions:
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or "").strip()
        # Placebo and vehicle arms are not the drug under study.
        if item.get("type") in ("DRUG", "BIOLOGICAL") and name and not re.search(r"placebo|vehicle", name, re.I):
            names.append(name)
    return ", ".join(dict.fromkeys(names))


def parse_study(data) -> StudyRecord:
    """Turn one API v2 study (a dict with a protocolSection) into a StudyRecord or raise RecordError."""
    if not isinstance(data, dict):
        raise RecordError("not a ClinicalTrials.gov study record: expected a JSON object")
    _get(data, "protocolSection")
    nct_id = _text(data, "protocolSection.identificationModule.nctId")
    if not re.fullmatch(r"NCT\d{8}", nct_id):
        raise RecordError(f"field protocolSection.identificationModule.nctId is not an NCT number: {nct_id!r}")

    eligibility = "protocolSection.eligibilityModule"
    sex = _get(data, f"{eligibility}.sex", required=False, default="ALL") or "ALL"
    if sex not in SexEligibility.values:
        raise RecordError(f"field {eligibility}.sex must be ALL, FEMALE or MALE, not {sex!r}")
    min_age = parse_age_years(_get(data, f"{eligibility}.minimumAge", required=False), f"{eligibility}.minimumAge")
    max_age = parse_age_years(_get(data, f"{eligibility}.maximumAge", required=False), f"{eligibility}.maximumAge")
    if min_age is not None and max_age is not None and min_age > max_age:
        raise RecordError(f"field {eligibility}.minimumAge is above maximumAge")

    enrolment = _get(data, "protocolSection.designModule.enrollmentInfo.count", required=False)
    if enrolment is not None and (not isinstance(enrolment, int) or isinstance(enrolment, bool) or enrolment < 0):
        raise RecordError("field protocolSection.designModule.enrollmentInfo.count must be a whole number")

    locations = _get(data, "protocolSection.contactsLocationsModule.locations", required=False, default=[]) or []
    if not isinstance(locations, list):
        raise RecordError("field protocolSection.contactsLocationsModule.locations must be a list")

    return StudyRecord(
        nct_id=nct_id,
        title=_text(data, "protocolSection.identificationModule.briefTitle"),
        official_title=_text(data, "protocolSection.identificationModule.officialTitle", required=False),
        acronym=_text(data, "protocolSection.identificationModule.acronym", required=False),
        status=parse_status(
            _text(data, "protocolSection.statusModule.overallStatus"),
            "protocolSection.statusModule.overallStatus",
        ),
        sponsor_name=_text(data, "protocolSection.sponsorCollaboratorsModule.leadSponsor.name"),
        brief_summary=_text(data, "protocolSection.descriptionModule.briefSummary"),
        condition=parse_condition(_get(data, "protocolSection.conditionsModule.conditions")),
        phase=parse_phase(_get(data, "protocolSection.designModule.phases", required=False)),
        target_enrolment=enrolment,
        drug=_drug_names(_get(data, "protocolSection.armsInterventionsModule.interventions", required=False)),
        eligibility_text=_text(data, f"{eligibility}.eligibilityCriteria", required=False),
        sex_eligibility=sex,
        min_age_years=min_age,
        max_age_years=max_age,
        locations=[parse_location(loc, i) for i, loc in enumerate(locations)],
        last_update_posted=_registry_date(
            _get(data, "protocolSection.statusModule.lastUpdatePostDateStruct.date", required=False),
            "protocolSection.statusModule.lastUpdatePostDateStruct.date",
        ),
    )


def _registry_date(value, path: str) -> datetime.date | None:
    """A registry date: "2026-11-30", or "2026-11" (a month), or missing."""
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value if len(str(value)) > 7 else f"{value}-01")
    except (TypeError, ValueError):
        raise RecordError(f"field {path} is not a date: {value!r}") from None


def studies_in_document(document) -> list:
    """A downloaded file holds one study, or a search page {"studies": [...]} of several."""
    if isinstance(document, dict) and "studies" in document and "protocolSection" not in document:
        studies = document["studies"]
        if not isinstance(studies, list) or not studies:
            raise RecordError("field studies must be a non-empty list of study records")
        return studies
    return [document]

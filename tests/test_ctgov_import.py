import copy
import json

import pytest
from django.core.management import CommandError, call_command

from tests.factories import demo_record_path
from trials.models import Phase, RecruitmentStatus, Site, SponsorOrganisation, Trial

pytestmark = pytest.mark.django_db


def load(nct_id="NCT03570749"):
    return json.loads((demo_record_path(nct_id)).read_text(encoding="utf-8"))


def write(tmp_path, data, name="study.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_it_creates_a_trial_and_its_sites_from_a_registry_record(tmp_path):
    record = load()
    call_command("import_ctgov", write(tmp_path, record))

    trial = Trial.objects.get(nct_id="NCT03570749")
    assert trial.acronym == "BRAVE-AA1"
    assert trial.slug == "brave-aa1"
    assert trial.phase == Phase.PHASE2_PHASE3
    assert trial.condition == "alopecia_areata"
    assert trial.status == RecruitmentStatus.RECRUITING
    assert (trial.min_age_years, trial.max_age_years) == (18, 70)
    assert trial.drug == "Baricitinib"  # the placebo arm is not the drug
    assert trial.sponsor.name == "Eli Lilly and Company"
    assert trial.summary == record["protocolSection"]["descriptionModule"]["briefSummary"]
    locations = record["protocolSection"]["contactsLocationsModule"]["locations"]
    assert trial.sites.count() == len(locations)
    first = trial.sites.get(facility=locations[0]["facility"])
    assert first.city == locations[0]["city"]
    assert first.latitude is not None


def test_reimport_updates_registry_fields_and_keeps_coordinator_text(tmp_path):
    record = load()
    call_command("import_ctgov", write(tmp_path, record))
    trial = Trial.objects.get(nct_id="NCT03570749")
    trial.summary = "Written by the coordinator."
    trial.slug = "printed-on-posters"
    trial.save()

    changed = copy.deepcopy(record)
    changed["protocolSection"]["statusModule"]["overallStatus"] = "ACTIVE_NOT_RECRUITING"
    changed["protocolSection"]["contactsLocationsModule"]["locations"][0]["status"] = "COMPLETED"
    dropped = changed["protocolSection"]["contactsLocationsModule"]["locations"].pop()
    call_command("import_ctgov", write(tmp_path, changed))

    assert Trial.objects.count() == 1
    trial.refresh_from_db()
    assert trial.status == RecruitmentStatus.ACTIVE_NOT_RECRUITING
    assert trial.summary == "Written by the coordinator."
    assert trial.slug == "printed-on-posters"
    assert Site.objects.count() == len(record["protocolSection"]["contactsLocationsModule"]["locations"])
    first = record["protocolSection"]["contactsLocationsModule"]["locations"][0]
    assert trial.sites.get(facility=first["facility"]).status == RecruitmentStatus.COMPLETED
    # A site that left the registry is kept for the applications that name it, but closed.
    assert trial.sites.get(facility=dropped["facility"]).status == RecruitmentStatus.WITHDRAWN
    assert SponsorOrganisation.objects.count() == 1


def test_a_partial_record_imports_with_no_limits_it_does_not_state(tmp_path):
    record = load("NCT05051761")
    section = record["protocolSection"]
    section["identificationModule"].pop("acronym", None)
    del section["eligibilityModule"]["maximumAge"]
    del section["contactsLocationsModule"]
    del section["designModule"]["enrollmentInfo"]
    del section["armsInterventionsModule"]

    call_command("import_ctgov", write(tmp_path, record))

    trial = Trial.objects.get(nct_id="NCT05051761")
    assert trial.max_age_years is None
    assert trial.target_enrolment is None
    assert trial.sites.count() == 0
    assert trial.drug == ""
    assert trial.slug == "nct05051761"


def test_a_search_page_with_several_studies_imports_each(tmp_path):
    page = {"studies": [load("NCT03570749"), load("NCT03899259")]}
    call_command("import_ctgov", write(tmp_path, page))
    assert set(Trial.objects.values_list("nct_id", flat=True)) == {"NCT03570749", "NCT03899259"}


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda r: r["protocolSection"]["identificationModule"].pop("nctId"),
            "protocolSection.identificationModule.nctId",
        ),
        (lambda r: r["protocolSection"].pop("statusModule"), "protocolSection.statusModule.overallStatus"),
        (lambda r: r["protocolSection"]["statusModule"].update(overallStatus="OPEN"), "overallStatus"),
        (lambda r: r["protocolSection"]["eligibilityModule"].update(minimumAge="eighteen"), "minimumAge"),
        (lambda r: r["protocolSection"]["conditionsModule"].update(conditions=[]), "conditionsModule.conditions"),
        (lambda r: r["protocolSection"]["designModule"].update(phases=["PHASE9"]), "designModule.phases"),
        (
            lambda r: r["protocolSection"]["contactsLocationsModule"]["locations"][1].pop("city"),
            "locations[1].city",
        ),
        (lambda r: r.pop("protocolSection"), "protocolSection"),
    ],
)
def test_a_broken_record_is_refused_naming_the_file_and_field(tmp_path, mutate, message):
    record = load()
    mutate(record)
    path = write(tmp_path, record, "broken.json")
    with pytest.raises(CommandError) as excinfo:
        call_command("import_ctgov", path)
    assert "broken.json" in str(excinfo.value)
    assert message in str(excinfo.value)
    assert Trial.objects.count() == 0


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(b"%PDF-1.4 not json")
    with pytest.raises(CommandError, match="leaflet.pdf: not a JSON file"):
        call_command("import_ctgov", str(path))


def test_one_bad_file_among_several_writes_nothing(tmp_path):
    good = write(tmp_path, load("NCT03570749"), "good.json")
    bad_record = load("NCT03899259")
    bad_record["protocolSection"]["identificationModule"]["nctId"] = "12345"
    bad = write(tmp_path, bad_record, "bad.json")
    with pytest.raises(CommandError, match="bad.json"):
        call_command("import_ctgov", good, bad)
    assert Trial.objects.count() == 0
    assert SponsorOrganisation.objects.count() == 0


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="nowhere.json: file not found"):
        call_command("import_ctgov", str(tmp_path / "nowhere.json"))


def test_a_value_the_database_cannot_hold_is_refused_and_rolled_back(tmp_path):
    good = write(tmp_path, load("NCT03570749"), "good.json")
    record = load("NCT03899259")
    record["protocolSection"]["identificationModule"]["briefTitle"] = "x" * 400
    too_long = write(tmp_path, record, "long.json")
    with pytest.raises(CommandError, match=r"long.json: NCT03899259 cannot be stored \(title"):
        call_command("import_ctgov", good, too_long)
    assert Trial.objects.count() == 0

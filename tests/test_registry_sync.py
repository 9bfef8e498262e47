"""The daily sync with ClinicalTrials.gov, against a local HTTP server that serves recorded
registry records (CTGOV_API_URL points at it): a changed record, a broken one, an outage."""

import copy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from tests.factories import demo_record_path, make_coordinator
from trials.models import RecruitmentStatus, Trial, TrialChange
from trials.services import import_study_files

pytestmark = pytest.mark.django_db(transaction=True)  # the coordinators' e-mails go once committed

BRAVE, THRIVE, DEMO = "NCT03570749", "NCT03899259", "NCT03732807"


def record(nct_id):
    return json.loads((demo_record_path(nct_id)).read_text(encoding="utf-8"))


class Registry:
    """A local stand-in for the registry's API: path -> (status, body); every request logged."""

    def __init__(self):
        self.answers, self.requests = {}, []
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                registry.requests.append(self.path)
                status, body = registry.answers.get(self.path.split("?")[0], (404, {"error": "not found"}))
                payload = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/v2"

    def serve(self, nct_id, body, status=200):
        self.answers[f"/api/v2/studies/{nct_id}"] = (status, body)


@pytest.fixture
def registry(settings):
    server = Registry()
    settings.CTGOV_API_URL = server.url
    settings.CTGOV_BACKOFF_SECONDS = 0
    settings.CTGOV_REQUEST_INTERVAL_SECONDS = 0
    settings.CTGOV_ATTEMPTS = 2
    yield server
    server.server.shutdown()


@pytest.fixture
def catalog(tmp_path):
    """Two trials from the registry, and one demonstration trial."""
    import_study_files([demo_record_path(BRAVE), demo_record_path(THRIVE)], is_demo=False)
    import_study_files([demo_record_path(DEMO)], is_demo=True)
    brave = Trial.objects.get(nct_id=BRAVE)
    brave.summary = "Written for patients by the study team."
    brave.save()
    return brave


def changed_brave():
    """BRAVE-AA1 as the registry has it now: completed, its first site withdrawn, a site added."""
    study = copy.deepcopy(record(BRAVE))
    protocol = study["protocolSection"]
    protocol["statusModule"]["overallStatus"] = "COMPLETED"
    protocol["statusModule"]["lastUpdatePostDateStruct"] = {"date": "2026-11-30", "type": "ACTUAL"}
    locations = protocol["contactsLocationsModule"]["locations"]
    locations.pop(0)
    locations.append(
        {
            "facility": "Zhejiang University Second Hospital",
            "status": "RECRUITING",
            "city": "Hangzhou",
            "country": "China",
            "geoPoint": {"lat": 30.25, "lon": 120.17},
        }
    )
    return study


def test_the_sync_closes_a_finished_trial_lists_the_new_site_reports_the_broken_record_and_changes_nothing_else(
    registry, catalog
):
    brave = catalog
    thrive_before = Trial.objects.values().get(nct_id=THRIVE)
    first_site = brave.sites.order_by("pk").first()
    nurse = make_coordinator("nurse", first_site)
    assert Client().get(f"/en/trials/{brave.slug}/apply/").status_code == 200
    registry.serve(BRAVE, changed_brave())
    registry.serve(THRIVE, {"protocolSection": {"identificationModule": {"nctId": THRIVE}}})  # broken

    with pytest.raises(CommandError) as failure:
        call_command("sync_ctgov")
    assert THRIVE in str(failure.value) and BRAVE not in str(failure.value)

    brave.refresh_from_db()
    assert brave.status == RecruitmentStatus.COMPLETED and brave.slug == "brave-aa1"
    assert brave.summary == "Written for patients by the study team."  # patients' texts are not the registry's
    assert str(brave.registry_updated_on) == "2026-11-30"
    assert "has closed" in Client().get(f"/en/trials/{brave.slug}/apply/").content.decode()
    assert brave.sites.get(facility="Zhejiang University Second Hospital").status == RecruitmentStatus.RECRUITING
    first_site.refresh_from_db()
    assert first_site.status == RecruitmentStatus.WITHDRAWN
    changes = {
        (c.site.split(",")[0], c.field, c.old_value, c.new_value) for c in TrialChange.objects.filter(trial=brave)
    }
    assert ("", "status", "RECRUITING", "COMPLETED") in changes
    assert (first_site.facility, "site status", "RECRUITING", "WITHDRAWN") in changes
    assert ("Zhejiang University Second Hospital", "site added", "", "RECRUITING") in changes
    assert {c.registry_version.isoformat() for c in TrialChange.objects.filter(trial=brave)} == {"2026-11-30"}

    # The broken record changed nothing; the demonstration trial was not even asked for.
    assert Trial.objects.values().get(nct_id=THRIVE) == thrive_before
    assert not TrialChange.objects.filter(trial__nct_id=THRIVE).exists()
    assert not any(DEMO in path for path in registry.requests)

    [message] = [m for m in mail.outbox if m.to == [nurse.email]]
    assert "recruitment status: Recruiting → Completed" in message.body  # labels, not codes
    assert "Zhejiang University Second Hospital" in message.body

    page = Client()
    from django.contrib.auth.models import User

    page.force_login(User.objects.create_superuser("root", "root@example.org", "pw-for-tests-1"))
    admin_page = page.get(f"/admin/trials/trial/{brave.pk}/change/").content.decode()
    assert "Changes from the registry" in admin_page and "2026-11-30" in admin_page.replace(
        "Nov. 30, 2026", "2026-11-30"
    )


def test_an_outage_is_retried_then_reported_and_changes_nothing(registry, catalog):
    registry.serve(BRAVE, {"error": "busy"}, status=503)
    registry.serve(THRIVE, record(THRIVE))
    with pytest.raises(CommandError) as failure:
        call_command("sync_ctgov")
    assert "503" in str(failure.value)
    assert sum(BRAVE in path for path in registry.requests) == 2  # CTGOV_ATTEMPTS
    assert Trial.objects.get(nct_id=BRAVE).status == RecruitmentStatus.RECRUITING


def test_add_imports_a_new_study_and_demo_trials_sync_only_when_asked(registry, catalog):
    new = "NCT04797650"
    for nct_id in (BRAVE, THRIVE, DEMO, new):
        registry.serve(nct_id, record(nct_id))
    call_command("sync_ctgov", "--add", new)
    assert Trial.objects.filter(nct_id=new, is_demo=False).exists()
    assert not any(DEMO in path for path in registry.requests)
    call_command("sync_ctgov", "--demo")
    assert any(DEMO in path for path in registry.requests)


def test_keeping_a_trial_open_locally_is_audited_and_opens_its_sign_up(catalog):
    """What the trial's admin page saves (its form has many inlines: the admin's save step is
    called as the page calls it, with the changed field)."""
    from django.contrib.admin.sites import site as admin_site
    from django.test import RequestFactory

    from recruitment.models import AuditAction, AuditEvent

    brave = catalog
    Trial.objects.filter(pk=brave.pk).update(status=RecruitmentStatus.NOT_YET_RECRUITING)
    nurse = make_coordinator("nurse", brave.sites.first())
    client = Client()
    client.force_login(nurse)
    assert (
        "open_locally_reason" in client.get(f"/admin/trials/trial/{brave.pk}/change/").context["adminform"].form.fields
    )  # a coordinator of the trial's site may keep it open

    request = RequestFactory().post("/")
    request.user = nurse
    trial = Trial.objects.get(pk=brave.pk)
    trial.open_locally_reason = "Recruiting since the site initiation visit"
    form = type(
        "Form",
        (),
        {
            "changed_data": ["open_locally_reason"],
            "initial": {"open_locally_reason": ""},
            "cleaned_data": {"open_locally_reason": trial.open_locally_reason},
        },
    )()
    admin_site._registry[Trial].save_model(request, trial, form, True)
    assert Trial.objects.get(pk=brave.pk).status == RecruitmentStatus.RECRUITING
    assert Client().get(f"/en/trials/{brave.slug}/apply/").status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.TRIAL_PINNED)
    assert event.actor == nurse and "site initiation" in event.new_value
    assert TrialChange.objects.filter(trial=brave, field="status", new_value="RECRUITING").exists()


def test_beat_syncs_the_registry_every_day(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sync-ctgov"]
    assert entry["task"] == "trials.tasks.sync_ctgov" and entry["schedule"].hour == {4}


def test_a_record_the_catalog_cannot_hold_is_reported_and_the_others_still_sync(registry, catalog):
    too_long = record(BRAVE)
    too_long["protocolSection"]["identificationModule"]["briefTitle"] = "x" * 5000
    registry.serve(BRAVE, too_long)
    thrive = record(THRIVE)
    thrive["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    registry.serve(THRIVE, thrive)
    with pytest.raises(CommandError) as failure:
        call_command("sync_ctgov")
    assert BRAVE in str(failure.value) and "cannot be stored" in str(failure.value)
    assert Trial.objects.get(nct_id=THRIVE).status == RecruitmentStatus.COMPLETED


@pytest.mark.parametrize(
    "registry_says, expected, still_pinned",
    [
        ("NOT_YET_RECRUITING", RecruitmentStatus.RECRUITING, True),  # the site recruits ahead of the registry
        ("RECRUITING", RecruitmentStatus.RECRUITING, False),  # the registry caught up: it decides again
        ("SUSPENDED", RecruitmentStatus.SUSPENDED, False),  # stopped: the sign-up closes, whatever the pin
    ],
)
def test_a_trial_kept_open_locally_stays_open_only_until_the_registry_says_otherwise(
    registry, catalog, registry_says, expected, still_pinned
):
    brave = catalog
    brave.open_locally_reason = "Site initiation visit done on 2 December; registry update pending"
    brave.save()
    study = record(BRAVE)
    study["protocolSection"]["statusModule"]["overallStatus"] = registry_says
    registry.serve(BRAVE, study)
    registry.serve(THRIVE, record(THRIVE))
    call_command("sync_ctgov")
    brave.refresh_from_db()
    assert brave.status == expected and bool(brave.open_locally_reason) == still_pinned
    assert TrialChange.objects.filter(trial=brave, field="open_locally_reason").exists() != still_pinned

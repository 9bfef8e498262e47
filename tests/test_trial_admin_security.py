"""Issue 27, item 1: what a coordinator may change of a trial. "Open locally" only ever runs ahead
of a registry that says "not yet recruiting", never reopens a trial the registry stopped; the
registry's trial-wide facts are read-only for coordinators; every trial-wide edit is audited with
old and new values; and no trial name can carry a line break into an e-mail header."""

import pytest
from django.core import mail
from django.test import Client

from recruitment.models import AuditAction, AuditEvent
from tests.admin_forms import change_form_data
from tests.factories import make_application, make_coordinator, make_criterion, make_site, make_trial
from trials.models import RecruitmentStatus, Trial, TrialChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial():
    trial = make_trial(slug="brave-aa1", acronym="BRAVE-AA1", drug="Baricitinib")
    make_criterion(trial, "age", params={"min": 18}, patient_text="Adults")
    return trial


@pytest.fixture
def nurse(trial):
    nurse = make_coordinator("nurse", make_site(trial))
    client = Client()
    client.force_login(nurse)
    return client


def page(trial):
    return f"/admin/trials/trial/{trial.pk}/change/"


def post_change(client, trial, **changes):
    data = {**change_form_data(client, page(trial), "trial_form"), **changes}
    return client.post(page(trial), data)


@pytest.mark.parametrize("status", [RecruitmentStatus.SUSPENDED, RecruitmentStatus.TERMINATED, "COMPLETED"])
@pytest.mark.parametrize("who", ["nurse", "admin_client"])
def test_open_locally_never_reopens_a_trial_the_registry_stopped(trial, status, who, request):
    client = request.getfixturevalue(who)
    Trial.objects.filter(pk=trial.pk).update(status=status)
    response = post_change(client, trial, open_locally_reason="Site initiation visit done")
    assert response.status_code == 200
    assert "Only a trial the registry lists as not yet recruiting can be opened locally" in response.content.decode()
    trial.refresh_from_db()
    assert (trial.status, trial.open_locally_reason) == (status, "")
    assert Client().get("/en/trials/brave-aa1/apply/").context["trial"].is_open_for_signup is False


def test_open_locally_opens_a_trial_not_yet_recruiting_and_is_audited(trial, nurse):
    Trial.objects.filter(pk=trial.pk).update(status=RecruitmentStatus.NOT_YET_RECRUITING)
    assert post_change(nurse, trial, open_locally_reason="Site initiation visit done").status_code == 302
    trial.refresh_from_db()
    assert trial.status == RecruitmentStatus.RECRUITING
    assert AuditEvent.objects.get(action=AuditAction.TRIAL_PINNED).new_value == "Site initiation visit done"
    assert TrialChange.objects.filter(trial=trial, field="status", new_value="RECRUITING").exists()


def test_the_registrys_trial_wide_facts_are_read_only_for_a_coordinator(trial, nurse):
    shown = change_form_data(nurse, page(trial), "trial_form")
    for name in ("acronym", "title_en", "title_zh_hans", "drug_en", "drug_zh_hans", "nct_id", "status"):
        assert name not in shown, name
    # A forged post changes none of them either.
    response = post_change(nurse, trial, acronym="HACKED", title_en="Hacked", drug_en="Placebo", status="RECRUITING")
    assert response.status_code == 302
    trial.refresh_from_db()
    assert (trial.acronym, trial.title, trial.drug) == (
        "BRAVE-AA1",
        Trial.objects.get(pk=trial.pk).title,
        "Baricitinib",
    )
    assert trial.title != "Hacked"


def test_every_trial_wide_edit_is_audited_with_old_and_new_values(trial, nurse):
    data = change_form_data(nurse, page(trial), "trial_form")
    data["summary_en"] = "Tablets once a day for a year."
    data["criteria-0-patient_text_en"] = "Adults aged 18 or over"
    assert nurse.post(page(trial), data).status_code == 302
    events = AuditEvent.objects.filter(action=AuditAction.TRIAL_CHANGED).order_by("pk")
    assert [e.actor.username for e in events] == ["nurse", "nurse"]
    trial_event, criterion_event = events
    assert trial_event.details["trial"] == trial.nct_id
    assert trial_event.details["changes"]["summary_en"][1] == "Tablets once a day for a year."
    assert criterion_event.details["changes"]["patient_text_en"] == ["Adults", "Adults aged 18 or over"]


def test_deleting_a_criterion_is_audited(trial, admin_client):
    data = change_form_data(admin_client, page(trial), "trial_form")
    data["criteria-0-DELETE"] = "on"
    assert admin_client.post(page(trial), data).status_code == 302
    assert not trial.criteria.exists()
    event = AuditEvent.objects.get(action=AuditAction.TRIAL_CHANGED, details__deleted=True)
    assert "criterion" in event.details["what"].lower()


@pytest.mark.parametrize("field", ["acronym", "title_en", "lay_title_zh_hans"])
@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"])
def test_a_line_break_in_a_trial_name_is_refused_at_input(trial, admin_client, field, line_break):
    response = post_change(admin_client, trial, **{field: f"BRAVE{line_break}Bcc: everyone@example.com"})
    assert response.status_code == 200
    assert "This must fit on one line" in response.content.decode()
    trial.refresh_from_db()
    assert "Bcc" not in f"{trial.acronym}{trial.title}{trial.lay_title}"


def test_a_name_stored_with_a_line_break_before_the_check_still_sends_every_email(
    trial, django_capture_on_commit_callbacks
):
    # Stored before names were checked: the e-mail goes out with the name on one line, not never.
    site = trial.sites.first() or make_site(trial)
    make_coordinator("lead", site)
    Trial.objects.filter(pk=trial.pk).update(acronym="BRAVE\r\nBcc: everyone@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_application(Trial.objects.get(pk=trial.pk), site=site)
    subjects = [m.subject for m in mail.outbox]
    assert subjects and all("\n" not in s and "\r" not in s for s in subjects)
    assert any("BRAVE Bcc: everyone@example.com" in s for s in subjects)


def test_a_deleted_criterion_is_audited_with_what_it_held(trial, admin_client):
    data = change_form_data(admin_client, page(trial), "trial_form")
    data["criteria-0-DELETE"] = "on"
    admin_client.post(page(trial), data)
    event = AuditEvent.objects.get(action=AuditAction.TRIAL_CHANGED, details__deleted=True)
    assert event.details["changes"]["kind"] == ["age", None]
    assert "'min': 18" in event.details["changes"]["params"][0]


def test_clearing_open_locally_gives_the_registrys_status_back(trial, nurse):
    Trial.objects.filter(pk=trial.pk).update(status=RecruitmentStatus.NOT_YET_RECRUITING)
    post_change(nurse, trial, open_locally_reason="Site initiation visit done")
    assert Trial.objects.get(pk=trial.pk).status == RecruitmentStatus.RECRUITING
    post_change(nurse, trial, open_locally_reason="")
    assert Trial.objects.get(pk=trial.pk).status == RecruitmentStatus.NOT_YET_RECRUITING


def test_who_coordinates_a_site_and_who_follows_a_sponsor_are_audited(trial, admin_client):
    from django.contrib.auth.models import User

    site = trial.sites.first() or make_site(trial)
    colleague = make_coordinator("colleague")
    url = f"/admin/trials/site/{site.pk}/change/"
    data = change_form_data(admin_client, url, "site_form")
    data["coordinators"] = [colleague.pk]
    assert admin_client.post(url, data).status_code == 302
    event = AuditEvent.objects.filter(action=AuditAction.TRIAL_CHANGED).latest("pk")
    assert event.details["changes"]["coordinators"][1] == str([colleague.pk])

    reader = User.objects.create_user("reader", password="pw-for-tests-1")
    url = f"/admin/trials/sponsororganisation/{trial.sponsor.pk}/change/"
    data = change_form_data(admin_client, url, "sponsororganisation_form")
    data["members"] = [reader.pk]
    assert admin_client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.SPONSOR_CHANGED)
    assert event.details["changes"]["members"][1] == str([reader.pk])


def test_a_new_reason_cannot_be_put_on_a_recruiting_trial_to_close_it_by_clearing(trial, nurse):
    # Re-review: set then cleared on a trial the registry lists as recruiting, a reason gave back
    # the status of an older change and closed the sign-up.
    response = post_change(nurse, trial, open_locally_reason="just because")
    assert response.status_code == 200
    trial.refresh_from_db()
    assert (trial.status, trial.open_locally_reason) == (RecruitmentStatus.RECRUITING, "")

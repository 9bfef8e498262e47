"""'Not yet eligible': when only time stands between a patient and a trial, the verdict says from
when, the patient may ask to be reminded on that day, and re-evaluation says what changed."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from recruitment.models import Application, AuditEvent, ConsentRecord, Reminder
from recruitment.patient_dates import patient_today
from recruitment.screening.answers import TreatmentAnswer
from recruitment.screening.eligibility import CriterionSpec, Result, Verdict, evaluate
from recruitment.screening.kinds import CriterionKind as K
from recruitment.services import reminders, review
from tests.factories import make_coordinator, make_criterion, make_site, make_trial, screening_post, with_condition

TODAY = datetime.date(2026, 12, 2)


def spec(kind, role="inclusion", **params):
    return CriterionSpec(kind=kind, role=role, params=params, patient_text=str(kind))


def answers(**fields):
    base = dict(today=TODAY, born=datetime.date(1986, 3, 15), age=40, sex="MALE", diagnosed="yes",
                episode_months=24, episode_started_on=datetime.date(2024, 12, 1), salt=80)
    base.update(fields)
    return with_condition(base)


# --- The engine ---------------------------------------------------------------------------------
def test_a_patient_a_week_short_of_18_may_be_eligible_on_their_birthday():
    outcome = evaluate([spec(K.AGE, min=18)], answers(age=17, born=datetime.date(2008, 12, 9)))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert outcome.eligible_from == datetime.date(2026, 12, 9)


def test_a_minimum_age_decades_away_is_simply_not_met():
    outcome = evaluate([spec(K.AGE, min=70)], answers())
    assert outcome.verdict == Verdict.LIKELY_INELIGIBLE and outcome.eligible_from is None


def test_a_patient_over_the_maximum_age_is_not_told_to_wait():
    assert evaluate([spec(K.AGE, max=30)], answers()).verdict == Verdict.LIKELY_INELIGIBLE


def test_a_washout_not_over_gives_the_day_it_surely_is():
    washout = spec(K.WASHOUT, role="exclusion", treatments=["topical_steroid", "oral_steroid"], days=30)
    stopped_lately = answers(treatments={"topical_steroid": TreatmentAnswer("lt1m")})
    outcome = evaluate([washout], stopped_lately)
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert outcome.eligible_from == TODAY + datetime.timedelta(days=30)
    # Two treatments: the later day counts.
    three_months = spec(K.WASHOUT, role="exclusion", treatments=["immunosuppressant"], days=90)
    both = answers(treatments={"topical_steroid": TreatmentAnswer("lt1m"),
                               "immunosuppressant": TreatmentAnswer("1to3m")})
    assert evaluate([washout, three_months], both).eligible_from == TODAY + datetime.timedelta(days=60)


def test_a_treatment_still_used_gives_not_yet_without_a_day():
    washout = spec(K.WASHOUT, role="exclusion", treatments=["topical_steroid"], days=30)
    outcome = evaluate([washout], answers(treatments={"topical_steroid": TreatmentAnswer("still")}))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE and outcome.eligible_from is None
    assert "30 days after stopping" in str(outcome.results[0].reason)


def test_an_episode_just_too_short_may_be_long_enough_from_a_day_the_month_makes_sure_of():
    episode = spec(K.EPISODE_DURATION, min_months=6, min_exclusive=True)
    outcome = evaluate([episode], answers(episode_months=3, episode_started_on=datetime.date(2026, 9, 1)))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert outcome.eligible_from == datetime.date(2027, 4, 1)  # begun by 30 September: 6 months on 1 April


def test_time_is_not_all_when_another_criterion_is_not_met():
    outcome = evaluate([spec(K.AGE, min=18), spec(K.SALT, min=50)],
                       answers(age=17, born=datetime.date(2008, 12, 9), salt=10))
    assert outcome.verdict == Verdict.LIKELY_INELIGIBLE


def test_not_yet_with_a_question_left_is_still_not_yet():
    outcome = evaluate([spec(K.AGE, min=18), spec(K.DIAGNOSIS)],
                       answers(age=17, born=datetime.date(2008, 12, 9), diagnosed="unsure"))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert [r.result for r in outcome.results] == [Result.NOT_MET, Result.UNKNOWN]


def test_without_the_patients_day_no_date_is_promised():
    washout = spec(K.WASHOUT, role="exclusion", treatments=["topical_steroid"], days=30)
    outcome = evaluate([washout], answers(today=None, treatments={"topical_steroid": TreatmentAnswer("lt1m")}))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE and outcome.eligible_from is None


# --- The patient: verdict, reminder, link -----------------------------------------------------
@pytest.fixture
def thrive(db):
    trial = make_trial(slug="thrive-aa1", acronym="THRIVE-AA1")
    make_criterion(trial, K.WASHOUT, role="exclusion", params={"treatments": ["topical_steroid"], "days": 30},
                   patient_text="No steroid cream in the last month", position=0)
    return trial


def apply_after_steroid_cream(client, trial, **overrides):
    response = client.post("/trials/thrive-aa1/apply/", screening_post(used_topical_steroid="lt1m", **overrides))
    assert response.status_code == 302
    return Application.objects.latest("pk")


def test_the_patient_reads_from_when_and_why_and_asks_for_a_reminder(client, thrive):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    due = patient_today() + datetime.timedelta(days=30)
    assert (application.verdict, application.eligible_from) == (Verdict.NOT_YET_ELIGIBLE, due)
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/trials/thrive-aa1/apply/done/").content.decode()
    assert f"从{due.year}年{due.month}月{due.day}日起，您可能符合条件" in page
    assert "只差时间" in page and 'name="consent_reminder"' in page

    # The consent is its own, never ticked for the patient.
    response = client.post("/trials/thrive-aa1/apply/done/remind/", {})
    assert response["Location"].endswith("?reminder=unticked") and not Reminder.objects.exists()
    assert "请勾选此项" in client.get(response["Location"]).content.decode()

    client.post("/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    reminder = Reminder.objects.get(application=application)
    assert (reminder.due_on, reminder.by_email) == (due, True)
    consent = ConsentRecord.objects.get(application=application, purpose="reminder")
    assert consent.language == "zh-hans"
    assert AuditEvent.objects.filter(application=application, action="reminder_asked").exists()
    assert "我们会在" in client.get("/trials/thrive-aa1/apply/done/").content.decode()
    # Asking again changes nothing.
    client.post("/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    assert ConsentRecord.objects.filter(application=application, purpose="reminder").count() == 1


def test_another_browser_cannot_ask_for_someone_elses_reminder(client, thrive):
    apply_after_steroid_cream(client, thrive)
    Client().post("/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    assert not Reminder.objects.exists()


def test_on_the_day_the_reminder_is_emailed_once_naming_no_trial_and_its_link_fills_the_answers_in(
    client, thrive, mailoutbox
):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    client.post("/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    assert reminders.send_due(today=application.eligible_from - datetime.timedelta(days=1)) == 0
    assert reminders.send_due(today=application.eligible_from) == 1
    assert reminders.send_due(today=application.eligible_from) == 0
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["fang@example.cn"] and application.reference in message.body
    assert "THRIVE" not in message.body and "alopecia" not in message.body.lower() and "thrive" not in message.body
    assert "您申请的提醒" in message.subject  # the patient's language
    link = re.search(r"https?://\S+/r/\S+/", message.body).group(0)
    assert AuditEvent.objects.filter(application=application, action="reminder_sent").exists()

    other_browser = Client()
    opened = other_browser.get(link[link.index("/r/"):], follow=True)
    page = opened.content.decode()
    assert opened.redirect_chain[-1][0].endswith(f"/trials/thrive-aa1/apply/?from={application.reference}")
    assert 'value="Wang Fang"' in page and 'name="consent_health_data"' in page
    assert not re.search(r'name="consent_health_data"[^>]*checked', page)  # consents asked again


def test_a_forged_or_withdrawn_reminder_link_opens_nothing(client, thrive):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    assert Client().get("/r/not-a-token/").status_code == 410
    link = reminders.link_for(application)
    review.change_status(application, to="withdrawn", by=None, reason="Asked to leave")
    assert Client().get(link[link.index("/r/"):]).status_code == 410


def test_a_withdrawn_patient_is_not_reminded(client, thrive, mailoutbox):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    client.post("/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    review.change_status(application, to="withdrawn", by=None, reason="Asked to leave")
    assert reminders.send_due(today=application.eligible_from) == 0 and mailoutbox == []


def test_the_coordinator_sees_whom_to_call_when_a_reminder_without_email_is_due(client, thrive):
    site = make_site(thrive)
    make_coordinator("nurse", site)
    application = apply_after_steroid_cream(client, thrive, site=str(site.pk))
    client.post("/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    Reminder.objects.filter(application=application).update(due_on=patient_today())
    staff = Client()
    staff.force_login(User.objects.get(username="nurse"))
    listing = staff.get("/admin/recruitment/application/", {"reminder": "due"}).content.decode()
    assert application.reference in listing
    assert application.reference not in staff.get("/admin/recruitment/application/",
                                                  {"reminder": "ahead"}).content.decode()
    page = staff.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    assert "call the patient on" in page


def test_re_evaluation_says_what_changed_and_why(client, thrive):
    site = make_site(thrive)
    make_coordinator("nurse", site)
    application = apply_after_steroid_cream(client, thrive, site=str(site.pk))
    make_criterion(thrive, K.SALT, params={"min": 90}, patient_text="Almost the whole scalp without hair", position=1)
    staff = Client()
    staff.force_login(User.objects.get(username="nurse"))
    response = staff.post(f"/admin/recruitment/application/{application.pk}/change/",
                          {"reevaluate": "on", "new_status": "", "reason": "", "note": "", "assign_to": ""},
                          follow=True)
    page = response.content.decode()
    assert "Not yet eligible → Likely ineligible" in page
    assert "Almost the whole scalp without hair" in page and "self-reported estimated SALT 75.2" in page
    event = AuditEvent.objects.get(application=application, action="reevaluated")
    assert event.details["changes"][0]["criterion"] == "Almost the whole scalp without hair"

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
from recruitment.screening.checks import add_months
from recruitment.screening.eligibility import CriterionSpec, Result, Verdict
from recruitment.services import reminders, review
from tests.engine import evaluate
from tests.factories import (
    make_coordinator,
    make_criterion,
    make_site,
    make_trial,
    screening_post,
    with_condition,
)

# Reads the clock ("not yet" dates and reminders); CI runs it at the edges of time too.
pytestmark = pytest.mark.clock

TODAY = datetime.date(2026, 12, 2)


def spec(kind, role="inclusion", **params):
    return CriterionSpec(kind=kind, role=role, params=params, patient_text=str(kind))


def answers(**fields):
    base = dict(
        today=TODAY,
        born=datetime.date(1986, 3, 15),
        age=40,
        sex="MALE",
        diagnosed="yes",
        episode_months=24,
        episode_started_on=datetime.date(2024, 12, 1),
        salt=80,
    )
    base.update(fields)
    return with_condition(base)


# --- The engine ---------------------------------------------------------------------------------
def test_a_patient_a_week_short_of_18_may_be_eligible_on_their_birthday():
    outcome = evaluate([spec("age", min=18)], answers(age=17, born=datetime.date(2008, 12, 9)))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert outcome.eligible_from == datetime.date(2026, 12, 9)


def test_a_minimum_age_decades_away_is_simply_not_met():
    outcome = evaluate([spec("age", min=70)], answers())
    assert outcome.verdict == Verdict.LIKELY_INELIGIBLE and outcome.eligible_from is None


def test_a_patient_over_the_maximum_age_is_not_told_to_wait():
    assert evaluate([spec("age", max=30)], answers()).verdict == Verdict.LIKELY_INELIGIBLE


def test_a_washout_not_over_gives_the_day_it_surely_is():
    washout = spec("washout", role="exclusion", treatments=["topical_steroid", "oral_steroid"], days=30)
    stopped_lately = answers(treatments={"topical_steroid": TreatmentAnswer("lt1m")})
    outcome = evaluate([washout], stopped_lately)
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert outcome.eligible_from == TODAY + datetime.timedelta(days=30)
    # Two treatments: the later day counts.
    three_months = spec("washout", role="exclusion", treatments=["immunosuppressant"], days=90)
    both = answers(
        treatments={"topical_steroid": TreatmentAnswer("lt1m"), "immunosuppressant": TreatmentAnswer("1to3m")}
    )
    assert evaluate([washout, three_months], both).eligible_from == TODAY + datetime.timedelta(days=60)


def test_a_treatment_still_used_gives_not_yet_without_a_day():
    washout = spec("washout", role="exclusion", treatments=["topical_steroid"], days=30)
    outcome = evaluate([washout], answers(treatments={"topical_steroid": TreatmentAnswer("still")}))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE and outcome.eligible_from is None
    assert str(outcome.results[0].reason) == "topical_steroid still used; this trial asks for 30 days without it"
    assert outcome.results[0].as_dict()["after"] == "stopping"


def test_a_treatment_still_used_is_never_time_alone_and_the_page_says_not_to_stop_it(client, thrive):
    # "Do not stop a treatment to join a trial; talk to the doctor who prescribed it" (DOMAIN.md).
    client.post("/zh-hans/trials/thrive-aa1/apply/", screening_post(used_topical_steroid="still"))
    page = client.get("/zh-hans/trials/thrive-aa1/apply/done/").content.decode()
    assert "请不要为了参加试验自行停药" in page and "只差时间" not in page
    assert 'name="consent_reminder"' not in page  # no day to remind of


def test_a_treatment_already_stopped_is_time_alone(client, thrive):
    client.post("/zh-hans/trials/thrive-aa1/apply/", screening_post(used_topical_steroid="lt1m"))
    page = client.get("/zh-hans/trials/thrive-aa1/apply/done/").content.decode()
    assert "只差时间" in page and "请不要为了参加试验自行停药" not in page


def test_an_episode_just_too_short_may_be_long_enough_from_a_day_the_month_makes_sure_of():
    episode = spec("episode_duration", min_months=6, min_exclusive=True)
    outcome = evaluate([episode], answers(episode_months=3, episode_started_on=datetime.date(2026, 9, 1)))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert outcome.eligible_from == datetime.date(2027, 4, 1)  # begun by 30 September: 6 months on 1 April


def test_time_is_not_all_when_another_criterion_is_not_met():
    outcome = evaluate(
        [spec("age", min=18), spec("salt", min=50)], answers(age=17, born=datetime.date(2008, 12, 9), salt=10)
    )
    assert outcome.verdict == Verdict.LIKELY_INELIGIBLE


def test_not_yet_with_a_question_left_is_still_not_yet():
    outcome = evaluate(
        [spec("age", min=18), spec("diagnosis")], answers(age=17, born=datetime.date(2008, 12, 9), diagnosed="unsure")
    )
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert [r.result for r in outcome.results] == [Result.NOT_MET, Result.UNKNOWN]


def test_without_the_patients_day_no_date_is_promised():
    washout = spec("washout", role="exclusion", treatments=["topical_steroid"], days=30)
    outcome = evaluate([washout], answers(today=None, treatments={"topical_steroid": TreatmentAnswer("lt1m")}))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE and outcome.eligible_from is None


# --- The patient: verdict, reminder, link -----------------------------------------------------
@pytest.fixture
def thrive(db):
    trial = make_trial(slug="thrive-aa1", acronym="THRIVE-AA1")
    make_criterion(
        trial,
        "washout",
        role="exclusion",
        params={"treatments": ["topical_steroid"], "days": 30},
        patient_text="No steroid cream in the last month",
        position=0,
    )
    return trial


def apply_after_steroid_cream(client, trial, **overrides):
    response = client.post("/en/trials/thrive-aa1/apply/", screening_post(used_topical_steroid="lt1m", **overrides))
    assert response.status_code == 302
    return Application.objects.latest("pk")


def test_the_patient_reads_from_when_and_why_and_asks_for_a_reminder(client, thrive):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    due = patient_today() + datetime.timedelta(days=30)
    assert (application.verdict, application.eligible_from) == (Verdict.NOT_YET_ELIGIBLE, due)
    page = client.get("/zh-hans/trials/thrive-aa1/apply/done/").content.decode()
    assert f"从{due.year}年{due.month}月{due.day}日起，您可能符合条件" in page
    assert "只差时间" in page and 'name="consent_reminder"' in page

    # The consent is its own, never ticked for the patient.
    response = client.post("/zh-hans/trials/thrive-aa1/apply/done/remind/", {})
    assert response["Location"].endswith("?reminder=unticked") and not Reminder.objects.exists()
    assert "请勾选此项" in client.get(response["Location"]).content.decode()

    client.post("/zh-hans/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    reminder = Reminder.objects.get(application=application)
    assert (reminder.due_on, reminder.by_email) == (due, True)
    consent = ConsentRecord.objects.get(application=application, purpose="reminder")
    assert consent.language == "zh-hans"
    assert AuditEvent.objects.filter(application=application, action="reminder_asked").exists()
    assert "我们会在" in client.get("/zh-hans/trials/thrive-aa1/apply/done/").content.decode()
    # Asking again changes nothing.
    client.post("/zh-hans/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    assert ConsentRecord.objects.filter(application=application, purpose="reminder").count() == 1


def test_another_browser_cannot_ask_for_someone_elses_reminder(client, thrive):
    apply_after_steroid_cream(client, thrive)
    Client().post("/en/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    assert not Reminder.objects.exists()


def test_on_the_day_the_reminder_is_emailed_once_naming_no_trial_and_its_link_fills_the_answers_in(
    client, thrive, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    client.post("/en/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    assert reminders.send_due(today=application.eligible_from - datetime.timedelta(days=1)) == 0
    assert reminders.send_due(today=application.eligible_from) == 1
    assert reminders.send_due(today=application.eligible_from) == 0
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["fang@example.cn"] and application.reference in message.body
    for word in ("THRIVE", "thrive", "lopecia", "斑秃", "脱发", "头发", "白癜风", "Deuruxolitinib", "氘鲁索替尼"):
        assert word not in message.body + message.subject, word
    assert "您申请的提醒" in message.subject  # the patient's language
    link = re.search(r"https?://\S+/r/\S+/", message.body).group(0)
    path = link[link.index("/zh-hans/r/") :]  # opens in the language the e-mail is written in
    assert AuditEvent.objects.filter(application=application, action="reminder_sent").exists()

    # The link is a random token: it names no application, and only its hash is stored.
    token = path.split("/")[3]
    reminder = Reminder.objects.get(application=application)
    assert application.reference.replace("-", "") not in _decoded(token) and reminder.link_hash != token
    # Whoever holds the link sees no answer without a one-time code sent to the patient's e-mail.
    other_browser = Client()
    page = other_browser.get(path).content.decode()
    assert "Wang Fang" not in page and 'name="send"' in page and 'name="date_of_birth"' not in page
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert other_browser.post(path, {"send": "1"}).status_code == 200
    [code_message] = mailoutbox
    assert code_message.to == ["fang@example.cn"]
    refused = other_browser.post(path, {"code": "000000"})
    assert refused.status_code == 400 and "Wang Fang" not in refused.content.decode()
    code = re.search(r"\b(\d{6})\b", code_message.body).group(1)
    opened = other_browser.post(path, {"code": code}, follow=True)
    page = opened.content.decode()
    assert opened.redirect_chain[-1][0].endswith(f"/zh-hans/trials/thrive-aa1/apply/?from={application.reference}")
    assert re.search(r'name="loss_top"[^>]*value="\d', page) and 'name="consent_health_data"' in page
    # Opened with a code on a device that may be anyone's: who the patient is, they type again.
    assert "Wang Fang" not in page and "请重新填写姓名、出生日期和联系方式" in page
    assert not re.search(r'name="consent_health_data"[^>]*checked', page)  # consents asked again
    assert list(
        AuditEvent.objects.filter(application=application, action="reminder_opened").values_list("new_value", flat=True)
    ) == ["opened"]


def _decoded(token: str) -> str:
    """Whatever a token may carry, as text: a signed value is base64 of its JSON."""
    import base64

    try:
        return base64.urlsafe_b64decode(token.split(":")[0] + "==").decode(errors="ignore")
    except ValueError:
        return ""


def test_a_reminder_link_with_wrong_codes_opens_nothing_even_with_the_right_one_then(
    client, thrive, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    client.post("/en/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    link = reminders.new_link(Reminder.objects.get(application=application))
    path, stranger = link[link.index("/en/r/") :], Client()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stranger.post(path, {"send": "1"})
    code = re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)
    for _ in range(5):
        assert stranger.post(path, {"code": "000000"}).status_code == 400
    assert stranger.post(path, {"code": code}).status_code == 400  # spent by the wrong ones


def test_a_forged_old_or_withdrawn_reminder_link_opens_nothing(client, thrive, clock):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    client.post("/en/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    assert Client().get("/en/r/not-a-token/").status_code == 410
    reminder = Reminder.objects.get(application=application)
    old = reminders.new_link(reminder)
    link = reminders.new_link(reminder)
    assert Client().get(old[old.index("/en/r/") :]).status_code == 410  # a new link replaces the old one
    assert Client().get(link[link.index("/en/r/") :]).status_code == 200
    review.change_status(application, to="withdrawn", by=None, reason="Asked to leave")
    assert Client().get(link[link.index("/en/r/") :]).status_code == 410


def test_a_reminder_follows_a_re_evaluation_and_goes_no_more_once_the_verdict_changed(client, thrive, mailoutbox):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    client.post("/en/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    make_criterion(thrive, "salt", params={"min": 90}, patient_text="Almost the whole scalp without hair", position=1)
    review.reevaluate(application, by=None)
    assert application.verdict == Verdict.LIKELY_INELIGIBLE
    assert reminders.send_due(today=patient_today() + datetime.timedelta(days=60)) == 0 and mailoutbox == []


def test_one_rejected_address_does_not_hold_up_the_other_reminders(client, thrive, mailoutbox, monkeypatch):
    first = apply_after_steroid_cream(Client(), thrive, email="bounces@example.cn", phone="+86 139 0000 0001")
    second = apply_after_steroid_cream(Client(), thrive, email="fine@example.cn", phone="+86 139 0000 0002")
    for application in (first, second):
        reminders.ask(application, language="en")
    real_send = reminders._send

    def refusing(application):
        if application.contact.email.startswith("bounces"):
            raise OSError("550 mailbox unavailable")
        real_send(application)

    monkeypatch.setattr(reminders, "_send", refusing)  # an SMTP server we cannot run here
    day = first.eligible_from
    assert reminders.send_due(today=day) == 1
    assert [m.to for m in mailoutbox] == [["fine@example.cn"]]
    failed = Reminder.objects.get(application=first)
    assert failed.attempts == 1 and "550" in failed.last_error and failed.sent_at is None


def test_a_re_evaluation_after_the_day_counts_the_time_since_the_application(client, thrive, monkeypatch):
    application = apply_after_steroid_cream(client, thrive)
    assert application.verdict == Verdict.NOT_YET_ELIGIBLE
    later = application.eligible_from + datetime.timedelta(days=1)
    monkeypatch.setattr(
        "recruitment.screening.build.patient_today", lambda *args: later if not args else patient_today(*args)
    )
    review.reevaluate(application, by=None)
    assert (application.verdict, application.eligible_from) == (Verdict.LIKELY_ELIGIBLE, None)


def test_a_seventeen_year_old_re_evaluated_after_the_birthday_is_eighteen():
    from recruitment.patient_dates import age_on, birthday

    assert birthday(datetime.date(2008, 2, 29), 18) == datetime.date(2026, 3, 1)
    assert age_on(datetime.date(2008, 2, 29), datetime.date(2026, 2, 28)) == 17
    assert age_on(datetime.date(2008, 2, 29), datetime.date(2026, 3, 1)) == 18
    outcome = evaluate(
        [spec("age", min=18)], answers(age=17, born=datetime.date(2008, 2, 29), today=datetime.date(2026, 2, 20))
    )
    assert outcome.eligible_from == datetime.date(2026, 3, 1)


def test_a_washout_date_waits_for_a_treatment_whose_stop_is_not_known():
    washout = spec("washout", role="exclusion", treatments=["immunosuppressant", "oral_steroid"], days=90)
    outcome = evaluate(
        [washout],
        answers(treatments={"immunosuppressant": TreatmentAnswer("1to3m"), "oral_steroid": TreatmentAnswer("unsure")}),
    )
    assert outcome.eligible_from == TODAY + datetime.timedelta(days=90)


def test_a_withdrawn_patient_is_not_reminded(client, thrive, mailoutbox):
    application = apply_after_steroid_cream(client, thrive, email="fang@example.cn")
    client.post("/en/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    review.change_status(application, to="withdrawn", by=None, reason="Asked to leave")
    assert reminders.send_due(today=application.eligible_from) == 0 and mailoutbox == []


def test_the_coordinator_sees_whom_to_call_when_a_reminder_without_email_is_due(client, thrive):
    site = make_site(thrive)
    make_coordinator("nurse", site)
    application = apply_after_steroid_cream(client, thrive, site=str(site.pk))
    client.post("/en/trials/thrive-aa1/apply/done/remind/", {"consent_reminder": "on"})
    Reminder.objects.filter(application=application).update(due_on=patient_today())
    staff = Client()
    staff.force_login(User.objects.get(username="nurse"))
    listing = staff.get("/admin/recruitment/application/", {"reminder": "call"}).content.decode()
    assert application.reference in listing
    assert (
        application.reference
        not in staff.get("/admin/recruitment/application/", {"reminder": "ahead"}).content.decode()
    )
    page = staff.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    assert "call the patient on" in page


def test_re_evaluation_says_what_changed_and_why(client, thrive):
    site = make_site(thrive)
    make_coordinator("nurse", site)
    application = apply_after_steroid_cream(client, thrive, site=str(site.pk))
    make_criterion(thrive, "salt", params={"min": 90}, patient_text="Almost the whole scalp without hair", position=1)
    staff = Client()
    staff.force_login(User.objects.get(username="nurse"))
    response = staff.post(
        f"/admin/recruitment/application/{application.pk}/change/",
        {"reevaluate": "on", "new_status": "", "reason": "", "note": "", "assign_to": ""},
        follow=True,
    )
    page = response.content.decode()
    assert "Not yet eligible → Likely ineligible" in page
    assert "Almost the whole scalp without hair" in page and "self-reported estimated SALT 75.2" in page
    event = AuditEvent.objects.get(application=application, action="reevaluated")
    assert event.details["changes"][0]["patient_text"] == "Almost the whole scalp without hair"


@pytest.mark.clock
def test_an_age_maximum_passed_by_the_screening_visit_is_not_met_and_says_so(settings):
    # THRIVE-AA1: "18 to 65 years of age"; the screening visit comes within 60 days (a setting).
    from recruitment.patient_dates import patient_today

    today = patient_today()
    age = spec("age", min=18, max=65)
    from recruitment.screening.checks import add_months

    turning_66_soon = add_months(today, -66 * 12) + datetime.timedelta(days=30)
    outcome = evaluate(
        [age], answers(today=today, born=turning_66_soon, age=65, screening_on=today + datetime.timedelta(days=60))
    )
    assert outcome.verdict == Verdict.LIKELY_INELIGIBLE
    assert "by the screening visit you will be 66; this trial takes people up to 65" in str(outcome.results[0].reason)
    later_birthday = add_months(today, -66 * 12) + datetime.timedelta(days=90)
    outcome = evaluate(
        [age], answers(today=today, born=later_birthday, age=65, screening_on=today + datetime.timedelta(days=60))
    )
    assert outcome.verdict == Verdict.LIKELY_ELIGIBLE


@pytest.mark.clock
def test_an_episode_maximum_passed_by_the_screening_visit_is_not_met_and_says_so():
    # "Current episode of alopecia areata ... for less than 8 years" (BRAVE-AA1): 96 months. An
    # episode of 95 months today is surely over 96 by a visit two months later.
    from recruitment.patient_dates import patient_today
    from recruitment.screening.checks import add_months

    today = patient_today()
    episode = spec("episode_duration", max_months=96)
    started = add_months(today.replace(day=1), -95)
    fields = dict(today=today, episode_months=95, episode_started_on=started)
    outcome = evaluate([episode], answers(**fields, screening_on=add_months(today, 2)))
    assert outcome.verdict == Verdict.LIKELY_INELIGIBLE
    assert "by the screening visit the episode will have lasted about 97 months; this trial takes up to 8 years" in str(
        outcome.results[0].reason
    )
    assert evaluate([episode], answers(**fields, screening_on=today)).verdict == Verdict.LIKELY_ELIGIBLE


@pytest.mark.clock
@pytest.mark.parametrize(
    ("regrowth", "expected"), [("no", "likely_ineligible"), ("unsure", "needs_review"), ("yes", "likely_eligible")]
)
def test_brave_aa2s_exception_decides_an_episode_passing_8_years_by_the_visit(regrowth, expected):
    # BRAVE-AA2: "less than 8 years (a longer episode is admitted if episodes of regrowth have been
    # observed within the past 8 years)".
    from recruitment.patient_dates import patient_today
    from recruitment.screening.checks import add_months

    today = patient_today()
    episode = spec("episode_duration", max_months=96, or_regrowth_within_years=8)
    fields = dict(
        today=today,
        screening_on=add_months(today, 2),
        episode_months=95,
        episode_started_on=add_months(today.replace(day=1), -95),
        regrowth_within_8_years=regrowth,
    )
    assert evaluate([episode], answers(**fields)).verdict == expected


@pytest.mark.clock
def test_a_minimum_reached_by_the_screening_visit_is_met_not_a_wait():
    # TRuE-V: "Age 12 years or older"; Measure Up: "onset of symptoms at least 3 years prior to
    # Baseline": ages and lengths are the trial's at its visits, which come after the sign-up.
    from recruitment.patient_dates import patient_today
    from recruitment.screening.checks import add_months

    today = patient_today()
    visit = add_months(today, 2)  # two month-ends on, whatever the day
    age = spec("age", min=12)
    twelve_in_30_days = add_months(today, -12 * 12) + datetime.timedelta(days=30)
    assert (
        evaluate([age], answers(born=twelve_in_30_days, age=11, screening_on=visit)).verdict == Verdict.LIKELY_ELIGIBLE
    )
    twelve_in_90_days = add_months(today, -12 * 12) + datetime.timedelta(days=90)
    outcome = evaluate([age], answers(today=today, born=twelve_in_90_days, age=11, screening_on=visit))
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    episode = spec("episode_duration", min_months=6, min_exclusive=True)
    five_months = add_months(today.replace(day=1), -5)
    fields = dict(today=today, episode_months=5, episode_started_on=five_months)
    assert evaluate([episode], answers(**fields, screening_on=visit)).verdict == Verdict.LIKELY_ELIGIBLE
    assert evaluate([episode], answers(**fields)).verdict == Verdict.NOT_YET_ELIGIBLE


@pytest.mark.clock
def test_a_washout_in_months_counts_months_on_the_calendar():
    # THRIVE-AA1: "within 3 months of screening": steroid tablets stopped 1 to 3 months before the
    # answers are surely within; the day the window is surely over is 3 months after the latest
    # day they may have been taken.
    from recruitment.patient_dates import patient_today

    today = patient_today()
    washout = spec("washout", role="exclusion", treatments=["oral_steroid"], months=3)
    outcome = evaluate(
        [washout], answers(today=today, answered_on=today, treatments={"oral_steroid": TreatmentAnswer("1to3m")})
    )
    assert outcome.verdict == Verdict.NOT_YET_ELIGIBLE
    assert outcome.eligible_from == add_months(add_months(today, -1), 3)
    assert "used within the last 3 months" in str(outcome.results[0].reason)
    stopped_long_ago = answers(today=today, answered_on=today, treatments={"oral_steroid": TreatmentAnswer("gt6m")})
    assert evaluate([washout], stopped_long_ago).verdict == Verdict.LIKELY_ELIGIBLE

"""Atopic dermatitis on every surface a condition has: the list's filter, the trial page, the
questionnaire (in Chinese, with bad input and a language switch), the confirmation, other trials,
"not yet" and its reminder, admin, the coordinator's notification, the sponsor's CSV, posters and
erasure."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from recruitment.conditions.atopic_dermatitis.models import EczemaAnswers
from recruitment.demo import demo_answers, submit_answers
from recruitment.models import Application, Notification, Reminder
from recruitment.patient_dates import patient_today
from recruitment.screening.eligibility import Verdict
from tests.factories import DATE_OF_BIRTH, YEAR, make_coordinator, make_trial
from trials.models import Trial

D = Decimal
TRIAL = "ivarmacitinib-atopic-dermatitis"
APPLY = f"/en/trials/{TRIAL}/apply/"
APPLY_IN_CHINESE = f"/zh-hans/trials/{TRIAL}/apply/"


@pytest.fixture
def trial(db):
    call_command("seed_demo")
    return Trial.objects.get(slug=TRIAL)


def eczema_post(trial, **overrides) -> dict:
    """A complete questionnaire: a 41-year-old woman with eczema since May 2015 on the head, the
    arms, the legs and the trunk (EASI 24.0, 44 % of the body), moderate overall, itch 7, 58 kg,
    creams that did not control it."""
    data = demo_answers(
        trial,
        {
            "date_of_birth": DATE_OF_BIRTH,
            "health_history": ["none"],
            "full_name": "Wang Fang",
            "phone": "+86 138 0013 8000",
            "email": "",
            "campaign": "",
            "website": "",
        },
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_chinese_patient_applies_and_reads_scores_worked_out_on_the_server(client, trial):
    before = set(Application.objects.values_list("pk", flat=True))
    page = client.get(APPLY_IN_CHINESE).content.decode()
    for chinese in ("医生是否诊断过您患有特应性皮炎", "手掌单位", "发红", "皮肤增厚", "度普利尤单抗", "最痒"):
        assert chinese in page, chinese
    assert "conditions/atopic_dermatitis/signs/redness-3" in page and "easi-preview" in page
    # The browser cannot choose the scores: they are not fields of the form.
    response = client.post(APPLY_IN_CHINESE, eczema_post(trial, easi="72", bsa="100"), follow=True)
    application = Application.objects.exclude(pk__in=before).get()
    answers = application.atopic_dermatitis
    assert (answers.easi, answers.bsa, answers.iga, answers.itch, answers.weight_kg) == (
        D("24.0"),
        D("44.0"),
        3,
        7,
        58,
    )
    assert answers.regions["legs"] == {"area": 4, "redness": 2, "swelling": 2, "scratching": 2, "thickening": 2}
    assert application.verdict == Verdict.LIKELY_ELIGIBLE
    body = response.content.decode()
    assert "湿疹约占体表面积 <strong>44.0%</strong> · EASI <strong>24.0</strong>" in body
    assert "白斑" not in body  # no other condition's words


def test_itch_one_point_under_the_minimum_is_for_the_study_doctor_in_words(client, trial):
    body = client.post(APPLY_IN_CHINESE, eczema_post(trial, itch="3"), follow=True).content.decode()
    assert Application.objects.latest("pk").verdict == Verdict.NEEDS_REVIEW
    assert "一般情况下每天最痒时至少 4 分" in body  # the criterion, in Chinese
    # Other trials suggested are the other eczema trials the same answers may fit.
    assert "乌帕替尼片治疗中重度特应性皮炎" in body and "白癜风" not in body and "斑秃" not in body


NO_REGIONS = {
    f"{name}_{region}": None
    for name in ("area", "redness", "swelling", "scratching", "thickening")
    for region in ("head_neck", "trunk", "arms", "legs")
}


@pytest.mark.parametrize(
    ("overrides", "anchor", "message"),
    [
        ({"area_legs": "7"}, "id_area_legs", "Select a valid choice. 7 is not one of the available choices."),
        ({"redness_arms": "4"}, "id_redness_arms", "Select a valid choice"),
        ({"scratching_arms": ""}, "id_scratching_arms", "Please choose how strong this is here: Scratch marks."),
        ({"area_arms": ""}, "id_area_arms", "Please choose how much of this part has eczema."),
        (NO_REGIONS, "id_area_head_neck", "Please describe at least one part of the body with eczema now"),
        ({"itch": "11"}, "id_itch", "Select a valid choice"),
        ({"weight_kg": "5"}, "id_weight_kg", "Please give a weight from 15 to 250 kg."),
        ({"weight_kg": "300"}, "id_weight_kg", "If you gave it in jin, halve it."),
        ({"started_year": str(YEAR + 1)}, "id_started_year", "This year has not come yet"),
        ({"other_skin": ["none", "psoriasis"]}, "id_other_skin_0", "&quot;None of these&quot; cannot be combined"),
        ({"iga": None}, "id_iga_0", "Please answer this question"),
    ],
)
def test_impossible_or_missing_answers_get_a_clear_message_and_keep_every_answer(
    client, trial, overrides, anchor, message
):
    stored = Application.objects.count()
    response = client.post(APPLY, eczema_post(trial, **overrides))
    assert response.status_code == 200
    assert Application.objects.count() == stored
    body = response.content.decode()
    # A field's link reaches its group and focuses it; the form's own errors link to the form.
    assert message in body and (f'data-focus="{anchor}"' in body or f'href="#{anchor}"' in body)
    if overrides is not NO_REGIONS:
        assert re.search(r'<select name="area_trunk"[^>]*>.*?<option value="2" selected', body, re.S)
        assert re.search(r'<select name="thickening_legs"[^>]*>.*?<option value="2" selected', body, re.S)
    assert 'value="Wang Fang"' in body
    weight = re.search(r'<input[^>]*name="weight_kg"[^>]*>', body).group(0)
    assert f'value="{overrides.get("weight_kg", "58")}"' in weight


def test_switching_language_keeps_the_eczema_answers_and_shows_the_estimate(client, trial):
    stored = Application.objects.count()
    response = client.post(APPLY, {**eczema_post(trial), "switch_language": "zh-hans"})
    body = response.content.decode()
    assert re.search(r'<select name="area_legs"[^>]*>.*?<option value="4" selected', body, re.S)
    assert "EASI <strong>24.0</strong>" in body and "湿疹约占体表面积 <strong>44.0%</strong>" in body
    assert Application.objects.count() == stored


ARMS = {"area_arms": "2", "redness_arms": "1", "swelling_arms": "1", "scratching_arms": "1", "thickening_arms": "0"}


@pytest.mark.parametrize(
    ("rows", "shown"),
    [
        (
            {
                "area_arms": "2",
                "redness_arms": "1",
                "swelling_arms": "1",
                "scratching_arms": "1",
                "thickening_arms": "0",
            },
            "EASI <strong>1.2</strong>",
        ),
        ({"area_arms": "2", "redness_arms": "1"}, None),  # half a row
        (
            {
                "area_arms": "9",
                "redness_arms": "1",
                "swelling_arms": "1",
                "scratching_arms": "1",
                "thickening_arms": "0",
            },
            None,
        ),
    ],
)
def test_the_page_shows_an_estimate_only_for_answers_the_form_accepts(client, trial, rows, shown):
    body = client.post(APPLY, {**eczema_post(trial, **NO_REGIONS), **rows, "switch_language": "en"}).content.decode()
    if shown:
        assert shown in body
    else:
        assert "We work out your self-estimated scores" in body


def test_filtering_the_list_by_atopic_dermatitis_shows_its_trials_only(client, trial):
    body = client.get("/en/", {"condition": "atopic_dermatitis"}).content.decode()
    assert "Ivarmacitinib tablets for moderate to severe atopic dermatitis" in body and "Measure Up 2" in body
    assert "TRuE-V1" not in body and "BRAVE-AA1" not in body
    page = client.get(f"/zh-hans/trials/{TRIAL}/").content.decode()
    assert "艾玛昔替尼片治疗中重度特应性皮炎" in page and "体重至少 40 公斤" in page


def test_the_same_answers_apply_to_another_eczema_trial_with_the_areas_and_the_weight(client, trial):
    client.post(APPLY, eczema_post(trial))
    reference = Application.objects.latest("pk").reference
    prefilled = client.get(f"/en/trials/measure-up-1/apply/?from={reference}").content.decode()
    assert re.search(r'<select name="area_legs"[^>]*>.*?<option value="4" selected', prefilled, re.S)
    assert re.search(r'<input[^>]*name="weight_kg"[^>]*value="58"', prefilled)
    assert "all your answers" in prefilled  # the same condition: its own answers too


@pytest.mark.clock  # reads the clock
def test_eczema_too_recent_for_measure_up_is_not_yet_with_the_day_it_is_long_enough(client, trial):
    today = patient_today()
    started = (today.replace(day=1) - datetime.timedelta(days=30 * 30)).replace(day=1)  # about 30 months ago
    measure_up = Trial.objects.get(slug="measure-up-1")
    client.post(
        "/en/trials/measure-up-1/apply/",
        eczema_post(measure_up, started_month=str(started.month), started_year=str(started.year)),
    )
    application = Application.objects.latest("pk")
    assert application.verdict == Verdict.NOT_YET_ELIGIBLE
    assert application.eligible_from is not None and application.eligible_from > today
    client.post("/en/trials/measure-up-1/apply/done/remind/", {"consent_reminder": "on"})
    assert Reminder.objects.get(application=application).due_on == application.eligible_from


def test_a_coordinator_reviews_the_eczema_answers_and_is_told_without_health_data(
    client, trial, mailoutbox, django_capture_on_commit_callbacks
):
    site = trial.sites.first()
    make_coordinator("nurse", site, email="nurse@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_answers(trial, eczema_post(trial), site=site)
    assert Notification.objects.filter(application=application, kind="new_application").count() == 1
    email = "\n".join(message.subject + message.body for message in mailoutbox)
    assert application.reference in email
    # The trial is named (the coordinator runs it); no answer is. (The link's opaque id and the
    # reference are random: their digits are not an answer, and a reference may well hold "58".)
    text = re.sub(r"https?://\S+", "", email).replace(application.reference, "")
    for word in ("EASI", "24.0", "44.0", "58", "itch", "cream", "瘙痒"):
        assert word not in text, word
    client.force_login(User.objects.get(username="nurse"))
    page = client.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    for shown in (
        "Atopic dermatitis",
        "Legs, feet and buttocks: 50–69 %; Moderate, Moderate, Moderate, Moderate",
        "EASI <strong>24.0</strong>",
        "not an investigator",
        "did not keep the eczema under control",
        "58 kg",
    ):
        assert shown in page, shown
    listing = client.get("/admin/recruitment/application/").content.decode()
    assert "Self-estimated EASI" in listing and "24.0" in listing


def test_the_sponsor_csv_of_an_eczema_trial_has_its_columns_and_no_other_conditions(client, trial):
    from tests.test_sponsor import rows_of

    application = submit_answers(trial, eczema_post(trial), site=trial.sites.first())
    sponsor = User.objects.create_user("reistone", password="pw-for-tests-1")
    trial.sponsor.members.add(sponsor)
    client.force_login(sponsor)
    rows = rows_of(client.get(f"/sponsor/trials/{trial.slug}/eligible.csv"))
    header = rows[0]
    row = dict(zip(header, next(r for r in rows[1:] if r[0] == application.reference), strict=True))
    assert not any("SALT" in column or "VASI" in column for column in header)
    assert row["Self-estimated EASI"] == "24.0" and row["Self-estimated BSA with eczema (%)"] == "44.0"
    assert row["Creams in the last 6 months"] == "did not keep the eczema under control"
    assert "Wang Fang" not in str(rows) and "8000" not in str(rows)


def test_other_trials_suggested_after_a_closed_eczema_trial_are_eczema_trials(client, db):
    closed = make_trial(slug="closed-ad", condition="atopic_dermatitis", status="COMPLETED")
    make_trial(slug="open-ad", acronym="OPEN-AD", condition="atopic_dermatitis")
    make_trial(slug="open-aa", acronym="OPEN-AA")
    body = client.get(f"/en/trials/{closed.slug}/").content.decode()
    assert "OPEN-AD" in body and "OPEN-AA" not in body


def test_the_poster_asks_the_eczema_question_in_chinese(client, trial):
    from tests.factories import make_campaign

    campaign = make_campaign(trial, name="海报（测试）", channel="poster", language="zh-hans")
    make_coordinator("nurse", trial.sites.first())
    client.force_login(User.objects.get(username="nurse"))
    page = client.get(f"/c/{campaign.code}/poster/").content.decode()
    assert "您有中重度特应性皮炎（湿疹）吗？" in page


def test_erasing_an_application_erases_its_eczema_answers(client, trial):
    from recruitment.services.erasure import erase

    application = submit_answers(trial, eczema_post(trial), site=trial.sites.first())
    erase(application, by=None)
    assert not EczemaAnswers.objects.filter(application_id=application.pk).exists()


def test_the_sponsor_is_not_told_which_applicants_have_another_skin_disease(client, trial):
    from tests.test_sponsor import rows_of

    measure_up = Trial.objects.get(slug="measure-up-1")
    application = submit_answers(measure_up, eczema_post(measure_up, other_skin=["psoriasis"]), site=None)
    assert application.verdict == Verdict.NEEDS_REVIEW
    sponsor = User.objects.create_user("abbvie", password="pw-for-tests-1")
    measure_up.sponsor.members.add(sponsor)
    client.force_login(sponsor)
    rows = rows_of(client.get("/sponsor/trials/measure-up-1/eligible.csv", {"include_needs_review": "1"}))
    row = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == application.reference)
    assert "EASI" in row["Criteria results"]  # the scores' criteria are there
    assert "skin disease" not in row["Criteria results"] and "skin infection" not in row["Criteria results"]

"""A parent answering for a child reads every question about the patient in the child's voice,
in both languages and for every installed condition, and keeps that voice (and every answer)
through a correction, a language switch and a switch of who answers."""

import re

import pytest
from django.test import Client

from recruitment.conditions import installed
from recruitment.models import Application
from recruitment.patient_dates import patient_today
from recruitment.respondent import Respondent
from tests.clock import frozen_instant
from tests.factories import make_trial, screening_post

pytestmark = pytest.mark.django_db

TODAY = patient_today(frozen_instant())
CHILD_BIRTHDAY = f"{TODAY.year - 13}-03-01"
CONDITIONS = [condition.code for condition in installed()]


def about_the_patient(body: str) -> str:
    """The questions about the patient: the page's first three sections (about them, their
    condition, their treatments), before how to reach the family and the consents."""
    sections = re.findall(
        r'<fieldset class="card card-body mb-3">(.*?)</fieldset>\s*(?=<fieldset class="card|<button)', body, re.S
    )
    assert len(sections) == 5, "the questionnaire's five sections"
    return "".join(sections[:3])


def questions_in(html: str) -> list[str]:
    """Each question and choice as read: labels and legends, their tags dropped."""
    texts = re.findall(r"<(?:label|legend)\b[^>]*>(.*?)</(?:label|legend)>", html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in texts]


@pytest.fixture
def trial():
    return make_trial(slug="allegro", min_age_years=12, max_age_years=None)


def post(client, trial, language="en", **overrides):
    return client.post(f"/{language}/trials/{trial.slug}/apply/", screening_post(**overrides))


@pytest.mark.parametrize("code", CONDITIONS)
def test_every_question_about_the_patient_speaks_of_the_child_in_english(code):
    trial = make_trial(slug=f"kids-{code}", condition=code)
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/en/trials/{trial.slug}/apply/?for=child").content.decode()
    questions = questions_in(about_the_patient(body))
    assert any("your child" in q.lower() for q in questions)
    # "you" only as the one told something about the child; never "your" hair, skin, hand.
    spoken_to_the_patient = [
        q for q in questions if re.search(r"\byour\b(?! child)|\byou\b", q.lower().replace("told you", ""))
    ]
    assert spoken_to_the_patient == []
    assert not [q for q in questions if re.search(r"\bI am (pregnant|breastfeeding|planning)", q)]


@pytest.mark.parametrize("code", CONDITIONS)
def test_every_question_about_the_patient_speaks_of_the_child_in_chinese(code):
    trial = make_trial(slug=f"kids-{code}", condition=code)
    body = Client().get(f"/zh-hans/trials/{trial.slug}/apply/?for=child").content.decode()
    questions = questions_in(about_the_patient(body))
    assert any("孩子" in q for q in questions)
    # 您 only as the parent told something about 孩子 (医生是否告诉过您孩子…); no 我 pregnant.
    assert [q for q in questions if re.search(r"您(?!孩子)", q)] == []
    assert not [q for q in questions if re.search(r"我(正在|计划)", q)]


def test_the_patient_answering_for_themselves_is_asked_about_themselves(trial):
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get("/en/trials/allegro/apply/").content.decode()
    questions = questions_in(about_the_patient(body))
    assert "Have you ever had any of these?" in questions
    assert not [q for q in questions if "your child" in q.lower()]
    assert 'name="switch_respondent" value="parent"' in body


@pytest.mark.parametrize("code", ["vitiligo", "atopic_dermatitis"])
def test_a_parent_measures_patches_with_the_childs_hand_not_their_own(code):
    # A hand unit is the palm of the person measured: 1% of their skin. An adult's palm on a
    # child's body would undercount the child's surface.
    trial = make_trial(slug=f"kids-{code}", condition=code)
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/en/trials/{trial.slug}/apply/?for=child").content.decode()
    assert "Count with your child’s hand, not yours" in body
    chinese = Client().get(f"/zh-hans/trials/{trial.slug}/apply/?for=child").content.decode()
    assert "请用孩子的手来量，不要用您自己的手" in chinese


def test_switching_to_the_childs_voice_keeps_every_answer_and_stores_nothing(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    answers = screening_post(full_name="王小明", used_topical_steroid="1to3m", consent_health_data="on")
    response = client.post("/en/trials/allegro/apply/", {**answers, "switch_respondent": Respondent.PARENT})
    body = response.content.decode()
    assert response.status_code == 200
    assert "1. About your child" in body
    assert 'name="respondent" value="parent"' in body
    assert 'value="王小明"' in body
    assert re.search(r'<option value="1to3m"[^>]*selected', body)
    assert "invalid-feedback" not in body  # nothing judged yet
    # The same consent texts in the same language: a consent ticked stays ticked.
    assert re.search(r'<input[^>]*name="consent_health_data"[^>]*checked', body)
    assert not Application.objects.exists()
    # And back: the patient answers for themselves again, still with every answer.
    back = client.post("/en/trials/allegro/apply/", {**answers, "respondent": "parent", "switch_respondent": "patient"})
    assert "1. About you<" in back.content.decode() and 'value="王小明"' in back.content.decode()


def test_the_childs_voice_survives_a_correction_and_a_language_switch(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    answers = screening_post(respondent="parent", date_of_birth=CHILD_BIRTHDAY, guardian_name="")
    corrected = client.post("/en/trials/allegro/apply/", answers)
    assert "guardian_name" in corrected.context["form"].errors
    assert "Has your child ever had any of these?" in corrected.content.decode()
    switched = client.post("/en/trials/allegro/apply/", {**answers, "switch_language": "zh-hans"})
    assert "孩子是否曾经有过以下情况？" in switched.content.decode()
    assert 'name="respondent" value="parent"' in switched.content.decode()


def test_a_parent_answering_for_a_child_is_recorded_for_the_study_team(trial):
    response = post(
        Client(),
        trial,
        respondent="parent",
        date_of_birth=CHILD_BIRTHDAY,
        full_name="王小明",
        guardian_name="王芳",
        consent_guardian="on",
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.respondent == Respondent.PARENT
    assert (application.contact.full_name, application.contact.guardian_name) == ("王小明", "王芳")


def test_a_forged_respondent_is_read_as_the_patient(trial):
    assert post(Client(), trial, respondent="sponsor").status_code == 302
    assert Application.objects.get().respondent == Respondent.PATIENT


def test_a_parent_cannot_answer_for_an_adult(trial):
    response = post(Client(HTTP_ACCEPT_LANGUAGE="en"), trial, respondent="parent")  # born 40 years ago
    assert response.status_code == 200
    assert "An adult fills this in and consents for themselves" in response.context["form"].errors["date_of_birth"][0]
    assert not Application.objects.exists()


def test_applying_again_from_a_childs_application_keeps_the_childs_voice(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    post(client, trial, respondent="parent", date_of_birth=CHILD_BIRTHDAY, guardian_name="王芳", consent_guardian="on")
    other = make_trial(slug="allegro-2", min_age_years=12, max_age_years=None)
    reference = Application.objects.get().reference
    body = client.get(f"/en/trials/{other.slug}/apply/?from={reference}").content.decode()
    assert "1. About your child" in body


def test_each_voice_has_its_own_cached_questionnaire(trial, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    Client(HTTP_ACCEPT_LANGUAGE="en").get("/en/trials/allegro/apply/")
    child = Client(HTTP_ACCEPT_LANGUAGE="en").get("/en/trials/allegro/apply/?for=child").content.decode()
    assert "1. About your child" in child and 'name="respondent" value="parent"' in child
    patient = Client(HTTP_ACCEPT_LANGUAGE="en").get("/en/trials/allegro/apply/").content.decode()
    assert "1. About you<" in patient and "your child" not in about_the_patient(patient).lower()


@pytest.mark.parametrize("respondent", ["patient", "parent"])
def test_a_girl_too_young_for_the_pregnancy_question_applies_without_answering_it(trial, respondent):
    # The question is for girls of PORTAL_PREGNANCY_FROM_AGE (12) or over: a girl of 10 is not asked.
    trial.min_age_years = 6
    trial.save()
    response = post(
        Client(),
        trial,
        respondent=respondent,
        date_of_birth=f"{TODAY.year - 10}-01-01",
        sex="FEMALE",
        pregnancy=[],
        guardian_name="王芳",
        consent_guardian="on",
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.pregnant, application.breastfeeding, application.planning_pregnancy) == (None, None, None)


def test_a_parent_is_told_plainly_that_their_own_name_and_agreement_are_needed(trial):
    response = post(
        Client(),
        trial,
        language="zh-hans",
        respondent="parent",
        date_of_birth=CHILD_BIRTHDAY,
        guardian_name="",
    )
    errors = response.context["form"].errors
    assert errors["guardian_name"] == ["请填写：研究团队需要知道是谁代孩子表示同意。"]
    assert errors["consent_guardian"] == ["请勾选此项，代表孩子表示同意。"]
    body = response.content.decode()
    assert re.search(r'<input[^>]*name="guardian_name"[^>]*required', body)  # marked as needed


def test_a_trial_taking_children_offers_a_parent_to_answer_for_their_child(trial):
    assert 'id="apply-for-a-child"' in Client().get("/en/trials/allegro/").content.decode()
    adults_only = make_trial(slug="adults", min_age_years=18)
    assert 'id="apply-for-a-child"' not in Client().get(f"/en/trials/{adults_only.slug}/").content.decode()


def test_the_verdict_page_speaks_of_the_child_to_a_parent(trial):
    def headings(client, language):
        page = client.get(f"/{language}/trials/allegro/apply/done/").content.decode()
        return re.findall(r"<h2[^>]*>(.*?)</h2>", page)[0]

    for language, child_words, patient_words in (
        (
            "en",
            "A doctor needs to look at some of your answers about your child",
            "A doctor needs to look at some of your answers",
        ),
        ("zh-hans", "您关于孩子的部分回答需要医生进一步查看", "您的部分回答需要医生进一步查看"),
    ):
        parent = Client()
        post(
            parent,
            trial,
            language=language,
            respondent="parent",
            date_of_birth=CHILD_BIRTHDAY,
            guardian_name="王芳",
            consent_guardian="on",
        )
        assert headings(parent, language) == child_words
        patient = Client()
        post(patient, trial, language=language, phone="+86 139 0000 0077")
        assert headings(patient, language) == patient_words


def summary_lines(body: str) -> list[str]:
    summary = re.search(r'<ol class="mb-0" id="error-summary">(.*?)</ol>', body, re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li>(.*?)</li>", summary, re.S)]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("respondent", ["patient", "parent"])
def test_a_missing_guardian_is_said_once_with_its_reason_not_the_label_again(trial, language, respondent):
    body = post(
        Client(), trial, language, date_of_birth=CHILD_BIRTHDAY, respondent=respondent, guardian_name=""
    ).content.decode()
    lines = summary_lines(body)
    assert len(lines) == 2, lines  # the guardian's name and agreement: nothing else
    for line in lines:
        label, _colon, message = line.partition(": " if language == "en" else "：")
        if message:  # a label, then its message: the message does not say the label again
            assert label not in message and label.split("（")[0].split(" (")[0] not in message, line
    # The consent's whole text is never in the summary: its message names it.
    assert not [line for line in lines if "I have read this page" in line or "我已和申请人一起阅读" in line], lines


def test_the_name_asked_in_the_patients_own_voice_says_it_is_the_patients(trial):
    for language, words in (("en", "Your name (the patient&#x27;s)"), ("zh-hans", "患者本人姓名")):
        body = Client().get(f"/{language}/trials/{trial.slug}/apply/").content.decode()
        label = re.search(r'<label[^>]*for="id_full_name"[^>]*>(.*?)</label>', body, re.S).group(1)
        assert words in label


@pytest.mark.parametrize(("language", "child"), [("en", "my child"), ("zh-hans", "孩子")])
def test_a_parent_agrees_to_consents_written_about_the_child(language, child):
    trial = make_trial(slug="kids-consent", min_age_years=12, max_age_years=None)
    trial.sponsor.country = "United States"  # the transfer abroad is asked too
    trial.sponsor.save()
    body = Client().get(f"/{language}/trials/{trial.slug}/apply/?for=child").content.decode()
    labels = {
        name: " ".join(re.sub(r"<[^>]+>", " ", text).split())
        for name, text in re.findall(r'<label[^>]*for="id_(consent_\w+)"[^>]*>(.*?)</label>', body, re.S)
    }
    assert set(labels) >= {"consent_health_data", "consent_contact", "consent_guardian", "consent_transfer_abroad"}
    assert not [name for name, text in labels.items() if child not in text], labels
    patient = Client().get(f"/{language}/trials/{trial.slug}/apply/").content.decode()
    assert child not in re.search(r'<label[^>]*for="id_consent_health_data"[^>]*>(.*?)</label>', patient, re.S).group(1)


def test_the_scores_and_the_other_trials_on_the_verdict_page_speak_of_the_child(trial):
    from tests.factories import make_criterion

    make_criterion(trial, "age", params={"min": 16})  # a child of 13 is not for this one
    make_trial(slug="other-kids", min_age_years=12, max_age_years=None)
    for language, child_words, patient_words in (
        (
            "en",
            ("Your estimate of your child’s SALT", "judgement on your child's health", "could still suit your child"),
            ("could still suit you.", "judgement on your health"),
        ),
        ("zh-hans", ("孩子健康状况", "仍可能适合孩子"), ("仍可能适合您", "对您健康状况")),
    ):
        parent = Client()
        post(
            parent,
            trial,
            language,
            date_of_birth=CHILD_BIRTHDAY,
            respondent="parent",
            guardian_name="Li Fang",
            consent_guardian="on",
        )
        page = parent.get(f"/{language}/trials/allegro/apply/done/").content.decode()
        for words in child_words:
            assert words in page, (language, words)
        for words in patient_words:
            assert words not in page, (language, words)
        salt = re.search(r'id="salt-result".*?</p>', page, re.S).group(0)
        assert "Your self-reported" not in salt and "您的自评" not in salt

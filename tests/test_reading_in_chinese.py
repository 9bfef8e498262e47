"""Chinese is a first language of the portal: stored texts, verdicts, admin and e-mails are read
in the reader's language, the questionnaire keeps every answer across a language switch, and
errors can be found."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from recruitment.models import Application, StaffPreference
from tests.factories import make_campaign, make_coordinator, make_criterion, make_site, make_trial, screening_post
from trials.models import Trial

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese_client():
    return Client(HTTP_ACCEPT_LANGUAGE="zh-CN")


@pytest.fixture
def trial():
    trial = make_trial(
        slug="brave-aa1",
        acronym="BRAVE-AA1",
        lay_title_en="Baricitinib for alopecia areata",
        lay_title_zh_hans="巴瑞替尼治疗斑秃",
        summary_en="Tablets once a day.",
        summary_zh_hans="每天服药一次。",
    )
    make_criterion(
        trial, "salt", params={"min": 50}, patient_text="At least half of the scalp without hair", position=0
    )
    trial.criteria.update(patient_text_zh_hans="头皮至少一半没有头发")
    make_criterion(
        trial,
        "washout",
        role="exclusion",
        params={"treatments": ["topical_steroid"], "days": 30},
        patient_text="No steroid cream in the last month",
        position=1,
    )
    trial.criteria.filter(kind="washout").update(patient_text_zh_hans="最近一个月没有用过激素药膏")
    return trial


# --- The demo catalog -----------------------------------------------------------------------------


def _has_chinese(value) -> bool:
    return bool(value) and bool(CJK.search(value))


def test_every_demo_trial_has_every_patient_text_in_chinese():
    call_command("seed_demo")
    trials = Trial.objects.filter(is_demo=True).select_related("sponsor").prefetch_related("criteria", "sites")
    assert trials.count() >= 7
    missing = []
    for trial in trials:
        for name in ("lay_title", "title", "summary", "eligibility_summary", "participation", "drug"):
            if not _has_chinese(getattr(trial, f"{name}_zh_hans")):
                missing.append(f"{trial.nct_id} {name}")
        points_en = trial.eligibility_summary_en.splitlines()
        assert len(trial.eligibility_summary_zh_hans.splitlines()) == len(points_en), trial.nct_id
        if not _has_chinese(trial.sponsor.public_name_zh_hans):
            missing.append(f"{trial.nct_id} sponsor {trial.sponsor.name}")
        missing += [
            f"{trial.nct_id} criterion {c.patient_text_en!r}"
            for c in trial.criteria.all()
            if not _has_chinese(c.patient_text_zh_hans)
        ]
        for site in trial.sites.all():
            for name in ("facility", "city", "country") + (("state",) if site.state_en else ()):
                if not _has_chinese(getattr(site, f"{name}_zh_hans")):
                    missing.append(f"{trial.nct_id} site {site.facility_en} {name}")
        assert trial.untranslated_texts("zh-hans") == [], trial.nct_id
    where = "each condition's demo.py, trials/demo_content.py"
    assert missing == [], f"demo texts without Chinese ({where}): " + "; ".join(missing)


def test_a_trial_page_in_chinese_states_the_age_once_and_names_the_sponsor_as_patients_know_it():
    call_command("seed_demo")
    body = chinese_client().get("/zh-hans/trials/thrive-aa1/").content.decode()
    who = re.search(r'aria-labelledby="who">(.*?)</section>', body, re.S).group(1)
    ages = re.findall(r"<li[^>]*>([^<]*\d+\s*(?:至|到)\s*\d+\s*岁[^<]*)</li>", who)
    assert ages == ["18至65岁"], ages
    assert "康塞特制药" in body and "Concert Pharmaceuticals" not in body
    assert "参加试验需要做什么" in body


# --- Texts a coordinator has not translated yet ------------------------------------------------------


def test_a_trial_without_chinese_texts_says_so_in_chinese_and_marks_the_english(trial):
    trial.summary_zh_hans = ""
    trial.save()
    body = chinese_client().get("/zh-hans/trials/brave-aa1/").content.decode()
    assert 'id="untranslated-notice"' in body
    assert "还没有翻译" in body
    assert re.search(r'<div lang="en"><p>Tablets once a day.</p></div>', body)


def test_a_trial_without_a_lay_title_is_headed_by_its_acronym_or_translated_title(trial):
    trial.lay_title_en = trial.lay_title_zh_hans = ""
    trial.save()
    assert trial.untranslated_texts("zh-hans") == []  # the acronym heads it, a code in every language
    trial.acronym = ""
    trial.save()
    assert trial.untranslated_texts("zh-hans") == ["lay_title"]  # the English registry title would
    trial.title_zh_hans = "巴瑞替尼研究"
    trial.save()
    assert trial.untranslated_texts("zh-hans") == []


def test_a_fully_translated_trial_shows_no_notice(trial):
    body = chinese_client().get("/zh-hans/trials/brave-aa1/").content.decode()
    assert "untranslated-notice" not in body
    assert "巴瑞替尼治疗斑秃" in body and "每天服药一次。" in body


# --- One stored evaluation, read in each reader's language -------------------------------------------


def test_the_patient_reads_why_a_trial_may_not_suit_them_in_their_language(trial):
    client = chinese_client()
    client.post(
        "/zh-hans/trials/brave-aa1/apply/",
        screening_post(loss_top="10", loss_back="10", loss_left="10", loss_right="10"),
    )
    body = client.get("/zh-hans/trials/brave-aa1/apply/done/").content.decode()
    assert "头皮至少一半没有头发" in body
    assert "At least half of the scalp" not in body


def test_a_coordinator_reads_criteria_and_reasons_in_the_language_of_admin(trial):
    site = make_site(trial)
    nurse = make_coordinator("nurse", site)
    Client().post("/en/trials/brave-aa1/apply/", screening_post(site=str(site.pk), used_topical_steroid="still"))
    application = Application.objects.get()
    stored = application.evaluations.get().results
    # The record, in English.
    assert [r["reason"] for r in stored][1] == "topical_steroid still used; this trial asks for 30 days without it"

    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    client.force_login(nurse)
    chinese = client.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    assert "最近一个月没有用过激素药膏" in chinese
    assert "仍在使用外用糖皮质激素（乳膏、软膏或洗剂）" in chinese
    assert "still used" not in chinese

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(nurse)
    english = client.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    assert "Steroid cream, ointment or lotion still used" in english


def test_an_evaluation_stored_before_reasons_were_translatable_shows_its_english_words():
    from recruitment.screening.wording import reason_text

    with translation.override("zh-hans"):
        assert reason_text({"reason": "age 70, required 18-65"}) == "age 70, required 18-65"


def test_the_audit_trail_shows_status_and_verdict_in_the_readers_language(trial, admin_user):
    from recruitment.services import review

    site = make_site(trial)
    Client().post("/en/trials/brave-aa1/apply/", screening_post(site=str(site.pk)))
    application = Application.objects.get()
    review.change_status(application, to="contacted", by=admin_user)
    client = chinese_client()
    client.force_login(admin_user)
    body = client.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    assert "新申请 → 已联系" in body
    assert "<td>可能符合条件</td>" in body and "∅" not in body  # the verdict at submission
    assert "患者（网页表单）" in body
    for english in ("New → Contacted", "Likely eligible", "patient (web form)"):
        assert english not in body


# --- E-mails in the coordinator's language ---------------------------------------------------------


def test_a_coordinator_gets_notices_in_the_language_they_chose(trial, django_capture_on_commit_callbacks):
    site = make_site(trial)
    make_coordinator("english_nurse", site)
    chinese_nurse = make_coordinator("chinese_nurse", site)
    StaffPreference.objects.create(user=chinese_nurse, email_language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/en/trials/brave-aa1/apply/", screening_post(site=str(site.pk)))
    by_recipient = {message.to[0]: message.subject + message.body for message in mail.outbox}
    chinese = by_recipient["chinese_nurse@site.example"]
    english = by_recipient["english_nurse@site.example"]
    assert "有患者通过招募平台提交了申请" in chinese and "预筛选结果: 可能符合条件" in chinese
    assert "A patient has applied" not in chinese
    assert "A patient has applied" in english and "Pre-screen verdict: Likely eligible" in english


def test_staff_choose_their_email_language_in_admin(trial):
    nurse = make_coordinator("nurse", make_site(trial))
    client = Client()
    client.force_login(nurse)
    assert "My preferences" in client.get("/admin/").content.decode()
    response = client.post("/admin/preferences/", {"email_language": "zh-hans"})
    assert response.status_code == 302
    assert StaffPreference.objects.get(user=nurse).email_language == "zh-hans"
    client.logout()
    assert Client().get("/admin/preferences/").status_code == 302  # to the log-in page


# --- Campaigns have a language -----------------------------------------------------------------------


def test_a_chinese_campaign_opens_the_portal_in_chinese_on_an_english_phone(trial):
    campaign = make_campaign(trial, language="zh-hans")
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    response = client.get(f"/c/{campaign.code}", follow=True)
    assert response.redirect_chain[-1][0] == "/zh-hans/trials/brave-aa1/apply/"
    assert '<html lang="zh-hans">' in response.content.decode()
    # An address without a language, opened next, stays in the campaign's.
    assert client.get("/trials/brave-aa1/")["Location"] == "/zh-hans/trials/brave-aa1/"
    # The switcher is a link to the same page in the other language.
    switch = re.search(r'href="([^"]+)" hreflang="en"', client.get("/zh-hans/trials/brave-aa1/").content.decode())
    assert client.get(switch.group(1).replace("&amp;", "&"))["Location"] == "/en/trials/brave-aa1/"
    assert '<html lang="en">' in client.get("/en/trials/brave-aa1/").content.decode()


def test_a_campaign_without_a_language_follows_the_phone(trial):
    campaign = make_campaign(trial)
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US").get(f"/c/{campaign.code}", follow=True)
    assert response.redirect_chain[-1][0] == "/en/trials/brave-aa1/apply/"
    assert '<html lang="en">' in response.content.decode()
    response = Client(HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").get(f"/c/{campaign.code}", follow=True)
    assert response.redirect_chain[-1][0] == "/zh-hans/trials/brave-aa1/apply/"


def test_a_poster_is_printed_in_its_campaigns_language(trial, admin_user):
    campaign = make_campaign(trial, language="zh-hans")
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    client.force_login(admin_user)
    body = client.get(f"/c/{campaign.code}/poster/").content.decode()
    assert "巴瑞替尼治疗斑秃" in body
    assert "Do you have severe hair loss" not in body


# --- The questionnaire: a language switch keeps every answer; errors are findable --------------------


def test_switching_language_mid_questionnaire_keeps_every_answer_and_stores_nothing(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    answers = screening_post(
        full_name="王芳",
        used_topical_steroid="1to3m",
        other_diagnoses=["scarring", "unsure"],
        language="en",
        consent_health_data="on",
    )
    response = client.post("/en/trials/brave-aa1/apply/", {**answers, "switch_language": "zh-hans"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-hans">' in body
    assert response.cookies["django_language"].value == "zh-hans"
    assert 'value="王芳"' in body
    assert 'value="+86 138 0013 8000"' in body
    assert re.search(r'<option value="1to3m"[^>]*selected', body)
    for value in ("scarring", "unsure"):
        assert re.search(rf'<input[^>]*name="other_diagnoses"[^>]*value="{value}"[^>]*checked', body), value
    assert re.search(r'<input[^>]*name="loss_right"[^>]*value="90"', body)
    # A consent is given to the text in the language read: it is asked again in the new one.
    assert not re.search(r'<input[^>]*name="consent_health_data"[^>]*checked', body)
    assert "75.2" in body  # the server's SALT for the four views, without JavaScript
    assert "invalid-feedback" not in body and "form-error" not in body  # nothing is judged yet
    assert "请重新勾选同意项" in body  # and the page says why the consent ticked is no longer ticked
    assert Application.objects.count() == 0


def test_the_contact_language_follows_a_switch_of_the_page_language(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    body = client.post(
        "/en/trials/brave-aa1/apply/", {**screening_post(language="en"), "switch_language": "zh-hans"}
    ).content.decode()
    assert re.search(r'<option value="zh-hans"[^>]*selected', body)


def test_a_contact_language_the_patient_chose_survives_language_switches_back_and_forth(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    # Reading Chinese, she wants calls in English: the answer differs from the page's language.
    to_english = client.post(
        "/zh-hans/trials/brave-aa1/apply/", {**screening_post(language="en"), "switch_language": "en"}
    ).content.decode()
    assert re.search(r'<option value="en"[^>]*selected', to_english)
    assert re.search(r'<input[^>]*name="language_chosen"[^>]*value="True"', to_english)
    # Back to Chinese: her answer now equals the page she left, and still is hers.
    back = client.post(
        "/en/trials/brave-aa1/apply/",
        {**screening_post(language="en"), "language_chosen": "True", "switch_language": "zh-hans"},
    ).content.decode()
    assert re.search(r'<option value="en"[^>]*selected', back)
    # (The page's script sets language_chosen when she picks, even the page's own language.)
    assert "/static/js/contact-language" in back


def test_the_language_switcher_on_the_questionnaire_sends_the_answers(trial):
    body = Client().get("/en/trials/brave-aa1/apply/").content.decode()
    switch = re.findall(r'<button[^>]*name="switch_language"[^>]*>', body)
    assert len(switch) == 2
    assert all('form="screening-form"' in tag and "formnovalidate" in tag for tag in switch)


def test_the_error_summary_links_each_problem_to_its_field_and_takes_the_focus(trial):
    body = (
        chinese_client()
        .post("/zh-hans/trials/brave-aa1/apply/", screening_post(phone="", sex=None, loss_top="140"))
        .content.decode()
    )
    summary = re.search(r'<div class="alert alert-danger"[^>]*id="form-error"[^>]*>(.*?)</div>', body, re.S)
    assert summary and "autofocus" in summary.group(0)
    links = re.findall(r'<a href="#([\w-]+)" data-focus="([\w-]+)"', summary.group(1))
    # Each link reaches the field's group, its label on top, and names the control to focus.
    assert set(links) == {("div_id_phone", "id_phone"), ("div_id_sex", "id_sex_0"), ("div_id_loss_top", "id_loss_top")}
    for group, control in links:
        assert f'id="{group}"' in body and f'id="{control}"' in body
    assert "出生时性别" in summary.group(1)
    # Plain words, not Django's "这个字段是必填项"; a question's own "？" takes no colon after it.
    asked = chinese_client().post("/zh-hans/trials/brave-aa1/apply/", screening_post(shaves_head=None)).content.decode()
    line = " ".join(re.sub(r"<[^>]+>", " ", re.search(r'id="error-summary">(.*?)</ol>', asked, re.S).group(1)).split())
    assert "？ 请回答这个问题。" in line and "？：" not in line and "必填项" not in asked


# --- What the patient is told after sending -----------------------------------------------------------


def test_the_confirmation_shows_the_servers_salt_and_who_will_call(trial):
    client = Client()
    client.post("/en/trials/brave-aa1/apply/", screening_post())
    body = client.get("/en/trials/brave-aa1/apply/done/").content.decode()
    assert re.search(r'id="salt-result".*?<strong>75.2</strong>', body, re.S)
    assert "You did not choose a study site" in body and "site near you" not in body

    site = make_site(trial, facility="Huashan Hospital", city="Shanghai")
    client = Client()
    client.post("/en/trials/brave-aa1/apply/", screening_post(site=str(site.pk)))
    body = client.get("/en/trials/brave-aa1/apply/done/").content.decode()
    assert "A study coordinator of Huashan Hospital (Shanghai) will contact you" in body


def test_trial_cards_show_the_lay_title_and_where_the_trial_recruits(trial):
    make_site(trial, city="Shanghai", city_zh_hans="上海", country="China", country_zh_hans="中国")
    make_site(trial, city="Tokyo", city_zh_hans="东京", country="Japan", country_zh_hans="日本")
    body = chinese_client().get("/zh-hans/").content.decode()
    assert "巴瑞替尼治疗斑秃" in body
    assert "中国上海、日本东京" in body
    assert "Baricitinib for alopecia areata" in Client().get("/en/").content.decode()
    assert "Shanghai, China, Tokyo, Japan" in Client().get("/en/").content.decode()


def test_browsers_asking_for_favicon_ico_find_the_icon():
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
    assert finders.find("favicon.ico") and finders.find("favicon.svg")
    assert static("favicon.svg") in Client().get("/en/").content.decode()


@pytest.mark.parametrize(
    ("language", "parts", "expected"),
    [
        ("zh-hans", ("南京", "江苏省", "中国"), "中国江苏省南京"),
        ("zh-hans", ("上海", "上海市", "中国"), "中国上海"),
        ("zh-hans", ("东京都新宿区", "东京都", "日本"), "日本东京都新宿区"),
        ("en", ("南京", "江苏省", "中国"), "Nanjing, Jiangsu, China"),
        ("en", ("上海", "上海市", "中国"), "Shanghai, China"),
    ],
)
def test_a_site_address_names_each_place_once_in_the_readers_order(language, parts, expected):
    from trials.models import Site

    city, state, country = parts
    english = {
        "南京": "Nanjing",
        "江苏省": "Jiangsu",
        "上海": "Shanghai",
        "上海市": "Shanghai",
        "中国": "China",
        "东京都新宿区": "Shinjuku-ku",
        "东京都": "Tokyo",
        "日本": "Japan",
    }
    site = Site(
        facility_en="H",
        city_en=english[city],
        state_en=english[state],
        country_en=english[country],
        city_zh_hans=city,
        state_zh_hans=state,
        country_zh_hans=country,
    )
    with translation.override(language):
        assert site.address == expected


def test_a_site_without_chinese_names_reads_as_in_english_on_a_chinese_page():
    from trials.models import Site

    site = Site(
        facility_en="MGH", city_en="Boston", state_en="Massachusetts", country_en="United States", city_zh_hans="波士顿"
    )
    with translation.override("zh-hans"):
        assert site.address == "波士顿, Massachusetts, United States"
        assert site.place == "波士顿, United States"


def test_seed_demo_brings_a_database_seeded_before_the_chinese_texts_up_to_date():
    """A demo database from before: no lay titles, participation, states or criteria in Chinese,
    sponsors without names for patients, campaigns under their English names."""
    from trials.models import Campaign, Criterion, Site, SponsorOrganisation

    call_command("seed_demo")
    brave = Trial.objects.get(slug="brave-aa1")
    brave.summary_en = "Edited by a coordinator."
    brave.save()
    Trial.objects.update(lay_title_en=None, lay_title_zh_hans=None, participation_en=None, participation_zh_hans=None)
    Site.objects.update(state_zh_hans=None)
    Criterion.objects.update(patient_text_zh_hans=None)
    SponsorOrganisation.objects.update(public_name_en=None, public_name_zh_hans=None)
    poster = Campaign.objects.get(name="海报：皮肤科门诊（演示）")
    Campaign.objects.filter(pk=poster.pk).update(name="Poster, dermatology clinic (demo)", language="")
    campaigns = Campaign.objects.count()

    call_command("seed_demo")
    for trial in Trial.objects.filter(is_demo=True):
        assert trial.untranslated_texts("zh-hans") == [] and trial.lay_title_zh_hans and trial.participation_en
    assert not Criterion.objects.filter(patient_text_zh_hans__isnull=True).exists()
    assert not Site.objects.filter(state_en__gt="", state_zh_hans__isnull=True).exists()
    assert not SponsorOrganisation.objects.filter(public_name_zh_hans__isnull=True).exists()
    poster.refresh_from_db()
    assert (poster.name, poster.language) == ("海报：皮肤科门诊（演示）", "zh-hans")  # same code, same QR
    assert Campaign.objects.count() == campaigns
    assert Trial.objects.get(slug="brave-aa1").summary_en == "Edited by a coordinator."


def test_the_latin_measure_counts_sentences_and_sets_codes_aside():
    from tests.browser.latin import latin_share, latin_words

    assert latin_share("本试验 At least half of the scalp") > 0.5
    assert latin_words("您可能不符合: At least half") == ["At", "least", "half"]
    codes = "注册号 NCT03570749，药物 CTP-543、SHR0302，JAK抑制剂，SALT 评分 50，F-VASI 0.5，编号 N6P6-FVFE"
    assert latin_words(codes) == [] and latin_share(codes) == 0.0

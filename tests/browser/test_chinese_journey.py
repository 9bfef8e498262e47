"""A Chinese-speaking patient's whole path in a real browser, from a Chinese poster's QR code to
each kind of verdict, and a Chinese-speaking coordinator in admin: every page is measured, and at
most 5 % of its letters may be Latin once registry numbers, drug codes and score names are set
aside (tests/browser/latin.py)."""

import re

import pytest
from django.contrib.auth.models import User

from recruitment.models import Application
from recruitment.patient_dates import patient_today
from tests.browser.fixtures import axe_violations
from tests.browser.latin import latin_share, latin_words
from tests.browser.patient_steps import fill_questionnaire, fill_vitiligo_questionnaire, submit
from tests.browser.staff_steps import log_in_to_admin, open_application
from tests.clock import frozen_instant
from tests.factories import make_coordinator
from trials.models import Campaign, Trial

pytestmark = pytest.mark.subprocess

MAX_LATIN = 0.05


def visible_text(page) -> str:
    """What the reader sees, less the language switcher (each language's name is in its own)."""
    return page.evaluate("""() => {
        const switcher = document.getElementById('language-switcher');
        if (switcher) switcher.style.setProperty('display', 'none', 'important');  // beats Bootstrap's d-flex
        const text = document.body.innerText;
        if (switcher) switcher.style.removeProperty('display');
        return text;
    }""")


class Reader:
    """Measures each page a Chinese reader meets: at most 5 % of its letters Latin, and no Latin
    word at all but the allowed names (registry numbers, codes, score names: see latin.py; trial
    acronyms; and `names` such as a coordinator's user name)."""

    def __init__(self, shots, *, names=()):
        self.shots = shots
        acronyms = Trial.objects.exclude(acronym="").values_list("acronym", flat=True)
        self.names = sorted([*acronyms, *names], key=len, reverse=True)
        self.measured = {}

    def check(self, page, label):
        assert page.locator("html").get_attribute("lang") == "zh-hans", label
        text = visible_text(page)
        for name in self.names:
            text = text.replace(name, " ")
        share = latin_share(text)
        self.measured[label] = share
        self.shots(page, label)
        assert share <= MAX_LATIN, f"{label}: {share:.1%} Latin letters: {sorted(set(latin_words(text)))}"
        assert latin_words(text) == [], f"{label}: English left on a Chinese page"


def answers_on_screen(page) -> dict:
    return {
        "name": page.locator("#id_full_name").input_value(),
        "birth": page.locator("#id_date_of_birth").input_value(),
        "top": page.locator("#id_loss_top").input_value(),
        "right": page.locator("#id_loss_right").input_value(),
        "year": page.locator("#id_episode_year").input_value(),
        "month": page.locator("#id_episode_month").input_value(),
        "female": page.locator("#id_sex_0").is_checked(),
        "minoxidil": page.locator("#id_used_topical_minoxidil").input_value(),
        "no_other_diagnosis": page.locator("input[name=other_diagnoses][value=none]").is_checked(),
    }


def answers_survive_switching_languages(page):
    """To English and back: every answer on screen stays as it was."""
    before = answers_on_screen(page)
    switch_to(page, "en")
    assert answers_on_screen(page) == before
    switch_to(page, "zh-hans")
    assert answers_on_screen(page) == before


def switch_to(page, code):
    page.click(f"#language-switcher [lang={code}]")  # a link, or on the questionnaire a button
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == code


def chinese_poster_campaign():
    campaign = Campaign.objects.filter(trial__slug="brave-aa1", language="zh-hans", is_active=True).first()
    assert campaign is not None, "seed_demo has a Chinese campaign for BRAVE-AA1"
    return campaign


def test_a_chinese_patient_goes_from_a_poster_to_each_verdict_without_meeting_english(live_server, demo, phone, shots):
    reader = Reader(shots)
    page = phone(locale="en-US")  # the phone is set to English; the poster is Chinese

    # The poster's QR code opens the questionnaire in Chinese.
    page.goto(f"{live_server.url}/c/{chinese_poster_campaign().code}")
    assert page.url.endswith("/trials/brave-aa1/apply/")
    reader.check(page, "questionnaire")

    # Every trial the patient can browse to reads in Chinese.
    page.goto(live_server.url + "/")
    reader.check(page, "trial-list")
    for slug in Trial.objects.filter(is_demo=True).order_by("slug").values_list("slug", flat=True):
        page.goto(f"{live_server.url}/trials/{slug}/")
        reader.check(page, f"trial-{slug}")

    # Half-way through the questionnaire the patient tries English and comes back: nothing is lost.
    page.goto(f"{live_server.url}/trials/brave-aa1/apply/")
    fill_questionnaire(page, name="王芳", phone_number="")
    answers_survive_switching_languages(page)
    reader.check(page, "questionnaire-after-switching-language")

    # Without a phone number, the error summary opens the page, focused, each problem a link.
    # (Consents are given again after a switch: to the text in the language now read.)
    page.check("#id_consent_health_data")
    page.check("#id_consent_contact")
    page.evaluate("document.getElementById('screening-form').noValidate = true")
    submit(page)
    assert page.evaluate("document.activeElement.id") == "form-error"
    link = page.locator("#error-summary a[href='#div_id_phone']")
    assert link.count() == 1
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_phone"
    # The field's label is on the screen, above the field, not scrolled off its top edge.
    label_top, field_top = page.evaluate(
        "['label[for=id_phone]', '#id_phone'].map(s => document.querySelector(s).getBoundingClientRect().top)"
    )
    assert 8 <= label_top < field_top
    assert page.locator("#id_full_name").input_value() == "王芳"
    reader.check(page, "questionnaire-error")
    assert axe_violations(page) == []

    # Likely eligible.
    page.fill("#id_phone", "+86 138 0013 8000")
    page.check("#id_consent_health_data")
    page.check("#id_consent_contact")
    submit(page)
    assert page.url.endswith("/trials/brave-aa1/apply/done/")
    application = Application.objects.get(reference=page.locator("#reference").inner_text())
    assert application.verdict == "likely_eligible"
    assert application.language == "zh-hans" and application.consents.first().language == "zh-hans"
    assert "75.2" in page.inner_text("#salt-result")
    reader.check(page, "verdict-likely-eligible")
    assert axe_violations(page) == []

    # Needs review: not sure whether a doctor diagnosed it. Other trials are suggested.
    page.goto(f"{live_server.url}/trials/thrive-aa1/apply/")
    fill_questionnaire(page, name="李雷")
    page.check("input[name=diagnosed][value=unsure]")
    submit(page)
    application = Application.objects.get(reference=page.locator("#reference").inner_text())
    assert application.verdict == "needs_review"
    reader.check(page, "verdict-needs-review")

    # Likely ineligible: a little hair lost. The criterion it misses is in Chinese.
    page.goto(f"{live_server.url}/trials/jaktinib-aa/apply/")
    fill_questionnaire(page, name="韩梅梅")
    for view in ("top", "back", "left", "right"):
        page.fill(f"#id_loss_{view}", "10")
    submit(page)
    application = Application.objects.get(reference=page.locator("#reference").inner_text())
    assert application.verdict == "likely_ineligible"
    assert "头皮至少一半没有头发" in page.inner_text("main")
    reader.check(page, "verdict-likely-ineligible")

    # Not yet: steroid cream stopped a fortnight ago, THRIVE-AA1's one-month washout not over. The
    # patient asks for a reminder on the day.
    page.goto(f"{live_server.url}/trials/thrive-aa1/apply/")
    fill_questionnaire(page, name="张伟", phone_number="+86 139 0000 4444")
    page.select_option("#id_used_topical_steroid", "lt1m")
    page.fill("#id_email", "zhang@example.cn")
    submit(page)
    application = Application.objects.get(reference=page.locator("#reference").inner_text())
    assert application.verdict == "not_yet_eligible"
    assert "您可能符合条件" in page.inner_text("#not-yet")
    reader.check(page, "verdict-not-yet")
    page.check("#id_consent_reminder")
    page.click("#reminder-form button[type=submit]")
    page.wait_for_load_state()
    assert "我们会在" in page.inner_text("#reminder")
    reader.check(page, "verdict-not-yet-reminder-asked")

    assert len(reader.measured) >= 15


def test_a_chinese_poster_prints_in_chinese_for_staff_reading_english(live_server, demo, phone, shots):
    User.objects.create_superuser("admin2", "admin2@example.org", "pw-for-tests-1")
    page = phone(locale="en-US")
    log_in_to_admin(page, live_server, "admin2")
    page.goto(f"{live_server.url}/c/{chinese_poster_campaign().code}/poster/")
    Reader(shots).check(page, "poster")


def test_switching_language_without_javascript_keeps_every_answer(live_server, demo, phone):
    stored = Application.objects.count()
    page = phone(locale="zh-CN", javascript=False)
    page.goto(f"{live_server.url}/trials/thrive-aa1/apply/")
    fill_questionnaire(page, name="王芳")
    answers_survive_switching_languages(page)
    # The server worked the SALT out for the four views kept (the live preview needs JavaScript).
    assert "75.2" in page.inner_text("#salt-preview")
    assert Application.objects.count() == stored


def test_a_chinese_coordinator_reads_an_application_in_chinese(live_server, demo, phone, shots):
    brave = Trial.objects.get(slug="brave-aa1")
    make_coordinator("nurse", *brave.sites.all())
    patient = phone(locale="zh-CN")
    patient.goto(f"{live_server.url}/trials/brave-aa1/apply/")
    fill_questionnaire(patient, name="王芳")
    patient.select_option("#id_used_topical_steroid", "still")
    patient.select_option("#id_site", index=1)
    submit(patient)
    reference = patient.locator("#reference").inner_text()

    page = phone(locale="zh-CN")
    log_in_to_admin(page, live_server, "nurse")
    open_application(page, live_server, reference)
    text = page.inner_text("#content")
    assert "外用糖皮质激素" in text  # the reason of a criterion, in the coordinator's language
    assert not re.search(r"used within|Needs review|Likely|patient \(web form\)", text)
    Reader(shots, names=["nurse", "NURSE"]).check(page, "admin-application")  # the user's own name


def test_a_chinese_vitiligo_patient_filters_reads_estimates_by_hand_and_gets_a_verdict(live_server, demo, phone, shots):
    reader = Reader(shots)
    page = phone(locale="zh-CN")

    # The list filtered by 白癜风 shows the vitiligo trials only.
    page.goto(live_server.url + "/")
    page.click("summary")
    page.select_option("#id_condition", label="白癜风")
    page.click("form[method=get] button[type=submit]")
    page.wait_for_load_state()
    titles = page.locator(".trial-card h2").all_inner_texts()
    assert titles and all("白癜风" in title for title in titles), titles
    reader.check(page, "vitiligo-list")

    # A ruxolitinib-cream trial in plain Chinese, then its questionnaire.
    page.click("text=芦可替尼乳膏（鲁索替尼乳膏）治疗白癜风（12 岁及以上）")
    page.wait_for_load_state()
    assert page.url.endswith("/trials/true-v1/")
    reader.check(page, "vitiligo-trial")
    page.click("a.btn-primary[href$='/apply/']")
    page.wait_for_load_state()
    reader.check(page, "vitiligo-questionnaire")

    # The patches estimated with the patient's own hand; the estimate shows while typing.
    fill_vitiligo_questionnaire(page, name="王芳")
    preview = page.inner_text("#vasi-preview")
    assert "6.00%" in preview and "T-VASI 4.15" in preview and "F-VASI 0.75" in preview
    reader.check(page, "vitiligo-questionnaire-filled")
    assert axe_violations(page) == []

    submit(page)
    assert page.url.endswith("/trials/true-v1/apply/done/")
    application = Application.objects.get(reference=page.locator("#reference").inner_text())
    assert application.verdict == "likely_eligible" and str(application.vitiligo.t_vasi) == "4.15"
    assert "4.15" in page.inner_text("#vasi-result")
    reader.check(page, "vitiligo-verdict-likely-eligible")

    # The browser's figure is the server's, to the hundredth (half a palm at 25 % and at 90 %).
    page.goto(f"{live_server.url}/trials/true-v1/apply/")
    fill_vitiligo_questionnaire(page, name="韩梅梅", phone_number="+86 139 0000 3333")
    for region, units, whiteness in (
        ("face", "0.5", "25"),
        ("hands", "0.5", "90"),
        ("arms", "", ""),
        ("trunk", "", ""),
    ):
        page.fill(f"#id_units_{region}", units)
        page.select_option(f"#id_whiteness_{region}", whiteness)
    assert "F-VASI 0.13 · T-VASI 0.58" in page.inner_text("#vasi-preview")
    page.fill("#id_units_face", "7")  # more than a face: no figure until corrected
    page.dispatch_event("#id_units_face", "change")
    assert "T-VASI" not in page.inner_text("#vasi-preview")

    # Half a palm on the face: too close to the limits to decide on an estimate. The reasons name
    # the criteria, in Chinese.
    page.goto(f"{live_server.url}/trials/true-v1/apply/")
    fill_vitiligo_questionnaire(page, name="李雷", phone_number="+86 139 0000 2222")
    page.fill("#id_units_face", "0.5")
    submit(page)
    assert Application.objects.get(reference=page.locator("#reference").inner_text()).verdict == "needs_review"
    assert "面部 VASI 评分至少 0.5" in page.inner_text("main")
    reader.check(page, "vitiligo-verdict-needs-review")


def test_a_chinese_patient_finishes_on_a_clinic_tablet_then_withdraws_and_erases_from_her_own_phone(
    live_server, demo, phone, shots, settings
):
    import sms

    settings.SMS_BACKEND = "sms.backends.locmem.SmsBackend"
    sms.outbox = []
    reader = Reader(shots)
    tablet = phone(locale="zh-CN")
    tablet.goto(f"{live_server.url}/trials/brave-aa1/apply/")
    fill_questionnaire(tablet, name="王芳", phone_number="+86 138 0013 8000")
    assert "礼来" in tablet.inner_text("label[for=id_consent_transfer_abroad]")  # the recipient abroad, named
    tablet.check("#id_consent_transfer_abroad")
    submit(tablet)
    reference = tablet.locator("#reference").inner_text()
    assert "申请编号" in sms.outbox[-1].body and reference in sms.outbox[-1].body  # the confirmation
    tablet.click("#finish button[type=submit]")
    tablet.wait_for_load_state()
    reader.check(tablet, "finished")
    # The next patient on the tablet finds nothing of her.
    tablet.goto(f"{live_server.url}/trials/brave-aa1/apply/done/")
    assert reference not in tablet.content()
    tablet.goto(f"{live_server.url}/privacy/")
    reader.check(tablet, "privacy-notice")

    # At home, on her own phone, without JavaScript: the reference, her number, a code by SMS.
    own = phone(locale="zh-CN", javascript=False)
    own.goto(f"{live_server.url}/my/")
    reader.check(own, "my-application-start")
    own.fill("#id_reference", reference.lower().replace("-", ""))
    own.fill("#id_address", "138 0013 8000")
    own.click("main button[type=submit]")
    own.wait_for_load_state()
    reader.check(own, "my-application-code")
    code = re.search(r"\d{6}", sms.outbox[-1].body).group(0)
    own.fill("#id_code", code)
    own.click("main button[type=submit]")
    own.wait_for_load_state()
    assert reference in own.inner_text("h1")
    reader.check(own, "my-application")
    own.click("text=撤回这项同意")  # sending her answers to the sponsor abroad
    own.wait_for_load_state()
    assert "您已撤回同意：“向境外申办方提供回答”" in own.inner_text("#updated")  # which one, by name
    assert own.locator("#give-consent").get_by_role("button", name="我同意").count() >= 1  # and it can come back
    reader.check(own, "my-application-consent-withdrawn")
    own.click("text=删除我的信息")
    own.wait_for_load_state()
    reader.check(own, "my-application-erase")
    own.check("#id_confirm")
    own.click("main button[type=submit]")
    own.wait_for_load_state()
    reader.check(own, "my-application-erased")
    assert Application.objects.filter(reference=reference).count() == 0  # a new, unlinked log reference


def test_a_chinese_parent_answers_for_a_child_and_reads_every_question_about_the_child(live_server, demo, phone, shots):
    reader = Reader(shots)
    page = phone(locale="zh-CN")
    page.goto(f"{live_server.url}/trials/allegro-2b3/apply/")
    fill_questionnaire(page, name="王小明")
    page.click("button[name=switch_respondent]")  # 代孩子填写: the answers typed go with it
    page.wait_for_load_state()
    assert page.locator("#id_full_name").input_value() == "王小明"
    assert page.locator("#id_loss_top").input_value() == "80"
    assert page.locator("legend", has_text="1. 关于孩子").count() == 1
    assert page.get_by_text("孩子的头发有没有长回来过", exact=False).count() == 1
    reader.check(page, "questionnaire-for-a-child")

    born = patient_today(frozen_instant()).year - 14
    page.fill("#id_date_of_birth", f"{born}-01-01")
    page.fill("#id_guardian_name", "王芳")
    page.check("#id_consent_guardian")
    page.check("#id_consent_health_data")
    page.check("#id_consent_contact")
    submit(page)
    application = Application.objects.get(contact__full_name="王小明")
    assert (application.respondent, application.contact.guardian_name) == ("parent", "王芳")
    reader.check(page, "verdict-for-a-child")

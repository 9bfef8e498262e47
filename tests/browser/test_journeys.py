"""The portal in a real browser on a phone-sized screen: a patient in English, a coordinator in
admin, a sponsor's download; accessibility checked with axe-core. The Chinese-speaking patient's
path is in test_chinese_journey.py."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from recruitment.models import Application
from tests.browser.fixtures import axe_violations
from tests.browser.patient_steps import fill_questionnaire, submit
from tests.browser.staff_steps import log_in_to_admin, open_application
from tests.factories import make_coordinator
from trials.models import Campaign, SponsorOrganisation, Trial

pytestmark = pytest.mark.subprocess


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


def campaign_link(live_server):
    # A campaign of no particular language: the page follows the phone's.
    campaign = Campaign.objects.create(
        trial=Trial.objects.get(slug="brave-aa1"), name="Clinic poster", channel="poster"
    )
    return campaign, f"{live_server.url}/c/{campaign.code}"


def test_an_english_speaking_patient_a_coordinator_and_a_sponsor(live_server, demo, phone, shots):
    brave = Trial.objects.get(slug="brave-aa1")
    make_coordinator("nurse", *brave.sites.all())
    sponsor = User.objects.create_user("lilly", password="pw-for-tests-1")
    SponsorOrganisation.objects.get(name=brave.sponsor.name).members.add(sponsor)
    page = phone(locale="en-US")

    # The list of trials, recruiting first.
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Clinical trials you may be able to join"
    shots(page, "trial-list")
    assert_accessible(page)

    # The QR code of a campaign: its short link leads to the sign-up page, carrying the campaign.
    campaign, link = campaign_link(live_server)
    page.goto(link)
    assert page.url.endswith("/trials/brave-aa1/apply/")
    shots(page, "questionnaire")
    assert_accessible(page)

    # A wrong answer comes back beside its field with every other answer kept.
    fill_questionnaire(page)
    page.evaluate("document.getElementById('screening-form').noValidate = true")
    page.fill("#id_loss_top", "140")
    submit(page)
    error = page.locator("#id_loss_top_error")
    assert "a whole number from 0 to 100" in error.inner_text()
    assert "id_loss_top_error" in page.locator("#id_loss_top").get_attribute("aria-describedby")
    assert page.locator("#id_full_name").input_value() == "Wang Fang"
    assert page.locator("#id_loss_back").input_value() == "60"
    shots(page, "questionnaire-error")
    assert_accessible(page)

    # The live SALT preview follows the sliders' numbers; the server's value is what counts.
    page.fill("#id_loss_top", "80")
    assert "75.2" in page.locator("#salt-preview").inner_text()
    page.check("#id_consent_health_data")
    page.check("#id_consent_contact")
    # Eli Lilly receives data in the United States: the consent names it; without it, no CSV row.
    assert "Eli Lilly in United States" in page.inner_text("label[for=id_consent_transfer_abroad]")
    page.check("#id_consent_transfer_abroad")
    submit(page)
    assert page.url.endswith("/trials/brave-aa1/apply/done/")
    reference = page.locator("#reference").inner_text()
    application = Application.objects.get(reference=reference)
    assert application.campaign == campaign
    shots(page, "reference-code")
    assert_accessible(page)

    # A coordinator of the site logs into admin and moves the application on.
    coordinator = phone(locale="en-US")
    log_in_to_admin(coordinator, live_server, "nurse")
    open_application(coordinator, live_server, reference)
    coordinator.select_option("#id_new_status", "contacted")
    coordinator.fill("#id_note", "Called in the evening; will come on Monday.")
    shots(coordinator, "coordinator-review")
    coordinator.click("input[name=_save]")
    coordinator.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "contacted"
    assert application.audit_events.filter(action="status_changed", actor__username="nurse").exists()
    shots(coordinator, "coordinator-list")

    # The sponsor logs in and downloads the eligible list, with needs review included.
    sponsor_page = phone(locale="en-US")
    sponsor_page.goto(live_server.url + "/sponsor/")
    sponsor_page.fill("#id_username", "lilly")
    sponsor_page.fill("#id_password", "pw-for-tests-1")
    sponsor_page.get_by_role("button", name="Log in").click()
    sponsor_page.wait_for_url(re.compile(r"/sponsor/$"))
    shots(sponsor_page, "sponsor-funnel")
    section = sponsor_page.locator("section", has_text="BRAVE-AA1")
    section.get_by_label("Also include applicants who need review").check()
    with sponsor_page.expect_download() as download:
        section.get_by_role("button", name="Download eligible applicants (CSV)").click()
    assert download.value.suggested_filename.startswith("NCT03570749-eligible-")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert reference in {row[0] for row in rows[1:]}
    shown = text.replace(reference, "")  # a random reference may hold "138"
    assert "Wang Fang" not in shown and "138" not in shown


def test_the_questionnaire_works_without_javascript(live_server, demo, phone, shots):
    page = phone(javascript=False)
    page.goto(live_server.url + "/trials/thrive-aa1/apply/")
    fill_questionnaire(page)
    submit(page)
    assert page.url.endswith("/trials/thrive-aa1/apply/done/")
    assert Application.objects.filter(reference=page.locator("#reference").inner_text()).exists()
    shots(page, "reference-code-without-javascript")


def test_the_questionnaire_can_be_completed_from_the_keyboard(live_server, demo, phone):
    page = phone()
    page.goto(live_server.url + "/trials/thrive-aa1/apply/")
    fill_questionnaire(page)
    page.focus("#id_date_of_birth")
    for _ in range(300):  # Tab through every control to the send button, then press Enter
        page.keyboard.press("Tab")
        if page.evaluate(
            "document.activeElement.type === 'submit' && !!document.activeElement.closest('form#screening-form')"
        ):
            break
    else:
        pytest.fail("the send button cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url("**/apply/done/")


def test_the_language_switcher_changes_the_page_language(live_server, demo, phone):
    page = phone(locale="en-US")
    page.goto(live_server.url + "/trials/brave-aa1/")
    assert page.url.endswith("/en/trials/brave-aa1/")  # the old address, in the phone's language
    page.click("#language-switcher a[lang=zh-hans]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.url.endswith("/zh-hans/trials/brave-aa1/")


def test_enter_in_a_field_sends_the_questionnaire_not_the_language_switcher(live_server, demo, phone):
    page = phone(locale="zh-CN")
    page.goto(live_server.url + "/trials/thrive-aa1/apply/")
    fill_questionnaire(page)
    page.focus("#id_full_name")
    page.keyboard.press("Enter")
    page.wait_for_url("**/apply/done/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"


def test_the_pregnancy_question_hides_for_a_man_and_a_young_girl_and_shows_for_a_woman(live_server, demo, phone):
    page = phone()
    page.goto(f"{live_server.url}/trials/brave-aa1/apply/")
    question = page.locator("input[name=pregnancy]").first
    assert question.is_visible()
    page.check("input[name=sex][value=MALE]")
    assert not question.is_visible()
    page.check("input[name=sex][value=FEMALE]")
    assert question.is_visible()
    page.fill("#id_date_of_birth", "2020-01-01")
    page.dispatch_event("#id_date_of_birth", "change")
    assert not question.is_visible()

"""An atopic-dermatitis patient in a real browser: the Chinese journey from the list to a verdict
without meeting English, and the live estimate equal to the server's on random answers."""

import random

import pytest

from recruitment.conditions.atopic_dermatitis.score import REGIONS, SIGN_CODES, extent
from recruitment.models import Application
from tests.browser.fixtures import axe_violations
from tests.browser.patient_steps import submit
from tests.browser.test_chinese_journey import Reader

pytestmark = pytest.mark.subprocess

ROWS = {
    # region: (area step, redness, swelling, scratch marks, thickening): EASI 24.0, 44 % of the body
    "head_neck": (2, 2, 2, 1, 1),
    "trunk": (2, 2, 1, 2, 1),
    "arms": (4, 2, 2, 2, 2),
    "legs": (4, 2, 2, 2, 2),
}


def fill_eczema_questionnaire(page, *, name="Wang Fang", phone_number="+86 138 0013 8000"):
    page.fill("#id_date_of_birth", "1990-08-20")
    page.check("#id_sex_0")  # female
    page.check("input[name=pregnancy][value=none]")
    page.check("input[name=health_history][value=none]")
    page.check("input[name=diagnosed][value=yes]")
    page.select_option("#id_started_month", "5")
    page.fill("#id_started_year", "2015")
    for region, (area, *signs) in ROWS.items():
        page.select_option(f"#id_area_{region}", str(area))
        for sign, step in zip(SIGN_CODES, signs, strict=True):
            page.select_option(f"#id_{sign}_{region}", str(step))
    page.check("input[name=iga][value='3']")
    page.select_option("#id_itch", "7")
    page.fill("#id_weight_kg", "58")
    page.check("input[name=topical_response][value=not_controlled]")
    page.check("input[name=other_skin][value=none]")
    page.select_option("#id_used_topical_steroid", "lt1m")
    page.fill("#id_full_name", name)
    page.fill("#id_phone", phone_number)
    page.check("#id_consent_health_data")
    page.check("#id_consent_contact")


def test_a_chinese_eczema_patient_filters_describes_the_eczema_and_gets_a_verdict(live_server, demo, phone, shots):
    reader = Reader(shots, names=("EASI", "IGA"))
    page = phone(locale="zh-CN")

    page.goto(live_server.url + "/")
    page.click("summary")
    page.select_option("#id_condition", label="特应性皮炎")
    page.click("form[method=get] button[type=submit]")
    page.wait_for_load_state()
    titles = page.locator(".trial-card h2").all_inner_texts()
    assert len(titles) == 3 and all("特应性皮炎" in title for title in titles), titles
    reader.check(page, "eczema-list")

    page.click("text=艾玛昔替尼片治疗中重度特应性皮炎（12 至 75 岁）")
    page.wait_for_load_state()
    assert page.url.endswith("/trials/ivarmacitinib-atopic-dermatitis/")
    reader.check(page, "eczema-trial")
    page.click("a.btn-primary[href$='/apply/']")
    page.wait_for_load_state()
    assert page.locator("#eczema-signs img").count() == 16
    reader.check(page, "eczema-questionnaire")

    fill_eczema_questionnaire(page, name="王芳")
    preview = page.inner_text("#easi-preview")
    assert "44.0%" in preview and "EASI 24.0" in preview, preview
    reader.check(page, "eczema-questionnaire-filled")
    assert axe_violations(page) == []

    submit(page)
    assert page.url.endswith("/trials/ivarmacitinib-atopic-dermatitis/apply/done/")
    application = Application.objects.get(reference=page.locator("#reference").inner_text())
    assert application.verdict == "likely_eligible" and str(application.atopic_dermatitis.easi) == "24.0"
    assert "24.0" in page.inner_text("#easi-result")
    reader.check(page, "eczema-verdict-likely-eligible")

    # Itch of 3: one point under the trial's 4, for the study doctor; the reason names the criterion.
    page.goto(f"{live_server.url}/trials/ivarmacitinib-atopic-dermatitis/apply/")
    fill_eczema_questionnaire(page, name="李雷", phone_number="+86 139 0000 2222")
    page.select_option("#id_itch", "3")
    submit(page)
    assert Application.objects.get(reference=page.locator("#reference").inner_text()).verdict == "needs_review"
    assert "一般情况下每天最痒时至少 4 分" in page.inner_text("main")
    reader.check(page, "eczema-verdict-needs-review")


def test_the_live_eczema_preview_equals_the_servers_estimates_on_random_answers(live_server, demo, phone):
    page = phone(locale="en-US")
    page.goto(f"{live_server.url}/trials/measure-up-1/apply/")
    draw = random.Random(1207)
    for _ in range(15):
        chosen = draw.sample(REGIONS, draw.randint(1, 4))
        rows = {
            region.code: {"area": draw.randint(1, 6), **{sign: draw.randint(0, 3) for sign in SIGN_CODES}}
            for region in chosen
        }
        for region in REGIONS:
            row = rows.get(region.code, {})
            page.select_option(f"#id_area_{region.code}", str(row.get("area", "")))
            for sign in SIGN_CODES:
                page.select_option(f"#id_{sign}_{region.code}", str(row.get(sign, "")))
        server = extent(rows)
        shown = page.inner_text("#easi-preview")
        assert f"body surface {server.bsa}%" in shown and f"EASI {server.easi}" in shown, (rows, shown, server)

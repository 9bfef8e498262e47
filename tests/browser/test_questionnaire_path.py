"""The questionnaire's path on a Chinese phone (390 px): what does not apply to the patient gets
out of the way, and what does is said plainly."""

import pytest

from tests.browser.patient_steps import fill_questionnaire, submit
from tests.clock import frozen_instant
from tests.factories import YEAR

pytestmark = pytest.mark.subprocess


def test_an_adult_does_not_wade_through_the_guardians_questions_and_a_minor_meets_them(live_server, demo, phone):
    page = phone(locale="zh-CN")
    page.clock.set_fixed_time(frozen_instant())  # the page's script works out the age on the suite's day
    adult, minor = f"{YEAR - 40}-03-15", f"{YEAR - 15}-03-15"
    page.goto(live_server.url + "/zh-hans/trials/brave-aa1/apply/")
    guardian = page.locator("#guardian-block")
    assert guardian.is_visible()  # nothing known yet
    assert "患者本人姓名" in page.locator("label[for=id_full_name]").inner_text()
    page.fill("#id_date_of_birth", adult)
    assert guardian.is_hidden()
    page.fill("#id_date_of_birth", minor)
    assert guardian.is_visible()
    # A minor sent without a guardian: the block stays in sight with its errors, whatever the script.
    fill_questionnaire(page, name="王小明")
    page.fill("#id_date_of_birth", minor)
    submit(page)
    assert page.locator("#guardian-block .is-invalid").count() == 2
    assert guardian.is_visible()

"""Most broadcast viewers scan the QR code inside WeChat: its built-in browser announces itself
(MicroMessenger) and often runs no script. The whole journey works there, in Chinese."""

import re

import pytest

from recruitment.models import Application
from tests.browser.patient_steps import fill_questionnaire, submit
from tests.browser.test_chinese_journey import Reader, chinese_poster_campaign

pytestmark = pytest.mark.subprocess

# WeChat 8 on Android, as its in-app browser sends it.
WECHAT = (
    "Mozilla/5.0 (Linux; Android 13; V2241A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 "
    "MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)


def test_a_viewer_in_wechat_without_scripts_signs_up_from_the_posters_link_and_comes_back(
    live_server, demo, phone, shots, settings
):
    import sms

    settings.SMS_BACKEND = "sms.backends.locmem.SmsBackend"
    sms.outbox = []
    reader = Reader(shots)
    page = phone(locale="zh-CN", javascript=False, user_agent=WECHAT)
    # The poster's QR code: its short link opens the questionnaire, in the poster's language.
    page.goto(f"{live_server.url}/c/{chinese_poster_campaign().code}")
    assert re.search(r"/zh-hans/trials/brave-aa1/apply/$", page.url)
    reader.check(page, "wechat-questionnaire")
    assert page.locator("#full-trial-page").is_visible()  # the trial is a tap away
    fill_questionnaire(page, name="王芳")
    submit(page)
    reference = page.locator("#reference").inner_text()
    assert Application.objects.get(reference=reference).campaign is not None
    reader.check(page, "wechat-verdict")

    # Later, in WeChat again: her application, opened with a code by text message.
    page.goto(f"{live_server.url}/my/")
    page.fill("#id_reference", reference)
    page.fill("#id_address", "+86 138 0013 8000")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.fill("#id_code", re.search(r"\d{6}", sms.outbox[-1].body).group(0))
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert reference in page.inner_text("h1")
    reader.check(page, "wechat-my-application")

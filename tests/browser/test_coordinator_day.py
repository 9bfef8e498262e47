"""A research nurse's day on a phone: the call queue, each attempt recorded from the application's
page, and the sponsor's funnel read on the same small screen."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from recruitment.models import Application, ContactAttempt
from recruitment.pipeline import Status
from tests.browser.staff_steps import log_in_to_admin
from tests.factories import make_application, make_coordinator
from trials.models import Trial

# Reads the clock (overdue applicants in the queue); CI runs it at the edges of time too.
pytestmark = [pytest.mark.subprocess, pytest.mark.clock]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_nurse_works_through_her_calls_on_a_phone_and_the_sponsor_reads_the_funnel(live_server, demo, phone, shots):
    brave = Trial.objects.get(slug="brave-aa1")
    site = brave.sites.filter(status="RECRUITING").first() or brave.sites.first()
    make_coordinator("nurse", site)
    now = timezone.now()
    first = make_application(
        brave, site=site, full_name="Li Lei", phone="+86 139 0000 0001", when=now - datetime.timedelta(days=3)
    )  # waiting past the target
    second = make_application(
        brave, site=site, full_name="Han Meimei", phone="+86 139 0000 0002", when=now - datetime.timedelta(hours=1)
    )

    page = phone(locale="en-US")
    log_in_to_admin(page, live_server, "nurse")
    page.goto(f"{live_server.url}/admin/recruitment/application/queue/")
    shots(page, "call-queue")
    assert no_sideways_scroll(page)
    names = page.locator(".call-name").all_inner_texts()
    assert names.index("Li Lei") < names.index("Han Meimei")  # the longest wait first
    assert page.locator(".call.overdue", has_text="Li Lei").count() == 1
    assert page.locator(".call", has_text="Li Lei").locator("a[href='tel:+8613900000001']").count() == 1

    # No answer: try again tomorrow morning. The application stays open.
    page.click("text=Li Lei")
    page.wait_for_load_state()
    shots(page, "call-panel")
    assert page.locator("a[href='tel:+8613900000001']").first.is_visible()  # at the top, a tap away
    page.select_option("#id_attempt_outcome", "no_answer")
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=9, minute=30)
    page.fill("#id_next_contact_at", tomorrow.strftime("%Y-%m-%dT%H:%M"))
    page.click("input[name=_save]")
    page.wait_for_load_state()
    first.refresh_from_db()
    assert first.status == Status.NEW and first.next_contact_at is not None and first.first_contact_at is not None

    # Reached: the second applicant becomes "contacted".
    page.goto(f"{live_server.url}/admin/recruitment/application/queue/")
    page.click("text=Han Meimei")
    page.wait_for_load_state()
    page.select_option("#id_attempt_outcome", "reached")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert Application.objects.get(pk=second.pk).status == Status.CONTACTED
    assert ContactAttempt.objects.count() == 2

    # The sponsor follows it on a phone too: the funnel fits the screen, each count labelled.
    sponsor = User.objects.create_user("lilly", password="pw-for-tests-1")
    brave.sponsor.members.add(sponsor)
    sponsor_page = phone(locale="en-US")
    sponsor_page.goto(f"{live_server.url}/accounts/login/")
    sponsor_page.fill("#id_username", "lilly")
    sponsor_page.fill("#id_password", "pw-for-tests-1")
    sponsor_page.click("main button[type=submit]")
    sponsor_page.wait_for_load_state()
    shots(sponsor_page, "sponsor-funnel-phone")
    assert no_sideways_scroll(sponsor_page)
    assert sponsor_page.locator("td[data-label='Contact attempts']").first.is_visible()

"""No page scrolls sideways on a narrow phone (320 px, the smallest still sold; 390 px, the most
common), in either language: the header's language switcher is the way back to Chinese and must
never be squeezed or clipped."""

import pytest
from django.contrib.auth.models import User

from recruitment.models import Application
from tests.browser.patient_steps import fill_questionnaire, submit
from tests.browser.staff_steps import log_in_to_admin
from tests.factories import make_application, make_coordinator
from trials.models import Trial

pytestmark = pytest.mark.subprocess

WIDTHS = (320, 390)
PATIENT_PAGES = ("/", "/trials/brave-aa1/", "/trials/brave-aa1/apply/", "/my/", "/privacy/", "/c/unknown")


def overflow(page) -> list[str]:
    """The elements wider than the screen (empty when nothing scrolls sideways)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width + 1) return [];
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className);
        }"""
    )


def switcher_fits(page) -> bool:
    """Each language's name on one line, wholly on screen."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#language-switcher [lang]')].every(e => {
            const box = e.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(e).lineHeight) || 24;
            return box.right <= document.documentElement.clientWidth + 1 && box.height < 2 * line + 12;
        })"""
    )


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_no_patient_page_scrolls_sideways_on_a_narrow_phone(live_server, demo, phone, locale):
    page = phone(locale=locale)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for path in PATIENT_PAGES:
            page.goto(live_server.url + path)
            assert overflow(page) == [], f"{path} at {width} px"
            assert switcher_fits(page), f"{path} at {width} px: the language switcher is squeezed"
    page.goto(live_server.url + "/trials/brave-aa1/apply/")
    fill_questionnaire(page)
    submit(page)
    assert Application.objects.exists()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert overflow(page) == [], f"the verdict page at {width} px"


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_call_queue_and_the_sponsor_page_fit_a_narrow_phone(live_server, demo, phone, locale):
    brave = Trial.objects.get(slug="brave-aa1")
    site = brave.sites.first()
    make_coordinator("nurse", site)
    make_application(brave, site=site, full_name="Han Meimei")
    sponsor = User.objects.create_user("lilly", password="pw-for-tests-1")
    brave.sponsor.members.add(sponsor)
    for username, path in (("nurse", "/admin/recruitment/application/queue/"), ("lilly", "/sponsor/")):
        page = phone(locale=locale)
        log_in_to_admin(page, live_server, username)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(live_server.url + path)
            assert overflow(page) == [], f"{path} at {width} px"

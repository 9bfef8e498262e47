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


# The links of a page's header: the language switcher's, and the sponsor page's account links.
HEADER_LINKS = "#language-switcher [lang], #account-links a, #account-links button"


def links_broken_over_lines(page) -> tuple[int, list[str]]:
    """(how many header links there are, the texts of those whose words run over more than one
    line). The text's own box is measured, not the link's: a button's padding and its 44 px tap
    height are not a second line."""
    return page.evaluate(
        """(selector) => {
            const links = [...document.querySelectorAll(selector)];
            return [links.length, links.filter(e => {
                const text = document.createRange();
                text.selectNodeContents(e);
                const style = getComputedStyle(e);
                const line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
                return text.getBoundingClientRect().height > 1.5 * line;
            }).map(e => e.textContent.trim())];
        }""",
        HEADER_LINKS,
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
            if path == "/sponsor/":
                # The header's links wrap between links, each whole: never a word cut over two lines.
                count, broken = links_broken_over_lines(page)
                assert count == 5 and broken == [], f"{path} at {width} px: {broken} of {count} links"

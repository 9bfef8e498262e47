"""The applications list on a clinic's desktop screen (1280 px): the columns a coordinator works
from (status, who it is assigned to, how long it has waited) are on screen, and nothing scrolls
sideways, the page or the table, in either language."""

import pytest

from recruitment.services import review
from tests.browser.staff_steps import log_in_to_admin
from tests.factories import make_application, make_coordinator
from trials.models import Trial

pytestmark = pytest.mark.subprocess

DESKTOP = {"width": 1280, "height": 800}
KEY_COLUMNS = ("status", "assigned_to", "waiting")


def sideways(page) -> dict:
    """How far the page and the list's table reach past what is shown, and where the key
    columns' headers end (px)."""
    return page.evaluate(
        """(keys) => {
            const root = document.documentElement;
            const table = document.querySelector('#result_list');
            const box = table.closest('.results') || table.parentElement;
            const shown = Math.min(root.clientWidth, box.getBoundingClientRect().right);
            return {
                page: root.scrollWidth - root.clientWidth,
                table: table.scrollWidth - box.clientWidth,
                keys: Object.fromEntries(keys.map(k => {
                    const th = table.querySelector('th.column-' + k);
                    return [k, th ? th.getBoundingClientRect().right - shown : null];
                })),
            };
        }""",
        list(KEY_COLUMNS),
    )


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_application_list_fits_a_1280_px_screen_with_its_key_columns_in_view(live_server, demo, browser, locale):
    brave = Trial.objects.get(slug="brave-aa1")
    site = brave.sites.first()
    nurse = make_coordinator("nurse", site)
    for n, name in enumerate(("Han Meimei", "Ouyang Xiaoling-Zhang", "李雷")):
        application = make_application(brave, site=site, full_name=name, phone=f"+86 139 0000 000{n}")
        review.assign(application, to=nurse, by=nurse)
    # A desktop browser, not the phone fixture's: is_mobile would lay the page out for a phone.
    context = browser.new_context(viewport=DESKTOP, locale=locale)
    page = context.new_page()
    try:
        log_in_to_admin(page, live_server, "nurse")
        page.goto(live_server.url + "/admin/recruitment/application/")
        measured = sideways(page)
    finally:
        context.close()
    assert measured["page"] <= 1 and measured["table"] <= 1, measured
    for key, past in measured["keys"].items():
        assert past is not None and past <= 1, (key, measured)

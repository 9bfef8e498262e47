"""The live score previews show, for any answers, exactly the figure the server works out: their
weights, bands and steps come from the page the server wrote, and they add in whole numbers."""

import random
from decimal import Decimal

import pytest

from recruitment.conditions.alopecia_areata.score import compute_salt
from recruitment.conditions.vitiligo.score import REGIONS, Whiteness, extent

pytestmark = pytest.mark.subprocess

VIEWS = ("loss_top", "loss_back", "loss_left", "loss_right")


def test_the_live_salt_preview_equals_the_servers_salt_on_random_answers(live_server, demo, phone):
    page = phone(locale="en-US")
    page.goto(f"{live_server.url}/trials/brave-aa1/apply/")
    draw = random.Random(20261206)
    for _ in range(30):
        losses = {view: draw.choice([0, 100, draw.randint(0, 100)]) for view in VIEWS}
        for view, loss in losses.items():
            page.fill(f"#id_{view}", str(loss))
        salt = compute_salt(**{view.removeprefix("loss_"): loss for view, loss in losses.items()})
        shown = page.inner_text("#salt-preview")
        assert f" {salt} (" in shown, (losses, shown)


def test_the_live_vitiligo_preview_equals_the_servers_estimates_on_random_answers(live_server, demo, phone):
    page = phone(locale="en-US")
    page.goto(f"{live_server.url}/trials/true-v1/apply/")
    draw = random.Random(612)
    steps = [w for w in Whiteness.values if w]
    for _ in range(15):
        chosen = draw.sample(REGIONS, draw.randint(1, 4))
        answers = {
            region.code: (Decimal(draw.randint(1, int(region.max_units * 10))) / 10, draw.choice(steps))
            for region in chosen
        }
        for region in REGIONS:
            units, whiteness = answers.get(region.code, ("", ""))
            page.fill(f"#id_units_{region.code}", str(units))
            page.select_option(f"#id_whiteness_{region.code}", str(whiteness))
        page.dispatch_event(f"#id_units_{REGIONS[0].code}", "change")
        server = extent(answers)
        shown = page.inner_text("#vasi-preview")
        for figure in (server.total_bsa, server.facial_bsa, server.f_vasi, server.t_vasi):
            assert str(figure) in shown, (answers, shown, server)

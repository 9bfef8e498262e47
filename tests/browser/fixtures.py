"""Real-browser tests' fixtures: Debian's Chromium driven by Playwright against Django's live
server. A plugin of the whole suite (the top-level conftest.py), so that a condition app's own
browser tests share the one browser of the session.

With CI=true a missing Chromium is a failure (.ci/run installs it); elsewhere these tests skip.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    problem = None
    if not CHROMIUM.exists():
        problem = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:  # pragma: no cover - declared in pyproject's test extra
            problem = f"playwright is not installed ({exc})"
    if problem:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{problem}; CI must run the browser tests.")
        pytest.skip(problem)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
    # browser steps are ordinary blocking calls, which Django would otherwise refuse next to a loop.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A new phone-sized browser context; pass locale="zh-CN" for a Chinese phone. Every page any
    test opens is watched for what the Content-Security-Policy refused (an inline script or style,
    a file from elsewhere): the test fails on any."""
    contexts = []
    refused = []

    def open_page(*, locale="en-US", javascript=True, user_agent=None):
        context = browser.new_context(
            viewport=PHONE,
            locale=locale,
            java_script_enabled=javascript,
            user_agent=user_agent,
            is_mobile=True,
            has_touch=True,
            accept_downloads=True,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on(
            "console",
            lambda message: (
                refused.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert refused == [], "refused by the Content-Security-Policy"


@pytest.fixture
def demo(transactional_db, settings):
    call_command("seed_demo")  # trials, criteria, campaigns; users come from the tests' factories
    return settings


class Shots:
    def __init__(self, name):
        self.folder = SCREENSHOTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def __call__(self, page, label):
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{label}.png"), full_page=True)


@pytest.fixture
def shots(request):
    return Shots(re.sub(r"[^\w.-]+", "_", request.node.name))


def axe_violations(page, *, impacts=("serious", "critical")):
    """Run axe-core (vendored under tests/browser/vendor) on the page; the serious ones."""
    # Evaluated by the browser's debugging protocol, which the page's Content-Security-Policy does
    # not govern (a <script> tag of it would be refused, as it should be).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]

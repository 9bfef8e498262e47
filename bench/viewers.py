"""The broadcast's virtual viewers and their arrivals, as Locust runs them. bench/broadcast.py
starts Locust on this file (in .venv-bench) and reads what it logs; by hand:

    BROADCAST_CAMPAIGNS=code1,code2 BROADCAST_RATE=5 .venv-bench/bin/locust -f bench/viewers.py \\
        --headless --host http://127.0.0.1:8000

It imports no Django and knows no page's address: a viewer starts from a campaign's QR link
(/c/<code>), follows the redirects, and takes every other address from the HTML it is served
(the questionnaire's action, the language switcher's link or button, the confirmation's
redirect), so that a language prefix in the URLs (/zh-hans/..., /en/...) changes nothing here.

One Locust user is one viewer: it arrives, makes its one journey and stays idle after it. The
shape adds users at the arrival rate (an open model: arrivals do not slow down when the portal
does): a linear ramp to BROADCAST_RATE arrivals a second over BROADCAST_RAMP seconds, held for
BROADCAST_HOLD seconds, then no new arrivals while the last journeys finish.

Each request is written to BROADCAST_LOG_DIR/requests-<pid>.csv (start, kind, name, status,
milliseconds, error): broadcast.py computes the percentiles, arrivals and errors over time from
these files (all requests, not Locust's sampled windows).
"""

from __future__ import annotations

import datetime
import html
import http.cookiejar
import itertools
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, LoadTestShape, constant, events, task
from locust.exception import RescheduleTask

CAMPAIGNS = [code for code in os.environ.get("BROADCAST_CAMPAIGNS", "").split(",") if code]
RATE = float(os.environ.get("BROADCAST_RATE", "2"))
RAMP = float(os.environ.get("BROADCAST_RAMP", "60"))
HOLD = float(os.environ.get("BROADCAST_HOLD", "180"))
THINK = float(os.environ.get("BROADCAST_THINK", "1"))  # scale of the viewers' reading and typing pauses
LOG_DIR = Path(os.environ.get("BROADCAST_LOG_DIR", "var/broadcast"))
SWITCH_LANGUAGE = 0.10  # share of viewers who read the questionnaire in the other language
ERROR_FIRST = 0.05  # share who send it with a required answer missing, then correct it
# Reading the trial page and filling in the questionnaire, in seconds (scaled by BROADCAST_THINK).
READING, TYPING = (2.0, 6.0), (8.0, 20.0)
# The longest a journey takes after its arrival: its pauses, and 30 s for its requests under load.
LAST_JOURNEY = 30 + (READING[1] + TYPING[1] + 5) * THINK

# --- The requests log ---------------------------------------------------------------------------
_log = None


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response, context, exception, start_time, **kw):
    global _log
    if _log is None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        _log = open(LOG_DIR / f"requests-{os.getpid()}.csv", "a", buffering=1 << 16)  # noqa: SIM115 - closed at quit
    status = getattr(response, "status_code", 0) or 0
    kind = (context or {}).get("kind", "page")
    _log.write(f"{start_time:.3f},{kind},{name},{status},{response_time:.1f},{int(exception is not None)}\n")


@events.quitting.add_listener
def _close(**kw):
    if _log is not None:
        _log.close()


# --- The answers ----------------------------------------------------------------------------------
YEAR = datetime.date.today().year
# As tests/factories.py's screening_post and vitiligo_post (valid for each condition's trials).
COMMON = {
    "date_of_birth": f"{YEAR - 41}-03-15",
    "sex": "FEMALE",
    "pregnancy": ["none"],
    "health_history": ["none"],
    "diagnosed": "yes",
    "full_name": "王芳",
    "email": "",
    "language": "zh-hans",
    "best_time_to_call": "evening",
    "consent_health_data": "on",
    "consent_contact": "on",
    "consent_transfer_abroad": "on",  # asked only for a trial whose sponsor is abroad
}
ANSWERS = {
    "alopecia_areata": {
        "other_diagnoses": ["none"],
        "hair_loss_causes": ["none"],
        "episode_month": "1",
        "episode_year": str(YEAR - 3),
        "aa_type": "patchy",
        "spontaneous_regrowth": "not_in_12",
        "regrowth_within_8_years": "no",
        "treated_regrowth_6_months": "no",
        "scalp_conditions": ["none"],
        "shaves_head": "no",
        "loss_top": "80",
        "loss_back": "60",
        "loss_left": "70",
        "loss_right": "90",
        "eyebrow_loss": "yes",
        "eyelash_loss": "no",
        "body_hair_loss": "unsure",
    },
    "vitiligo": {
        "vitiligo_type": "non_segmental",
        "started_month": "6",
        "started_year": str(YEAR - 5),
        "activity": "spreading",
        "pigmented_facial_hair": "yes",
        "units_face": "1",
        "whiteness_face": "75",
        "units_hands": "1",
        "whiteness_hands": "90",
        "units_arms": "2",
        "whiteness_arms": "50",
        "units_trunk": "2",
        "whiteness_trunk": "75",
    },
}
# Which condition a questionnaire asks: a field only that condition's questionnaire has.
MARKERS = {"alopecia_areata": 'name="loss_top"', "vitiligo": 'name="units_face"'}

_viewers = itertools.count(1)

# --- Reading the HTML (regular expressions: the load generator shares the machine's 2 cores) ----------
TAG = re.compile(r"<(form|a|button|input)\b([^>]*)>", re.I)
ATTR = re.compile(r'([\w:-]+)(?:="([^"]*)")?')


def attrs(text: str) -> dict:
    return {name.lower(): html.unescape(value or "") for name, value in ATTR.findall(text)}


def form_of(page: str, form_id: str) -> tuple[dict, str]:
    """The attributes and the inner HTML of the form with this id, or ({}, "")."""
    match = re.search(rf'<form\b([^>]*\bid="{form_id}"[^>]*)>(.*?)</form>', page, re.S)
    return (attrs(match.group(1)), match.group(2)) if match else ({}, "")


def hidden_inputs(inner: str) -> dict:
    fields = {}
    for tag, text in TAG.findall(inner):
        a = attrs(text)
        if tag.lower() == "input" and a.get("type") == "hidden" and a.get("name"):
            fields[a["name"]] = a.get("value", "")
    return fields


def page_language(page: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', page)
    return match.group(1) if match else ""


class CookiesThroughTheProxy(http.cookiejar.DefaultCookiePolicy):
    """The viewers speak HTTP to gunicorn as the TLS-terminating proxy does (X-Forwarded-Proto:
    https): the portal's cookies are Secure, and the browser behind the proxy sends them back."""

    def return_ok_secure(self, cookie, request):
        return True


class Viewer(FastHttpUser):
    """A viewer who scans the broadcast's QR code, reads, fills in the questionnaire and sends it."""

    wait_time = constant(10**6)  # one journey: then the viewer has left (idle until the run stops)
    network_timeout = 60.0
    connection_timeout = 10.0
    max_redirects = 0  # redirects are followed by hand, each recorded as its own request

    def on_start(self):
        n = next(_viewers)
        self.client.cookiejar.set_policy(CookiesThroughTheProxy())
        # A different address per viewer, as the proxy reports it: no viewer shares a rate limit.
        address = (os.getpid() % 200) * 65536 + n
        self.headers = {
            "X-Forwarded-For": f"10.{address >> 16 & 255}.{address >> 8 & 255}.{address & 255}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) bench-viewer",
            "Accept-Language": "zh-CN,zh;q=0.9",
        }
        self.phone = f"+86 {os.getpid() % 10_000_000:07d} {n:06d}"
        self.done = False

    def fetch(self, method, url, *, name, kind="page", data=None, expect=(200,)):
        """One request, recorded under `name`; a redirect is followed by hand, each hop recorded
        ("<name>, redirected"). Returns (the last response's body, its path)."""
        for hop in range(5):
            headers = dict(self.headers)
            body = None
            if method == "POST":
                # As a browser sends a form: its origin, and the page it was on (same-origin referrer).
                origin = self.host.replace("http://", "https://", 1)
                headers.update(Origin=origin, Referer=origin + self.page_path)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                body = urlencode(data or {}, doseq=True)
            with self.client.request(
                method,
                url,
                name=name if hop == 0 else f"{name}, redirected",
                data=body,
                headers=headers,
                catch_response=True,
                context={"kind": kind if hop == 0 else "page"},
            ) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308) and response.headers.get("location"):
                    response.success()
                    url, method, data = response.headers["location"], "GET", None
                    url = url.split("://", 1)[1].split("/", 1)[1] if "://" in url else url
                    url = url if url.startswith("/") else "/" + url
                    continue
                if status not in expect:
                    response.failure(f"{status} from {url}")
                    raise RescheduleTask()
                response.success()
                self.page_path = url
                return response.text, url
        raise RescheduleTask()

    @task
    def journey(self):
        if self.done:
            return
        self.done = True
        self.page_path = "/"
        code = random.choice(CAMPAIGNS)
        page, path = self.fetch("GET", f"/c/{code}", name="campaign link (landing page)")
        form, inner = form_of(page, "screening-form")
        trial_link = re.search(r'href="([^"]*/trials/[\w-]+/)"', page)
        if form:  # the QR code opened the questionnaire: the trial page is the questionnaire's parent
            trial_path = trial_link.group(1) if trial_link else form["action"].rstrip("/").rsplit("/", 1)[0] + "/"
            self.fetch("GET", trial_path, name="trial page")
            self.page_path = path
        else:  # it opened the trial page: its sign-up link leads to the questionnaire
            apply_link = re.search(r'href="([^"?]*/apply/)[^"]*"', page)
            if apply_link is None:
                raise RescheduleTask()
            page, path = self.fetch("GET", html.unescape(apply_link.group(1)), name="questionnaire")
        self.think(READING)
        if random.random() < SWITCH_LANGUAGE:
            page, path = self.switch_language(page)
        condition = next((c for c, marker in MARKERS.items() if marker in page), "alopecia_areata")
        answers = {**COMMON, **ANSWERS[condition], "phone": self.phone}
        self.think(TYPING)
        if random.random() < ERROR_FIRST:
            page, path = self.submit(page, {k: v for k, v in answers.items() if k != "sex"}, error=True)
            self.think((2, 5))
        page, path = self.submit(page, answers)
        if 'id="reference"' not in page:
            self.client.request_event.fire(
                request_type="CHECK",
                name="confirmation page shows the reference",
                response_time=0,
                response_length=0,
                response=None,
                context={"kind": "page"},
                exception=AssertionError(f"no reference on {path}"),
                start_time=time.time(),
            )

    def submit(self, page: str, answers: dict, *, error=False):
        form, inner = form_of(page, "screening-form")
        data = {**hidden_inputs(inner), **answers}
        if error:
            page, path = self.fetch(
                "POST", form["action"], name="submission with an answer missing", kind="submission", data=data
            )
            if 'id="form-error"' not in page:
                raise RescheduleTask()
            return page, path
        # The submission alone (kind "submission"), then its redirect to the confirmation page.
        return self.fetch("POST", form["action"], name="submission", kind="submission", data=data)

    def switch_language(self, page: str):
        """The other language, as the page's language switcher offers it: a link (GET), a button
        of the questionnaire sending the answers typed so far, or Django's set_language form."""
        current = page_language(page)
        switcher, inner = form_of(page, "language-switcher")
        if not switcher:  # a switcher of links, not a form
            block = re.search(r'id="language-switcher"(.*?)</(?:nav|div|ul)>', page, re.S)
            inner = block.group(1) if block else ""
        for tag, text in TAG.findall(inner):
            a = attrs(text)
            code = a.get("hreflang") or a.get("lang") or a.get("value")
            if not code or code == current:
                continue
            if tag.lower() == "a" and a.get("href"):
                return self.fetch("GET", a["href"], name="language switch")
            if tag.lower() == "button" and a.get("name") == "switch_language":
                form, form_inner = form_of(page, a.get("form", "screening-form"))
                data = {**hidden_inputs(form_inner), "switch_language": a.get("value", code)}
                return self.fetch("POST", a.get("formaction") or form["action"], name="language switch", data=data)
            if tag.lower() == "button" and a.get("name"):
                data = {**hidden_inputs(inner), a["name"]: a.get("value", code)}
                return self.fetch("POST", switcher["action"], name="language switch", data=data)
        return page, self.page_path

    def think(self, seconds: tuple[float, float]):
        if THINK:
            time.sleep(random.uniform(*seconds) * THINK)


class Arrivals(LoadTestShape):
    """Viewers arrive at a rate ramping linearly to RATE a second over RAMP seconds, held for
    HOLD seconds; then no new arrivals, while the last journeys finish."""

    def tick(self):
        t = self.get_run_time()
        if t >= RAMP + HOLD + LAST_JOURNEY:
            return None
        # The viewers to have arrived a second from now (Locust spawns the difference meanwhile).
        ahead = min(t + 1, RAMP + HOLD)
        arrived = RATE * ahead * ahead / (2 * RAMP) if ahead < RAMP else RATE * (RAMP / 2 + ahead - RAMP)
        rate = RATE * min(1.0, ahead / RAMP)
        return max(1, round(arrived)), max(rate, 1.0)

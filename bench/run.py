"""make bench: every figure against a baseline measured in the same run, then the fault drills.

Needs PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432), Redis (BENCH_REDIS_URL)
and wrk. Builds the `portal_bench` database from scratch, prints one table, writes RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    CSRF,
    DB_NAME,
    ROOT,
    Gunicorn,
    environment,
    free_port,
    machine,
    manage,
    peak_rss_mb,
    psql,
    replace_section,
    service_pid,
    tree_cpu_seconds,
    wrk,
)

RUNS = 3
# The bare submission view (bench/urls.py): the portal's form class validates, the ORM writes the rows.
BARE_SUBMISSION = "/bench/submission/brave-aa1/"
SIGN_UP = "/zh-hans/trials/brave-aa1/apply/"  # the questionnaire, as a Chinese broadcast opens it
rows: list[tuple] = []  # (figure, value, baseline, ratio, target, met)


def record(figure, value, baseline, ratio, target, met):
    rows.append((figure, value, baseline, ratio, target, met))
    print(
        f"{'ok  ' if met else 'MISS'} {figure}: {value} | baseline {baseline} | ratio {ratio} | target {target}",
        flush=True,
    )


def setup(env, main, others):
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB_NAME}")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_demo")
    started = time.monotonic()
    manage(env, "bench_data", "--main", str(main), "--others", str(others))
    print(f"data set: {main + others} applications in {time.monotonic() - started:.0f} s", flush=True)
    manage(env, "shell", "-c", BENCH_USERS)
    import django

    os.environ.update({k: v for k, v in env.items() if k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))})
    os.environ.update(
        PUBLIC_BASE_URL=env["PUBLIC_BASE_URL"],
        SIGNUP_RATE_LIMIT=env["SIGNUP_RATE_LIMIT"],
        DJANGO_STATIC_ROOT=env["DJANGO_STATIC_ROOT"],
    )
    django.setup()


BENCH_USERS = """
from django.contrib.auth.models import User
from recruitment.roles import ensure_coordinators_group
from trials.models import SponsorOrganisation, Trial
root = User.objects.create_superuser("bench_root", "root@bench.example", "bench-password-1")
nurse = User.objects.create_user("bench_nurse", "nurse@bench.example", "bench-password-1", is_staff=True)
nurse.groups.add(ensure_coordinators_group())
brave = Trial.objects.get(slug="brave-aa1")
for site in brave.sites.all():
    site.coordinators.add(nurse)
sponsor = User.objects.create_user("bench_sponsor", "", "bench-password-1")
brave.sponsor.members.add(sponsor)
"""


def second_factor(user) -> str:
    """The id a session keeps once the user has given a code of their second factor (django-otp):
    staff and sponsors do nothing without it in production (STAFF_REQUIRE_2FA)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    return device.persistent_id


def session_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = second_factor(user)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


# --- 1. Public pages ------------------------------------------------------------------------------
def public_pages(env, seconds):
    import urllib.request

    port, minimal_port = free_port(), free_port()
    server = Gunicorn(env | {"PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}, port)
    # The baseline: a minimal Django project (startproject's middleware, one view returning a fixed
    # page of the same size) under the same gunicorn and its configuration.
    minimal = Gunicorn(
        env | {"DJANGO_SETTINGS_MODULE": "bench.minimal.settings"},
        minimal_port,
        app="bench.minimal.wsgi:application",
        ready_path="/page/2/",
    )
    base, minimal_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{minimal_port}"
    try:
        for label, path, target in (
            ("trial list /zh-hans/", "/zh-hans/", 0.5),
            ("trial page", "/zh-hans/trials/brave-aa1/", 0.5),
            ("sign-up page (the questionnaire)", SIGN_UP, 0.3),
        ):
            size = len(urllib.request.urlopen(base + path).read())
            fixed = f"{minimal_base}/page/{size}/"
            wrk(base + path, seconds=1)  # warm up: imports, caches, connections
            wrk(fixed, seconds=1)
            page, plain = [], []
            for _ in range(RUNS):  # interleaved, so drift in the machine's speed hits both alike
                page.append(wrk(base + path, seconds=seconds))
                plain.append(wrk(fixed, seconds=seconds))
            value, baseline = statistics.median(page), statistics.median(plain)
            record(
                f"{label}: requests/s (gunicorn, 2 workers, {size >> 10} kB)",
                f"{value:.0f}",
                f"{baseline:.0f} (minimal Django project, same size)",
                f"{value / baseline:.2f}",
                f">= {target:.2f}",
                value / baseline >= target,
            )
    finally:
        server.stop()
        minimal.stop()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from trials.models import Trial

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            Client().get(path)
        return len(captured.captured_queries)

    from django.conf import settings

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # count the queries of a cache miss
    settings.ALLOWED_HOSTS = ["*"]
    before = queries("/zh-hans/")
    extra = [
        Trial(
            nct_id=f"NCT9{n:07d}",
            slug=f"bench-extra-{n}",
            title="Extra",
            summary="-",
            drug="-",
            sponsor_id=Trial.objects.first().sponsor_id,
            condition="alopecia_areata",
            status="RECRUITING",
        )
        for n in range(50)
    ]
    Trial.objects.bulk_create(extra)
    after = queries("/zh-hans/")
    Trial.objects.filter(slug__startswith="bench-extra-").delete()
    record(
        "trial list: queries on a cache miss, 7 vs 57 trials",
        f"{before} / {after}",
        "-",
        "-",
        "constant",
        before == after,
    )


# --- 2. Submitting an application --------------------------------------------------------------------
def submissions(env, seconds):
    from urllib.parse import urlencode

    from tests.factories import screening_post

    # Every request a different phone number, as real patients have: no artificial duplicates.
    body = urlencode({**screening_post(phone="+00 PHONE"), "csrfmiddlewaretoken": CSRF}, doseq=True)
    script = Path(tempfile.mkdtemp()) / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "csrftoken={CSRF}"\n'
        f'local template = "{body}"\n'
        "local counter = math.random(1, 1000000000)\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        '  return wrk.format(nil, nil, nil, (string.gsub(template, "PHONE", tostring(counter))))\n'
        "end\n"
    )
    port = free_port()
    server = Gunicorn(env | {"PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}, port)
    base = f"http://127.0.0.1:{port}"
    # This machine's speed changes within seconds (a loop of pure Python arithmetic takes 42 ms or
    # 78 ms, turn and turn about): many short runs, each beside its baseline, and the median of
    # the pairs' ratios, rather than a few long runs whose medians meet different spells.
    pairs, pair_seconds = 5 * RUNS, max(2, seconds // 2)
    try:
        wrk(base + SIGN_UP, seconds=1, script=script)
        wrk(base + BARE_SUBMISSION, seconds=1, script=script)
        apply, insert = [], []
        for _ in range(pairs):
            apply.append(wrk(base + SIGN_UP, seconds=pair_seconds, script=script, connections=8))
            insert.append(wrk(base + BARE_SUBMISSION, seconds=pair_seconds, script=script, connections=8))
        ratios = sorted(a / i for a, i in zip(apply, insert, strict=True))
        value, baseline, ratio = statistics.median(apply), statistics.median(insert), statistics.median(ratios)
        record(
            f"submit an application: requests/s (validate, evaluate, store, outbox; {pairs} pairs of "
            f"{pair_seconds} s, ratios {ratios[0]:.2f} to {ratios[-1]:.2f})",
            f"{value:.0f}",
            f"{baseline:.0f} (bare view: the same form class validates, the ORM writes the same rows)",
            f"{ratio:.2f}",
            ">= 0.60",
            ratio >= 0.6,
        )
        # Where the machine's time goes, per request: the web workers, PostgreSQL, Redis, wrk.
        spent = {path: cpu_per_request(server, base + path, seconds, script) for path in (SIGN_UP, BARE_SUBMISSION)}
        record(
            "CPU per submission: web / PostgreSQL / Redis / load generator",
            cpu_text(spent[SIGN_UP]),
            cpu_text(spent[BARE_SUBMISSION]) + " (bare view)",
            "-",
            "where the time goes",
            True,
        )
    finally:
        server.stop()
    instructions(env)
    return profile_submission(env)


def instructions(env, requests=100):
    """The web process's own work per request, in instructions (valgrind's callgrind): a count the
    machine's changing speed does not move, so that a change to the submission's code shows."""
    counted = {}
    for path in (SIGN_UP, BARE_SUBMISSION):
        out = Path(tempfile.mkdtemp())
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}/callgrind.%p",
                sys.executable,
                str(ROOT / "bench" / "instructions.py"),
                path,
                str(requests),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        # callgrind names the dump made on request `<file>.1`: the counted requests only.
        dump = next(out.glob("callgrind.*.1"), None)
        if result.returncode or dump is None:
            raise SystemExit(f"counting instructions for {path} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
        summary = next(line for line in dump.read_text().splitlines() if line.startswith("summary:"))
        counted[path] = int(summary.split()[1]) / requests
    value, baseline = counted[SIGN_UP], counted[BARE_SUBMISSION]
    record(
        "web process instructions per request, in one process (callgrind)",
        f"{value / 1e6:.2f} M",
        f"{baseline / 1e6:.2f} M (bare view)",
        f"{baseline / value:.2f}",
        "where the time goes",
        True,
    )


# Where a submission's time goes, by what a reader of the code would call each part: the cumulative
# time of one function (file suffix, name), per request. Indented parts are within the part above.
PROFILE_PARTS = (
    ("the whole request (Django's WSGI handler)", "django/core/handlers/wsgi.py", "__call__"),
    ("  the sign-up view (recruitment.views.apply)", "recruitment/views.py", "apply"),
    ("    the questionnaire form made (ScreeningForm.__init__)", "recruitment/forms.py", "__init__"),
    ("    its answers validated (Form.full_clean)", "django/forms/forms.py", "full_clean"),
    ("    stored (submit_application)", "recruitment/services/applications.py", "submit_application"),
    ("      eligibility evaluated (evaluate)", "recruitment/screening/eligibility.py", "evaluate"),
    ("      the transaction (store)", "recruitment/services/applications.py", "store"),
    ("        the address's rate limit (count_hit)", "recruitment/ratelimit.py", "count_hit"),
    ("        the duplicate lookup (duplicate_target)", "recruitment/selectors.py", "duplicate_target"),
    ("      notices published after the commit (enqueue)", "recruitment/services/notifications.py", "enqueue"),
    ("    the browser's applications remembered (remember_sent)", "recruitment/recently_sent.py", "remember_sent"),
    ("  the session saved (SessionStore.save)", "django/contrib/sessions/backends/db.py", "save"),
    (
        "every SQL statement, its wait for PostgreSQL included (CursorWrapper._execute)",
        "django/db/backends/utils.py",
        "_execute",
    ),
    ("  of which the transactions' COMMIT (commit)", "django/db/backends/base/base.py", "commit"),
    ("every Celery publish (Task.apply_async)", "celery/app/task.py", "apply_async"),
    ("every model instance made (Model.__init__)", "django/db/models/base.py", "__init__"),
)


def profile_submission(env, requests=200) -> str:
    """The portal's submission under cProfile in one process (instructions.py's requests): where
    its time goes, by part, then the top functions by cumulative and by own time."""
    import pstats

    out = Path(tempfile.mkdtemp()) / "submission.prof"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "instructions.py"),
            SIGN_UP,
            str(requests),
            "--profile",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode:
        raise SystemExit(f"profiling the submission failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    stats = pstats.Stats(str(out))
    entries = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (cc, nc, tottime, cumtime, callers)}

    def cumulative(suffix, name):
        return sum(v[3] for (f, _l, n), v in entries.items() if n == name and f.endswith(suffix))

    def short(key):
        path, line, name = key
        for marker in ("site-packages/", str(ROOT) + "/"):
            path = path.split(marker, 1)[-1]
        return f"{path}:{line}({name})"

    per = 1000 / requests
    total = cumulative("django/core/handlers/wsgi.py", "__call__")
    lines = [
        "## Where a submission's time goes",
        "",
        f"`bench/run.py` profiled {requests} submissions to BRAVE-AA1 with cProfile in one process (the WSGI",
        "application called directly, as `instructions.py` does, after 60 to warm up; every request a new phone",
        "number). Times are wall-clock per request under the profiler, which slows Python calls (several times",
        "for small functions): read them as shares, not as the request's speed.",
        "",
        "By part (each part's cumulative time, per request, and its share of the request; an indented part is",
        "within the part above it):",
        "",
        "```",
    ]
    for label, suffix, name in PROFILE_PARTS:
        value = cumulative(suffix, name)
        lines.append(f"{value * per:8.2f} ms {value / total:5.0%}  {label}")
    lines.append("```")
    for title, key, count in (("cumulative", 3, 30), ("own", 2, 20)):
        lines += ["", f"Top functions by {title} time (ms per request; calls per request):", "", "```"]
        for entry, values in sorted(entries.items(), key=lambda item: -item[1][key])[:count]:
            cum, own, calls = values[3] * per, values[2] * per, values[1] / requests
            lines.append(f"{cum:8.2f} cum {own:7.2f} own {calls:7.1f} calls  {short(entry)}")
        lines.append("```")
    text = "\n".join(lines)
    print(text, flush=True)
    return text


def cpu_per_request(server, url, seconds, script) -> dict:
    services = {"web": server.process.pid, "postgres": service_pid("postgres"), "redis": service_pid("redis-server")}
    before = {name: tree_cpu_seconds(pid) for name, pid in services.items()}
    load_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    rate = wrk(url, seconds=seconds, script=script, connections=8)
    load_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    requests = rate * seconds
    spent = {name: (tree_cpu_seconds(pid) - before[name]) / requests for name, pid in services.items()}
    spent["wrk"] = (load_after.ru_utime + load_after.ru_stime - load_before.ru_utime - load_before.ru_stime) / requests
    return spent


def cpu_text(spent: dict) -> str:
    return " / ".join(f"{spent[name] * 1000:.2f}" for name in ("web", "postgres", "redis", "wrk")) + " ms"


# --- 3. The sponsor CSV ------------------------------------------------------------------------------
def sponsor_csv(env):
    from django.contrib.auth.models import User

    from recruitment.sponsors import eligible_applications
    from trials.models import Trial

    sponsor = User.objects.get(username="bench_sponsor")
    brave = Trial.objects.get(slug="brave-aa1")
    count = eligible_applications(sponsor, brave, include_needs_review=False).count()
    port = free_port()
    cookie = session_cookie("bench_sponsor")
    portal = f"http://127.0.0.1:{port}/sponsor/trials/brave-aa1/eligible.csv"
    # The baseline: a bare view (bench/urls.py) streaming csv.writer over values_list of the same
    # applications' same columns, no label or criterion looked up, under the same gunicorn.
    bare = f"http://127.0.0.1:{port}/bench/eligible/brave-aa1.csv"

    def download(url):
        """(seconds, first byte, bytes, peak memory of the worker): a fresh worker per download."""
        server = Gunicorn(env | {"PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}, port, "--workers", "1")
        try:
            out = subprocess.run(
                [
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "-H",
                    f"Cookie: {cookie}",
                    "-w",
                    "%{http_code} %{time_starttransfer} %{time_total} %{size_download}",
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            assert out[0] == "200", (url, out)
            return float(out[2]), float(out[1]), int(out[3]), max(peak_rss_mb(pid) for pid in server.worker_pids())
        finally:
            server.stop()

    measured, baselines = [], []
    for _ in range(RUNS):  # interleaved, so drift in the machine's speed hits both alike
        measured.append(download(portal))
        baselines.append(download(bare))
    value = statistics.median(m[0] for m in measured)
    baseline = statistics.median(b[0] for b in baselines)
    rate, base_rate = count / value, count / baseline
    record(
        f"sponsor CSV of {count} eligible rows: rows/s over HTTP",
        f"{rate:.0f} ({value:.2f} s, {measured[-1][2] >> 20} MB)",
        f"{base_rate:.0f} (bare view: csv.writer over values_list of the same columns, {baseline:.2f} s)",
        f"{rate / base_rate:.2f}",
        ">= 0.50",
        rate / base_rate >= 0.5,
    )
    first = statistics.median(m[1] for m in measured)
    record(
        "sponsor CSV: first byte",
        f"{first:.3f} s",
        f"{statistics.median(b[1] for b in baselines):.3f} s",
        "-",
        "< 1 s",
        first < 1,
    )
    peak = max(m[3] for m in measured)
    record(
        f"sponsor CSV: web worker peak memory ({count} rows)",
        f"{peak:.0f} MB",
        f"{max(b[3] for b in baselines):.0f} MB",
        "-",
        "< 150 MB at 100,000 rows",
        peak < 150,
    )


# --- 4. The coordinators' admin list ----------------------------------------------------------------
def admin_list(env):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from trials.models import Trial

    settings.ALLOWED_HOSTS = ["*"]
    brave = Trial.objects.get(slug="brave-aa1")
    cases = [
        ("superuser, unfiltered", "bench_root", ""),
        ("superuser, filtered by trial and status", "bench_root", f"?trial__id__exact={brave.pk}&status__exact=new"),
        ("coordinator, unfiltered", "bench_nurse", ""),
        ("coordinator, filtered by verdict", "bench_nurse", "?verdict__exact=likely_eligible"),
        ("superuser, search by phone", "bench_root", "?q=%2B00+000000042"),
    ]
    from django.contrib.auth.models import User
    from django_otp import DEVICE_ID_SESSION_KEY

    for label, username, query in cases:
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = second_factor(user)  # logged in with the second factor
        session.save()
        url = "/admin/recruitment/application/" + query
        client.get(url)  # warm
        times = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code, response.get("Location"))
        median_ms = statistics.median(times) * 1000
        count = len(captured.captured_queries)
        record(
            f"admin list, {label}",
            f"{median_ms:.0f} ms, {count} queries",
            "-",
            "-",
            "< 300 ms, <= 10 queries",
            median_ms < 300 and count <= 10,
        )


# --- 5. Notifications through a real worker ----------------------------------------------------------
def notifications(env, count=1000, runs=10, cutoff=60):
    """`runs` times in a row, through one real worker: `count` new notices queued at once, the time
    until the last is sent, and how many were left at the cutoff. Each run's rows are deleted after
    it, so that every run sends to the same applications whatever the data set's size."""
    import redis
    from django.contrib.auth.models import User

    from bench.common import BIN
    from recruitment.models import Notification, NotificationStatus
    from recruitment.selectors import applications_for
    from recruitment.services.notifications import enqueue

    # The submissions benchmark left its own send tasks queued: measure these alone.
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    nurse = User.objects.get(username="bench_nurse")
    # Applications the nurse coordinates (others would rightly not be sent to her) and not yet told of.
    applications = list(applications_for(nurse).exclude(notifications__recipient=nurse).order_by("pk")[:count])
    outbox = Path(tempfile.mkdtemp())
    worker_env = env | {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
    }
    log = open(ROOT / "var" / "bench-worker.log", "w")  # noqa: SIM115 - the worker writes to it until stopped
    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--concurrency=2",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=worker_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    times, lefts = [], []
    try:
        time.sleep(3)  # the worker connects
        for _ in range(runs):
            rows = Notification.objects.bulk_create(
                Notification(kind="new_application", recipient=nurse, application=a) for a in applications
            )
            ids = [n.pk for n in rows]
            started = time.perf_counter()
            enqueue(ids)
            pending = Notification.objects.filter(pk__in=ids).exclude(status=NotificationStatus.SENT)
            while pending.exists() and time.perf_counter() - started < cutoff:
                time.sleep(0.2)
            times.append(time.perf_counter() - started)
            lefts.append(pending.count())
            Notification.objects.filter(pk__in=ids).delete()
            print(f"notifications: {len(rows)} in {times[-1]:.1f} s, {lefts[-1]} left", flush=True)
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=30)
        log.close()
    record(
        f"{len(applications)} notifications through a real worker on Redis, {runs} runs in a row "
        f"(seconds each; left at the {cutoff} s cutoff)",
        ", ".join(f"{t:.1f}" for t in times) + " s (left: " + ", ".join(map(str, lefts)) + ")",
        "-",
        "-",
        "each all in < 30 s",
        all(left == 0 and t < 30 for t, left in zip(times, lefts, strict=True)),
    )


def write_results(started):
    lines = [
        "## Figures",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC with `make bench` on: {machine()}.",
        "Each figure is the median of several runs; ratios compare with a baseline measured in the same run,",
        "interleaved with it, so that the machine's own speed cancels out. The load generator (wrk) runs on",
        "the same machine, over loopback.",
        "",
        "| figure | value | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|",
        *[f"| {f} | {v} | {b} | {r} | {t} | {'yes' if m else '**no**'} |" for f, v, b, r, t, m in rows],
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--main", type=int, default=100_000)
    parser.add_argument("--others", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print the table only; leave RESULTS.md")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["pages", "submissions", "csv", "admin", "notifications"],
        help="measure these figures only (a quicker check; the table then has only their rows)",
    )
    args = parser.parse_args()
    started = datetime.datetime.utcnow()
    (ROOT / "var").mkdir(exist_ok=True)
    env = environment(8000)
    if args.skip_setup:
        os.environ.update({k: v for k, v in env.items() if k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))})
        import django

        django.setup()
    else:
        setup(env, args.main, args.others)
    chosen = set(args.only or ["pages", "submissions", "csv", "admin", "notifications"])
    profile = ""
    if "pages" in chosen:
        public_pages(env, args.seconds)
    if "submissions" in chosen:
        profile = submissions(env, args.seconds)
    if "csv" in chosen:
        sponsor_csv(env)
    if "admin" in chosen:
        admin_list(env)
    if "notifications" in chosen:
        notifications(env)
    table = write_results(started)
    print("\n" + table)
    if not args.no_write:
        replace_section(ROOT / "bench" / "RESULTS.md", "## Figures", table)
        if profile:
            replace_section(ROOT / "bench" / "RESULTS.md", "## Where a submission's time goes", profile)
    return 0 if all(row[5] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

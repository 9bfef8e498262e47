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
    median_of,
    peak_rss_mb,
    psql,
    replace_section,
    service_pid,
    tree_cpu_seconds,
    wrk,
)

RUNS = 3
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


def session_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
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
        for label, path in (
            ("trial list /", "/"),
            ("trial page", "/trials/brave-aa1/"),
            ("sign-up page", "/trials/brave-aa1/apply/"),
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
                ">= 0.25",
                value / baseline >= 0.25,
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
    before = queries("/")
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
    after = queries("/")
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
        wrk(base + "/trials/brave-aa1/apply/", seconds=1, script=script)
        wrk(base + "/bench/submission/", seconds=1, script=script)
        apply, insert = [], []
        for _ in range(pairs):
            apply.append(wrk(base + "/trials/brave-aa1/apply/", seconds=pair_seconds, script=script, connections=8))
            insert.append(wrk(base + "/bench/submission/", seconds=pair_seconds, script=script, connections=8))
        ratios = sorted(a / i for a, i in zip(apply, insert, strict=True))
        value, baseline, ratio = statistics.median(apply), statistics.median(insert), statistics.median(ratios)
        record(
            f"submit an application: requests/s (validate, evaluate, store, outbox; {pairs} pairs of "
            f"{pair_seconds} s, ratios {ratios[0]:.2f} to {ratios[-1]:.2f})",
            f"{value:.0f}",
            f"{baseline:.0f} (bare view writing the same rows through the ORM)",
            f"{ratio:.2f}",
            ">= 0.50",
            ratio >= 0.5,
        )
        # Where the machine's time goes, per request: the web workers, PostgreSQL, Redis, wrk.
        spent = {
            path: cpu_per_request(server, base + path, seconds, script)
            for path in ("/trials/brave-aa1/apply/", "/bench/submission/")
        }
        record(
            "CPU per submission: web / PostgreSQL / Redis / load generator",
            cpu_text(spent["/trials/brave-aa1/apply/"]),
            cpu_text(spent["/bench/submission/"]) + " (bare ORM view)",
            "-",
            "where the time goes",
            True,
        )
    finally:
        server.stop()
    instructions(env)


def instructions(env, requests=100):
    """The web process's own work per request, in instructions (valgrind's callgrind): a count the
    machine's changing speed does not move, so that a change to the submission's code shows."""
    counted = {}
    for path in ("/trials/brave-aa1/apply/", "/bench/submission/"):
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
    value, baseline = counted["/trials/brave-aa1/apply/"], counted["/bench/submission/"]
    record(
        "web process instructions per request, in one process (callgrind)",
        f"{value / 1e6:.2f} M",
        f"{baseline / 1e6:.2f} M (bare ORM view)",
        f"{baseline / value:.2f}",
        "where the time goes",
        True,
    )


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
    from django.db import connection

    from recruitment.exports import ApplicationExporter
    from recruitment.screening.eligibility import Verdict
    from recruitment.selectors import applications_for
    from trials.models import Trial

    sponsor = User.objects.get(username="bench_sponsor")
    brave = Trial.objects.get(slug="brave-aa1")
    eligible = (
        applications_for(sponsor).filter(trial=brave, verdict=Verdict.LIKELY_ELIGIBLE).exclude(status="withdrawn")
    )
    count = eligible.count()
    # The baseline: PostgreSQL writing the exporter's own columns as CSV itself (the treatments and
    # criteria the exporter joins per chunk are left out: the baseline is the easier of the two).
    columns = [c for c in ApplicationExporter.COLUMNS if c not in ("pk", "site_id")]
    columns += [
        f"{condition.answers_name}__{column.field}"
        for condition, column in ApplicationExporter(eligible, conditions=[brave.condition]).condition_columns
    ]
    rows = eligible.order_by("submitted_at", "pk").values_list(*columns, "site__facility")
    select, params = rows.query.sql_with_params()

    def copy_seconds():
        started = time.perf_counter()
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY ({select}) TO STDOUT WITH (FORMAT csv)", params) as copy,
        ):
            for _chunk in copy:
                pass
        return time.perf_counter() - started

    port = free_port()
    cookie = session_cookie("bench_sponsor")
    url = f"http://127.0.0.1:{port}/sponsor/trials/brave-aa1/eligible.csv"
    timings, firsts, peaks = [], [], []
    for _ in range(RUNS):
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
            assert out[0] == "200", out
            firsts.append(float(out[1]))
            timings.append(float(out[2]))
            peaks.append(max(peak_rss_mb(pid) for pid in server.worker_pids()))
            size = int(out[3])
        finally:
            server.stop()
    baseline = median_of(RUNS, copy_seconds)
    value = statistics.median(timings)
    rate, base_rate = count / value, count / baseline
    record(
        f"sponsor CSV of {count} eligible rows: rows/s over HTTP",
        f"{rate:.0f} ({value:.2f} s, {size >> 20} MB)",
        f"{base_rate:.0f} (COPY of the same columns, {baseline:.2f} s)",
        f"{rate / base_rate:.2f}",
        ">= 0.30",
        rate / base_rate >= 0.3,
    )
    first = statistics.median(firsts)
    record("sponsor CSV: first byte", f"{first:.3f} s", "-", "-", "< 1 s", first < 1)
    peak = max(peaks)
    record("sponsor CSV: web worker peak memory", f"{peak:.0f} MB", "-", "-", "< 150 MB", peak < 150)


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

    for label, username, query in cases:
        client = Client()
        client.force_login(User.objects.get(username=username))
        url = "/admin/recruitment/application/" + query
        client.get(url)  # warm
        times = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200
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
def notifications(env, count=1000):
    import redis
    from django.contrib.auth.models import User

    from bench.common import BIN
    from recruitment.models import Notification, NotificationStatus
    from recruitment.selectors import applications_for
    from recruitment.services.notifications import enqueue

    # The submissions benchmark left its own send tasks queued: measure these 1,000 alone.
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    nurse = User.objects.get(username="bench_nurse")
    # Applications the nurse coordinates (others would rightly not be sent to her) and not yet told of.
    applications = applications_for(nurse).exclude(notifications__recipient=nurse).order_by("pk")[:count]
    rows = Notification.objects.bulk_create(
        Notification(kind="new_application", recipient=nurse, application=a) for a in applications
    )
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
    try:
        time.sleep(3)  # the worker connects
        started = time.perf_counter()
        enqueue([n.pk for n in rows])
        pending = Notification.objects.filter(pk__in=[n.pk for n in rows]).exclude(status=NotificationStatus.SENT)
        while pending.exists() and time.perf_counter() - started < 120:
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        left = pending.count()
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=30)
        log.close()
    record(
        f"{count} notifications through a real worker on Redis",
        f"{elapsed:.1f} s ({left} left)",
        "-",
        "-",
        "all in < 30 s",
        left == 0 and elapsed < 30,
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
    public_pages(env, args.seconds)
    submissions(env, args.seconds)
    sponsor_csv(env)
    admin_list(env)
    notifications(env)
    table = write_results(started)
    print("\n" + table)
    replace_section(ROOT / "bench" / "RESULTS.md", "## Figures", table)
    return 0 if all(row[5] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

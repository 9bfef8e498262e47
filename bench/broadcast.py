"""Broadcast night: viewers of a live broadcast scan its QR code, read, fill in the questionnaire and
send it, at a rising then steady rate, against the production shape on this machine. Run by hand
(in .venv-bench, which has Locust; see bench/README.md), never by `make test`:

    .venv-bench/bin/python bench/broadcast.py --rate 8               # one run at 8 arrivals a second
    .venv-bench/bin/python bench/broadcast.py                        # search: increasing rates, ~20 min
    .venv-bench/bin/python bench/broadcast.py --rate 2 --ramp 10 --hold 20 --main 2000 --others 500

The production shape: gunicorn as configured (bench.common.Gunicorn, behind a TLS-terminating
proxy whose headers the viewers send), PostgreSQL, Redis, a Celery worker and Celery beat, each a
real process. Locust runs as its own process(es) (bench/viewers.py: the viewers and the arrivals'
shape; it imports no Django) and logs every request; this script reads the logs and the database.

A rate is held when, over the hold: the 95th percentile of page requests is under 800 ms and of
submissions under 1.5 s; no request failed (any response but the one expected, or a timeout);
and every coordinator notice (Notification of kind new_application) of the run was sent within
60 s of the last submission. Prints each run's figures and writes a section and a plot
(bench/broadcast.png) to RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    BIN,
    DB_NAME,
    PG,
    ROOT,
    Gunicorn,
    environment,
    free_port,
    machine,
    manage,
    replace_section,
    service_pid,
    tree_cpu_seconds,
)

PAGE_P95_MS, SUBMISSION_P95_MS, NOTICE_SECONDS = 800, 1500, 60
HEADING = "## Broadcast night"
PLOT = ROOT / "bench" / "broadcast.png"
LANDING = "campaign link (landing page)"  # the viewers' first request: one per arrival (bench/viewers.py)

# Campaigns of a live broadcast in Chinese for an alopecia areata trial and a vitiligo trial, and a
# coordinator on every site of both, so that each submission makes at least one coordinator notice.
CAMPAIGNS = """
from django.contrib.auth.models import User
from recruitment.roles import ensure_coordinators_group
from trials.models import Campaign, Trial
nurse, _ = User.objects.get_or_create(
    username="bench_nurse", defaults={"email": "nurse@bench.example", "is_staff": True}
)
nurse.groups.add(ensure_coordinators_group())
codes = []
for condition in ("alopecia_areata", "vitiligo"):
    trials = [t for t in Trial.objects.filter(condition=condition).order_by("slug") if t.is_open_for_signup]
    trial = next((t for t in trials if t.slug == "brave-aa1"), trials[0])
    for site in trial.sites.all():
        site.coordinators.add(nurse)
    campaign, _ = Campaign.objects.get_or_create(
        trial=trial, name="Broadcast night (bench)", defaults={"channel": "live_broadcast", "language": "zh-hans"}
    )
    codes.append(campaign.code)
# bench_data writes its audit events unsealed: seal them now, as production's chain is a minute
# behind, rather than let beat's sealer work through them (5,000 a minute) during the runs.
from recruitment.services.audit_chain import seal_pending
while seal_pending(batch=20000):
    pass
print(",".join(codes))
"""


def sql(query: str) -> list[list[str]]:
    out = subprocess.run(
        ["psql", f"{PG}/{DB_NAME}", "-AtF", "\t", "-c", query], capture_output=True, text=True, check=True
    ).stdout
    return [line.split("\t") for line in out.splitlines() if line]


class Services:
    """gunicorn, a Celery worker and Celery beat, as production runs them, on the bench database."""

    def __init__(self, env: dict, web_workers: int = 2):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # no cache or queue left by an earlier run
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.outbox = Path(tempfile.mkdtemp(prefix="broadcast-outbox-"))
        self.env = env | {
            "PUBLIC_BASE_URL": self.base,
            # Behind the proxy: the viewers send X-Forwarded-For (each its own address) and -Proto.
            "DJANGO_BEHIND_PROXY": "true",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.outbox),
            "SMS_BACKEND": "sms.backends.locmem.SmsBackend",  # the patients' confirmations, kept in memory
        }
        self.web = Gunicorn(self.env, self.port, workers=web_workers)
        self.logs, self.celery = [], {}
        for name, args in (
            ("worker", ["worker", "--concurrency=2", "--without-gossip", "--without-mingle"]),
            ("beat", ["beat", "--schedule", str(ROOT / "var" / "bench-celerybeat-schedule")]),
        ):
            log = open(ROOT / "var" / f"bench-broadcast-{name}.log", "w")  # noqa: SIM115 - closed by stop()
            self.logs.append(log)
            self.celery[name] = subprocess.Popen(
                # At info, the worker logs each task's arrival and its time: where a notice waited.
                [str(BIN / "celery"), "-A", "config", *args, "--loglevel=info"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        time.sleep(3)  # the worker connects

    def pids(self) -> dict[str, list[int]]:
        return {
            "web (gunicorn)": [self.web.process.pid],
            "PostgreSQL": [service_pid("postgres")],
            "Redis": [service_pid("redis-server")],
            "Celery worker and beat": [p.pid for p in self.celery.values()],
        }

    def stop(self):
        self.web.stop()
        for process in self.celery.values():
            if process.poll() is None:
                os.killpg(process.pid, 15)
                process.wait(timeout=30)
        for log in self.logs:
            log.close()


def cpu(pids: dict[str, list[int]]) -> dict[str, float]:
    return {name: sum(tree_cpu_seconds(pid) for pid in group) for name, group in pids.items()}


def run(services: Services, campaigns: str, rate: float, args) -> dict:
    """One run at `rate` arrivals a second: Locust's requests, the notices, the CPU of each process."""
    started = datetime.datetime.now(datetime.UTC)
    log_dir = ROOT / "var" / "broadcast" / f"{started:%Y%m%d-%H%M%S}-{rate:g}"
    log_dir.mkdir(parents=True)
    first_notice = int(sql("SELECT coalesce(max(id), 0) FROM recruitment_notification")[0][0])
    locust = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "viewers.py"),
        "--headless",
        "--host",
        services.base,
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    if args.processes > 1:
        locust += ["--processes", str(args.processes)]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        BROADCAST_CAMPAIGNS=campaigns,
        BROADCAST_RATE=str(rate),
        BROADCAST_RAMP=str(args.ramp),
        BROADCAST_HOLD=str(args.hold),
        BROADCAST_THINK=str(args.think),
        BROADCAST_LOG_DIR=str(log_dir),
    )
    pids = services.pids()
    print(f"rate {rate:g}/s: ramp {args.ramp:g} s, hold {args.hold:g} s ...", flush=True)
    with open(log_dir / "locust.log", "w") as out:
        process = subprocess.Popen(locust, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        began = time.monotonic()
        pids["load generator (Locust)"] = [process.pid]
        # The CPU each process spends over the hold (Locust's runner starts about 2 s after its process).
        samples = []
        for offset in (args.ramp + 2, args.ramp + args.hold + 2):
            while time.monotonic() < began + offset and process.poll() is None:
                time.sleep(0.2)
            samples.append((time.monotonic(), cpu(pids)))
        if process.wait(timeout=args.ramp + args.hold + 300):
            raise SystemExit(f"Locust failed: see {log_dir / 'locust.log'}")
    (t1, before), (t2, after) = samples
    busy = {name: (after[name] - before[name]) / max(t2 - t1, 0.001) for name in pids}
    requests = read_requests(log_dir)
    result = analyse(requests, rate, args)
    # CPU per arrival over the hold, in ms: what each viewer's journey costs each process.
    per_arrival = {name: cores * 1000 / max(result["arrivals"], 0.001) for name, cores in busy.items()}
    result.update(rate=rate, busy=busy, per_arrival=per_arrival, log_dir=log_dir, requests=requests)
    result.update(notices(first_notice, result["last_submission"]))
    result["held"] = (
        result["page_p95"] < PAGE_P95_MS
        and result["submission_p95"] < SUBMISSION_P95_MS
        and result["errors"] == 0
        and result["submissions"] > 0
        and result["notices_late"] == 0
        and result["arrivals"] >= 0.95 * rate
    )
    print(summary(result), flush=True)
    return result


def read_requests(log_dir: Path) -> list[tuple]:
    """(start, kind, name, status, milliseconds, error) of every request, in order of start."""
    rows = []
    for path in log_dir.glob("requests-*.csv"):
        for line in path.read_text().splitlines():
            parts = line.split(",")  # a name may hold commas: it is everything between kind and status
            start, kind, (status, ms, error) = parts[0], parts[1], parts[-3:]
            rows.append((float(start), kind, ",".join(parts[2:-3]), int(status), float(ms), error == "1"))
    rows.sort()
    return rows


def percentile(values: list[float], p: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def analyse(requests: list[tuple], rate: float, args) -> dict:
    if not requests:
        raise SystemExit("Locust logged no request: see var/broadcast/*/locust.log")
    t0 = requests[0][0]
    hold = [r for r in requests if args.ramp <= r[0] - t0 < args.ramp + args.hold]
    pages = [r[4] for r in hold if r[1] == "page"]
    submitted = [r for r in requests if r[1] == "submission" and r[2] == "submission" and not r[5]]
    return {
        "t0": t0,
        "requests_total": len(requests),
        "arrivals": sum(1 for r in hold if r[2] == LANDING) / args.hold,
        "page_p50": percentile(pages, 50),
        "page_p95": percentile(pages, 95),
        "submission_p50": percentile([r[4] for r in hold if r[1] == "submission"], 50),
        "submission_p95": percentile([r[4] for r in hold if r[1] == "submission"], 95),
        "errors": sum(1 for r in requests if r[5]),
        "error_names": sorted({f"{r[2]} ({r[3]})" for r in requests if r[5]}),
        "submissions": len(submitted),
        "last_submission": max((r[0] + r[4] / 1000 for r in submitted), default=time.time()),
    }


def notices(first_id: int, last_submission: float) -> dict:
    """Wait until every coordinator notice of the run is sent, or 60 s after the last submission."""
    where = f"FROM recruitment_notification WHERE id > {first_id} AND kind = 'new_application'"
    while time.time() < last_submission + NOTICE_SECONDS + 2:
        if sql(f"SELECT count(*) {where} AND status <> 'sent'")[0][0] == "0":
            break
        time.sleep(1)
    total, late, last = sql(
        f"SELECT count(*), count(*) FILTER (WHERE status <> 'sent' OR sent_at > to_timestamp({last_submission})"
        f" + interval '{NOTICE_SECONDS} seconds'), extract(epoch FROM max(sent_at)) {where}"
    )[0]
    return {
        "notices": int(total),
        "notices_late": int(late),
        "last_notice_after": float(last) - last_submission if last else math.nan,
    }


def summary(r: dict) -> str:
    busy = ", ".join(f"{name} {cores:.2f}" for name, cores in r["busy"].items())
    return (
        f"{'HELD' if r['held'] else 'NOT HELD'} at {r['rate']:g} arrivals/s: "
        f"{r['arrivals']:.2f}/s arrived in the hold; "
        f"pages p50/p95 {r['page_p50']:.0f}/{r['page_p95']:.0f} ms; submissions p50/p95 "
        f"{r['submission_p50']:.0f}/{r['submission_p95']:.0f} ms; {r['submissions']} submitted, {r['errors']} errors"
        f"{' ' + str(r['error_names'][:5]) if r['errors'] else ''}; {r['notices']} coordinator notices, "
        f"{r['notices_late']} not sent within {NOTICE_SECONDS} s (last {r['last_notice_after']:.1f} s after the last "
        f"submission); CPU in cores: {busy}"
    )


def limit(r: dict) -> str:
    """What the run's CPU says limits the rate: the cores busy over the hold, and each process's
    CPU per arrival."""
    cores = os.cpu_count() or 1
    total = sum(r["busy"].values())
    top = max(r["busy"], key=r["busy"].get)
    per = r["per_arrival"]
    spent = sum(per.values())
    text = (
        f"{total:.2f} of the {cores} cores busy over the hold; CPU per arrival "
        + ", ".join(f"{name} {ms:.0f} ms" for name, ms in per.items())
        + f" ({spent:.0f} ms in all: {cores} cores would serve about {cores * 1000 / max(spent, 0.001):.0f} arrivals "
        "a second if nothing waited)"
    )
    text += (
        " (PostgreSQL counts the whole cluster: on a shared machine, other databases' work too; Locust is the load "
        "generator, on the same cores)"
    )
    if r["held"]:
        return f"no limit reached at this rate, {top} the largest user of the CPU: {text}"
    if total >= 0.85 * cores:
        return f"the CPU is full, {top} its largest user: {text}"
    return f"the CPU is not full ({top} its largest user), so waits count too (sync gunicorn workers, locks): {text}"


def plot(r: dict, path: Path, note: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t0, requests = r["t0"], r["requests"]
    end = int(max(q[0] - t0 for q in requests)) + 1
    arrivals, errors = [0] * end, [0] * end
    for q in requests:
        second = int(q[0] - t0)
        arrivals[second] += q[2] == LANDING
        errors[second] += q[5]
    window = 5
    bins: dict[tuple[str, int], list[float]] = {}
    for q in requests:
        if not q[5]:
            bins.setdefault((q[1], int(q[0] - t0) // window), []).append(q[4])
    fig, (ax1, ax2, ax3) = plt.subplots(3, 1, sharex=True, figsize=(10, 8), height_ratios=[1, 2, 1])
    ax1.plot(range(end), arrivals, color="tab:blue", linewidth=0.8, label="arrivals (scans of the QR link)")
    ax1.set_ylabel("arrivals / s")
    ax1.axhline(r["rate"], color="grey", linestyle=":", label=f"target {r['rate']:g}/s")
    ax1.legend(loc="upper left", fontsize="small")
    for kind, color, threshold in (("page", "tab:green", PAGE_P95_MS), ("submission", "tab:red", SUBMISSION_P95_MS)):
        keys = sorted(k[1] for k in bins if k[0] == kind)
        xs = [k * window + window / 2 for k in keys]
        ax2.plot(xs, [percentile(bins[(kind, k)], 50) for k in keys], color=color, linestyle="--", label=f"{kind} p50")
        ax2.plot(xs, [percentile(bins[(kind, k)], 95) for k in keys], color=color, label=f"{kind} p95")
        ax2.axhline(threshold, color=color, linestyle=":", linewidth=0.8)
    ax2.set_ylabel(f"ms (per {window} s)")
    ax2.set_yscale("log")
    ax2.legend(loc="upper left", fontsize="small", ncol=2)
    ax3.bar(range(end), errors, color="black", width=1.0)
    ax3.set_ylabel("errors / s")
    ax3.set_xlabel("seconds since the first arrival")
    for ax in (ax1, ax2, ax3):
        ax.axvspan(0, r["ramp"], color="grey", alpha=0.08)
    fig.suptitle(f"Broadcast night at {r['rate']:g} arrivals/s ({'held' if r['held'] else 'not held'}){note}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_results(results: list[dict], args, started, smoke: bool, stored: int) -> str:
    held = [r for r in results if r["held"]]
    best = max(held, key=lambda r: r["rate"]) if held else None
    failed = [r for r in results if not r["held"]]
    lines = [
        HEADING,
        "",
    ]
    if smoke:
        lines += [
            f"**SMOKE RUN ({args.ramp:g} s ramp, {args.hold:g} s hold, pauses x{args.think:g}, {stored} "
            "applications stored before it): "
            "not a measurement. Replace with a full run (`bench/broadcast.py`, see bench/README.md).**",
            "",
        ]
    lines += [
        f"Run {started:%Y-%m-%d %H:%M} UTC with `bench/broadcast.py {' '.join(sys.argv[1:])}` on: {machine()};",
        f"{stored} applications stored before the first run.",
        f"gunicorn as configured ({args.web_workers} sync workers, behind the proxy's headers), PostgreSQL, Redis, "
        "a Celery worker",
        "(concurrency 2) and Celery beat, and Locust (bench/viewers.py, FastHttpUser) on the same 2 cores. Each",
        "viewer scans a campaign's QR link (an alopecia areata or a vitiligo trial, a Chinese broadcast), reads",
        "the questionnaire and the trial page, fills in and sends the questionnaire and reads the confirmation;",
        "10 % switch language first, 5 % send it with an answer missing first. Arrivals ramp linearly over",
        f"{args.ramp:g} s, then hold {args.hold:g} s; percentiles are over the hold. Held: pages p95 < "
        f"{PAGE_P95_MS} ms, submissions p95 < {SUBMISSION_P95_MS / 1000:g} s, no error, every coordinator notice "
        f"sent within {NOTICE_SECONDS} s of the last submission.",
        "",
        f"**Highest rate held: {best['rate']:g} arrivals a second** ({best['rate'] * 3600:.0f} an hour)."
        if best
        else "**No rate tried was held.**",
        "",
        "| arrivals/s (target) | arrived/s in the hold | pages p50 / p95 | submissions p50 / p95 | errors | "
        "coordinator notices (late) | CPU cores: web / PostgreSQL / Redis / Celery / Locust | held |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        busy = " / ".join(f"{v:.2f}" for v in r["busy"].values())
        lines.append(
            f"| {r['rate']:g} | {r['arrivals']:.2f} | {r['page_p50']:.0f} / {r['page_p95']:.0f} ms | "
            f"{r['submission_p50']:.0f} / {r['submission_p95']:.0f} ms | {r['errors']} | {r['notices']} "
            f"({r['notices_late']}; last {r['last_notice_after']:.0f} s after) | {busy} | "
            f"{'yes' if r['held'] else '**no**'} |"
        )
    shown = failed[0] if failed else best
    lines += [
        "",
        f"What limits it (the run at {shown['rate']:g}/s): {limit(shown)}." if shown else "",
        "",
        f"![Arrivals, p50/p95 and errors over time at {(best or shown)['rate']:g} arrivals/s](broadcast.png)",
        "",
    ]
    return "\n".join(lines)


def rates(args):
    """The rates to try: --rate alone, or increasing rates within --budget minutes."""
    if args.rate:
        yield args.rate
        return
    per_run = args.ramp + args.hold + 30 + 31 * args.think + 15  # the last journeys (viewers.LAST_JOURNEY), set-up
    deadline = time.monotonic() + args.budget * 60
    rate, passed, failed = args.start, None, None
    while time.monotonic() + per_run < deadline:
        result = yield rate
        if result["held"]:
            passed = rate
            # Step by the CPU left: to where 85 % of the cores would be busy, 1.25 to 2 times the rate.
            total = sum(result["busy"].values())
            factor = min(2.0, max(1.25, 0.85 * (os.cpu_count() or 1) / max(total, 0.01)))
            rate = rate * factor if failed is None else (rate + failed) / 2
        else:
            failed = rate
            rate = rate / 2 if passed is None else (passed + failed) / 2
        if failed is not None and passed is not None and failed - passed <= max(0.5, 0.1 * passed):
            return
        rate = round(rate, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, help="one run at this many arrivals a second (default: search)")
    parser.add_argument("--start", type=float, default=4.0, help="search: the first rate tried")
    parser.add_argument("--budget", type=float, default=21.0, help="search: minutes for all its runs (4 by default)")
    parser.add_argument("--ramp", type=float, default=60.0)
    parser.add_argument("--hold", type=float, default=180.0)
    parser.add_argument("--think", type=float, default=1.0, help="scale of the viewers' pauses (0: none)")
    parser.add_argument("--processes", type=int, default=1, help="Locust processes")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn worker processes (the replica's)")
    parser.add_argument("--main", type=int, default=100_000)
    parser.add_argument("--others", type=int, default=20_000)
    parser.add_argument("--skip-setup", action="store_true", help="reuse the bench database (of run.py)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md and the plot")
    args = parser.parse_args()
    if not (BIN / "locust").exists():
        raise SystemExit(f"no Locust in {BIN}: run with .venv-bench/bin/python (make bench-venv)")
    started = datetime.datetime.now(datetime.UTC)
    (ROOT / "var").mkdir(exist_ok=True)
    env = environment(8000)
    if not args.skip_setup:
        from bench.run import setup

        setup(env, args.main, args.others)
    campaigns = manage(env, "shell", "-c", CAMPAIGNS).strip().splitlines()[-1]
    stored = int(sql("SELECT count(*) FROM recruitment_application")[0][0])  # the data set's size
    services = Services(env, web_workers=args.web_workers)
    results: list[dict] = []
    try:
        tries = rates(args)
        rate = next(tries)
        while True:
            results.append(run(services, campaigns, rate, args))
            results[-1]["ramp"] = args.ramp
            try:
                rate = tries.send(results[-1])
            except StopIteration:
                break
    finally:
        services.stop()
    smoke = args.hold < 180 or args.ramp < 60 or args.think < 1 or stored < 100_000
    table = write_results(results, args, started, smoke, stored)
    print("\n" + table)
    if not args.no_write:
        held = [r for r in results if r["held"]]
        shown = max(held, key=lambda r: r["rate"]) if held else results[-1]
        plot(shown, PLOT, " - SMOKE RUN" if smoke else "")
        replace_section(ROOT / "bench" / "RESULTS.md", HEADING, table)
    return 0 if any(r["held"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

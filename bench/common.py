"""Shared pieces of the benchmarks and drills: the environment, servers, workers, load."""

from __future__ import annotations

import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DB", "portal_bench")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH"
CSRF = "benchcsrfsecret0123456789abcdefg"  # a 32-character CSRF secret, sent as cookie and field


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(port: int, **overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=f"{PG}/{DB_NAME}",
        REDIS_URL=REDIS,
        SIGNUP_RATE_LIMIT="1000000/h",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONPATH=str(ROOT),
    )
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def manage(env: dict, *args, quiet=True) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)


class Gunicorn:
    """The production command: gunicorn with the project's gunicorn.conf.py, 2 workers."""

    def __init__(
        self,
        env: dict,
        port: int,
        *extra: str,
        app: str = "config.wsgi:application",
        ready_path: str = "/healthz",
        workers: int = 2,
    ):
        self.port = port
        self.log = open(ROOT / "var" / f"bench-gunicorn-{port}.log", "w")  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                app,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_http(f"http://127.0.0.1:{port}{ready_path}")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def wait_http(url: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def wrk(url: str, *, seconds: int, connections: int = 16, script: Path | None = None, headers=()) -> float:
    """Requests per second that succeeded, as wrk reports them (non-2xx/3xx responses fail the run)."""
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        args += ["-H", header]
    if script:
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def tree_cpu_seconds(root: int) -> float:
    """CPU time of a process and all its descendants, live or already reaped (a reaped child's time
    is in its parent's cutime/cstime: so gunicorn's recycled workers and PostgreSQL's ended
    backends count too)."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += sum(int(value) for value in stats[pid][11:15])  # utime stime cutime cstime
            todo.extend(children.get(pid, []))
    return total / tick


def service_pid(name: str) -> int:
    """The oldest process of a service (PostgreSQL's postmaster, the Redis server)."""
    return int(subprocess.run(["pgrep", "-o", "-x", name], capture_output=True, text=True, check=True).stdout)


def median_of(runs: int, measure) -> float:
    return statistics.median(measure() for _ in range(runs))


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) // 1024 // 1024
    pg = subprocess.run(
        ["psql", f"{PG}/postgres", "-Atc", "SHOW server_version"], capture_output=True, text=True
    ).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, PostgreSQL {pg}, Python {platform.python_version()}"


def replace_section(path: Path, heading: str, text: str) -> None:
    """Write `text` (which starts with `heading`) in place of that section of the file, keeping
    the others (such as the hand-written "Before and after")."""
    current = path.read_text() if path.exists() else "# Benchmark results\n"
    sections = re.split(r"(?m)^(?=## )", current)
    for i, section in enumerate(sections):
        if section.startswith(heading + "\n"):
            sections[i] = text.rstrip() + "\n\n"
            break
    else:
        sections.append(text.rstrip() + "\n\n")
    path.write_text("".join(s if s.endswith("\n") else s + "\n" for s in sections).rstrip() + "\n")

"""Instructions the web process executes per request, counted by valgrind's callgrind: unlike
time, the count does not change with what else the machine is doing, so a change of a few per
cent in the submission's own work shows, where the throughput figure varies by more than that
from run to run. Run by run.py under `valgrind --tool=callgrind`; not useful on its own.

    valgrind --tool=callgrind python bench/instructions.py PATH REQUESTS
    python bench/instructions.py PATH REQUESTS --profile OUT     # cProfile instead, stats to OUT

Calls the WSGI application in this process (no gunicorn, no network): `warm` requests first
(imports, caches, the prepared statement), then the counters are zeroed and REQUESTS are counted
(or, with --profile, profiled with cProfile: run.py groups where the time goes).
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(path: str, requests: int, warm: int = 60, profile: str | None = None) -> None:
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from bench.common import CSRF
    from tests.factories import screening_post

    application = WSGIHandler()
    expected = "302"  # the portal and the bare view alike redirect after a stored submission
    template = urlencode({**screening_post(phone="+00 PHONE"), "csrfmiddlewaretoken": CSRF}, doseq=True)
    first = random.randint(1, 10**9)  # every request a new phone number, as in the throughput figure

    def post(n: int) -> None:
        body = template.replace("PHONE", str(first + n)).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "HTTP_COOKIE": f"csrftoken={CSRF}",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.errors": sys.stderr,
        }
        statuses = []
        response = application(environ, lambda status, headers: statuses.append(status))
        b"".join(response)
        response.close()
        if not statuses[0].startswith(expected):
            # A 200 from the sign-up page is the form shown again with errors: not a submission.
            raise SystemExit(f"{path}: {statuses[0]}, expected {expected}")

    for n in range(warm):
        post(n)
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
        for n in range(warm, warm + requests):
            post(n)
        profiler.disable()
        profiler.dump_stats(profile)
        return
    subprocess.run(["callgrind_control", "--zero", str(os.getpid())], check=True, capture_output=True)
    for n in range(warm, warm + requests):
        post(n)
    subprocess.run(["callgrind_control", "--dump=counted", str(os.getpid())], check=True, capture_output=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), profile=sys.argv[4] if sys.argv[3:4] == ["--profile"] else None)

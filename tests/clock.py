"""The tests' clock. Every test runs at one instant, whatever the hour or day the suite runs:
`PORTAL_TEST_NOW` (ISO 8601 with its offset) or, by default, a Wednesday morning in Shanghai, in
working hours. CI runs the time-sensitive tests (marked `clock`) again at the edges of time.

The processes a test starts (a Celery worker or beat, a gunicorn server) travel from the test's
own instant too: `frozen(command)` runs them through this module,

    python -m tests.clock 2027-06-16T10:00:00+08:00 celery -A config worker ...

which starts time-machine's travel before it hands over to the command's own entry point.
"""

import datetime
import os
import runpy
import sys

DEFAULT_INSTANT = "2027-06-16T10:00:00+08:00"


def frozen_instant() -> datetime.datetime:
    text = os.environ.get("PORTAL_TEST_NOW") or DEFAULT_INSTANT
    try:
        instant = datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"PORTAL_TEST_NOW must be an ISO 8601 instant with its offset, got {text!r}") from exc
    if instant.tzinfo is None:
        raise ValueError(f"PORTAL_TEST_NOW must give its offset (+08:00, Z), got {text!r}")
    return instant


def frozen(module: str, *args: str) -> list[str]:
    """The command line that runs `python -m module args...` with the clock where this process
    has it now: the instant the test froze, plus however long it has been ticking since."""
    now = datetime.datetime.now(datetime.UTC).isoformat()
    return [sys.executable, "-m", "tests.clock", now, module, *args]


def _main() -> None:
    import time_machine

    instant, module, *args = sys.argv[1:]
    sys.argv = [module, *args]
    # The clock ticks from the instant: a worker's waits and a server's timeouts go on as usual.
    with time_machine.travel(datetime.datetime.fromisoformat(instant), tick=True):
        runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    _main()

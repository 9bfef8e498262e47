"""E-mail helpers for tests that run real worker processes."""

import os
import re
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    """An SMTP server that takes its time: lets a test kill a worker in the middle of sending."""

    def send_messages(self, email_messages):
        marker = os.environ.get("SLOW_MAIL_MARKER")
        if marker:
            Path(marker).write_text("sending")
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "5")))
        return super().send_messages(email_messages)


def sent_messages(directory: Path) -> list[str]:
    """Every message the file backend wrote into `directory`, as raw text."""
    messages = []
    for path in sorted(Path(directory).glob("*.log")):
        messages += [m for m in re.split(r"\n-{79}\n", path.read_text()) if m.strip()]
    return messages


def wait_for_messages(directory: Path, count: int, *, timeout: float = 30.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = sent_messages(directory)
        if len(messages) >= count:
            return messages
        time.sleep(0.2)
    return sent_messages(directory)

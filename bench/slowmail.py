"""An e-mail backend for the drills: writes each message to a file after a short wait, so a worker
can be killed in the middle of sending."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0.2")))
        return super().send_messages(email_messages)

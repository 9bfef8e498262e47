from django.db import models
from django.utils.translation import gettext_lazy as _


class SignupCounter(models.Model):
    """Complete sign-ups from one address in its current window (`recruitment.ratelimit`).

    Counted in the submission's own write, so the limit costs no extra round trip and holds when
    Redis is down. The address is never stored: `key` is a keyed 64-bit hash of it."""

    key = models.BigIntegerField(_("address key"), primary_key=True)
    # No index: the hourly clean-up reads a small table, and every sign-up updates this row.
    window_ends = models.DateTimeField(_("window ends"))
    hits = models.PositiveIntegerField(_("sign-ups in the window"))

    class Meta:
        verbose_name = _("sign-up counter")
        verbose_name_plural = _("sign-up counters")

    def __str__(self):
        return f"{self.hits} until {self.window_ends:%Y-%m-%d %H:%M}"

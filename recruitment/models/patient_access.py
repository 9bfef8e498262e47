"""One-time codes with which a patient opens "my application" on any phone: the reference code
alone is never enough (it is printed on paper, said on the phone, written down)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recruitment.models.notifications import Channel


class AccessCode(models.Model):
    application = models.ForeignKey("recruitment.Application", on_delete=models.CASCADE, related_name="access_codes")
    channel = models.CharField(_("sent by"), max_length=5, choices=Channel.choices)
    # A keyed hash: the code itself is only in the message that carries it.
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    tries = models.PositiveSmallIntegerField(_("wrong codes typed"), default=0)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    # A code sent to a new phone or e-mail ("phone" or "email", and the address): typed back, it
    # proves the patient reads there, and only then the address replaces the one given before.
    # Empty for a code that opens "my application".
    # The asking browser's token, hashed: the code is found by it, so that asking for a code is the
    # same work whether or not the reference and address match (the lookup runs in a task).
    ask_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # Who asked for it: the asking address's keyed hash (recruitment.ratelimit), so that someone
    # who knows a reference and its phone number spends their own hourly allowance, not the
    # patient's. None: asked from an application already open (a new address, a reminder).
    asked_from = models.BigIntegerField(null=True, blank=True)
    pending_field = models.CharField(max_length=5, blank=True)
    pending_address = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["application", "-created_at"], name="access_code_recent")]

    def __str__(self):
        return f"{self.application_id} {self.created_at:%Y-%m-%d %H:%M}"

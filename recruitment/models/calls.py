"""The coordinator's calls: each attempt to reach an applicant, and what came of it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AttemptChannel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("E-mail")


class AttemptOutcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    NO_ANSWER = "no_answer", _("No answer")
    VOICEMAIL = "voicemail", _("Left a voicemail")
    WRONG_NUMBER = "wrong_number", _("Wrong number")
    CALL_BACK = "call_back", _("Asked to call back")


# Outcomes that did not reach the patient: enough of them in a row and "unreachable" is offered.
FAILED_OUTCOMES = frozenset({AttemptOutcome.NO_ANSWER, AttemptOutcome.VOICEMAIL, AttemptOutcome.WRONG_NUMBER})


class ContactAttempt(models.Model):
    """One attempt, as recorded: kept when the patient's data is erased (it holds none), so the
    funnel's counts stay true."""

    application = models.ForeignKey(
        "recruitment.Application", on_delete=models.CASCADE, related_name="contact_attempts"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    channel = models.CharField(_("how"), max_length=10, choices=AttemptChannel.choices, default=AttemptChannel.PHONE)
    outcome = models.CharField(_("outcome"), max_length=15, choices=AttemptOutcome.choices)
    next_contact_at = models.DateTimeField(_("next contact"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")
        indexes = [models.Index(fields=["application", "at"], name="attempt_application_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_outcome_display()}"

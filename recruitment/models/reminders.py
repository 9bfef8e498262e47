"""A patient's reminder: asked for on the confirmation page of a "not yet eligible" verdict, with
its own optional consent. The row is the outbox: a beat task sends it by e-mail on its day and
marks it sent only once sent; a patient who gave no e-mail is called by the study team, whose
list shows the reminder as due."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="reminder", verbose_name=_("application")
    )
    due_on = models.DateField(_("remind on"), db_index=True)
    by_email = models.BooleanField(_("by e-mail"), help_text=_("Otherwise the study team calls."))
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    # Failed sends (a rejected address): tried at each run until MAX_ATTEMPTS, then left to the
    # study team's call.
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    # The e-mail's link: a random token, of which only a hash is kept (a link names nothing, and
    # a copy of the database opens nothing), valid for LINK_DAYS from when it was made. The link
    # alone shows no answer: a one-time code sent to the patient's e-mail opens them.
    link_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    link_made_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return f"{self.application_id} on {self.due_on}"

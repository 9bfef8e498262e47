"""What coordinators add to an application: notes, and the audit trail of every step."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Note(models.Model):
    """A coordinator's note. Added, never edited: a correction is a new note."""

    application = models.ForeignKey("recruitment.Application", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return self.text[:60]


class AuditAction(models.TextChoices):
    CREATED = "created", _("Application submitted")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    NOTE_ADDED = "note_added", _("Note added")
    REEVALUATED = "reevaluated", _("Re-evaluated")
    EXPORTED = "exported", _("Exported")
    NOTIFICATION_RESENT = "notification_resent", _("Notification resent")
    REMINDER_ASKED = "reminder_asked", _("Reminder asked for")
    REMINDER_SENT = "reminder_sent", _("Reminder sent")
    REMINDER_LINK_OPENED = "reminder_opened", _("Reminder link opened")
    # The patient's own actions on "my application"
    PATIENT_SIGNED_IN = "patient_signed_in", _("Patient opened their application")
    CONTACT_CORRECTED = "contact_corrected", _("Contact details corrected")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    CONSENT_GIVEN = "consent_given", _("Consent given again")
    ERASED = "erased", _("Personal data erased")
    CONTACT_ATTEMPT = "contact_attempt", _("Contact attempt")
    # Not about one application
    CAMPAIGN_CHANGED = "campaign_changed", _("Campaign created or changed")
    LOGIN_LOCKED = "login_locked", _("Log-in locked after failed attempts")
    ENROLMENT_REQUIRED = "enrolment_required", _("Two-step verification to be set up again through a link")
    TRIAL_PINNED = "trial_pinned", _("Trial kept open locally, or no longer")
    TRIAL_CHANGED = "trial_changed", _("Trial, its criteria or sites changed in admin")
    SPONSOR_CHANGED = "sponsor_changed", _("Sponsor organisation or its users changed in admin")
    # Reads of personal data
    CONTACT_VIEWED = "contact_viewed", _("Contact details viewed")
    SEARCHED = "searched", _("Found by a search on phone or e-mail")
    CONTACTS_LISTED = "contacts_listed", _("Names and phone numbers listed")


# Reads leave a trace but are not activity: they never delay the retention's erasure.
READ_ACTIONS = frozenset(
    {AuditAction.CONTACT_VIEWED, AuditAction.SEARCHED, AuditAction.EXPORTED, AuditAction.CONTACTS_LISTED}
)


class AuditQuerySet(models.QuerySet):
    # The trail is append-only (21 CFR 11.10(e)): bulk changes are refused here, and database
    # triggers refuse UPDATE and DELETE for anything that bypasses the ORM.
    def update(self, **kwargs):
        raise PermissionError("audit events cannot be changed")

    def delete(self):
        raise PermissionError("audit events cannot be deleted")


class AuditEvent(models.Model):
    """Who did what to which application, when, old value -> new value, and why."""

    application = models.ForeignKey(
        "recruitment.Application",
        on_delete=models.PROTECT,
        related_name="audit_events",
        null=True,
        blank=True,
        verbose_name=_("application"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=150, help_text=_("Kept even if the user is renamed."))
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    field = models.CharField(_("field"), max_length=60, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events cannot be deleted")

    # The trail keeps labels in English, one language in the record whoever acted (the words
    # the portal writes itself: who acted when no user did, a status or a verdict); each reader
    # sees them in their own language. What people typed (reasons, notes) is shown as typed.
    def _in_reader_language(self, value: str) -> str:
        if value and (self.field in ("status", "verdict") or self.action == AuditAction.CREATED):
            return gettext(value)
        return value

    @property
    def shown_actor(self) -> str:
        return gettext(self.actor_label) if self.actor_id is None else self.actor_label

    @property
    def shown_old_value(self) -> str:
        return self._in_reader_language(self.old_value)

    @property
    def shown_new_value(self) -> str:
        return self._in_reader_language(self.new_value)


class AuditSeal(models.Model):
    """A link of the audit trail's hash chain: each event, in the order it was written, sealed
    with a hash of its content and of the seal before it (recruitment.services.audit_chain). The
    triggers stop the application from changing the trail; the chain shows whether anyone who
    could bypass them (the tables' owner) changed or removed an event since it was sealed."""

    event = models.OneToOneField(AuditEvent, on_delete=models.PROTECT, primary_key=True, related_name="seal")
    digest = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event"]
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")

    def __str__(self):
        return f"{self.event_id} {self.digest[:12]}"

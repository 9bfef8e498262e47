"""Outbox of messages: e-mails to coordinators, and e-mails and text messages to patients. A row
is the source of truth: written in the same transaction as what it announces, sent by a Celery
task that takes its id, swept if stuck. A patient's row holds no address: it is read from the
application's contact details when sent, so an erasure leaves nothing behind here."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    NEW_APPLICATION = "new_application", _("New application")
    DIGEST = "digest", _("Daily digest")
    FIRST_CONTACT_MISSED = "first_contact_missed", _("First-contact target missed")
    CATALOG_CHANGED = "catalog_changed", _("The registry changed a trial")
    ACCOUNT_CHANGED = "account_changed", _("Your account's security changed")
    # To the patient
    CONFIRMATION = "confirmation", _("Confirmation to the patient")
    ACCESS_CODE = "access_code", _("One-time code to the patient")
    ADDRESS_CHECK = "address_check", _("Code to a new phone or e-mail of the patient")
    CONTACT_CHANGED = "contact_changed", _("Notice to the patient's former phone or e-mail")


PATIENT_KINDS = frozenset(
    {
        NotificationKind.CONFIRMATION,
        NotificationKind.ACCESS_CODE,
        NotificationKind.ADDRESS_CHECK,
        NotificationKind.CONTACT_CHANGED,
    }
)
# A patient's message that goes to the address in its payload ("to"), not the one on file: a new
# address being checked, or the former one told of a change.
ADDRESSED_KINDS = frozenset({NotificationKind.ADDRESS_CHECK, NotificationKind.CONTACT_CHANGED})


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Notification(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    # A staff user; none for a message to the patient, who is reached through the application.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
        verbose_name=_("recipient"),
    )
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    application = models.ForeignKey(
        "recruitment.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("application"),
    )
    digest_date = models.DateField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), db_default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    queued_at = models.DateTimeField(_("last queued"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["status", "queued_at"], name="notification_sweep")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "application"],
                condition=models.Q(kind="new_application"),
                name="one_new_application_notice_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["recipient", "digest_date"],
                condition=models.Q(kind="digest"),
                name="one_digest_per_day",
            ),
            models.UniqueConstraint(
                fields=["recipient", "application"],
                condition=models.Q(kind="first_contact_missed"),
                name="one_first_contact_alert_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["application", "channel"],
                condition=models.Q(kind="confirmation"),
                name="one_confirmation_per_channel",
            ),
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False)
                | models.Q(kind__in=sorted(PATIENT_KINDS), application__isnull=False),
                name="notification_has_a_recipient",
            ),
        ]

    def __str__(self):
        to = self.recipient if self.recipient_id else self.get_channel_display()
        return f"{self.get_kind_display()} → {to} ({self.get_status_display()})"

"""What a member of staff chooses for themselves."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_preference", verbose_name=_("user")
    )
    email_language = models.CharField(
        _("language of my e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("New-applicant notices and the daily digest are written in this language."),
    )

    class Meta:
        verbose_name = _("staff preference")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return str(self.user)


def email_language_of(user) -> str:
    """The language `user` reads their e-mails in (the portal's default until they choose)."""
    try:
        return user.staff_preference.email_language
    except StaffPreference.DoesNotExist:
        return settings.LANGUAGE_CODE


class EnrolmentLink(models.Model):
    """An administrator's demand that a user set up two-step verification again, only through
    the one-time link e-mailed to them: whoever knows the password alone cannot enrol their own
    authenticator. Only a hash of the link's token is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("two-step verification enrolment link")
        verbose_name_plural = _("two-step verification enrolment links")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"

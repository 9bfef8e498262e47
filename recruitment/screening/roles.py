"""The role a criterion plays in a trial's eligibility."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INCLUSION = "inclusion", _("Inclusion: the applicant must meet the condition")
    EXCLUSION = "exclusion", _("Exclusion: meeting the condition excludes")
    REVIEW = "review", _("Review: meeting the condition asks the site to check (unconfirmed rule)")


# The role in a word, where each criterion's result stands beside it (the application's page).
SHORT_LABELS = {
    Role.INCLUSION: _("Inclusion"),
    Role.EXCLUSION: _("Exclusion"),
    Role.REVIEW: _("Site checks"),
}

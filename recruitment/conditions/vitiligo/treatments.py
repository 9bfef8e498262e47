"""The treatments only vitiligo trials ask about; the rest are shared
(recruitment.screening.treatments)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VitiligoTreatment(models.TextChoices):
    DEPIGMENTATION = "depigmentation", _("Depigmentation therapy (monobenzone cream)")

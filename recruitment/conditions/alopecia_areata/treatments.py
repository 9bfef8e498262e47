"""The treatments only alopecia-areata trials ask about; the rest are shared
(recruitment.screening.treatments)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlopeciaTreatment(models.TextChoices):
    INTRALESIONAL_STEROID = "intralesional_steroid", _("Steroid injections into the scalp")
    TOPICAL_MINOXIDIL = "topical_minoxidil", _("Minoxidil solution or foam")
    ORAL_MINOXIDIL = "oral_minoxidil", _("Minoxidil tablets")
    CONTACT_IMMUNOTHERAPY = "contact_immunotherapy", _("Contact immunotherapy (DPCP or SADBE)")


# What these add to the groups a washout criterion may name.
GROUPS = {
    "steroid_any": frozenset({AlopeciaTreatment.INTRALESIONAL_STEROID}),
    "minoxidil_any": frozenset({AlopeciaTreatment.TOPICAL_MINOXIDIL, AlopeciaTreatment.ORAL_MINOXIDIL}),
}

"""The treatments only atopic-dermatitis trials ask about; the rest are shared
(recruitment.screening.treatments)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.screening.treatments import Treatment


class EczemaTreatment(models.TextChoices):
    CRISABOROLE = "crisaborole", _("Crisaborole ointment")
    DUPILUMAB = "dupilumab", _("Dupilumab injections (Dupixent)")
    TRALOKINUMAB = "tralokinumab", _("Tralokinumab injections")
    CYCLOSPORINE = "cyclosporine", _("Cyclosporine capsules")
    METHOTREXATE = "methotrexate", _("Methotrexate tablets or injections")
    AZATHIOPRINE_MYCOPHENOLATE = "azathioprine_mycophenolate", _("Azathioprine or mycophenolate tablets")


# Treatments taken by mouth or injection for the eczema, what the registries call systemic: those
# the questionnaire asks about (one not asked would leave every criterion naming it unknown).
SYSTEMIC = frozenset(
    {
        EczemaTreatment.DUPILUMAB,
        EczemaTreatment.TRALOKINUMAB,
        EczemaTreatment.CYCLOSPORINE,
        EczemaTreatment.METHOTREXATE,
        EczemaTreatment.AZATHIOPRINE_MYCOPHENOLATE,
        Treatment.ORAL_STEROID,
        Treatment.UPADACITINIB,
        Treatment.ABROCITINIB,
        Treatment.IVARMACITINIB,
        Treatment.BARICITINIB,
        Treatment.TOFACITINIB,
    }
)

# What these add to the groups a washout criterion may name.
GROUPS = {
    "eczema_systemic": SYSTEMIC,
    "eczema_topical": frozenset(
        {
            Treatment.TOPICAL_STEROID,
            Treatment.TOPICAL_CALCINEURIN,
            EczemaTreatment.CRISABOROLE,
            Treatment.RUXOLITINIB_CREAM,
        }
    ),
}

"""The treatments the questionnaires ask about (each condition asks about its own list of these),
and how long ago each was last used."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Treatment(models.TextChoices):
    TOPICAL_STEROID = "topical_steroid", _("Steroid cream, ointment or lotion")
    TOPICAL_CALCINEURIN = "topical_calcineurin", _("Tacrolimus or pimecrolimus ointment or cream")
    INTRALESIONAL_STEROID = "intralesional_steroid", _("Steroid injections into the scalp")
    ORAL_STEROID = "oral_steroid", _("Steroid tablets (for example prednisone)")
    TOPICAL_MINOXIDIL = "topical_minoxidil", _("Minoxidil solution or foam")
    ORAL_MINOXIDIL = "oral_minoxidil", _("Minoxidil tablets")
    CONTACT_IMMUNOTHERAPY = "contact_immunotherapy", _("Contact immunotherapy (DPCP or SADBE)")
    PHOTOTHERAPY = "phototherapy", _("Light therapy (phototherapy, such as NB-UVB or excimer)")
    IMMUNOSUPPRESSANT = "immunosuppressant", _("Methotrexate, cyclosporine or azathioprine")
    BIOLOGIC = "biologic", _("Biologic injections (for example dupilumab)")
    TOFACITINIB = "tofacitinib", _("Tofacitinib tablets")
    BARICITINIB = "baricitinib", _("Baricitinib tablets")
    RITLECITINIB = "ritlecitinib", _("Ritlecitinib capsules")
    DEURUXOLITINIB = "deuruxolitinib", _("Deuruxolitinib tablets")
    JAKTINIB = "jaktinib", _("Jaktinib tablets")
    IVARMACITINIB = "ivarmacitinib", _("Ivarmacitinib tablets")
    UPADACITINIB = "upadacitinib", _("Upadacitinib tablets")
    ABROCITINIB = "abrocitinib", _("Abrocitinib tablets")
    RUXOLITINIB_CREAM = "ruxolitinib_cream", _("Ruxolitinib cream")
    DEPIGMENTATION = "depigmentation", _("Depigmentation therapy (monobenzone cream)")
    TCM = "tcm", _("Traditional Chinese medicine")
    FOLK_REMEDY = "folk_remedy", _("Home or folk remedies (ginger, beer…)")


ORAL_JAK = frozenset(
    {
        Treatment.TOFACITINIB,
        Treatment.BARICITINIB,
        Treatment.RITLECITINIB,
        Treatment.DEURUXOLITINIB,
        Treatment.JAKTINIB,
        Treatment.IVARMACITINIB,
        Treatment.UPADACITINIB,
        Treatment.ABROCITINIB,
    }
)
TOPICAL_JAK = frozenset({Treatment.RUXOLITINIB_CREAM})
ANY_JAK = ORAL_JAK | TOPICAL_JAK

# Names a washout criterion may use for a whole class of treatments.
TREATMENT_GROUPS = {
    "jak_oral": ORAL_JAK,
    "jak_any": ANY_JAK,
    "steroid_any": frozenset({Treatment.TOPICAL_STEROID, Treatment.INTRALESIONAL_STEROID, Treatment.ORAL_STEROID}),
    "minoxidil_any": frozenset({Treatment.TOPICAL_MINOXIDIL, Treatment.ORAL_MINOXIDIL}),
}


def expand(names) -> frozenset:
    """Treatment codes named directly or through a group."""
    codes: set[str] = set()
    for name in names:
        codes |= TREATMENT_GROUPS.get(name, {name})
    return frozenset(codes)


class LastUse(models.TextChoices):
    STILL_USING = "still", _("Still using it")
    UNDER_1_MONTH = "lt1m", _("Stopped less than 1 month ago")
    MONTHS_1_3 = "1to3m", _("Stopped 1 to 3 months ago")
    MONTHS_3_6 = "3to6m", _("Stopped 3 to 6 months ago")
    OVER_6_MONTHS = "gt6m", _("Stopped more than 6 months ago")
    UNSURE = "unsure", _("Used it, not sure when I stopped")


# Days since last use that each answer allows: (at least, at most); None = unbounded or unknown.
LAST_USE_DAYS = {
    LastUse.STILL_USING: (0, 0),
    LastUse.UNDER_1_MONTH: (0, 30),
    LastUse.MONTHS_1_3: (30, 90),
    LastUse.MONTHS_3_6: (90, 180),
    LastUse.OVER_6_MONTHS: (180, None),
    LastUse.UNSURE: (0, None),
}


class History(models.TextChoices):
    """What JAK-inhibitor trials check at the screening visit, asked beforehand (optional)."""

    SHINGLES = "shingles", _("Shingles (herpes zoster)")
    TUBERCULOSIS = "tuberculosis", _("Tuberculosis, or close contact with someone who had it")
    HEPATITIS = "hepatitis", _("Hepatitis B or C")
    CANCER = "cancer_5y", _("Cancer in the last 5 years")
    BLOOD_CLOT = "blood_clot", _("A blood clot (in a leg or the lungs)")
    HEART_OR_STROKE = "heart_stroke", _("A heart attack or a stroke")


class Course(models.TextChoices):
    """How long a JAK inhibitor was taken: an "inadequate response" counts only after 12 weeks."""

    UNDER_12_WEEKS = "lt12w", _("Less than 12 weeks")
    AT_LEAST_12_WEEKS = "12w_plus", _("12 weeks or more")
    UNSURE = "unsure", _("Not sure")


class YesNoUnsure(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")

"""The treatments the questionnaires ask about, and how long ago each was last used.

`Treatment` holds those several conditions share; a condition's app adds its own
(`own_treatments`) and what its groups hold (`treatment_groups`). A stored treatment is a plain
code, checked against all of them when written: a new treatment needs no migration of the core."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.labels import Label


class Treatment(models.TextChoices):
    TOPICAL_STEROID = "topical_steroid", _("Steroid cream, ointment or lotion")
    TOPICAL_CALCINEURIN = "topical_calcineurin", _("Tacrolimus or pimecrolimus ointment or cream")
    ORAL_STEROID = "oral_steroid", _("Steroid tablets (for example prednisone)")
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

# Names a washout criterion may use for a whole class of treatments; conditions add to them.
SHARED_GROUPS: dict[str, frozenset[str]] = {
    "jak_oral": ORAL_JAK,
    "jak_any": ANY_JAK,
    "steroid_any": frozenset({Treatment.TOPICAL_STEROID, Treatment.ORAL_STEROID}),
}


def treatment_groups() -> dict[str, frozenset[str]]:
    """Every group: the shared ones, with what each installed condition adds to them or brings."""
    from recruitment.conditions import installed

    groups = dict(SHARED_GROUPS)
    for condition in installed():
        for name, codes in condition.treatment_groups.items():
            groups[name] = groups.get(name, frozenset()) | frozenset(codes)
    return groups


def treatment_labels() -> dict[str, Label]:
    """Every treatment's name in the reader's language: the shared ones and each condition's."""
    from recruitment.conditions import installed

    labels: dict[str, Label] = dict(Treatment.choices)
    for condition in installed():
        if condition.own_treatments is not None:
            labels.update(condition.own_treatments.choices)
    return labels


def treatment_label(code: str) -> str:
    """A treatment's name; a code no longer known is shown as stored."""
    return str(treatment_labels().get(code, code))


def treatment_names() -> frozenset[str]:
    """What a criterion may name: every treatment and every group."""
    return frozenset(treatment_labels()) | frozenset(treatment_groups())


def validate_treatment(code: str) -> None:
    if code not in treatment_labels():
        raise ValidationError(_("%(code)s is not a treatment this portal asks about."), params={"code": code})


def expand(names) -> frozenset:
    """Treatment codes named directly or through a group."""
    groups = treatment_groups()
    codes: set[str] = set()
    for name in names:
        codes |= groups.get(name, {name})
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
    HIV = "hiv", _("HIV infection")
    SERIOUS_INFECTION = "serious_infection", _("A serious infection treated now or in the last 2 months")


# What the health history asked before HIV and serious infections were added: an application of
# then is not known to be free of those (recruitment.models.Application.health_history_asked).
FIRST_HISTORY_ASKED = frozenset(
    {
        History.SHINGLES,
        History.TUBERCULOSIS,
        History.HEPATITIS,
        History.CANCER,
        History.BLOOD_CLOT,
        History.HEART_OR_STROKE,
    }
)


class Course(models.TextChoices):
    """How long a JAK inhibitor was taken: an "inadequate response" counts only after 12 weeks."""

    UNDER_12_WEEKS = "lt12w", _("Less than 12 weeks")
    AT_LEAST_12_WEEKS = "12w_plus", _("12 weeks or more")
    UNSURE = "unsure", _("Not sure")


class YesNoUnsure(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")

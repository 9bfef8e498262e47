"""The kinds of criterion of vitiligo: the type, how long the patient has had it, whether it is
spreading, and the self-reported extent (body surface per area, F-VASI, T-VASI). Every extent is
a patient's own estimate: `check_estimate` leaves one close to a limit to the site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from recruitment.screening.checks import check_duration, check_estimate
from recruitment.screening.kind import CHOICE, LIST, NUMBER, Kind, Param
from recruitment.screening.reasons import reason
from recruitment.screening.treatments import YesNoUnsure


class VitiligoType(models.TextChoices):
    NON_SEGMENTAL = "non_segmental", _("non-segmental")
    SEGMENTAL = "segmental", _("segmental")
    MIXED = "mixed", _("mixed")
    UNSURE = "unsure", _("not sure")


class Activity(models.TextChoices):
    SPREADING = "spreading", _("spreading")
    STABLE = "stable", _("stable")
    UNSURE = "unsure", _("not sure")


# Where on the body a body-surface criterion counts, and the screening value that holds it.
AREAS = {
    "total": ("total_bsa", gettext_noop("self-estimated depigmented body surface (BSA, percent)")),
    "face": ("facial_bsa", gettext_noop("self-estimated depigmented surface of the face (BSA, percent)")),
    "nonfacial": (
        "nonfacial_bsa",
        gettext_noop("self-estimated depigmented body surface outside the face (BSA, percent)"),
    ),
    "without_palms_soles_feet_tops": (
        "bsa_without_palms_soles_feet_tops",
        gettext_noop(
            "self-estimated depigmented body surface without palms, soles and tops of the feet (BSA, percent)"
        ),
    ),
}


def _check_bsa(p, a):
    value_name, label = AREAS[p.get("area", "total")]
    return check_estimate(a.condition.get(value_name), p.get("min"), p.get("max"), label)


def _check_type(p, a):
    answer = a.condition.get("vitiligo_type")
    if answer in (None, VitiligoType.UNSURE):
        return None, reason(gettext_noop("type of vitiligo not known"))
    return answer in p["types"], reason(gettext_noop("type of vitiligo: %(vitiligo_type)s"), vitiligo_type=answer)


def _check_duration(p, a):
    return check_duration(
        p,
        a,
        months_name="duration_months",
        started_name="started_on",
        not_given=gettext_noop("when the first patches appeared not given"),
        lasted=gettext_noop("vitiligo for about %(months)s; the trial asks for %(range)s"),
    )


def _check_activity(p, a):
    answer = a.condition.get("activity")
    if answer in (None, Activity.UNSURE):
        return None, reason(gettext_noop("whether the vitiligo is spreading is not known"))
    return answer == p["activity"], reason(gettext_noop("vitiligo in the last 6 months: %(activity)s"), activity=answer)


# Reasons stored by evaluations made before the limits were worded; kept in the catalog so that
# those evaluations still read in Chinese.
EARLIER_WORDINGS = (gettext_noop("vitiligo for about %(months)s months, required %(range)s months"),)


def _check_pigmented_hair(p, a):
    answer = a.condition.get("pigmented_facial_hair")
    if answer in (None, "", YesNoUnsure.UNSURE):
        return None, reason(gettext_noop("hairs with colour inside the facial patches not known"))
    return answer == YesNoUnsure.YES, reason(
        gettext_noop("hairs with colour inside the facial patches: %(answer)s"), answer=answer
    )


KINDS = [
    Kind(
        "f_vasi",
        _("Facial VASI (F-VASI) minimum, self-estimated"),
        lambda p, a: check_estimate(a.condition.get("f_vasi"), p["min"], None, gettext_noop("self-estimated F-VASI")),
        {"min": Param(NUMBER, True)},
        '{"min": 0.5}',
    ),
    Kind(
        "t_vasi",
        _("Total VASI (T-VASI) minimum, self-estimated"),
        lambda p, a: check_estimate(a.condition.get("t_vasi"), p["min"], None, gettext_noop("self-estimated T-VASI")),
        {"min": Param(NUMBER, True)},
        '{"min": 3}',
    ),
    Kind(
        "bsa",
        _("Depigmented body surface (% BSA) range, self-estimated"),
        _check_bsa,
        {"min": Param(NUMBER), "max": Param(NUMBER), "area": Param(CHOICE, False, frozenset(AREAS))},
        '{"area": "nonfacial", "min": 3}',
        ordered=(("min", "max"),),
    ),
    Kind(
        "vitiligo_type",
        _("Type of vitiligo"),
        _check_type,
        {"types": Param(LIST, True, frozenset(VitiligoType.values) - {VitiligoType.UNSURE})},
        '{"types": ["segmental"]}',
    ),
    Kind(
        "vitiligo_duration",
        _("How long the patient has had vitiligo (months)"),
        _check_duration,
        {"min_months": Param(NUMBER), "max_months": Param(NUMBER)},
        '{"min_months": 3}',
        ordered=(("min_months", "max_months"),),
    ),
    Kind(
        "pigmented_facial_hair",
        _("Hairs with colour inside the facial patches"),
        _check_pigmented_hair,
    ),
    Kind(
        "vitiligo_activity",
        _("Vitiligo spreading or stable"),
        _check_activity,
        {"activity": Param(CHOICE, True, frozenset({Activity.SPREADING, Activity.STABLE}))},
        '{"activity": "spreading"}',
    ),
]

"""The kinds of criterion of atopic dermatitis: the self-reported EASI, body surface and overall
severity, the worst itch, how long the patient has had it, body weight, creams that did not help
(or systemic treatment needed), and other skin diseases.

EASI and the body surface are the patient's own estimates: `check_estimate` leaves one close to a
limit to the site. The overall severity and the itch are steps the patient chooses: one step under
a minimum is for the site to judge (a lay word maps to the investigator's scale only roughly, and
the trials average a week's diary of itch), more is not a fit."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from recruitment.conditions.atopic_dermatitis.treatments import SYSTEMIC
from recruitment.screening import last_use
from recruitment.screening.checks import check_duration, check_estimate, check_score
from recruitment.screening.kind import BOOL, LIST, NUMBER, Kind, Param
from recruitment.screening.reasons import reason

EASI_SCALE = (0, 72)


class TopicalResponse(models.TextChoices):
    """Steroid creams or calcineurin inhibitors (tacrolimus, pimecrolimus) in the last 6 months."""

    NOT_CONTROLLED = "not_controlled", _("did not keep the eczema under control")
    NOT_TOLERATED = "not_tolerated", _("could not be used because of side effects")
    CONTROLLED = "controlled", _("kept the eczema under control")
    NOT_USED = "not_used", _("not used")
    UNSURE = "unsure", _("not sure")


class OtherSkinDisease(models.TextChoices):
    PSORIASIS = "psoriasis", _("Psoriasis")
    LUPUS = "lupus", _("Lupus of the skin (lupus erythematosus)")
    SKIN_INFECTION = "skin_infection", _("A skin infection treated now (bacteria, herpes or fungus)")
    OTHER = "other", _("Another skin disease that is active now")


def check_step(value, minimum, label):
    """A step the patient chose (overall severity, itch) against a minimum: at or above it a fit,
    one step under it for the site, lower not a fit."""
    holds, why = check_score(value, minimum, None, label)
    if value is not None and not holds and value == minimum - 1:
        return None, why.then(gettext_noop("%(first)s; one step under the limit is for the site to judge"))
    return holds, why


def _check_easi(p, a):
    return check_estimate(
        a.condition.get("easi"), p.get("min"), p.get("max"), gettext_noop("self-estimated EASI"), scale=EASI_SCALE
    )


def _check_bsa(p, a):
    return check_estimate(
        a.condition.get("bsa"),
        p.get("min"),
        p.get("max"),
        gettext_noop("self-estimated body surface with eczema (BSA, percent)"),
        scale=(0, 100),
    )


def _check_iga(p, a):
    return check_step(a.condition.get("iga"), p["min"], gettext_noop("overall severity in your own words (IGA step)"))


def _check_itch(p, a):
    return check_step(a.condition.get("itch"), p["min"], gettext_noop("worst itch on a typical day (0-10)"))


# A weight the patient gives from memory is a kilo or two off, and a teenager's changes by the
# screening visit: within 2 kg of a limit it is for the site to weigh.
WEIGHT_MARGIN = Decimal(2)


def _check_weight(p, a):
    return check_estimate(
        a.condition.get("weight_kg"),
        p.get("min"),
        p.get("max"),
        gettext_noop("body weight (kg)"),
        margin=lambda limit: WEIGHT_MARGIN,
    )


def _check_duration(p, a):
    return check_duration(
        p,
        a,
        months_name="duration_months",
        started_name="started_on",
        not_given=gettext_noop("when the eczema began not given"),
        lasted=gettext_noop("eczema for about %(months)s; the trial asks for %(range)s"),
    )


def _systemic_within(a, *, months: int) -> tuple[list[str], list[str]]:
    """The systemic treatments surely used within the last `months` calendar months, and those
    perhaps (recruitment.screening.last_use: the answers' bands, counted from the day they were
    given)."""
    within, maybe = [], []
    for code, used in sorted(a.treatments.items()):
        if code not in SYSTEMIC:
            continue
        window = last_use.within(used.last_use, months, months=True, today=a.today, answered_on=a.answered_on)
        if window.surely:
            within.append(str(code))
        elif window.maybe:
            maybe.append(str(code))
    return within, maybe


def _check_topical(p, a):
    """In the last 6 months creams did not control the eczema or could not be used; or, where the
    criterion allows it, systemic treatment was needed (the registries: "or for whom systemic
    treatment is warranted")."""
    response = a.condition.get("topical_response")
    if response in (TopicalResponse.NOT_CONTROLLED, TopicalResponse.NOT_TOLERATED):
        return True, reason(
            gettext_noop("creams in the last 6 months: %(topical_response)s"), topical_response=response
        )
    if p.get("or_systemic"):
        within, maybe = _systemic_within(a, months=6)
        if within:
            return True, reason(gettext_noop("treated in the last 6 months with %(treatments)s"), treatments=within)
        if maybe and response not in (TopicalResponse.NOT_CONTROLLED, TopicalResponse.NOT_TOLERATED):
            return None, reason(
                gettext_noop("treated with %(treatments)s, perhaps more than 6 months ago"), treatments=maybe
            )
    if response == TopicalResponse.CONTROLLED:
        return False, reason(
            gettext_noop("creams in the last 6 months: %(topical_response)s"), topical_response=response
        )
    if response == TopicalResponse.NOT_USED:
        # Creams may be medically inadvisable, which the registries also accept: the site asks.
        return None, reason(gettext_noop("no steroid or tacrolimus creams in the last 6 months"))
    return None, reason(gettext_noop("whether creams controlled the eczema in the last 6 months is not known"))


def _check_other_skin(p, a):
    found = a.condition.get("other_skin_diseases")
    if found is None:
        return None, reason(gettext_noop("other skin diseases not answered"))
    named = sorted(set(p["diseases"]) & set(found))
    if named:
        return True, reason(gettext_noop("has %(skin_diseases)s"), skin_diseases=named)
    if a.condition.get("other_skin_unsure"):
        return None, reason(gettext_noop("not sure about other skin diseases"))
    return False, reason(gettext_noop("none of these skin diseases"))


# Reasons stored by evaluations made before the limits were worded; kept in the catalog so that
# those evaluations still read in Chinese.
EARLIER_WORDINGS = (gettext_noop("eczema for about %(months)s months, required %(range)s months"),)

KINDS = [
    Kind(
        "easi",
        _("EASI range, self-estimated"),
        _check_easi,
        {"min": Param(NUMBER), "max": Param(NUMBER)},
        '{"min": 16}',
        ordered=(("min", "max"),),
    ),
    Kind(
        "eczema_bsa",
        _("Body surface with eczema (% BSA) range, self-estimated"),
        _check_bsa,
        {"min": Param(NUMBER), "max": Param(NUMBER)},
        '{"min": 10}',
        ordered=(("min", "max"),),
    ),
    Kind(
        "eczema_iga",
        _("Overall severity (IGA step 0-4) minimum, in the patient's words"),
        _check_iga,
        {"min": Param(NUMBER, True)},
        '{"min": 3}',
    ),
    Kind(
        "itch",
        _("Worst itch on a typical day of the past week (0-10) minimum"),
        _check_itch,
        {"min": Param(NUMBER, True)},
        '{"min": 4}',
    ),
    Kind(
        "eczema_duration",
        _("How long the patient has had atopic dermatitis (months)"),
        _check_duration,
        {"min_months": Param(NUMBER), "max_months": Param(NUMBER)},
        '{"min_months": 12}',
        ordered=(("min_months", "max_months"),),
    ),
    Kind(
        "body_weight",
        _("Body weight (kg) range"),
        _check_weight,
        {"min": Param(NUMBER), "max": Param(NUMBER)},
        '{"min": 40}',
        ordered=(("min", "max"),),
    ),
    Kind(
        "topical_inadequate",
        _("Creams did not control it or could not be used in the last 6 months (or systemic treatment needed)"),
        _check_topical,
        {"or_systemic": Param(BOOL)},
        '{"or_systemic": true}',
    ),
    Kind(
        "other_skin_disease",
        _("Other skin diseases"),
        _check_other_skin,
        {"diseases": Param(LIST, True, frozenset(OtherSkinDisease.values))},
        '{"diseases": ["psoriasis", "lupus"]}',
    ),
]

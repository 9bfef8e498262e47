"""The kinds of criterion of alopecia areata: the self-reported SALT, the current episode's
length, recent regrowth and other hair-loss diagnoses."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from recruitment.screening.checks import check_estimate, months_fit, surely_longer_than
from recruitment.screening.later import Later
from recruitment.screening.kind import BOOL, LIST, NUMBER, Kind, Param
from recruitment.screening.reasons import reason
from recruitment.screening.treatments import YesNoUnsure


class OtherHairLoss(models.TextChoices):
    ANDROGENETIC = "androgenetic", _("Androgenetic alopecia (pattern hair loss)")
    SCARRING = "scarring", _("Scarring alopecia")
    DIFFUSE = "diffuse", _("Diffuse hair loss (telogen effluvium)")
    TRACTION = "traction", _("Traction alopecia")
    TRICHOTILLOMANIA = "trichotillomania", _("Trichotillomania (hair pulling)")


# A SALT the patient works out from four views of their own scalp is several points from an
# investigator's: within 5 points of a limit (45 to 55 for "SALT 50 or more") it is for the site to
# measure, neither a refusal nor a promise.
SALT_MARGIN = Decimal(5)


def _check_salt(p, a):
    return check_estimate(a.condition.get("salt"), p.get("min"), p.get("max"),
                          gettext_noop("self-reported estimated SALT"), margin=lambda _limit: SALT_MARGIN)


def _check_episode(p, a):
    """Patients give the month the episode began, not the day (`months_fit`)."""
    months = a.condition.get("episode_months")
    if months is None:
        return None, reason(gettext_noop("start of the current episode not given"))
    low, high = p.get("min_months"), p.get("max_months")
    lo = f"{'>' if p.get('min_exclusive') else '≥'} {low}" if low is not None else ""
    hi = f"{'<' if p.get('max_exclusive') else '≤'} {high}" if high is not None else ""
    if lo and hi:
        why = reason(gettext_noop("episode about %(months)s months, required %(low)s and %(high)s months"),
                     months=months, low=lo, high=hi)
    else:
        why = reason(gettext_noop("episode about %(months)s months, required %(range)s months"),
                     months=months, range=lo or hi)
    fits = months_fit(months, low, high)
    started = a.condition.get("episode_started_on")
    if fits is False and low is not None and months < low and started and (high is None or low < high):
        return False, why, Later(surely_longer_than(started, low))  # long enough from then
    if fits is not None:
        return fits, why
    return None, why.then(gettext_noop("%(first)s; too close to the limit to tell from the month alone"))


def _check_recent_regrowth(p, a):
    """The questionnaire asks about the last 6 months; other windows are decided where 6 tells."""
    months = p["months"]
    answer = a.condition.get("regrowth_last_6_months")
    if answer == YesNoUnsure.YES and months >= 6:
        return True, reason(gettext_noop("hair regrew in the last 6 months (criterion: last %(months)s months)"),
                            months=months)
    if answer == YesNoUnsure.NO and months <= 6:
        return False, reason(gettext_noop("no regrowth in the last 6 months (criterion: last %(months)s months)"),
                             months=months)
    if answer in (YesNoUnsure.YES, YesNoUnsure.NO):
        return None, reason(gettext_noop("the questionnaire asks about 6 months, the criterion about %(months)s"),
                            months=months)
    return None, reason(gettext_noop("regrowth in the last 6 months not known"))


def _check_other_hair_loss(p, a):
    found = sorted(set(p["diagnoses"]) & a.condition.get("other_diagnoses", frozenset()))
    if found:
        return True, reason(gettext_noop("diagnosed with %(diagnoses)s"), diagnoses=found)
    if a.condition.get("other_diagnoses_unsure") or "other_diagnoses" not in a.condition:
        return None, reason(gettext_noop("not sure about other hair-loss diagnoses"))
    return False, reason(gettext_noop("no other listed hair-loss diagnosis"))


KINDS = [
    Kind("salt", _("SALT score range (self-reported estimate)"), _check_salt,
         {"min": Param(NUMBER), "max": Param(NUMBER)}, '{"min": 50, "max": 100}', ordered=(("min", "max"),)),
    Kind("episode_duration", _("Duration of the current episode (months)"), _check_episode,
         {"min_months": Param(NUMBER), "max_months": Param(NUMBER), "min_exclusive": Param(BOOL),
          "max_exclusive": Param(BOOL)},
         '{"min_months": 6, "min_exclusive": true, "max_months": 96, "max_exclusive": true}',
         ordered=(("min_months", "max_months"),)),
    Kind("recent_regrowth", _("Hair regrowth in the last N months"), _check_recent_regrowth,
         {"months": Param(NUMBER, True)}, '{"months": 6}'),
    Kind("other_hair_loss", _("Other hair-loss diagnosis"), _check_other_hair_loss,
         {"diagnoses": Param(LIST, True, frozenset(OtherHairLoss.values))},
         '{"diagnoses": ["androgenetic", "scarring"]}'),
]

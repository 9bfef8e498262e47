"""The kinds of criterion of alopecia areata: the self-reported SALT, the current episode's
length, spontaneous regrowth, the type, other hair-loss diagnoses, other scalp conditions and a
shaved head."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from recruitment.screening.checks import check_estimate, duration_since, months_words, range_words
from recruitment.screening.kind import BOOL, CHOICE, LIST, NUMBER, Kind, Param
from recruitment.screening.later import Later
from recruitment.screening.reasons import reason
from recruitment.screening.treatments import YesNoUnsure

# What a shaved head's "not yet" waits for (Later.after): its words are in condition.py.
REGROWTH = "regrowth"


class AAType(models.TextChoices):
    PATCHY = "patchy", _("patchy")
    DIFFUSE = "diffuse", _("diffuse")
    OPHIASIS = "ophiasis", _("ophiasis")
    TOTALIS = "totalis", _("totalis")
    UNIVERSALIS = "universalis", _("universalis")
    UNSURE = "unsure", _("not sure")


class SpontaneousRegrowth(models.TextChoices):
    """Thick, normal (terminal) hair that grew back on its own, not during a treatment: what the
    registries mean by "spontaneous improvement"."""

    IN_6_MONTHS = "in_6_months", _("in the last 6 months")
    IN_6_TO_12_MONTHS = "6_to_12_months", _("6 to 12 months ago")
    NOT_IN_12_MONTHS = "not_in_12", _("not in the last 12 months")
    UNSURE = "unsure", _("not sure")


class ScalpCondition(models.TextChoices):
    PSORIASIS = "psoriasis", _("Psoriasis of the scalp")
    SEBORRHOEIC = "seborrhoeic", _("Seborrhoeic dermatitis (flaking, itchy, red scalp)")
    OTHER = "other", _("Another scalp disease or an injury of the scalp")


class HairLossCause(models.TextChoices):
    """Other illnesses, or a treatment, that a doctor says cause some of the hair loss now."""

    THYROID = "thyroid", _("Thyroid disease")
    LUPUS = "lupus", _("Lupus")
    IRON = "iron", _("Iron deficiency or anaemia")
    CHEMOTHERAPY = "chemotherapy", _("Chemotherapy or radiotherapy")


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
    return check_estimate(
        a.condition.get("salt"),
        p.get("min"),
        p.get("max"),
        gettext_noop("self-reported estimated SALT"),
        margin=lambda _limit: SALT_MARGIN,
        inclusive=True,  # 45 and 55 themselves too
        scale=(0, 100),
    )


_LONGER_WITH_REGROWTH = gettext_noop("%(first)s; longer, but hair grew back in the last 8 years")
_LONGER_REGROWTH_FOR_THE_SITE = gettext_noop(
    "%(first)s; longer: whether hair grew back in the years allowed is for the site to check"
)
_PAST_THE_MAXIMUM_BY_THE_VISIT = gettext_noop(
    "by the screening visit the episode will have lasted about %(then)s; this trial takes up to %(high)s"
)


def _check_episode(p, a):
    """Patients give the month the episode began, not the day (`months_fit`)."""
    months, started = a.condition.get("episode_months"), a.condition.get("episode_started_on")
    if months is None:
        return None, reason(gettext_noop("start of the current episode not given"))
    low, high = p.get("min_months"), p.get("max_months")
    months, fits, later = duration_since(started, months, a.today, low, high, a.screening_on)
    if fits is not False and high is not None and started and a.screening_on:
        # Within the maximum today, surely past it by the screening visit: not a fit to promise,
        # unless the trial admits a longer episode with regrowth (BRAVE-AA2), which then decides.
        then, fits_then, _later = duration_since(started, months, a.screening_on, None, high)
        if fits_then is False:
            past = reason(_PAST_THE_MAXIMUM_BY_THE_VISIT, then=months_words(then), high=months_words(high))
            if not p.get("or_regrowth_within_years"):
                return False, past
            answer = a.condition.get("regrowth_within_8_years")
            if answer == YesNoUnsure.YES and p["or_regrowth_within_years"] >= 8:
                return True, past.then(_LONGER_WITH_REGROWTH)
            if answer == YesNoUnsure.NO and p["or_regrowth_within_years"] <= 8:
                return False, past
            return None, past.then(_LONGER_REGROWTH_FOR_THE_SITE)
    limits = range_words(
        low,
        high,
        words=months_words,
        low_exclusive=bool(p.get("min_exclusive")),
        high_exclusive=bool(p.get("max_exclusive")),
    )
    why = reason(
        gettext_noop("episode about %(months)s; the trial asks for %(range)s"),
        months=months_words(months),
        range=limits,
    )
    if fits is not True and high is not None and months + 1 > high and p.get("or_regrowth_within_years"):
        # A longer episode is admitted when hair grew back (any cause: BRAVE-AA2's "episodes of
        # regrowth") within the years given (the questionnaire asks about 8).
        years, answer = p["or_regrowth_within_years"], a.condition.get("regrowth_within_8_years")
        if answer == YesNoUnsure.YES and years >= 8 and (low is None or months - 1 >= low):
            return True, why.then(_LONGER_WITH_REGROWTH)
        if answer != YesNoUnsure.NO or years > 8:
            return None, why.then(_LONGER_REGROWTH_FOR_THE_SITE)
    if later is not None:
        return False, why, later  # long enough from then
    if fits is not None:
        return fits, why
    return None, why.then(gettext_noop("%(first)s; too close to the limit to tell from the month alone"))


def _check_recent_regrowth(p, a):
    """Spontaneous terminal regrowth within the last N months. The questionnaire asks when it was:
    in the last 6 months, 6 to 12 months ago, or not in 12 months; a window the answer does not
    settle is unknown."""
    months = p["months"]
    answer = a.condition.get("spontaneous_regrowth")
    if answer and p.get("cause") == "any":
        return _any_regrowth_in_window(months, answer, a.condition.get("treated_regrowth_6_months"))
    if answer:
        return _regrowth_in_window(months, answer)
    # Asked before: "any regrowth in the last 6 months", which may have come from a treatment.
    answer = a.condition.get("regrowth_last_6_months")
    if answer == YesNoUnsure.YES:
        return None, reason(gettext_noop("hair regrew in the last 6 months, on its own or not: not known"))
    if answer == YesNoUnsure.NO and months <= 6:
        return False, reason(
            gettext_noop("no regrowth in the last 6 months (criterion: last %(months)s months)"), months=months
        )
    if answer in (YesNoUnsure.YES, YesNoUnsure.NO):
        return None, reason(
            gettext_noop("the questionnaire asks about 6 months, the criterion about %(months)s"), months=months
        )
    return None, reason(gettext_noop("regrowth in the last 6 months not known"))


# Reasons stored by evaluations made before the question was about spontaneous regrowth, and
# before the limits were worded; kept in the catalog so that those evaluations still read in Chinese.
EARLIER_WORDINGS = (
    gettext_noop("hair regrew in the last 6 months (criterion: last %(months)s months)"),
    gettext_noop("episode about %(months)s months, required %(low)s and %(high)s months"),
    gettext_noop("episode about %(months)s months, required %(range)s months"),
    gettext_noop("%(first)s; longer, but hair grew back on its own in the last 8 years"),
)


def _any_regrowth_in_window(months, spontaneous, treated):
    """Thick hair grown back in the window, on its own or during a treatment (ALLEGRO: "no evidence
    of terminal hair regrowth within the previous 6 months"). The treatment question asks about 6
    months: a longer window it cannot settle."""
    on_its_own = _regrowth_in_window(months, spontaneous)
    if on_its_own[0] is True:
        return on_its_own
    if treated == YesNoUnsure.YES and months >= 6:
        return True, reason(gettext_noop("thick hair grew back during a treatment in the last 6 months"))
    if treated == YesNoUnsure.NO and months <= 6:
        return on_its_own
    if not treated:
        return None, on_its_own[1].then(gettext_noop("%(first)s; regrowth during a treatment was not asked then"))
    return None, on_its_own[1].then(gettext_noop("%(first)s; regrowth during a treatment not known"))


def _regrowth_in_window(months, answer):
    why = reason(
        gettext_noop("thick hair grew back on its own: %(when)s (criterion: last %(months)s months)"),
        when=answer,
        months=months,
    )
    if answer == SpontaneousRegrowth.UNSURE:
        return None, why
    # The latest and earliest it may have been, in months ago.
    latest, earliest = {
        SpontaneousRegrowth.IN_6_MONTHS: (0, 6),
        SpontaneousRegrowth.IN_6_TO_12_MONTHS: (6, 12),
        SpontaneousRegrowth.NOT_IN_12_MONTHS: (12, None),
    }[answer]
    if earliest is not None and earliest <= months:
        return True, why
    if latest >= months:
        return False, why
    return None, why.then(gettext_noop("%(first)s; the answer does not tell"))


def _check_aa_type(p, a):
    answer = a.condition.get("aa_type")
    if answer in (None, "", AAType.UNSURE):
        return None, reason(gettext_noop("type of alopecia areata not known"))
    return answer in p["types"], reason(gettext_noop("type of alopecia areata: %(aa_type)s"), aa_type=answer)


def _check_scalp_condition(p, a):
    found = sorted(set(p["conditions"]) & set(a.condition.get("scalp_conditions") or ()))
    if found:
        return True, reason(gettext_noop("scalp condition: %(scalp)s"), scalp=found)
    if a.condition.get("scalp_conditions") is None or a.condition.get("scalp_conditions_unsure"):
        return None, reason(gettext_noop("other scalp conditions not known"))
    return False, reason(gettext_noop("none of these scalp conditions"))


def _check_shaved_head(p, a):
    """A shaved head: not a refusal but "not yet", until the hair has grown back (ALLEGRO: "must not
    enter the study until the hair has grown back")."""
    answer = a.condition.get("shaves_head")
    if answer == YesNoUnsure.YES:
        why = reason(gettext_noop("shaves the head: possible once the hair has grown back"))
        return True, why, Later(None, after=REGROWTH)
    if answer == YesNoUnsure.NO:
        return False, reason(gettext_noop("shaves the head: %(answer)s"), answer=answer)
    return None, reason(gettext_noop("whether the head is shaved not known"))


def _check_other_hair_loss(p, a):
    found = sorted(set(p["diagnoses"]) & a.condition.get("other_diagnoses", frozenset()))
    if found:
        return True, reason(gettext_noop("diagnosed with %(diagnoses)s"), diagnoses=found)
    if a.condition.get("other_diagnoses_unsure") or "other_diagnoses" not in a.condition:
        return None, reason(gettext_noop("not sure about other hair-loss diagnoses"))
    return False, reason(gettext_noop("no other listed hair-loss diagnosis"))


def _check_hair_loss_cause(p, a):
    causes = a.condition.get("hair_loss_causes")
    if causes is None:
        return None, reason(gettext_noop("other causes of hair loss not asked"))
    found = sorted(set(p["causes"]) & set(causes))
    if found:
        return True, reason(gettext_noop("hair loss also caused by %(causes)s"), causes=found)
    if a.condition.get("hair_loss_causes_unsure"):
        return None, reason(gettext_noop("not sure about other causes of hair loss"))
    return False, reason(gettext_noop("none of these causes hair loss"))


KINDS = [
    Kind(
        "salt",
        _("SALT score range (self-reported estimate)"),
        _check_salt,
        {"min": Param(NUMBER), "max": Param(NUMBER)},
        '{"min": 50, "max": 100}',
        ordered=(("min", "max"),),
    ),
    Kind(
        "episode_duration",
        _("Duration of the current episode (months)"),
        _check_episode,
        {
            "min_months": Param(NUMBER),
            "max_months": Param(NUMBER),
            "min_exclusive": Param(BOOL),
            "max_exclusive": Param(BOOL),
            "or_regrowth_within_years": Param(NUMBER),
        },
        '{"min_months": 6, "min_exclusive": true, "max_months": 96, "max_exclusive": true}',
        ordered=(("min_months", "max_months"),),
    ),
    Kind(
        "recent_regrowth",
        _("Terminal hair regrowth in the last N months (on its own, or of any cause)"),
        _check_recent_regrowth,
        {"months": Param(NUMBER, True), "cause": Param(CHOICE, False, frozenset({"spontaneous", "any"}))},
        '{"months": 6, "cause": "any"}',
    ),
    Kind(
        "aa_type",
        _("Type of alopecia areata"),
        _check_aa_type,
        {"types": Param(LIST, True, frozenset(AAType.values) - {AAType.UNSURE})},
        '{"types": ["diffuse"]}',
    ),
    Kind(
        "scalp_condition",
        _("Other scalp condition"),
        _check_scalp_condition,
        {"conditions": Param(LIST, True, frozenset(ScalpCondition.values))},
        '{"conditions": ["psoriasis", "seborrhoeic"]}',
    ),
    Kind("shaved_head", _("Shaved head"), _check_shaved_head),
    Kind(
        "hair_loss_cause",
        _("Another illness or a treatment causing hair loss now"),
        _check_hair_loss_cause,
        {"causes": Param(LIST, True, frozenset(HairLossCause.values))},
        '{"causes": ["thyroid", "chemotherapy"]}',
    ),
    Kind(
        "other_hair_loss",
        _("Other hair-loss diagnosis"),
        _check_other_hair_loss,
        {"diagnoses": Param(LIST, True, frozenset(OtherHairLoss.values))},
        '{"diagnoses": ["androgenetic", "scarring"]}',
    ),
]

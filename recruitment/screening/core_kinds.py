"""The kinds of criterion every condition shares: age, sex, prior JAK inhibitors, washouts,
treatments ever used, pregnancy, a doctor's diagnosis, and what only the study team can check."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from recruitment.patient_dates import age_on, birthday
from recruitment.screening import last_use
from recruitment.screening.answers import ScreeningAnswers
from recruitment.screening.checks import months_words, range_words, within
from recruitment.screening.kind import BOOL, CHOICE, LIST, NUMBER, Kind, Param
from recruitment.screening.later import STOPPING, Later
from recruitment.screening.reasons import reason
from recruitment.screening.treatments import (
    ANY_JAK,
    ORAL_JAK,
    Course,
    History,
    LastUse,
    YesNoUnsure,
    expand,
    treatment_names,
)


def _check_age(p, a: ScreeningAnswers):
    if a.age is None:
        return None, reason(gettext_noop("age not given"))
    low, high = p.get("min"), p.get("max")
    per_sex = {"MALE": ("male_min", "male_max"), "FEMALE": ("female_min", "female_max")}
    has_sex_limits = any(k in p for pair in per_sex.values() for k in pair)
    if a.sex in per_sex:
        low = p.get(per_sex[a.sex][0], low)
        high = p.get(per_sex[a.sex][1], high)
    elif has_sex_limits:
        # The limit depends on sex at birth, which was not given: decide only if every limit agrees.
        fits_each = [within(a.age, p.get(lo, low), p.get(hi, high)) for lo, hi in per_sex.values()]
        why = reason(gettext_noop("age %(age)s; the limit depends on sex at birth, which was not given"), age=a.age)
        return (fits_each[0] if all(fits_each) or not any(fits_each) else None), why
    fits = within(a.age, low, high)
    if fits and high is not None and a.born and a.screening_on:
        then = age_on(a.born, a.screening_on)
        if then > high:
            # Still within the limit today, past it by the screening visit: not a fit to promise.
            return False, reason(
                gettext_noop("by the screening visit you will be %(then)s; this trial takes people up to %(high)s"),
                then=then,
                high=high,
            )
    why = reason(gettext_noop("age %(age)s; the trial takes ages %(range)s"), age=a.age, range=range_words(low, high))
    if not fits and low is not None and a.age < low and a.born and (high is None or low <= high):
        old_enough = birthday(a.born, int(low))
        if a.screening_on and old_enough <= a.screening_on:
            # A trial's age is its age at the screening visit: reached by then, it is met.
            return True, reason(
                gettext_noop("age %(age)s, %(low)s by the screening visit; the trial takes ages %(range)s"),
                age=a.age,
                low=int(low),
                range=range_words(low, high),
            )
        return False, why, Later(old_enough)  # old enough on that birthday
    return fits, why


def _check_sex(p, a):
    if a.sex not in ("FEMALE", "MALE"):
        return None, reason(gettext_noop("sex at birth not given"))
    return a.sex in p["allowed"], reason(gettext_noop("sex at birth %(sex)s"), sex=a.sex)


def _check_prior_jak(p, a):
    drugs = ORAL_JAK if p["route"] == "oral" else ANY_JAK
    used = {code: t for code, t in a.treatments.items() if code in drugs}
    if not used:
        return False, reason(gettext_noop("no JAK inhibitor used"))
    names = sorted(str(code) for code in used)
    if not p.get("inadequate_response_only"):
        return True, reason(gettext_noop("used %(treatments)s"), treatments=names)
    # An inadequate response: no response after a full course. Only where the registry says a full
    # course is 12 weeks (`course_of_12_weeks`) is a shorter one without response settled as not
    # one; elsewhere the study doctor judges whether it was long enough.
    inadequate = [t for t in used.values() if t.response == YesNoUnsure.NO and t.course == Course.AT_LEAST_12_WEEKS]
    if inadequate:
        return True, reason(
            gettext_noop("used %(treatments)s for 12 weeks or more, and it did not help"), treatments=names
        )
    short_settles = bool(p.get("course_of_12_weeks"))
    settled = all(
        t.response == YesNoUnsure.YES
        or (short_settles and t.response == YesNoUnsure.NO and t.course == Course.UNDER_12_WEEKS)
        for t in used.values()
    )
    short = [t for t in used.values() if t.response == YesNoUnsure.NO and t.course == Course.UNDER_12_WEEKS]
    if short and not short_settles and all(t.response == YesNoUnsure.YES or t in short for t in used.values()):
        return None, reason(
            gettext_noop("used %(treatments)s for less than 12 weeks without help: the study doctor judges it"),
            treatments=names,
        )
    if settled:
        return False, reason(gettext_noop("used %(treatments)s: it helped, or not for 12 weeks"), treatments=names)
    return None, reason(
        gettext_noop("used %(treatments)s; whether it helped over 12 weeks is not known"), treatments=names
    )


# Reasons stored by evaluations made before the wording above; kept in the catalog so that those
# evaluations still read in Chinese.
EARLIER_WORDINGS = (
    gettext_noop("used %(treatments)s, and it helped"),
    gettext_noop("used %(treatments)s, and it did not help"),
    gettext_noop("used %(treatments)s; whether it helped is not known"),
    gettext_noop("used %(treatments)s, and hair regrew"),
    gettext_noop("used %(treatments)s without regrowth"),
    gettext_noop("used %(treatments)s; whether hair regrew is not known"),
    gettext_noop("%(treatments)s used within %(days)s days; possible %(days)s days after stopping"),
    gettext_noop("age %(age)s, required %(range)s"),
)


def _not_asked(codes, a: ScreeningAnswers) -> list[str]:
    """Of `codes`, those the questionnaire did not ask about: their use is not known."""
    return sorted(str(code) for code in codes if a.treatments_asked is not None and code not in a.treatments_asked)


_DAY_WORDS = {
    "still": gettext_noop("%(treatments)s still used; this trial asks for %(days)s days without it"),
    "used": gettext_noop("%(treatments)s used within %(days)s days"),
    "undecided": gettext_noop("%(treatments)s: the answer does not tell whether used within %(days)s days"),
    "none": gettext_noop("none of these used within %(days)s days"),
}
_MONTH_WORDS = {
    "still": gettext_noop("%(treatments)s still used; this trial asks for %(period)s without it"),
    "used": gettext_noop("%(treatments)s used within the last %(period)s"),
    "undecided": gettext_noop("%(treatments)s: the answer does not tell whether used within the last %(period)s"),
    "none": gettext_noop("none of these used within the last %(period)s"),
}


def _check_washout(p, a):
    """Was any of the named treatments used within the last N days, or N months on the calendar
    (`months`, where the registry counts in months)?

    Answers are in bands (stopped 1-3 months ago...), given on the day of the answers: each is a
    span of days on which the treatment was last used. A span entirely inside the window means
    yes, entirely outside means no, and a span straddling it cannot tell.
    """
    in_months = p.get("months") is not None
    length = p["months"] if in_months else p["days"]
    words, period = (_MONTH_WORDS, {"period": months_words(length)}) if in_months else (_DAY_WORDS, {"days": length})
    undecided, used, over_on, stopping = [], [], [], []
    for code in sorted(expand(p["treatments"])):
        answer = a.treatments.get(code)
        if answer is None:
            continue
        window = last_use.within(answer.last_use, length, months=in_months, today=a.today, answered_on=a.answered_on)
        if window.surely:
            used.append(str(code))
            over_on.append(window.over)
            stopping += [str(code)] if answer.last_use == LastUse.STILL_USING else []
        elif window.maybe:
            undecided.append(str(code))
            over_on.append(window.over)  # if it counts, the window is over then too
    if used:
        known = [on for on in over_on if on is not None]
        later = Later(max(known) if len(known) == len(over_on) else None)
        if stopping:
            # A treatment still used: whether and when to stop it is for the doctor who prescribed
            # it, so the reason says what the trial asks, never that the patient should stop.
            return True, reason(words["still"], treatments=stopping, **period), Later(None, after=STOPPING)
        return True, reason(words["used"], treatments=used, **period), later
    if undecided:
        return None, reason(words["undecided"], treatments=undecided, **period)
    if not_asked := _not_asked(expand(p["treatments"]), a):
        return None, reason(gettext_noop("%(treatments)s: not asked about"), treatments=not_asked)
    return False, reason(words["none"], **period)


def _check_ever_used(p, a):
    codes = expand(p["treatments"])
    used = sorted(str(code) for code in codes if code in a.treatments)
    if used:
        return True, reason(gettext_noop("used %(treatments)s"), treatments=used)
    if not_asked := _not_asked(codes, a):
        return None, reason(gettext_noop("%(treatments)s: not asked about"), treatments=not_asked)
    return False, reason(gettext_noop("none of these ever used"))


def _check_history(p, a):
    if a.history is None:
        return None, reason(gettext_noop("health history not answered"))
    found = sorted(set(p["items"]) & a.history)
    if found:
        return True, reason(gettext_noop("has had %(history)s"), history=found)
    if a.history_asked is not None and (not_asked := sorted(set(p["items"]) - a.history_asked)):
        return None, reason(gettext_noop("%(history)s: not asked when these answers were given"), history=not_asked)
    return False, reason(gettext_noop("none of these in the health history"))


PREGNANCY_STATES = ("pregnant", "breastfeeding", "planning")


def _check_pregnancy(p, a):
    """Pregnant, breastfeeding or planning a pregnancy: the states the criterion names (all three
    unless `states` says which: a registry that excludes pregnancy and breastfeeding may leave
    planning to the study doctor's talk about contraception)."""
    if a.sex == "MALE" or not a.pregnancy_applies:
        return False, reason(gettext_noop("not applicable"))
    answers = {"pregnant": a.pregnant, "breastfeeding": a.breastfeeding, "planning": a.planning_pregnancy}
    states = tuple(state for state in PREGNANCY_STATES if state in p.get("states", PREGNANCY_STATES))
    yes, no = _PREGNANCY_WORDS.get(states, _PREGNANCY_WORDS[PREGNANCY_STATES])
    flags = [answers[state] for state in states]
    if any(flags):
        return True, reason(yes)
    if all(flag is False for flag in flags):
        return False, reason(no)
    return None, reason(gettext_noop("pregnancy questions not answered"))


_PREGNANCY_WORDS = {
    PREGNANCY_STATES: (
        gettext_noop("pregnant, breastfeeding or planning pregnancy"),
        gettext_noop("not pregnant, breastfeeding or planning pregnancy"),
    ),
    ("pregnant", "breastfeeding"): (
        gettext_noop("pregnant or breastfeeding"),
        gettext_noop("not pregnant or breastfeeding"),
    ),
    ("planning",): (gettext_noop("planning a pregnancy"), gettext_noop("not planning a pregnancy")),
}


def _check_diagnosis(p, a):
    if a.diagnosed == YesNoUnsure.YES:
        return True, reason(gettext_noop("diagnosed by a doctor"))
    if a.diagnosed == YesNoUnsure.NO:
        # A doctor at the site can make the diagnosis at screening: not a reason to turn away.
        return None, reason(gettext_noop("not yet diagnosed by a doctor"))
    return None, reason(gettext_noop("not sure whether diagnosed"))


def _check_manual(p, a):
    return None, reason(gettext_noop("checked by the study team"))


KINDS = [
    Kind(
        "age",
        _("Age range (optionally per sex)"),
        _check_age,
        {name: Param(NUMBER) for name in ("min", "max", "male_min", "male_max", "female_min", "female_max")},
        '{"min": 18, "max": 70, "male_max": 60}',
        ordered=(("min", "max"), ("male_min", "male_max"), ("female_min", "female_max")),
    ),
    Kind(
        "sex",
        _("Sex at birth"),
        _check_sex,
        {"allowed": Param(LIST, True, frozenset({"FEMALE", "MALE"}))},
        '{"allowed": ["FEMALE", "MALE"]}',
    ),
    Kind(
        "prior_jak",
        _("Prior JAK inhibitor"),
        _check_prior_jak,
        {
            "route": Param(CHOICE, True, frozenset({"oral", "any"})),
            "inadequate_response_only": Param(BOOL),
            "course_of_12_weeks": Param(BOOL),  # the registry defines inadequate response over 12 weeks
        },
        '{"route": "oral", "inadequate_response_only": true}',
    ),
    Kind(
        "washout",
        _("Treatment used within N days or months"),
        _check_washout,
        {
            "treatments": Param(LIST, True, treatment_names),
            # One of the two: days, or months on the calendar where the registry counts in months.
            "days": Param(NUMBER),
            "months": Param(NUMBER),
        },
        '{"treatments": ["oral_steroid", "immunosuppressant"], "months": 3}',
    ),
    Kind(
        "treatment_ever",
        _("Treatment ever used"),
        _check_ever_used,
        {"treatments": Param(LIST, True, treatment_names)},
        '{"treatments": ["depigmentation"]}',
    ),
    Kind(
        "health_history",
        _("Health history (shingles, tuberculosis, hepatitis, cancer, clots, heart)"),
        _check_history,
        {"items": Param(LIST, True, frozenset(History.values))},
        '{"items": ["hepatitis"]}',
    ),
    Kind(
        "pregnancy",
        _("Pregnant, breastfeeding or planning pregnancy"),
        _check_pregnancy,
        {"states": Param(LIST, False, frozenset(PREGNANCY_STATES))},
        '{"states": ["pregnant", "breastfeeding"]}',
    ),
    Kind("diagnosis", _("Diagnosed by a doctor"), _check_diagnosis),
    Kind("manual", _("Checked by the study team only"), _check_manual),
]

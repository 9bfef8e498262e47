"""The eligibility engine: criteria (data) and answers in, a result per criterion and a verdict out.

Pure functions only. Each kind of criterion decides whether the condition it describes holds for
the applicant: True, False, or None when the answers cannot tell. An inclusion criterion is met
when its condition holds; an exclusion criterion when it does not; a review criterion is unknown
when it holds (the site checks an unconfirmed rule) and met otherwise. The verdict: any criterion not
met -> likely ineligible; every criterion met -> likely eligible; otherwise -> needs review.
A pre-screen verdict is never final: the site decides at the screening visit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from recruitment.screening.answers import ScreeningAnswers
from recruitment.screening.treatments import ANY_JAK, LAST_USE_DAYS, ORAL_JAK, YesNoUnsure, expand
from trials.criteria import CriterionKind, Role


class Result(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Unknown")


class Verdict(models.TextChoices):
    LIKELY_ELIGIBLE = "likely_eligible", _("Likely eligible")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    LIKELY_INELIGIBLE = "likely_ineligible", _("Likely ineligible")


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion as the engine needs it; also what an evaluation keeps as its snapshot."""

    kind: str
    role: str  # trials.criteria.Role
    params: dict
    patient_text: str
    criterion_id: int | None = None
    # The words in other languages, {"zh-hans": "..."}: snapshots keep them for the patient's page.
    translations: dict = field(default_factory=dict)

    @cached_property
    def snapshot(self) -> dict:
        """The criterion as an evaluation keeps it. Made once per spec (specs are kept by each
        worker, see `trials.signup`): results share it, read-only, until they are stored."""
        return asdict(self)


@dataclass(frozen=True)
class Reason:
    """Why a criterion came out as it did: an English template marked for translation, and its
    values. An evaluation stores both, so that each reader (the patient, a coordinator, an e-mail)
    sees the same stored reason in their own language (`recruitment.screening.wording`).

    Values under `CODED_ARGS` names are codes (treatments, diagnoses...) that the reader's language
    names; the English text stored beside the template keeps the codes, as coordinators' exports do.
    """

    template: str
    args: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template % {k: _plain(k, v) for k, v in self.args.items()} if self.args else self.template

    def then(self, template: str) -> Reason:
        """This reason followed by another clause: `template` holds `%(first)s` for this one."""
        return Reason(template, {"first": self.as_dict()})

    def as_dict(self) -> dict:
        return {"template": self.template, "args": self.args}


def _plain(name, value):
    """A value as the stored English words show it: codes as they are, sex in lower case."""
    if isinstance(value, dict) and "template" in value:  # a nested reason
        return str(Reason(value["template"], value.get("args", {})))
    if name == "sex":
        return value.lower()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def _reason(template: str, **args) -> Reason:
    return Reason(template, args)


@dataclass(frozen=True)
class CriterionResult:
    criterion: CriterionSpec
    result: str
    reason: Reason

    def as_dict(self) -> dict:
        return {**self.criterion.snapshot, "result": self.result, "reason": str(self.reason),
                "reason_i18n": self.reason.as_dict()}


@dataclass(frozen=True)
class Evaluation:
    results: list[CriterionResult]
    verdict: str

    def failed(self):
        return [r for r in self.results if r.result == Result.NOT_MET]

    def unknown(self):
        return [r for r in self.results if r.result == Result.UNKNOWN]


# Each check returns (condition holds: True/False/None, the reason for the coordinator).
def _within(value, low, high, *, low_exclusive=False, high_exclusive=False) -> bool:
    if low is not None and (value < low or (low_exclusive and value == low)):
        return False
    if high is not None and (value > high or (high_exclusive and value == high)):
        return False
    return True


def _range_text(low, high, unit="") -> str:
    # Symbols and numbers only: the same in every language.
    if low is not None and high is not None:
        return f"{low}-{high}{unit}"
    if low is not None:
        return f"≥ {low}{unit}"
    return f"≤ {high}{unit}"


def _check_age(p, a: ScreeningAnswers):
    if a.age is None:
        return None, _reason(gettext_noop("age not given"))
    low, high = p.get("min"), p.get("max")
    per_sex = {"MALE": ("male_min", "male_max"), "FEMALE": ("female_min", "female_max")}
    has_sex_limits = any(k in p for pair in per_sex.values() for k in pair)
    if a.sex in per_sex:
        low = p.get(per_sex[a.sex][0], low)
        high = p.get(per_sex[a.sex][1], high)
    elif has_sex_limits:
        # The limit depends on sex at birth, which was not given: decide only if every limit agrees.
        fits = [
            _within(a.age, p.get(lo, low), p.get(hi, high)) for lo, hi in per_sex.values()
        ]
        reason = _reason(gettext_noop("age %(age)s; the limit depends on sex at birth, which was not given"),
                         age=a.age)
        return (fits[0] if all(fits) or not any(fits) else None), reason
    return _within(a.age, low, high), _reason(gettext_noop("age %(age)s, required %(range)s"),
                                              age=a.age, range=_range_text(low, high))


def _check_sex(p, a):
    if a.sex not in ("FEMALE", "MALE"):
        return None, _reason(gettext_noop("sex at birth not given"))
    return a.sex in p["allowed"], _reason(gettext_noop("sex at birth %(sex)s"), sex=a.sex)


def _check_score(value, low, high, label):
    if value is None:
        return None, _reason(gettext_noop("%(score)s not given"), score=label)
    return _within(value, low, high), _reason(gettext_noop("%(score)s %(value)s, required %(range)s"),
                                              score=label, value=str(value), range=_range_text(low, high))


def _check_salt(p, a):
    return _check_score(a.salt, p.get("min"), p.get("max"), gettext_noop("self-reported estimated SALT"))


def _check_episode(p, a):
    """Patients give the month the episode began, not the day, so `episode_months` (whole
    calendar months) means a true length strictly between months - 1 and months + 1. The answer
    is firm only when that whole interval is on one side of every limit; otherwise unknown."""
    if a.episode_months is None:
        return None, _reason(gettext_noop("start of the current episode not given"))
    low, high = p.get("min_months"), p.get("max_months")
    shortest, longest = a.episode_months - 1, a.episode_months + 1  # open interval
    lo = f"{'>' if p.get('min_exclusive') else '≥'} {low}" if low is not None else ""
    hi = f"{'<' if p.get('max_exclusive') else '≤'} {high}" if high is not None else ""
    if lo and hi:
        reason = _reason(gettext_noop("episode about %(months)s months, required %(low)s and %(high)s months"),
                         months=a.episode_months, low=lo, high=hi)
    else:
        reason = _reason(gettext_noop("episode about %(months)s months, required %(range)s months"),
                         months=a.episode_months, range=lo or hi)
    too_short = low is not None and longest <= low
    too_long = high is not None and shortest >= high
    if too_short or too_long:
        return False, reason
    fits = (low is None or shortest >= low) and (high is None or longest <= high)
    if fits:
        return True, reason
    return None, reason.then(gettext_noop("%(first)s; too close to the limit to tell from the month alone"))


def _check_recent_regrowth(p, a):
    """The questionnaire asks about the last 6 months; other windows are decided where 6 tells."""
    months = p["months"]
    answer = a.regrowth_last_6_months
    if answer == YesNoUnsure.YES and months >= 6:
        return True, _reason(gettext_noop("hair regrew in the last 6 months (criterion: last %(months)s months)"),
                             months=months)
    if answer == YesNoUnsure.NO and months <= 6:
        return False, _reason(gettext_noop("no regrowth in the last 6 months (criterion: last %(months)s months)"),
                              months=months)
    if answer in (YesNoUnsure.YES, YesNoUnsure.NO):
        return None, _reason(gettext_noop("the questionnaire asks about 6 months, the criterion about %(months)s"),
                             months=months)
    return None, _reason(gettext_noop("regrowth in the last 6 months not known"))


def _check_prior_jak(p, a):
    drugs = ORAL_JAK if p["route"] == "oral" else ANY_JAK
    used = {code: t for code, t in a.treatments.items() if code in drugs}
    if not used:
        return False, _reason(gettext_noop("no JAK inhibitor used"))
    names = sorted(str(code) for code in used)
    if not p.get("inadequate_response_only"):
        return True, _reason(gettext_noop("used %(treatments)s"), treatments=names)
    responses = {t.regrowth for t in used.values()}
    if responses == {YesNoUnsure.YES}:
        return False, _reason(gettext_noop("used %(treatments)s, and hair regrew"), treatments=names)
    if YesNoUnsure.NO in responses:
        return True, _reason(gettext_noop("used %(treatments)s without regrowth"), treatments=names)
    return None, _reason(gettext_noop("used %(treatments)s; whether hair regrew is not known"), treatments=names)


def _check_washout(p, a):
    """Was any of the named treatments used within the last N days?

    Answers are in bands (stopped 1-3 months ago...): a band entirely inside the window means
    yes, entirely outside means no, and a band straddling it cannot tell.
    """
    days = p["days"]
    undecided = []
    for code in sorted(expand(p["treatments"])):
        answer = a.treatments.get(code)
        if answer is None:
            continue
        at_least, at_most = LAST_USE_DAYS[answer.last_use]
        if at_most is not None and at_most <= days:
            return True, _reason(gettext_noop("%(treatments)s used within %(days)s days"),
                                 treatments=[str(code)], days=days)
        if at_least < days:
            undecided.append(str(code))
    if undecided:
        return None, _reason(gettext_noop("%(treatments)s: the answer does not tell whether used within %(days)s days"),
                             treatments=undecided, days=days)
    return False, _reason(gettext_noop("none of these used within %(days)s days"), days=days)


def _check_pregnancy(p, a):
    if a.sex == "MALE":
        return False, _reason(gettext_noop("not applicable"))
    flags = (a.pregnant, a.breastfeeding, a.planning_pregnancy)
    if any(flags):
        return True, _reason(gettext_noop("pregnant, breastfeeding or planning pregnancy"))
    if all(flag is False for flag in flags):
        return False, _reason(gettext_noop("not pregnant, breastfeeding or planning pregnancy"))
    return None, _reason(gettext_noop("pregnancy questions not answered"))


def _check_other_hair_loss(p, a):
    found = sorted(set(p["diagnoses"]) & a.other_diagnoses)
    if found:
        return True, _reason(gettext_noop("diagnosed with %(diagnoses)s"), diagnoses=found)
    if a.other_diagnoses_unsure:
        return None, _reason(gettext_noop("not sure about other hair-loss diagnoses"))
    return False, _reason(gettext_noop("no other listed hair-loss diagnosis"))


def _check_diagnosis(p, a):
    if a.diagnosed == YesNoUnsure.YES:
        return True, _reason(gettext_noop("diagnosed by a doctor"))
    if a.diagnosed == YesNoUnsure.NO:
        # A doctor at the site can make the diagnosis at screening: not a reason to turn away.
        return None, _reason(gettext_noop("not yet diagnosed by a doctor"))
    return None, _reason(gettext_noop("not sure whether diagnosed"))


def _check_segmental(p, a):
    if a.segmental in (YesNoUnsure.YES, YesNoUnsure.NO):
        return a.segmental == YesNoUnsure.YES, _reason(gettext_noop("segmental vitiligo: %(answer)s"),
                                                      answer=str(a.segmental))
    return None, _reason(gettext_noop("type of vitiligo not known"))


def _check_manual(p, a):
    return None, _reason(gettext_noop("checked by the study team"))


CHECKS = {
    CriterionKind.AGE: _check_age,
    CriterionKind.SEX: _check_sex,
    CriterionKind.SALT: _check_salt,
    CriterionKind.EPISODE_DURATION: _check_episode,
    CriterionKind.RECENT_REGROWTH: _check_recent_regrowth,
    CriterionKind.PRIOR_JAK: _check_prior_jak,
    CriterionKind.WASHOUT: _check_washout,
    CriterionKind.PREGNANCY: _check_pregnancy,
    CriterionKind.OTHER_HAIR_LOSS: _check_other_hair_loss,
    CriterionKind.DIAGNOSIS: _check_diagnosis,
    CriterionKind.F_VASI: lambda p, a: _check_score(a.f_vasi, p["min"], None, "F-VASI"),
    CriterionKind.T_VASI: lambda p, a: _check_score(a.t_vasi, p["min"], None, "T-VASI"),
    CriterionKind.BSA: lambda p, a: _check_score(a.bsa, p.get("min"), p.get("max"),
                                                 gettext_noop("depigmented body surface (BSA, percent)")),
    CriterionKind.SEGMENTAL_VITILIGO: _check_segmental,
    CriterionKind.MANUAL: _check_manual,
}


def evaluate_criterion(criterion: CriterionSpec, answers: ScreeningAnswers) -> CriterionResult:
    holds, reason = CHECKS[criterion.kind](criterion.params, answers)
    if holds is None:
        result = Result.UNKNOWN
    elif criterion.role == Role.REVIEW:
        result = Result.UNKNOWN if holds else Result.MET
        if holds:
            reason = reason.then(gettext_noop("%(first)s; the site checks this rule"))
    elif holds == (criterion.role == Role.INCLUSION):
        result = Result.MET
    else:
        result = Result.NOT_MET
    return CriterionResult(criterion, result, reason)


def verdict_of(results) -> str:
    outcomes = {r.result for r in results}
    if not outcomes:
        # A trial whose criteria have not been entered yet cannot call anyone eligible.
        return Verdict.NEEDS_REVIEW
    if Result.NOT_MET in outcomes:
        return Verdict.LIKELY_INELIGIBLE
    if outcomes <= {Result.MET}:
        return Verdict.LIKELY_ELIGIBLE
    return Verdict.NEEDS_REVIEW


def evaluate(criteria, answers: ScreeningAnswers) -> Evaluation:
    results = [evaluate_criterion(c, answers) for c in criteria]
    return Evaluation(results=results, verdict=verdict_of(results))

"""The eligibility engine: criteria (data) and answers in, a result per criterion and a verdict out.

Pure functions only. Each kind of criterion decides whether the condition it describes holds for
the applicant: True, False, or None when the answers cannot tell. An inclusion criterion is met
when its condition holds; an exclusion criterion when it does not; a review criterion is unknown
when it holds (the site checks an unconfirmed rule) and met otherwise. The verdict: any criterion not
met -> likely ineligible; every criterion met -> likely eligible; otherwise -> needs review.
A criterion not met only for now (a washout not over, an age just below the minimum, an episode
just too short: the check says when its condition turns, `Later`) gives "not yet eligible" when it
is all that stands in the way, with the date from which the patient may be eligible.
A pre-screen verdict is never final: the site decides at the screening visit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from recruitment.screening.answers import ScreeningAnswers
from recruitment.screening.kind import Kind
from recruitment.screening.later import Later
from recruitment.screening.reasons import Reason
from recruitment.screening.roles import Role


class Result(models.TextChoices):
    # Read from the trial's side, whatever the criterion's role: an applicant without an excluding
    # condition passes it ("met" beside "meeting the condition excludes" read backwards).
    MET = "met", _("Passes")
    NOT_MET = "not_met", _("Does not pass")
    UNKNOWN = "unknown", _("Cannot tell")


class Verdict(models.TextChoices):
    LIKELY_ELIGIBLE = "likely_eligible", _("Likely eligible")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    NOT_YET_ELIGIBLE = "not_yet_eligible", _("Not yet eligible")
    LIKELY_INELIGIBLE = "likely_ineligible", _("Likely ineligible")


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion as the engine needs it; also what an evaluation keeps as its snapshot."""

    kind: str
    role: str  # recruitment.screening.kinds.Role
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
class CriterionResult:
    criterion: CriterionSpec
    result: Result
    reason: Reason
    # For a criterion not met only for now: when it may be met (see `Later`).
    later: Later | None = None

    def as_dict(self) -> dict:
        time_bound = (
            {}
            if self.later is None
            else {
                "not_yet": True,
                "met_from": self.later.on.isoformat() if self.later.on else None,
                **({"after": self.later.after} if self.later.after else {}),
            }
        )
        return {
            **self.criterion.snapshot,
            "result": self.result,
            "reason": str(self.reason),
            "reason_i18n": self.reason.as_dict(),
            **time_bound,
        }


@dataclass(frozen=True)
class Evaluation:
    results: list[CriterionResult]
    verdict: Verdict

    @property
    def eligible_from(self) -> datetime.date | None:
        """For "not yet eligible": the day every time-bound criterion may be met, when known."""
        if self.verdict != Verdict.NOT_YET_ELIGIBLE:
            return None
        dates = [r.later.on for r in self.failed() if r.later is not None and r.later.on is not None]
        return max(dates) if dates and len(dates) == len(self.failed()) else None

    def failed(self) -> list[CriterionResult]:
        return [r for r in self.results if r.result == Result.NOT_MET]

    def unknown(self) -> list[CriterionResult]:
        return [r for r in self.results if r.result == Result.UNKNOWN]


# "Not yet" is for what is near: a patient 30 years below a minimum age is not told to wait.
NOT_YET_HORIZON = datetime.timedelta(days=366)


def evaluate_criterion(
    criterion: CriterionSpec, answers: ScreeningAnswers, kinds: Mapping[str, Kind]
) -> CriterionResult:
    kind_code = criterion.kind
    kind = kinds.get(kind_code)
    if kind is None:
        # A kind whose condition is no longer installed: the site checks it, nothing is refused.
        why = Reason(
            gettext_noop("a kind of criterion this portal no longer knows (%(kind)s)"), {"kind": criterion.kind}
        )
        return CriterionResult(criterion, Result.UNKNOWN, why)
    holds, reason, *later = kind.check(criterion.params, answers)
    if later and later[0].on and answers.today and later[0].on > answers.today + NOT_YET_HORIZON:
        later = []
    if holds is None:
        result = Result.UNKNOWN
    elif criterion.role == Role.REVIEW:
        result = Result.UNKNOWN if holds else Result.MET
        if holds:
            reason = reason.then(gettext_noop("%(first)s; the site checks this rule"))
    elif holds == (criterion.role == Role.INCLUSION):
        result = Result.MET
    else:
        # Not met; when its condition turns (`later`), it will be.
        return CriterionResult(criterion, Result.NOT_MET, reason, later[0] if later else None)
    return CriterionResult(criterion, result, reason)


def verdict_of(results: Sequence[CriterionResult]) -> Verdict:
    outcomes = {r.result for r in results}
    if not outcomes:
        # A trial whose criteria have not been entered yet cannot call anyone eligible.
        return Verdict.NEEDS_REVIEW
    if Result.NOT_MET in outcomes:
        failed = [r for r in results if r.result == Result.NOT_MET]
        return Verdict.NOT_YET_ELIGIBLE if all(r.later for r in failed) else Verdict.LIKELY_INELIGIBLE
    if outcomes <= {Result.MET}:
        return Verdict.LIKELY_ELIGIBLE
    return Verdict.NEEDS_REVIEW


def evaluate(criteria: Iterable[CriterionSpec], answers: ScreeningAnswers, kinds: Mapping[str, Kind]) -> Evaluation:
    """`kinds`: every kind of criterion by code (recruitment.screening.kinds.all_kinds()), given
    rather than looked up, so that the engine depends on nothing above it."""
    results = [evaluate_criterion(c, answers, kinds) for c in criteria]
    return Evaluation(results=results, verdict=verdict_of(results))

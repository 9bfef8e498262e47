"""The screening answers as the eligibility rules see them: plain, typed, database-free."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TreatmentAnswer:
    last_use: str  # a LastUse value
    response: str | None = None  # YesNoUnsure: did it help? Asked for JAK inhibitors only
    course: str | None = None  # treatments.Course: how long it was taken; JAK inhibitors only


@dataclass(frozen=True)
class ScreeningAnswers:
    # The patient's day (recruitment.patient_dates) and date of birth, for what time changes: None
    # when not known, and then no check says from when a criterion may be met.
    today: datetime.date | None = None
    born: datetime.date | None = None
    # The day of the screening visit, as far as it can be foreseen (today and the usual wait): an
    # upper limit passed by then is not met. None: today.
    screening_on: datetime.date | None = None
    answered_on: datetime.date | None = None  # the day the treatments' "last used" answers were given
    age: int | None = None
    sex: str | None = None  # "FEMALE", "MALE" or "UNDISCLOSED"
    # False for a man, or a girl under the age the pregnancy question is asked from.
    pregnancy_applies: bool = True
    pregnant: bool | None = None
    breastfeeding: bool | None = None
    planning_pregnancy: bool | None = None
    diagnosed: str | None = None  # YesNoUnsure
    history: frozenset[str] | None = None  # treatments.History ever had; None: the patient did not answer
    history_asked: frozenset[str] | None = None  # the History items the question listed (None: all)
    treatments: dict[str, TreatmentAnswer] = field(default_factory=dict)  # only treatments ever used
    # The treatments the questionnaire asked about (None: every one): one not asked is not known
    # to be unused.
    treatments_asked: frozenset[str] | None = None
    # What the trial's condition asked (its `screening_values`), read by its own kinds of
    # criterion: a name absent means not asked, or not answered.
    condition: Mapping[str, Any] = field(default_factory=dict)

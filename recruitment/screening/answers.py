"""The screening answers as the eligibility rules see them: plain, typed, database-free."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class TreatmentAnswer:
    last_use: str  # a LastUse value
    regrowth: str | None = None  # YesNoUnsure, asked for JAK inhibitors only


@dataclass(frozen=True)
class ScreeningAnswers:
    age: int | None = None
    sex: str | None = None  # "FEMALE", "MALE" or "UNDISCLOSED"
    pregnant: bool | None = None
    breastfeeding: bool | None = None
    planning_pregnancy: bool | None = None
    diagnosed: str | None = None  # YesNoUnsure
    other_diagnoses: frozenset[str] = frozenset()
    other_diagnoses_unsure: bool = False
    episode_months: int | None = None
    regrowth_last_6_months: str | None = None  # YesNoUnsure
    treatments: dict[str, TreatmentAnswer] = field(default_factory=dict)  # only treatments ever used
    # Condition-specific scores; absent for a condition whose questionnaire does not ask them.
    salt: Decimal | None = None
    f_vasi: Decimal | None = None
    t_vasi: Decimal | None = None
    bsa: Decimal | None = None
    segmental: str | None = None  # YesNoUnsure

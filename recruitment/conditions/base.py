"""What a condition brings to the portal."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConditionModule:
    code: str  # as trials store it (Trial.condition)
    label: str  # lazy, in the reader's language
    kinds: list  # recruitment.screening.kind.Kind: the criteria only this condition has
    online_screening: bool  # whether patients can answer its questionnaire on the portal

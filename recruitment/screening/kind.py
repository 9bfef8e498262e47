"""What a kind of criterion is: its code and label, its parameters and how they are validated,
an example for admin, and its check. Core kinds are in `core_kinds.py`; each condition brings
its own (`recruitment.conditions`); `kinds.py` puts them together."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from recruitment.labels import Label
from recruitment.screening.answers import ScreeningAnswers
from recruitment.screening.later import Later
from recruitment.screening.reasons import Reason

# Parameter types: "number" (0 or more), "bool", "list" (non-empty), "choice".
NUMBER, BOOL, LIST, CHOICE = "number", "bool", "list", "choice"


# What a check says: whether the condition its criterion describes holds for the applicant
# (True, False, or None when the answers cannot tell) and why, and a third item, a Later, when
# the answer turns with time alone (on a date, or after a stop).
CheckOutcome: TypeAlias = tuple[bool | None, Reason] | tuple[bool | None, Reason, Later]
Check: TypeAlias = Callable[[Mapping[str, Any], ScreeningAnswers], CheckOutcome]


@dataclass(frozen=True)
class Param:
    type: str
    required: bool = False
    # For a "choice", or the values a "list" may hold (empty: any); or a function giving them, for
    # an open vocabulary read once the apps are ready (treatments: what the conditions bring).
    allowed: frozenset | Callable[[], frozenset] = frozenset()

    def allowed_values(self) -> frozenset:
        return self.allowed() if callable(self.allowed) else self.allowed


@dataclass(frozen=True)
class Kind:
    code: str
    label: Label
    check: Check
    params: dict[str, Param] = field(default_factory=dict)
    example: str = ""  # parameters as JSON, shown in admin
    # Pairs of parameters where the first may not exceed the second.
    ordered: tuple[tuple[str, str], ...] = ()

    def problems(self, params) -> list[str]:
        """What is wrong with `params`, in words a coordinator can act on; empty when valid."""
        if not isinstance(params, dict):
            return ["parameters must be a JSON object, for example " + (self.example or "{}")]
        problems = [f"unknown parameter {name!r}" for name in params if name not in self.params]
        for name, param in self.params.items():
            if name not in params:
                if param.required:
                    problems.append(f"parameter {name!r} is required")
                continue
            value = params[name]
            if param.type == NUMBER and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
                problems.append(f"parameter {name!r} must be a number of 0 or more")
            elif param.type == BOOL and not isinstance(value, bool):
                problems.append(f"parameter {name!r} must be true or false")
            elif param.type == LIST and (not isinstance(value, list) or not value):
                problems.append(f"parameter {name!r} must be a non-empty list")
            elif param.type == LIST and param.allowed and [v for v in value if v not in param.allowed_values()]:
                unknown = [v for v in value if v not in param.allowed_values()]
                allowed = sorted(param.allowed_values())
                problems.append(f"parameter {name!r} has unknown values {unknown}; allowed: {allowed}")
            elif param.type == CHOICE and value not in param.allowed_values():
                problems.append(f"parameter {name!r} must be one of {sorted(param.allowed_values())}")
        for low, high in self.ordered:
            both_numbers = isinstance(params.get(low), (int, float)) and isinstance(params.get(high), (int, float))
            if both_numbers and params[low] > params[high]:
                problems.append(f"parameter {low!r} is above {high!r}")
        return problems

"""The conditions the portal knows, one package each, registered in one list.

Everything specific to one condition lives in its package; the core (applications, contact
details, consents, evaluations, audit, notifications, exports, pipeline) names none of them.
Trials store a condition's code as a plain string, checked against this list when it is written
(`validate_condition`): adding a condition needs no migration of the core, and a trial of a
condition no longer installed still reads, as an unknown condition that takes no sign-up.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from recruitment.conditions import alopecia_areata, vitiligo
from recruitment.conditions.base import Condition, ConditionModule
from recruitment.conditions.section import QuestionSection
from recruitment.labels import Label

CONDITIONS: list[Condition] = [alopecia_areata.CONDITION, vitiligo.CONDITION]
BY_CODE: dict[str, Condition] = {condition.code: condition for condition in CONDITIONS}


def _not_installed(*args, **kwargs):
    raise LookupError("this condition is not installed: its trials take no sign-up")


class _NoQuestions(QuestionSection):
    section_title = _("Your condition")
    section_template = ""
    treatments = ()
    response_question = ""


def unknown(code: str) -> Condition:
    """What a trial of a condition no longer installed reads as: a name that says so, no kinds, no
    questions, no columns; nothing that would write an application."""
    return ConditionModule(
        code=code,
        label=_("Unknown condition"),
        kinds=(),
        registry_terms=(),
        poster_question=_("Could this trial be for you?"),
        answers_name="",
        models_module="",
        build_answers=_not_installed,
        screening_values=_not_installed,
        questions=_NoQuestions,
        initial_from=_not_installed,
        result_template="",
    )


def is_installed(code: str) -> bool:
    return code in BY_CODE


def condition_of(trial) -> Condition:
    """The condition module of a trial (`unknown` for a condition no longer installed)."""
    return BY_CODE.get(trial.condition) or unknown(trial.condition)


def condition_choices(stored: Iterable[str] = ()) -> list[tuple[str, Label]]:
    """The installed conditions as form choices, in the list's order; `stored` codes no longer
    installed stay readable after them."""
    known = [(condition.code, condition.label) for condition in CONDITIONS]
    return known + [(code, unknown(code).label) for code in sorted(set(stored) - set(BY_CODE))]


def validate_condition(code: str) -> None:
    if code not in BY_CODE:
        raise ValidationError(
            _("%(code)s is not a condition this portal serves (%(known)s)."),
            params={"code": code, "known": ", ".join(BY_CODE)},
            code="unknown_condition",
        )

"""The conditions the portal serves: each a Django app of its own (its AppConfig a
`ConditionAppConfig`), installed by its line in INSTALLED_APPS; `installed()` lists them once
the apps are ready, in INSTALLED_APPS order.

Everything specific to one condition lives in its app; the core (applications, contact details,
consents, evaluations, audit, notifications, exports, pipeline) names none of them.
Trials store a condition's code as a plain string, checked against this list when it is written
(`validate_condition`): adding a condition needs no migration of the core, and a trial of a
condition no longer installed still reads, as an unknown condition that takes no sign-up.
"""

from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import AppRegistryNotReady, ValidationError
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.base import Condition, ConditionAppConfig, ConditionModule
from recruitment.conditions.section import QuestionSection
from recruitment.labels import Label


def installed() -> list[Condition]:
    """The installed conditions, in INSTALLED_APPS order. Read once the apps are ready: code that
    runs at import reads it in a function, never in a module-level constant."""
    if not apps.ready:  # a condition's AppConfig loads its Condition in its own ready()
        raise AppRegistryNotReady("the installed conditions are read once every app is ready")
    return [config.condition for config in apps.get_app_configs() if isinstance(config, ConditionAppConfig)]


def by_code() -> dict[str, Condition]:
    return {condition.code: condition for condition in installed()}


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
        build_answers=_not_installed,
        screening_values=_not_installed,
        questions=_NoQuestions,
        initial_from=_not_installed,
        result_template="",
    )


def is_installed(code: str) -> bool:
    return code in by_code()


def condition_of(trial) -> Condition:
    """The condition module of a trial (`unknown` for a condition no longer installed)."""
    return by_code().get(trial.condition) or unknown(trial.condition)


def condition_choices(stored: Iterable[str] = ()) -> list[tuple[str, Label]]:
    """The installed conditions as form choices, in the list's order; `stored` codes no longer
    installed stay readable after them."""
    known = [(condition.code, condition.label) for condition in installed()]
    return known + [(code, unknown(code).label) for code in sorted(set(stored) - set(by_code()))]


def validate_condition(code: str) -> None:
    known = by_code()
    if code not in known:
        raise ValidationError(
            _("%(code)s is not a condition this portal serves (%(known)s)."),
            params={"code": code, "known": ", ".join(known)},
            code="unknown_condition",
        )

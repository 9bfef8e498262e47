"""What a condition brings to the portal: the `Condition` protocol the core reads, and
`ConditionModule`, the plain record each condition fills in to provide it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from django.apps import AppConfig

if TYPE_CHECKING:
    from django.db import models

    from recruitment.conditions.section import QuestionSection
    from recruitment.screening.kind import Kind

from recruitment.labels import Label


@dataclass(frozen=True)
class ExportColumn:
    """A column of the CSV exports from one field of a condition's answers."""

    header: Label
    field: str  # of the answers model
    choices: type[models.TextChoices] | None = None  # a TextChoices whose label is exported, not the value
    number: bool = False  # exported as a number (a Decimal score as a float)

    def value(self, raw, labels: dict):
        if raw is None:
            return ""
        if self.number:
            return float(raw)
        if self.choices is not None:
            return labels[self.choices].get(raw, raw)
        return raw


class Condition(Protocol):
    """Everything the core asks of a condition; it names no condition itself."""

    @property
    def code(self) -> str: ...  # as trials store it (Trial.condition)
    @property
    def label(self) -> Label: ...
    @property
    def kinds(self) -> Sequence[Kind]: ...  # the kinds of criterion only this condition has
    @property
    def registry_terms(self) -> tuple[str, ...]: ...
    @property
    def poster_question(self) -> Label: ...
    @property
    def answers_name(self) -> str: ...
    @property
    def questions(self) -> type[QuestionSection]: ...
    @property
    def result_template(self) -> str: ...
    @property
    def script(self) -> str: ...
    @property
    def export_columns(self) -> tuple[ExportColumn, ...]: ...
    @property
    def admin_list_columns(self) -> tuple[Callable[..., Any], ...]: ...
    @property
    def admin_displays(self) -> tuple[Callable[..., Any], ...]: ...
    @property
    def coded_args(self) -> Mapping[str, type[models.TextChoices]]: ...
    @property
    def waiting_words(self) -> Mapping[str, Label]: ...
    @property
    def demo_answers(self) -> Mapping[str, Any]: ...
    @property
    def demo(self) -> DemoData | None: ...
    @property
    def own_treatments(self) -> type[models.TextChoices] | None: ...
    @property
    def treatment_groups(self) -> Mapping[str, frozenset[str]]: ...
    @property
    def private_kinds(self) -> frozenset[str]: ...
    @property
    def minutes_to_answer(self) -> int: ...

    def build_answers(self, application: Any, values: dict[str, Any]) -> models.Model:
        """Its answers row for the application (not saved) from the questionnaire's section."""
        ...

    def screening_values(self, row: Any) -> Mapping[str, Any]:
        """What its kinds of criterion read from a stored answers row."""
        ...

    def initial_from(self, row: Any) -> dict[str, Any]:
        """The section's answers of an earlier application, to fill in a new questionnaire."""
        ...

    def answers_of(self, application: Any) -> models.Model | None:
        """The application's stored answers row of this condition, or None."""
        ...


@dataclass(frozen=True)
class DemoData:
    """A condition's demonstration trials, which seed_demo loads: the registry records (the
    ClinicalTrials.gov API v2 files in `records`) and, by NCT number, the patients' texts and
    structured criteria (`trials`: see trials/demo_content.py) and the Chinese title and drug
    (`text_zh`); its campaigns (NCT number, name, channel, language); the Chinese names of its
    sites' places that trials/demo_content.py does not already give."""

    records: Path
    trials: Mapping[str, dict]
    text_zh: Mapping[str, dict] = field(default_factory=dict)
    campaigns: tuple[tuple[str, str, str, str], ...] = ()
    renamed_campaigns: Mapping[str, str] = field(default_factory=dict)
    places_zh: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # facility/city/state/country
    # Its invented applicants (trial slug, answers beyond the shared demo answers, pipeline status)
    # and the trials whose sites the demo coordinator works at.
    applicants: tuple[tuple[str, Mapping[str, object], str], ...] = ()
    coordinator_trials: tuple[str, ...] = ()
    sponsor: str = ""  # the registry name of the sponsor the demo sponsor user works for, if any
    # By registry name, the sponsors trials/demo_content.py does not already name: the public
    # name in each language ({"en", "zh_hans"}) and the country it receives data in (None: China).
    sponsor_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    sponsor_countries: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ConditionModule:
    code: str  # as trials store it (Trial.condition)
    label: Label
    kinds: Sequence[Kind]  # the criteria only this condition has
    # Words that name it in a registry record's conditions (lower case), for the importer.
    registry_terms: tuple[str, ...]
    # The question a campaign's poster asks in large type (lazy).
    poster_question: Label
    # Its answers: a row one-to-one with the application, reached as application.<answers_name>,
    # a model of the condition's own app;
    # `build_answers(application, values)` makes it (unsaved) from the questionnaire's section,
    # `screening_values(row)` gives what the eligibility rules read from it.
    answers_name: str
    build_answers: Callable[[Any, dict[str, Any]], models.Model]
    screening_values: Callable[[Any], Mapping[str, Any]]
    # Its section of the questionnaire: a form mixed into the questions every trial asks, with
    # its own wording of `diagnosed`, `section_title`, `section_template`, `treatments` (those
    # asked about), `response_question`, `condition_answers()` and `score_preview()`;
    # `initial_from(row)` the section's answers of an earlier application; its part of the
    # confirmation page (a template given `answers`); a script for the section, if any (under
    # the package's static/).
    questions: type[QuestionSection]
    initial_from: Callable[[Any], dict[str, Any]]
    result_template: str
    script: str = ""
    # Its columns in the CSV exports (sponsors' and coordinators'), after the applicant's sex.
    export_columns: tuple[ExportColumn, ...] = ()
    # In admin: columns of the applications' list and displays on an application's page, each an
    # admin.display function of the application.
    admin_list_columns: tuple[Callable[..., Any], ...] = ()
    admin_displays: tuple[Callable[..., Any], ...] = ()
    # Values of its kinds' reasons that are codes, by argument name, and the TextChoices naming
    # them in the reader's language (recruitment.screening.wording).
    coded_args: Mapping[str, type[models.TextChoices]] = field(default_factory=dict)
    # What a "not yet" of its kinds may wait for besides time (Later.after: "regrowth"...), and
    # the sentence the confirmation page says before the criteria waiting for it.
    waiting_words: Mapping[str, Label] = field(default_factory=dict)
    # A demo applicant's answers to its section (seed_demo), as a browser posts them.
    demo_answers: Mapping[str, Any] = field(default_factory=dict)
    # Its demonstration trials (seed_demo), in its app's `demo.py` and `demo_records/`.
    demo: DemoData | None = None
    # The treatments only it asks about (the shared ones are recruitment.screening.treatments's),
    # and what it adds to the groups a washout criterion may name ("steroid_any"...).
    own_treatments: type[models.TextChoices] | None = None
    treatment_groups: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Its kinds of criterion whose result tells which other diseases the patient has: the sponsors'
    # CSV leaves them out of the criteria results (the site's coordinators see them).
    private_kinds: frozenset[str] = frozenset()
    # How long its questionnaire takes a typical patient on a phone, in minutes, as measured (the
    # pages promise it): reading, the questions, the score estimate, the consents.
    minutes_to_answer: int = 15

    def answers_of(self, application: Any) -> models.Model | None:
        """The application's stored answers row of this condition, or None."""
        return getattr(application, self.answers_name, None)


class ConditionAppConfig(AppConfig):
    """A condition is a Django app whose AppConfig is one of these: installing it is its line in
    INSTALLED_APPS. Once the apps are ready it loads its `Condition` (the module named by
    `condition_module` defines CONDITION), which `recruitment.conditions.installed()` lists."""

    condition_module: str
    condition: Condition

    def ready(self) -> None:
        self.condition = import_module(self.condition_module).CONDITION

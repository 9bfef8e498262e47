"""What a condition brings to the portal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExportColumn:
    """A column of the CSV exports from one field of a condition's answers."""

    header: str  # lazy, in the reader's language
    field: str  # of the answers model
    choices: type | None = None  # a TextChoices whose label is exported, rather than the value
    number: bool = False  # exported as a number (a Decimal score as a float)

    def value(self, raw, labels: dict):
        if raw is None:
            return ""
        if self.number:
            return float(raw)
        if self.choices is not None:
            return labels[self.choices].get(raw, raw)
        return raw


@dataclass(frozen=True)
class ConditionModule:
    code: str  # as trials store it (Trial.condition)
    label: str  # lazy, in the reader's language
    kinds: list  # recruitment.screening.kind.Kind: the criteria only this condition has
    # Words that name it in a registry record's conditions (lower case), for the importer.
    registry_terms: tuple
    # The question a campaign's poster asks in large type (lazy).
    poster_question: str
    # Its answers: a row one-to-one with the application, reached as application.<answers_name>,
    # its model defined in `models_module` (a model of the recruitment app);
    # `build_answers(application, values)` makes it (unsaved) from the questionnaire's section,
    # `screening_values(row)` gives what the eligibility rules read from it.
    answers_name: str
    models_module: str
    build_answers: Callable
    screening_values: Callable
    # Its section of the questionnaire: a form mixed into the questions every trial asks, with
    # its own wording of `diagnosed`, `section_title`, `section_template`, `treatments` (those
    # asked about), `response_question`, `condition_answers()` and `score_preview()`;
    # `initial_from(row)` the section's answers of an earlier application; its part of the
    # confirmation page (a template given `answers`); a script for the section, if any (under
    # the package's static/).
    questions: type
    initial_from: Callable
    result_template: str
    script: str = ""
    # Its columns in the CSV exports (sponsors' and coordinators'), after the applicant's sex.
    export_columns: tuple = field(default_factory=tuple)
    # In admin: columns of the applications' list and displays on an application's page, each an
    # admin.display function of the application.
    admin_list_columns: tuple = field(default_factory=tuple)
    admin_displays: tuple = field(default_factory=tuple)
    # Values of its kinds' reasons that are codes, by argument name, and the TextChoices naming
    # them in the reader's language (recruitment.screening.wording).
    coded_args: dict = field(default_factory=dict)
    # A demo applicant's answers to its section (seed_demo), as a browser posts them.
    demo_answers: dict = field(default_factory=dict)

    def answers_of(self, application):
        """The application's stored answers row of this condition, or None."""
        return getattr(application, self.answers_name, None)

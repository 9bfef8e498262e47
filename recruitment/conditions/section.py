"""The base of a condition's section of the questionnaire."""

import datetime
from typing import ClassVar

from django import forms

from recruitment.labels import Label
from recruitment.respondent import ForChild


class QuestionSection(forms.Form):
    """A condition's questions: a form mixed into the questions every trial asks
    (recruitment.forms.questionnaire_for), with its own wording of what they share."""

    section_title: ClassVar[Label]
    section_template: ClassVar[str]  # the section's part of the questionnaire page
    treatments: ClassVar[tuple]  # recruitment.screening.treatments.Treatment, in the order shown
    response_question: ClassVar[Label]  # how it asks whether a treatment helped
    # The same, for a parent answering for a child (recruitment.respondent): the title, the
    # treatment question, and each of its questions about the patient, by field name.
    child_section_title: ClassVar[Label]
    child_response_question: ClassVar[Label]
    child_words: ClassVar[dict[str, ForChild]] = {}
    today: datetime.date  # the patient's day, set by the questionnaire it is mixed into

    def condition_answers(self) -> dict:
        """The section's cleaned answers, as its answers model stores them."""
        raise NotImplementedError

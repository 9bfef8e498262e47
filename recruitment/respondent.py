"""Who answers the questionnaire: the patient, or a parent or guardian answering for a child.

A parent reads every question about the patient in the child's voice ("Has your child ever had…"):
asked "do you…", a parent answers about themselves, and measured with "your own hand" the hand
units of an adult's palm are not the child's 1% of skin. The questionnaire and each condition's
section say, for each question about the patient, what changes for a parent (`ForChild`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.labels import Label


class Respondent(models.TextChoices):
    PATIENT = "patient", _("The patient")
    PARENT = "parent", _("A parent or guardian, for a child")


# The query string a page adds to the questionnaire's address to ask it in the child's voice.
FOR_CHILD_PARAMETER = "for"
FOR_CHILD_VALUE = "child"


@dataclass(frozen=True)
class ForChild:
    """A question's words for a parent answering for a child; None keeps the patient's words."""

    label: Label | None = None
    help_text: Label | None = None
    choices: Mapping[str, Label] = field(default_factory=dict)  # value → words


def speak_to_parent(fields: Mapping[str, forms.Field], words: Mapping[str, ForChild]) -> None:
    """Give the form's fields (copies, per form instance) the child's voice."""
    for name, child in words.items():
        question = fields.get(name)
        if question is None:
            continue
        if child.label is not None:
            question.label = child.label
        if child.help_text is not None:
            question.help_text = child.help_text
        if child.choices:
            assert isinstance(question, forms.ChoiceField)
            # Flat choices (the questionnaire has no groups): each value's words, or the patient's.
            flat = cast(list[tuple[str, Label]], question.choices)
            question.choices = [(value, child.choices.get(value, text)) for value, text in flat]


def respondent_of(data: Mapping[str, object] | None) -> str:
    """The respondent a submitted form or a page's initial answers name; the patient by default."""
    value = (data or {}).get("respondent")
    return Respondent.PARENT if value == Respondent.PARENT else Respondent.PATIENT

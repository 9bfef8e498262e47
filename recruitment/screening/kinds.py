"""Every kind of criterion the eligibility engine knows: the core ones and each condition's,
with their roles. The one place that puts them together; a kind's code, label, parameters and
check live with the kind (`core_kinds.py`, `recruitment/conditions/<condition>/kinds.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from recruitment.conditions import CONDITIONS
from recruitment.labels import Label
from recruitment.screening import core_kinds
from recruitment.screening.kind import Kind

_ALL = [*core_kinds.KINDS, *(kind for condition in CONDITIONS for kind in condition.kinds)]
# "Checked by the study team only" comes last in every list: the kind to use when none fits.
KINDS: dict[str, Kind] = {kind.code: kind for kind in sorted(_ALL, key=lambda kind: kind.code == "manual")}

# Names for the codes, for code that writes criteria (demo trials, tests): CriterionKind.SALT == "salt".
# Criteria store a kind's code as a plain string, checked against KINDS when written
# (`validate_kind`): a new kind needs no migration of the core.
CriterionKind = SimpleNamespace(**{code.upper(): code for code in KINDS})


def kind_choices(stored: Iterable[str] = ()) -> list[tuple[str, Label]]:
    """The kinds as form choices; `stored` kinds no longer installed stay readable among them."""
    choices: list[tuple[str, Label]] = [(code, kind.label) for code, kind in KINDS.items()]
    return choices + [(code, kind_label(code)) for code in sorted(set(stored) - set(KINDS))]


def kind_label(code: str) -> Label:
    kind = KINDS.get(code)
    return kind.label if kind is not None else format_lazy(_("unknown kind ({code})"), code=code)


def validate_kind(code: str) -> None:
    if code not in KINDS:
        raise ValidationError(_("%(code)s is not a kind of criterion this portal knows."), params={"code": code})


EXAMPLES = {code: kind.example for code, kind in KINDS.items() if kind.example}


class Role(models.TextChoices):
    INCLUSION = "inclusion", _("Inclusion: the applicant must meet the condition")
    EXCLUSION = "exclusion", _("Exclusion: meeting the condition excludes")
    REVIEW = "review", _("Review: meeting the condition asks the site to check (unconfirmed rule)")


def validate_params(kind: str, params) -> list[str]:
    """Problems with `params` for `kind`, in words a coordinator can act on; empty when valid."""
    if kind not in KINDS:
        return [f"unknown kind {kind!r}"]
    return KINDS[kind].problems(params)

"""Every kind of criterion the eligibility engine knows: the core ones and each condition's,
with their roles. The one place that puts them together; a kind's code, label, parameters and
check live with the kind (`core_kinds.py`, `recruitment/conditions/<condition>/kinds.py`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from recruitment.conditions import installed
from recruitment.labels import Label
from recruitment.screening import core_kinds
from recruitment.screening.kind import Kind


@functools.cache
def all_kinds() -> dict[str, Kind]:
    """Every kind by code: the core's and each installed condition's. "Checked by the study team
    only" comes last in every list: the kind to use when none fits. Read once the apps are ready."""
    every = [*core_kinds.KINDS, *(kind for condition in installed() for kind in condition.kinds)]
    return {kind.code: kind for kind in sorted(every, key=lambda kind: kind.code == "manual")}


def kinds_for(condition_code: str | None) -> dict[str, Kind]:
    """The kinds a trial of this condition may use: the core's and the condition's own (None:
    every kind). Another condition's kind on a trial would only ever ask the site."""
    if condition_code is None:
        return all_kinds()
    own = {kind.code for condition in installed() if condition.code == condition_code for kind in condition.kinds}
    core = {kind.code for kind in core_kinds.KINDS}
    return {code: kind for code, kind in all_kinds().items() if code in core or code in own}


def kind_choices(stored: Iterable[str] = (), *, condition: str | None = None) -> list[tuple[str, Label]]:
    """The kinds a trial of `condition` may use, as form choices; `stored` kinds it may not use
    (no longer installed) stay readable among them."""
    kinds = kinds_for(condition)
    choices: list[tuple[str, Label]] = [(code, kind.label) for code, kind in kinds.items()]
    return choices + [(code, kind_label(code)) for code in sorted(set(stored) - set(kinds))]


def kind_label(code: str) -> Label:
    kind = all_kinds().get(code)
    return kind.label if kind is not None else format_lazy(_("unknown kind ({code})"), code=code)


def is_known_kind(code: str) -> bool:
    return code in all_kinds()


def validate_kind(code: str) -> None:
    if code not in all_kinds():
        raise ValidationError(_("%(code)s is not a kind of criterion this portal knows."), params={"code": code})


def examples() -> dict[str, str]:
    return {code: kind.example for code, kind in all_kinds().items() if kind.example}


def validate_params(kind: str, params) -> list[str]:
    """Problems with `params` for `kind`, in words a coordinator can act on; empty when valid."""
    kinds = all_kinds()
    if kind not in kinds:
        return [f"unknown kind {kind!r}"]
    return kinds[kind].problems(params)

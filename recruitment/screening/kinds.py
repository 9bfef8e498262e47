"""Every kind of criterion the eligibility engine knows: the core ones and each condition's,
with their roles. The one place that puts them together; a kind's code, label, parameters and
check live with the kind (`core_kinds.py`, `recruitment/conditions/<condition>/kinds.py`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.conditions import CONDITIONS
from recruitment.screening import core_kinds
from recruitment.screening.kind import Kind

_ALL = [*core_kinds.KINDS, *(kind for condition in CONDITIONS for kind in condition.kinds)]
# "Checked by the study team only" comes last in every list: the kind to use when none fits.
KINDS: dict[str, Kind] = {kind.code: kind for kind in sorted(_ALL, key=lambda kind: kind.code == "manual")}

# Criterion.kind's choices, and names for code: CriterionKind.SALT == "salt".
CriterionKind = models.TextChoices(  # type: ignore[call-overload]  # stubs know no lazy labels here; issue 25 drops these choices
    "CriterionKind", [(code.upper(), (code, kind.label)) for code, kind in KINDS.items()]
)

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

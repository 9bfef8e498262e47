"""Alopecia areata (斑秃): its score (the self-reported SALT, `score.py`) and its kinds of
criterion (`kinds.py`)."""

from django.utils.translation import gettext_lazy as _

from recruitment.conditions.base import ConditionModule
from recruitment.conditions.alopecia_areata import kinds

CONDITION = ConditionModule(code="alopecia_areata", label=_("Alopecia areata"), kinds=kinds.KINDS,
                            online_screening=True)

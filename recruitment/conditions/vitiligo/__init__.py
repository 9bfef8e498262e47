"""Vitiligo (白癜风): its kinds of criterion (`kinds.py`). No questionnaire yet: its trials are
listed and screened by the sites."""

from django.utils.translation import gettext_lazy as _

from recruitment.conditions.base import ConditionModule
from recruitment.conditions.vitiligo import kinds

CONDITION = ConditionModule(code="vitiligo", label=_("Vitiligo"), kinds=kinds.KINDS, online_screening=False,
                            registry_terms=("vitiligo",))

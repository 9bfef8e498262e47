from django.utils.translation import gettext_lazy as _

from recruitment.conditions.base import ConditionAppConfig


class AtopicDermatitisConfig(ConditionAppConfig):
    default = True  # the one Django uses: apps.py also names ConditionAppConfig
    name = "recruitment.conditions.atopic_dermatitis"
    label = "atopic_dermatitis"
    verbose_name = _("Atopic dermatitis")
    condition_module = "recruitment.conditions.atopic_dermatitis.condition"

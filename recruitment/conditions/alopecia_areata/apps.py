from django.utils.translation import gettext_lazy as _

from recruitment.conditions.base import ConditionAppConfig


class AlopeciaAreataConfig(ConditionAppConfig):
    default = True  # the one Django uses: apps.py also names ConditionAppConfig
    name = "recruitment.conditions.alopecia_areata"
    label = "alopecia_areata"
    verbose_name = _("Alopecia areata")
    condition_module = "recruitment.conditions.alopecia_areata.condition"

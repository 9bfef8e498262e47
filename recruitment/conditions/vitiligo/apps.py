from django.utils.translation import gettext_lazy as _

from recruitment.conditions.base import ConditionAppConfig


class VitiligoConfig(ConditionAppConfig):
    default = True  # the one Django uses: apps.py also names ConditionAppConfig
    name = "recruitment.conditions.vitiligo"
    label = "vitiligo"
    verbose_name = _("Vitiligo")
    condition_module = "recruitment.conditions.vitiligo.condition"

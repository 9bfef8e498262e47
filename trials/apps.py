from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrialsConfig(AppConfig):
    name = "trials"
    verbose_name = _("Trial catalog")

    def ready(self):
        from trials import catalog_cache

        catalog_cache.connect()

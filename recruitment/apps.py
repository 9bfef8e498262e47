from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from django.db.models.signals import post_migrate

        from recruitment import (
            checks,  # noqa: F401 - registers the deploy checks
            tasks,  # noqa: F401 - registers the tasks the services publish by name
        )

        # Permissions exist only after migrate: keep the Coordinators group in step with the code.
        # Sent once per app; the group is written once every permission it needs exists.
        post_migrate.connect(_sync_roles, dispatch_uid="recruitment.sync_roles")


def _sync_roles(sender, using="default", **kwargs):
    from recruitment.roles import ensure_coordinators_group, permissions_ready

    if permissions_ready(using=using):
        ensure_coordinators_group(using=using)

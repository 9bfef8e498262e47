from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.test.signals import setting_changed

        from recruitment import (
            checks,  # noqa: F401 - registers the deploy checks
            tasks,  # noqa: F401 - registers the tasks the services publish by name
        )

        # Permissions exist only after migrate: keep the Coordinators group in step with the code.
        # Sent once per app; the group is written once every permission it needs exists.
        post_migrate.connect(_sync_roles, dispatch_uid="recruitment.sync_roles")
        # What is read from the installed conditions once is read again when they change (tests).
        setting_changed.connect(_forget_installed_conditions, dispatch_uid="recruitment.forget_conditions")


def _sync_roles(sender, using="default", **kwargs):
    from recruitment.roles import ensure_coordinators_group, permissions_ready

    if permissions_ready(using=using):
        ensure_coordinators_group(using=using)


def _forget_installed_conditions(setting, **kwargs):
    if setting == "INSTALLED_APPS":
        from recruitment.forms import forget_questionnaires
        from recruitment.screening.kinds import all_kinds

        all_kinds.cache_clear()
        forget_questionnaires()

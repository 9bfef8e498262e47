"""The groups that give staff users their permissions, kept in code so every install agrees."""

from django.contrib.auth.models import Group, Permission

COORDINATORS = "Coordinators"

COORDINATOR_PERMISSIONS = [
    ("trials", "view_trial"),
    # Changing a trial is limited, in TrialAdmin, to the trials of the coordinator's own sites:
    # that is where they keep the eligibility criteria.
    ("trials", "change_trial"),
    ("trials", "view_criterion"),
    ("trials", "add_criterion"),
    ("trials", "change_criterion"),
    ("trials", "delete_criterion"),
    ("trials", "view_site"),
    ("trials", "add_campaign"),
    ("trials", "change_campaign"),
    ("trials", "view_campaign"),
    ("trials", "view_campaignscanday"),
    ("trials", "view_trialchange"),  # what the registry sync changed, on the trial's page
    ("recruitment", "view_application"),
    ("recruitment", "change_application"),
    ("recruitment", "erase_application"),
    ("recruitment", "view_auditevent"),
    ("recruitment", "view_notification"),
]


def _permissions(using):
    wanted = {(app, code) for app, code in COORDINATOR_PERMISSIONS}
    found = Permission.objects.using(using).filter(content_type__app_label__in={app for app, _ in wanted})
    return [p for p in found.select_related("content_type") if (p.content_type.app_label, p.codename) in wanted]


def permissions_ready(*, using="default") -> bool:
    return len(_permissions(using)) == len(COORDINATOR_PERMISSIONS)


def ensure_coordinators_group(*, using="default") -> Group:
    group, _ = Group.objects.using(using).get_or_create(name=COORDINATORS)
    group.permissions.set(_permissions(using))
    return group

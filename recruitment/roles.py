"""The groups that give staff users their permissions, kept in code so every install agrees."""

from django.contrib.auth.models import Group, Permission

COORDINATORS = "Coordinators"

COORDINATOR_PERMISSIONS = [
    ("trials", "view_trial"),
    ("trials", "view_site"),
    ("trials", "view_sponsororganisation"),
    ("trials", "add_campaign"),
    ("trials", "change_campaign"),
    ("trials", "view_campaign"),
    ("trials", "view_campaignscanday"),
]


def ensure_coordinators_group() -> Group:
    group, _ = Group.objects.get_or_create(name=COORDINATORS)
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in COORDINATOR_PERMISSIONS
    ]
    group.permissions.set(permissions)
    return group

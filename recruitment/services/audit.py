"""The one place that writes the audit trail."""

from django.utils.translation import gettext_noop

from recruitment.models import AuditAction, AuditEvent

# Who acted when no user did; stored in English, shown in the reader's language.
PATIENT = gettext_noop("patient (web form)")
SYSTEM = gettext_noop("system")


def actor_label(user) -> str:
    return SYSTEM if user is None else user.get_username()


def log_action(*, application, actor, action, field="", old="", new="", reason="", details=None, at=None, label=None):
    event = audit_event(
        application=application,
        actor=actor,
        action=action,
        field=field,
        old=old,
        new=new,
        reason=reason,
        details=details,
        at=at,
        label=label,
    )
    event.save()
    return event


def audit_event(
    *, application, actor, action, field="", old="", new="", reason="", details=None, at=None, label=None
) -> AuditEvent:
    """The event `log_action` saves, unsaved: for a caller that writes it with other rows at once."""
    event = AuditEvent(
        application=application,
        actor=actor,
        actor_label=label or actor_label(actor),
        action=action,
        field=field,
        old_value="" if old is None else str(old),
        new_value="" if new is None else str(new),
        reason=reason,
        details=details or {},
    )
    if at is not None:
        event.created_at = at
    return event


def log_actions(events):
    """Many events at once (an export of many applications): one INSERT."""
    return AuditEvent.objects.bulk_create(events)


def log_campaign_change(campaign, *, by, created: bool, changes: dict):
    """A campaign created or changed in admin: which, by whom, each field from what to what."""
    return log_action(
        application=None,
        actor=by,
        action=AuditAction.CAMPAIGN_CHANGED,
        new=campaign.code,
        details={
            "campaign": campaign.code,
            "trial": campaign.trial.nct_id,
            "created": created,
            "changes": {name: [_plain(old), _plain(new)] for name, (old, new) in changes.items()},
        },
    )


def log_trial_change(trial, *, by, what: str, changes: dict, created: bool = False, deleted: bool = False):
    """A trial-wide edit in admin (the trial, one of its criteria or sites): by whom, each field
    from what to what. `what`: the row changed, in words."""
    return log_action(
        application=None,
        actor=by,
        action=AuditAction.TRIAL_CHANGED,
        new=what,
        details={
            "trial": trial.nct_id,
            "what": what,
            "created": created,
            "deleted": deleted,
            "changes": {name: [_plain(old), _plain(new)] for name, (old, new) in changes.items()},
        },
    )


def _plain(value):
    return value if value is None or isinstance(value, (bool, int, str)) else str(getattr(value, "pk", value))

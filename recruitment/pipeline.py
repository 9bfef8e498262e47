"""The coordinators' pipeline: statuses and the moves allowed between them. Pure rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    PRESCREEN_PASSED = "prescreen_passed", _("Pre-screen passed")
    REFERRED = "referred", _("Referred to screening visit")
    ENROLLED = "enrolled", _("Enrolled")
    # Exits: each needs a reason.
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    DECLINED = "declined", _("Declined")
    UNREACHABLE = "unreachable", _("Unreachable")
    WITHDRAWN = "withdrawn", _("Withdrawn")


FORWARD = [Status.NEW, Status.CONTACTED, Status.PRESCREEN_PASSED, Status.REFERRED, Status.ENROLLED]
EXITS = frozenset({Status.NOT_ELIGIBLE, Status.DECLINED, Status.UNREACHABLE, Status.WITHDRAWN})

_NEXT = {
    Status.NEW: {Status.CONTACTED, Status.NOT_ELIGIBLE, Status.UNREACHABLE, Status.WITHDRAWN},
    Status.CONTACTED: {Status.PRESCREEN_PASSED, *EXITS},
    Status.PRESCREEN_PASSED: {Status.REFERRED, *EXITS},
    Status.REFERRED: {Status.ENROLLED, *EXITS},
    # A participant can still leave; they are never silently "un-enrolled".
    Status.ENROLLED: {Status.WITHDRAWN},
    # Someone unreachable may call back.
    Status.UNREACHABLE: {Status.CONTACTED, Status.WITHDRAWN},
    Status.NOT_ELIGIBLE: set(),
    Status.DECLINED: set(),
    Status.WITHDRAWN: set(),
}


def allowed_moves(current: str) -> list[str]:
    """Statuses reachable from `current`, in pipeline order then exits."""
    order = [*FORWARD, Status.NOT_ELIGIBLE, Status.DECLINED, Status.UNREACHABLE, Status.WITHDRAWN]
    return [status for status in order if status in _NEXT[Status(current)]]


def needs_reason(target: str) -> bool:
    return target in EXITS


class TransitionError(ValueError):
    pass


def check_move(current: str, target: str, reason: str) -> None:
    if target not in _NEXT[Status(current)]:
        raise TransitionError(
            _("An application cannot move from “%(from)s” to “%(to)s”.")
            % {"from": Status(current).label, "to": Status(target).label}
        )
    if needs_reason(target) and not reason.strip():
        raise TransitionError(
            _("A reason is required to move an application to “%(to)s”.") % {"to": Status(target).label}
        )

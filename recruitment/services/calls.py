"""The coordinator's calls: attempts to reach an applicant, the next call, and the first-contact
clock (a site's target, in working hours, from sign-up to the first attempt)."""

from __future__ import annotations

import datetime
import statistics
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone, translation

from recruitment.models import (
    FAILED_OUTCOMES,
    Application,
    AttemptOutcome,
    AuditAction,
    ContactAttempt,
    Notification,
    NotificationKind,
)
from recruitment.pipeline import EXITS, Status, allowed_moves
from recruitment.selectors import coordinators_for
from recruitment.services import review
from recruitment.services.audit import log_action
from recruitment.services.notifications import enqueue
from recruitment.workdays import add_working_hours, working_hours_between

DEFAULT_TARGET_HOURS = 8  # one working day, for a sign-up without a chosen site


def _tz():
    return zoneinfo.ZoneInfo(settings.PATIENT_TIME_ZONE)


def first_contact_due(submitted_at: datetime.datetime, site) -> datetime.datetime:
    hours = site.first_contact_target_hours if site is not None else DEFAULT_TARGET_HOURS
    return add_working_hours(submitted_at, hours, _tz())


@dataclass(frozen=True)
class ContactClock:
    """Where an application waiting for its first call stands against the first-contact target."""

    # Past the target, even when no working hour has gone by since: a target missed at 17:00 on
    # a Friday is overdue all weekend, at 0 working hours past it.
    overdue: bool
    hours: float  # working hours left; once overdue, working hours since the target


def contact_clock(application, now=None) -> ContactClock | None:
    """The first-contact clock, or None once a first attempt was made (or none is waited for)."""
    if (
        application.first_contact_at is not None
        or application.first_contact_due is None
        or application.status != Status.NEW
    ):
        return None
    now = now or timezone.now()
    due = application.first_contact_due
    if now <= due:
        return ContactClock(overdue=False, hours=working_hours_between(now, due, _tz()))
    return ContactClock(overdue=True, hours=working_hours_between(due, now, _tz()))


@dataclass(frozen=True)
class CallDue:
    """When the applicant's next call is due: the first call's target, or the planned call."""

    at: datetime.datetime | None  # None: called before, no time planned (call when there is time)
    overdue: bool
    clock: ContactClock | None  # the first call's, against its target in working hours


def call_due(application, now=None) -> CallDue:
    now = now or timezone.now()
    clock = contact_clock(application, now)
    if clock is not None:
        return CallDue(at=application.first_contact_due, overdue=clock.overdue, clock=clock)
    planned = application.next_contact_at
    return CallDue(at=planned, overdue=planned is not None and planned < now, clock=None)


@transaction.atomic
def record_attempt(
    application: Application,
    *,
    by,
    outcome: str,
    channel: str = "phone",
    next_contact_at: datetime.datetime | None = None,
    at=None,
) -> ContactAttempt:
    """One attempt to reach the applicant. The first one stops the first-contact clock; reaching
    them moves a new application to "contacted"; otherwise the next call is planned (agreed with
    the patient, or chosen by the coordinator)."""
    at = at or timezone.now()
    if outcome == AttemptOutcome.REACHED:
        # A time left in the call panel from an earlier try is no plan once the patient answered:
        # kept on the attempt or in the trail, it would read as a call still to make.
        next_contact_at = None
    app = Application.objects.select_for_update().get(pk=application.pk)
    attempt = ContactAttempt.objects.create(
        application=app, by=by, at=at, channel=channel, outcome=outcome, next_contact_at=next_contact_at
    )
    app.first_contact_at = app.first_contact_at or at
    app.next_contact_at = next_contact_at
    app.save(update_fields=["first_contact_at", "next_contact_at"])
    with translation.override(settings.LANGUAGE_CODE):  # one language in the trail, whoever acts
        outcome_label = str(AttemptOutcome(outcome).label)
    log_action(
        application=app,
        actor=by,
        action=AuditAction.CONTACT_ATTEMPT,
        field="outcome",
        new=outcome_label,
        at=at,
        details={
            "channel": channel,
            "outcome": outcome,
            "next_contact_at": next_contact_at.isoformat() if next_contact_at else None,
        },
    )
    if outcome == AttemptOutcome.REACHED and app.status == Status.NEW:
        review.change_status(app, to=Status.CONTACTED, by=by)
    application.first_contact_at, application.next_contact_at = app.first_contact_at, app.next_contact_at
    application.status = Application.objects.values_list("status", flat=True).get(pk=app.pk)
    return attempt


def failed_in_a_row(outcomes) -> int:
    """How many of the latest outcomes (oldest first) in a row did not reach the patient."""
    count = 0
    for outcome in reversed(list(outcomes)):
        if outcome not in FAILED_OUTCOMES:
            break
        count += 1
    return count


def offer_unreachable(application, outcomes=None) -> bool:
    """Whether to offer "unreachable": after UNREACHABLE_AFTER_ATTEMPTS failed attempts in a row.
    `outcomes`: the attempts' outcomes, oldest first, when the caller has read them already."""
    if Status.UNREACHABLE not in allowed_moves(application.status):
        return False
    if outcomes is None:
        outcomes = application.contact_attempts.values_list("outcome", flat=True)  # model order: oldest first
    return failed_in_a_row(outcomes) >= settings.UNREACHABLE_AFTER_ATTEMPTS


def missed_first_contact(now=None):
    """Applications whose first-contact target has passed without an attempt, not yet told."""
    now = now or timezone.now()
    return Application.objects.filter(
        first_contact_at=None,
        first_contact_breach_notified_at=None,
        first_contact_due__lt=now,
        erased_at=None,
        status=Status.NEW,
    )


def lead_of(application):
    """Who is told of a missed target: the site's lead coordinator, else its coordinators."""
    coordinators = coordinators_for(application)
    site = application.site
    if site is not None and site.lead_coordinator_id and coordinators.filter(pk=site.lead_coordinator_id).exists():
        return [site.lead_coordinator]
    return list(coordinators)


def notify_missed_first_contacts(now=None) -> list[int]:
    """Tell each missed target's lead, once (Notification rows, queued after the commit)."""
    now = now or timezone.now()
    created = []
    with transaction.atomic():
        for application in (
            missed_first_contact(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("site__lead_coordinator")
            .order_by("first_contact_due")[:500]
        ):
            told = set(
                Notification.objects.filter(
                    kind=NotificationKind.FIRST_CONTACT_MISSED, application=application
                ).values_list("recipient_id", flat=True)
            )
            rows = Notification.objects.bulk_create(
                [
                    Notification(
                        kind=NotificationKind.FIRST_CONTACT_MISSED,
                        recipient=user,
                        application=application,
                        created_at=now,
                    )
                    for user in lead_of(application)
                    if user.pk not in told
                ]
            )
            created += [row.pk for row in rows]
            if rows or told:  # nobody to tell yet (a site without coordinators): tried again next run
                Application.objects.filter(pk=application.pk).update(first_contact_breach_notified_at=now)
        transaction.on_commit(lambda: enqueue(created), robust=True)
    return created


def first_contact_by_site(applications) -> dict:
    """Per site id: (median working hours from sign-up to first attempt, share of first attempts
    within the site's target, how many were measured). Sites with none measured are left out."""
    rows = (
        applications.exclude(first_contact_at=None)
        .exclude(first_contact_due=None)
        .values_list("site_id", "submitted_at", "first_contact_at", "first_contact_due")
    )
    waits: dict[int, list[float]] = {}
    within: dict[int, list[bool]] = {}
    for site_id, submitted, first, due in rows:
        waits.setdefault(site_id, []).append(working_hours_between(submitted, first, _tz()))
        within.setdefault(site_id, []).append(first <= due)
    return {
        site_id: (statistics.median(hours), sum(within[site_id]) / len(hours), len(hours))
        for site_id, hours in waits.items()
    }


def queue_for(user, *, now=None):
    """ "My applicants today": applications assigned to `user`, or unassigned at their sites,
    still to be called (new, or contacted with a next call planned); new first, then by the next
    call's time."""
    from recruitment.selectors import applications_for

    now = now or timezone.now()
    end_of_day = now.astimezone(_tz()).replace(hour=23, minute=59, second=59)
    due_today = Q(next_contact_at__lte=end_of_day)
    open_ = (Q(status=Status.NEW) & (Q(next_contact_at=None) | due_today)) | (due_today & ~Q(status__in=EXITS))
    # Never called first (their clock runs), the nearest deadline first; then the calls planned.
    return (
        applications_for(user)
        .filter(Q(assigned_to=user) | Q(assigned_to=None))
        .filter(open_)
        .select_related("trial", "site", "contact", "assigned_to")
        .annotate(
            never_called=Case(
                When(status=Status.NEW, first_contact_at=None, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "never_called",
            F("first_contact_due").asc(nulls_last=True),
            F("next_contact_at").asc(nulls_last=True),
            "submitted_at",
        )
    )

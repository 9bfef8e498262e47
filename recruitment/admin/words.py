"""How the coordinator's pages word moments, spans of time and the audit trail, in the reader's
language. The trail keeps the portal's own words in English and what was done as codes in its
details (one language in the record, whoever acted): they become the reader's words only here, as
they are shown."""

import datetime
import re

from django.utils import dateformat, timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from recruitment.access_forms import ErasureAsked
from recruitment.models import AttemptChannel, AttemptOutcome, AuditAction
from recruitment.respondent import Respondent

# The words the services write into the trail themselves (values and reasons), as they write them.
PORTAL_WORDS = {
    "opened": _("opened"),
    "withdrawn by the patient": _("withdrawn by the patient"),
    "retention period ended": _("retention period ended"),
    "asked for on my application": _("asked for by the patient on their application page"),
}
# A coordinator's erasure: CoordinatorEraseForm.reason(), how the patient asked kept as a code.
ERASURE_ASKED = re.compile(r"asked (?P<how>.+), identity checked")


def whom_to_ask_for(application) -> str:
    """Who answers the phone for a minor: the parent who applied, or the guardian a minor named.
    A coordinator calling from the queue must not ask for a 16-year-old on a parent's phone."""
    guardian = application.contact.guardian_name
    if application.respondent == Respondent.PARENT:
        return gettext("A parent applied: ask for %(guardian)s") % {"guardian": guardian or gettext("the parent")}
    if guardian:
        return gettext("Under 18: the parent or guardian is %(guardian)s") % {"guardian": guardian}
    return ""


def moment(value: datetime.datetime) -> str:
    """A moment in the staff's time zone, short and unambiguous: "8 Dec 10:00", "12月8日 10:00"."""
    # Translators: a date and time as Django's date filter formats it (j: day, M: month's short name,
    # n: month's number, H:i: 24-hour time). Chinese: "n月j日 H:i".
    pattern = pgettext("short moment", "j M H:i")
    return dateformat.format(timezone.localtime(value), pattern)


def span(minutes: int) -> str:
    """A length of time in the largest unit that says it: "40 min", "3 h", "2 d"."""
    minutes = abs(minutes)
    if minutes < 60:
        return gettext("%(n)d min") % {"n": minutes}
    if minutes < 48 * 60:
        return gettext("%(n)d h") % {"n": minutes // 60}
    return gettext("%(n)d d") % {"n": minutes // (24 * 60)}


def minutes_between(start: datetime.datetime, end: datetime.datetime) -> int:
    return int((end - start).total_seconds() // 60)


def attempt(*, channel: str, outcome: str, next_contact_at: datetime.datetime | None) -> str:
    """One call attempt: "Phone call: No answer, next contact 8 Dec 10:00"."""
    said = format_html(
        gettext("{channel}: {outcome}"),
        channel=AttemptChannel(channel).label if channel in AttemptChannel.values else channel,
        outcome=AttemptOutcome(outcome).label if outcome in AttemptOutcome.values else outcome,
    )
    if next_contact_at is None or outcome == AttemptOutcome.REACHED:
        return said
    return format_html("{}{}{}", said, pgettext("within one call attempt", ", "), next_contact(next_contact_at))


def next_contact(value: datetime.datetime) -> str:
    return format_html(gettext("next contact {when}"), when=moment(value))


def _portal(event, words: str) -> str:
    """The portal's own words in the reader's language; what a person's action wrote (a username)
    as written."""
    return str(PORTAL_WORDS.get(words, words)) if event.actor_id is None else words


def _value(event, value: str) -> str:
    if not value:
        return ""
    if event.action == AuditAction.REMINDER_SENT:
        try:
            return date_format(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return _portal(event, value)


def trail_change(event) -> str:
    """What an event changed, each value in the reader's words; empty when it changed no value."""
    if event.action == AuditAction.CONTACT_ATTEMPT and event.details.get("outcome"):
        planned = event.details.get("next_contact_at")
        return attempt(
            channel=event.details.get("channel", ""),
            outcome=event.details["outcome"],
            next_contact_at=datetime.datetime.fromisoformat(planned) if planned else None,
        )
    old, new = _value(event, event.shown_old_value), _value(event, event.shown_new_value)
    if event.field == "assigned_to" and (old or new):
        return format_html("{} → {}", old or gettext("nobody"), new or gettext("nobody"))
    if not old:
        return new  # a first value (a verdict at submission, a date): nothing it replaced
    return format_html("{} → {}", old, new or gettext("none"))


def trail_reason(event, typed: dict) -> str:
    """Why: the portal's own words in the reader's language, or the note a person typed (the
    trail names it by its id: the words go with an erasure)."""
    reason = event.reason
    if not reason:
        return typed.get(event.details.get("reason_note"), "")
    if match := ERASURE_ASKED.fullmatch(reason):
        how = match["how"]
        return gettext("%(how)s; identity checked") % {
            "how": ErasureAsked(how).label if how in ErasureAsked.values else how
        }
    return _portal(event, reason)

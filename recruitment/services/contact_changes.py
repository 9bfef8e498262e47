"""A patient's corrections of their phone, e-mail or best time to call on "my application". A new
phone or e-mail replaces the old one only once the one-time code sent to it is typed back, and
every address on file is told of each change: whoever opened the application cannot take its
contact over unnoticed."""

from __future__ import annotations

import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment.models import AccessCode, Application, Channel, Notification, NotificationKind
from recruitment.services import patient_rights
from recruitment.services.notifications import notices_stored
from recruitment.services.patient_access import MAX_TRIES, issue_code, spend_code


class CorrectionRefused(Exception):
    """A correction that cannot be made as asked; the message says why, in the patient's words."""


def ask_to_correct(application: Application, *, phone: str, email: str, best_time_to_call: str, now=None) -> int | None:
    """The patient's corrections on "my application". A new phone or e-mail is not used until the
    code sent to it is typed back (confirm_address): whoever opened the application must not
    redirect its future codes to an address they choose. The rest applies at once. Returns the id
    of the code sent to a new address, to confirm it with (confirm_address), or None."""
    contact = application.contact
    posted = {"phone": phone, "email": email}
    new = [name for name, value in posted.items() if value and value != getattr(contact, name)]
    removed = [name for name, value in posted.items() if not value and getattr(contact, name)]
    if len(new) > 1:
        raise CorrectionRefused(_("Please change one address at a time: each is confirmed with a code sent to it."))
    if removed and not [name for name in posted if getattr(contact, name) and name not in removed]:
        raise CorrectionRefused(_("Please confirm the new address first; then you can remove the old one."))
    on_file = {name: getattr(contact, name) for name in posted}
    try:
        patient_rights.correct_contact(
            application, best_time_to_call=best_time_to_call, **{name: "" for name in removed}
        )
    except IntegrityError:  # the other address was removed at the same moment: one must stay
        raise CorrectionRefused(
            _("Please keep a phone number or an e-mail address so that the site can reach you.")
        ) from None
    for name in removed:
        _tell_every_address(application, changed=name, addresses=on_file, now=now or timezone.now())
    if not new:
        return None
    checking = send_address_check(application, field=new[0], address=posted[new[0]], now=now)
    if checking is None:
        raise CorrectionRefused(_("Too many codes were sent for this application in the last hour. Please try later."))
    return checking


def send_address_check(application: Application, *, field: str, address: str, now=None) -> int | None:
    """Send a code to a new phone or e-mail; its id, or None when the hour's codes are used up."""
    channel = Channel.EMAIL if field == "email" else Channel.SMS
    kind = NotificationKind.ADDRESS_CHECK
    return issue_code(application, channel, kind, now=now or timezone.now(), field=field, address=address)


def pending_address(application: Application, access_id: int | None, *, now=None) -> AccessCode | None:
    """The new address this browser is confirming for the application, while its code is valid."""
    if access_id is None:
        return None
    return _pending(application, access_id, now or timezone.now()).first()


def _pending(application, access_id, now):
    return AccessCode.objects.filter(
        pk=access_id, application=application, used_at=None, expires_at__gt=now, tries__lt=MAX_TRIES
    ).exclude(pending_field="")


def confirm_address(application: Application, access_id: int | None, code: str, *, now=None) -> str | None:
    """The field a right code changes to its new address ("phone" or "email"), or None. Every
    address on file before is told of the change (naming no trial)."""
    now = now or timezone.now()
    code = unicodedata.normalize("NFKC", code or "").strip().replace(" ", "")
    if access_id is None:
        return None
    with transaction.atomic():
        access = _pending(application, access_id, now).select_for_update().first()
        if access is None or not spend_code(access, code, now):
            return None
        field = access.pending_field
        on_file = {name: getattr(application.contact, name) for name in ("phone", "email")}
        patient_rights.correct_contact(application, **{field: access.pending_address})
        application.contact.refresh_from_db()
        _tell_every_address(application, changed=field, addresses=on_file, now=now)
        return field


def _tell_every_address(application, *, changed: str, addresses: dict, now) -> None:
    """Every address on file before a change is told of it, each by its own channel, naming no
    trial: a phone or e-mail added, replaced or removed by whoever opened the application does
    not go unnoticed by the patient."""
    notices = [
        Notification.objects.create(
            kind=NotificationKind.CONTACT_CHANGED,
            channel=Channel.EMAIL if name == "email" else Channel.SMS,
            application=application,
            created_at=now,
            payload={"to": address, "field": changed},
        )
        for name, address in addresses.items()
        if address
    ]
    if notices:
        notices_stored(application, [notice.pk for notice in notices])

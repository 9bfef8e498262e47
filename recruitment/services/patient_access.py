"""How a patient opens "my application" on any phone: their reference code, the phone number or
e-mail address they gave with it, and a one-time code sent there.

Nothing here tells whether a reference exists: a reference with the wrong address, or none at
all, gets the same answer as a right one, and any code typed for it is simply "not right".
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
import unicodedata

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from recruitment.contact_keys import email_key, phone_key, phone_spellings
from recruitment.models import AccessCode, Application, AuditAction, Channel, Notification, NotificationKind
from recruitment.models.applications import normalise_reference
from recruitment.ratelimit import Throttle, count_hit
from recruitment.services.audit import PATIENT, log_action
from recruitment.services.notifications import notices_stored

CODE_MINUTES = 10
MAX_TRIES = 5  # wrong codes typed before a code is spent
CODES_PER_HOUR = 3  # per application, whoever asks: a patient's phone is not a bell to ring


def _hash(access_id: int, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{access_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _matching(reference: str, address: str):
    """The application a reference and an address name together, if any (never an erased one)."""
    address = unicodedata.normalize("NFKC", address).strip()
    match: dict[str, object]
    if "@" in address:
        match = {"contact__email_key": email_key(address)}
    else:
        key = phone_key(address)
        if not key:
            return None
        match = {"contact__phone_key__in": sorted(phone_spellings(key))}
    return (
        Application.objects.select_related("contact")
        .filter(reference=normalise_reference(reference), erased_at=None, **match)
        .first()
    )


def request_code(*, reference: str, address: str, throttle: Throttle, now=None) -> int | None:
    """Send a one-time code to `address` if it is the phone or e-mail given with `reference`.
    Returns the code's id, to keep in the asker's session, or None (no such pair, or too many
    codes asked for): the caller says the same thing in every case."""
    now = now or timezone.now()
    # Chinese input methods type full-width letters, digits and ＠: the plain forms from here on.
    reference = unicodedata.normalize("NFKC", reference).strip()
    address = unicodedata.normalize("NFKC", address).strip()
    with transaction.atomic():
        if count_hit(throttle, now) > throttle.limit:
            return None
        application = _matching(reference, address)
        if application is None:
            return None
        recent = application.access_codes.filter(created_at__gte=now - datetime.timedelta(hours=1)).count()
        if recent >= CODES_PER_HOUR:
            return None
        channel = Channel.EMAIL if "@" in address else Channel.SMS
        expires = now + datetime.timedelta(minutes=CODE_MINUTES)
        access = AccessCode.objects.create(
            application=application, channel=channel, code_hash="", created_at=now, expires_at=expires
        )
        code = f"{secrets.randbelow(10**6):06d}"
        access.code_hash = _hash(access.pk, code)
        access.save(update_fields=["code_hash"])
        notice = Notification.objects.create(
            kind=NotificationKind.ACCESS_CODE,
            channel=channel,
            application=application,
            created_at=now,
            payload={"code": code, "minutes": CODE_MINUTES, "expires": expires.timestamp()},
        )
        notices_stored(application, [notice.pk])
    return access.pk


def check_code(access_id: int | None, code: str, *, now=None) -> Application | None:
    """The application a right code opens (audited), or None. A code opens once, within its
    minutes, and is spent after MAX_TRIES wrong ones."""
    now = now or timezone.now()
    code = unicodedata.normalize("NFKC", code or "").strip().replace(" ", "")
    if access_id is None:
        return None
    with transaction.atomic():
        access = (
            AccessCode.objects.select_for_update()
            .select_related("application")
            .filter(pk=access_id, used_at=None, expires_at__gt=now, tries__lt=MAX_TRIES, application__erased_at=None)
            .first()
        )
        if access is None:
            return None
        if not hmac.compare_digest(access.code_hash, _hash(access.pk, code)):
            access.tries += 1
            access.save(update_fields=["tries"])
            return None
        access.used_at = now
        access.save(update_fields=["used_at"])
        log_action(
            application=access.application,
            actor=None,
            label=PATIENT,
            action=AuditAction.PATIENT_SIGNED_IN,
            details={"by": access.channel},
        )
        return access.application

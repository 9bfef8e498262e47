"""How a patient opens "my application" on any phone: their reference code, the phone number or
e-mail address they gave with it, and a one-time code sent there.

Nothing here tells whether a reference exists: a reference with the wrong address, or none at
all, gets the same answer as a right one, and any code typed for it is simply "not right".
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import secrets
import unicodedata

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.celery import app as celery_app
from recruitment.contact_keys import email_key, phone_key, phone_spellings
from recruitment.models import AccessCode, Application, AuditAction, Channel, Notification, NotificationKind
from recruitment.models.applications import normalise_reference
from recruitment.ratelimit import Throttle, count_hit
from recruitment.sealed import seal
from recruitment.services.audit import PATIENT, log_action
from recruitment.services.notifications import ONE_TRY, notices_stored

logger = logging.getLogger(__name__)

CODE_MINUTES = 10
MAX_TRIES = 5  # wrong codes typed before a code is spent
CODES_PER_HOUR = 3  # per application and asker: a patient's phone is not a bell to ring
# Per application, whoever asks: askers spread over many addresses get no more codes to guess.
CODES_PER_HOUR_IN_ALL = 10


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


def _ask_hash(ask: str) -> str:
    return hashlib.sha256(f"ask:{ask}".encode()).hexdigest()


def ask_for_code(*, reference: str, address: str, throttle: Throttle, now=None) -> str:
    """The asker's token, to keep in their session: a code is sent to `address` if it is the
    phone or e-mail given with `reference`. The same work and time whether or not they match, or
    the asker is over their limit: the count here, then the lookup and the code in a task after
    the response (`request_code`); the caller says the same thing in every case."""
    ask = secrets.token_urlsafe(24)
    with transaction.atomic():
        over = count_hit(throttle, now or timezone.now()) > throttle.limit
    if not over:
        _queue_code_request(reference, address, throttle.key, _ask_hash(ask))
    return ask


CODE_TASK = "recruitment.tasks.send_access_code"  # by name, as the outbox queues its sends


def _queue_code_request(reference, address, asked_from, ask_hash) -> None:
    args = [reference, address, asked_from, ask_hash]
    try:
        celery_app.tasks[CODE_TASK].apply_async(args=args, retry_policy=ONE_TRY)
    except Exception as exc:  # noqa: BLE001 - a broker outage: the patient still gets the code
        logger.warning("could not queue a code request, looked up at once: %s", exc.__class__.__name__)
        request_code(*args)


def request_code(reference: str, address: str, asked_from: int | None, ask_hash: str, now=None) -> int | None:
    """Send a one-time code to `address` if it is the phone or e-mail given with `reference`;
    the code's id, or None (no such pair, or the hour's codes used up)."""
    now = now or timezone.now()
    # Chinese input methods type full-width letters, digits and ＠: the plain forms from here on.
    reference = unicodedata.normalize("NFKC", reference).strip()
    address = unicodedata.normalize("NFKC", address).strip()
    application = _matching(reference, address)
    if application is None:
        return None
    channel = Channel.EMAIL if "@" in address else Channel.SMS
    kind = NotificationKind.ACCESS_CODE
    return issue_code(application, channel, kind, now=now, asked_from=asked_from, ask_hash=ask_hash)


def send_code(application: Application, channel: str, *, now=None) -> str | None:
    """Send a one-time code that opens the application to its address on file for `channel`;
    the asker's token (as `ask_for_code`'s), or None when the hour's codes are used up."""
    ask = secrets.token_urlsafe(24)
    issued = issue_code(
        application, channel, NotificationKind.ACCESS_CODE, now=now or timezone.now(), ask_hash=_ask_hash(ask)
    )
    return ask if issued is not None else None


def issue_code(application, channel, kind, *, now, field="", address="", asked_from=None, ask_hash="") -> int | None:
    """A new one-time code, stored hashed, and its message in the outbox (to `address` when one
    is being confirmed); None when CODES_PER_HOUR codes were sent this hour for the application
    to whoever asks from `asked_from` (the patient's own allowance is not someone else's)."""
    with transaction.atomic():
        Application.objects.select_for_update().filter(pk=application.pk).first()  # one count at a time
        recent = application.access_codes.filter(created_at__gte=now - datetime.timedelta(hours=1))
        if recent.filter(asked_from=asked_from).count() >= CODES_PER_HOUR or recent.count() >= CODES_PER_HOUR_IN_ALL:
            return None
        expires = now + datetime.timedelta(minutes=CODE_MINUTES)
        access = AccessCode.objects.create(
            application=application,
            channel=channel,
            code_hash="",
            created_at=now,
            expires_at=expires,
            pending_field=field,
            pending_address=address,
            asked_from=asked_from,
            ask_hash=ask_hash,
        )
        code = f"{secrets.randbelow(10**6):06d}"
        access.code_hash = _hash(access.pk, code)
        access.save(update_fields=["code_hash"])
        payload = {"code": seal(code), "minutes": CODE_MINUTES, "expires": expires.timestamp()}
        notice = Notification.objects.create(
            kind=kind,
            channel=channel,
            application=application,
            created_at=now,
            payload={**payload, "to": address} if address else payload,
        )
        notices_stored(application, [notice.pk])
    return access.pk


def spend_code(access: AccessCode, code: str, now) -> bool:
    """Whether `code` is the locked access code's: a right one is used up, a wrong one costs a try."""
    if not hmac.compare_digest(access.code_hash, _hash(access.pk, code)):
        access.tries += 1
        access.save(update_fields=["tries"])
        return False
    access.used_at = now
    access.save(update_fields=["used_at"])
    return True


def check_code(ask: str | None, code: str, *, now=None) -> Application | None:
    """The application a right code opens (audited), or None. `ask`: the asker's token. A code
    opens once, within its minutes, and is spent after MAX_TRIES wrong ones."""
    now = now or timezone.now()
    code = unicodedata.normalize("NFKC", code or "").strip().replace(" ", "")
    if not ask or not isinstance(ask, str):
        return None
    with transaction.atomic():
        access = (
            AccessCode.objects.select_for_update()
            .select_related("application")
            .filter(
                ask_hash=_ask_hash(ask),
                used_at=None,
                expires_at__gt=now,
                tries__lt=MAX_TRIES,
                application__erased_at=None,
                pending_field="",  # a code confirming a new address opens nothing
            )
            .first()
        )
        if access is None or not spend_code(access, code, now):
            return None
        log_action(
            application=access.application,
            actor=None,
            label=PATIENT,
            action=AuditAction.PATIENT_SIGNED_IN,
            details={"by": access.channel},
        )
        return access.application

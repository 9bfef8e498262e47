"""What the portal sends to patients, by e-mail and by text message, through the same outbox as
coordinators' e-mails (recruitment.services.notifications): a confirmation of their application,
and the one-time codes that open "my application".

Health data never goes into these messages: no trial, no condition, no verdict, no answer. A
phone's lock screen, a shared mailbox or an SMS provider may show them to anyone.
"""

from __future__ import annotations

import hashlib

import sms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from recruitment.contact_keys import HOME_CALLING_CODE, phone_key, reaches_someone
from recruitment.models import Channel, Notification, NotificationKind
from recruitment.models.notifications import ADDRESSED_KINDS
from recruitment.ratelimit import Throttle, count_hit
from recruitment.sealed import unseal
from recruitment.sms_gateways import Template
from trials.qr import absolute_url


def confirmation_notices(contact, now) -> list[Notification]:
    """The confirmations of a new application, one per way the patient gave to reach them
    (unsaved: stored with the application)."""
    channels = [channel for channel, given in ((Channel.EMAIL, contact.email), (Channel.SMS, contact.phone)) if given]
    return [Notification(kind=NotificationKind.CONFIRMATION, channel=channel, created_at=now) for channel in channels]


def my_application_url(reference: str = "") -> str:
    url = absolute_url(reverse("recruitment:my_start"))
    return f"{url}?ref={reference}" if reference else url


def study_team_contact(application) -> dict:
    """How the patient reaches the study team: the chosen site's desk, else the portal's; never a
    placeholder (both may be empty: the pages then say the team calls them)."""
    site = application.site
    phone = (site.contact_phone if site else "") or settings.PORTAL_CONTACT_PHONE
    email = (site.contact_email if site else "") or settings.PORTAL_CONTACT_EMAIL
    return {"phone": phone, "email": email if reaches_someone(email) else ""}


def sms_number(phone: str) -> str:
    """The number in international form, as SMS providers want it: a Chinese number typed without
    its +86 gets it, and 0086 becomes +86."""

    key = phone_key(phone)
    if key.startswith("00"):
        return "+" + key[2:]
    return key if key.startswith("+") else f"+{HOME_CALLING_CODE}{key}"


def address_of(notification) -> str:
    """Where a patient's message goes: the address its payload names (a new one being checked,
    a former one told of a change), else the one on file for its channel."""
    if notification.kind in ADDRESSED_KINDS:
        return notification.payload.get("to", "")
    contact = notification.application.contact
    return contact.phone if notification.channel == Channel.SMS else contact.email


def message(notification):
    """The e-mail or text message of a patient's notification, in the patient's language."""
    application = notification.application
    with translation.override(application.language):
        context = {
            "reference": application.reference,
            "url": my_application_url(application.reference),
            "team": study_team_contact(application),
            "code": unseal(notification.payload.get("code", "")),
            "minutes": notification.payload.get("minutes", 0),
            "field": notification.payload.get("field", ""),
            "operator": settings.PORTAL_OPERATOR,
        }
        context["reach"] = team_or_my_application(context)
        name = notification.kind  # confirmation, access_code, address_check, contact_changed
        if notification.channel == Channel.SMS:
            body = render_to_string(f"sms/{name}.txt", context).strip()
            text = sms.Message(body, settings.DEFAULT_FROM_SMS, [sms_number(address_of(notification))])
            # A gateway that sends only templates filed in advance (mainland China's) sends these.
            text.template = sms_template(name, application.language, context)
            return text
        subject = render_to_string(f"emails/{name}_subject.txt", context).strip()
        body = render_to_string(f"emails/{name}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[address_of(notification)])


def team_or_my_application(context: dict) -> str:
    """Where a text message sends a patient who did not make a change: the study team's desk, or
    (no desk configured) "my application", where it can be changed back."""
    return context["team"]["phone"] or context["team"]["email"] or context["url"]


def sms_template(kind: str, language: str, context: dict) -> Template:
    """The text message as a template gateway sends it: the same words, filed in advance per
    message and language, filled with the same values (templates/sms/)."""
    if kind == NotificationKind.CONTACT_CHANGED:
        kind = f"{kind}_{context['field'] or 'phone'}"
        values = {"reference": context["reference"], "phone": context["reach"]}
    elif kind == NotificationKind.CONFIRMATION:
        values = {"reference": context["reference"], "url": context["url"]}
    else:  # a one-time code
        values = {"code": context["code"], "minutes": str(context["minutes"])}
    return Template(kind=kind, language=language, values=values)


def no_longer_wanted(notification) -> str:
    """Why a patient's message must not go out any more, or ''."""
    application = notification.application
    if application.erased_at is not None:
        return "not sent: the patient's data was erased"
    address = address_of(notification)
    if not address:
        return "not sent: the patient removed this address"
    expires = notification.payload.get("expires")
    codes = (NotificationKind.ACCESS_CODE, NotificationKind.ADDRESS_CHECK)
    if notification.kind in codes and expires and expires < timezone.now().timestamp():
        return "not sent: the code has expired"
    # Each message counts once, not per retry; a security notice (an address changed) against a
    # cap of its own, so that the number's other texts used up cannot silence it.
    if notification.channel == Channel.SMS:
        notice = notification.kind == NotificationKind.CONTACT_CHANGED
        return _sms_refused(sms_number(address), count=notification.attempts == 0, notice=notice)
    return ""


SECURITY_NOTICES_PER_NUMBER_PER_DAY = 5


def _sms_refused(number: str, *, count: bool, notice: bool = False) -> str:
    """Why a text message must not go to `number` (SMS pumping), or ''. `count`: this message is
    counted against the number's day (its first attempt). Call in a transaction: the number's
    count for the day is locked until it commits."""
    if not any(number.startswith(f"+{code}") for code in settings.SMS_ALLOWED_CALLING_CODES):
        return "not sent: text messages do not go to this country"
    if notice:
        day = Throttle(_number_key(f"notice:{number}"), SECURITY_NOTICES_PER_NUMBER_PER_DAY, 86400)
    else:
        day = Throttle(_number_key(number), settings.SMS_PER_NUMBER_PER_DAY, 86400)
    if count and count_hit(day, timezone.now()) > day.limit:
        return "not sent: this number has had its text messages for the day"
    return ""


def _number_key(number: str) -> int:
    """The number's counter, keyed by a hash with the secret key: the database never holds it."""
    digest = hashlib.blake2b(f"sms:{number}".encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)

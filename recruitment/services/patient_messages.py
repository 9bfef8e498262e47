"""What the portal sends to patients, by e-mail and by text message, through the same outbox as
coordinators' e-mails (recruitment.services.notifications): a confirmation of their application,
and the one-time codes that open "my application".

Health data never goes into these messages: no trial, no condition, no verdict, no answer. A
phone's lock screen, a shared mailbox or an SMS provider may show them to anyone.
"""

from __future__ import annotations

import sms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from recruitment.contact_keys import HOME_CALLING_CODE, phone_key
from recruitment.models import Channel, Notification, NotificationKind
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
    """How the patient reaches the study team: the chosen site's desk, else the portal's."""
    site = application.site
    phone = (site.contact_phone if site else "") or settings.PORTAL_CONTACT_PHONE
    email = (site.contact_email if site else "") or settings.PORTAL_CONTACT_EMAIL
    return {"phone": phone, "email": email}


def sms_number(phone: str) -> str:
    """The number in international form, as SMS providers want it: a Chinese number typed without
    its +86 gets it, and 0086 becomes +86."""

    key = phone_key(phone)
    if key.startswith("00"):
        return "+" + key[2:]
    return key if key.startswith("+") else f"+{HOME_CALLING_CODE}{key}"


def message(notification):
    """The e-mail or text message of a patient's notification, in the patient's language."""
    application = notification.application
    contact = application.contact
    with translation.override(application.language):
        context = {
            "reference": application.reference,
            "url": my_application_url(application.reference),
            "team": study_team_contact(application),
            "code": notification.payload.get("code", ""),
            "minutes": notification.payload.get("minutes", 0),
            "operator": settings.PORTAL_OPERATOR,
        }
        name = "confirmation" if notification.kind == NotificationKind.CONFIRMATION else "access_code"
        if notification.channel == Channel.SMS:
            body = render_to_string(f"sms/{name}.txt", context).strip()
            return sms.Message(body, settings.DEFAULT_FROM_SMS, [sms_number(contact.phone)])
        subject = render_to_string(f"emails/{name}_subject.txt", context).strip()
        body = render_to_string(f"emails/{name}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[contact.email])


def no_longer_wanted(notification) -> str:
    """Why a patient's message must not go out any more, or ''."""
    application = notification.application
    if application.erased_at is not None:
        return "not sent: the patient's data was erased"
    address = application.contact.phone if notification.channel == Channel.SMS else application.contact.email
    if not address:
        return "not sent: the patient removed this address"
    expires = notification.payload.get("expires")
    if notification.kind == NotificationKind.ACCESS_CODE and expires and expires < timezone.now().timestamp():
        return "not sent: the code has expired"
    return ""

"""Text-message gateways beyond django-sms's own: a router that picks a gateway by the number's
calling code (mainland numbers through a Chinese gateway, others through Twilio, say), and
gateways that send only templates filed in advance (Alibaba Cloud's, in `alibaba`).

A message's text is rendered as usual (templates/sms/); for a template gateway it also carries
`template`: which message it is, in which language, and the values that fill it."""

from __future__ import annotations

from dataclasses import dataclass, field

import sms
from django.conf import settings
from sms.backends.base import BaseSmsBackend

# The text messages a template gateway must have a template for (recruitment.services.
# patient_messages.sms_template names them), each at least in Chinese.
TEMPLATE_MESSAGES = ("confirmation", "access_code", "address_check", "contact_changed_phone", "contact_changed_email")
ALIBABA = "recruitment.sms_gateways.alibaba.SmsBackend"


class Undeliverable(Exception):
    """The gateway refused this message for good (a number it cannot reach, a template it does
    not have): trying again would fail the same way, so the notification fails now."""


@dataclass(frozen=True)
class Template:
    """What a template gateway sends instead of the text: the message (`kind`: confirmation,
    access_code, ...), the reader's language and the template's values (no health data: the
    texts themselves never carry any)."""

    kind: str
    language: str
    values: dict[str, str] = field(default_factory=dict)


def calling_code_route(number: str, routes: dict[str, str]) -> str:
    """The gateway for `number` ("+86 ..."): the longest calling code it starts with, else "*"."""
    digits = number.lstrip("+")
    for code in sorted((code for code in routes if code != "*"), key=len, reverse=True):
        if digits.startswith(code):
            return routes[code]
    try:
        return routes["*"]
    except KeyError:
        raise Undeliverable("no text-message gateway for this country") from None


class SmsRouter(BaseSmsBackend):
    """SMS_BACKEND=recruitment.sms_gateways.SmsRouter: each message through the gateway that
    SMS_ROUTES names for its number's calling code."""

    def send_messages(self, messages) -> int:
        sent = 0
        for message in messages:
            for recipient in message.recipients:
                gateway = calling_code_route(recipient, settings.SMS_ROUTES)
                one = sms.Message(message.body, message.originator, [recipient])
                if hasattr(message, "template"):
                    one.template = message.template
                connection = sms.get_connection(gateway, fail_silently=self.fail_silently)
                sent += connection.send_messages([one]) or 0
        return sent

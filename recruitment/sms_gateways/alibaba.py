"""Alibaba Cloud SMS (阿里云短信服务), which reaches mainland Chinese numbers reliably, through its
official SDK. Mainland gateways send only a signature and templates approved in advance: the
portal files one template per message and language (ALIBABA_SMS_TEMPLATES), and sends its values.

Its answer codes are read as: the number or the template can never take this message
(`Undeliverable`: the notification fails at once), or anything else, which is tried again later
(a rate limit, a system error, the account's balance)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from alibabacloud_dysmsapi20170525 import models as dysms
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi import models as open_api
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from sms.backends.base import BaseSmsBackend

from recruitment.sms_gateways import Undeliverable  # and a deploy check: recruitment.checks._alibaba_ready

# This number, this template or these values will never be accepted: no point in trying again.
GIVE_UP = {
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.MOBILE_COUNT_OVER_LIMIT",
    "isv.TEMPLATE_MISSING_PARAMETERS",
    "isv.TEMPLATE_PARAMS_ILLEGAL",
    "isv.INVALID_PARAMETERS",
    "isv.INVALID_JSON_PARAM",
    "isv.PARAM_LENGTH_LIMIT",
    "isv.PARAM_NOT_SUPPORT_URL",
    "isv.SMS_TEMPLATE_ILLEGAL",
    "isv.SMS_SIGNATURE_ILLEGAL",
    "isv.BLACK_KEY_CONTROL_LIMIT",
    "isv.SMS_CONTENT_ILLEGAL",
}
MAINLAND = "+86"


def mainland_number(recipient: str) -> str:
    """ "+86 138 0013 8000" as the gateway takes it: "13800138000"."""
    digits = "".join(character for character in recipient if character.isdigit() or character == "+")
    if not digits.startswith(MAINLAND):
        raise Undeliverable("Alibaba Cloud SMS sends to mainland numbers only")
    return digits[len(MAINLAND) :]


def template_code(kind: str, language: str) -> str:
    codes = settings.ALIBABA_SMS_TEMPLATES.get(kind, {})
    code = codes.get(language) or codes.get("zh-hans")
    if not code:
        raise Undeliverable(f"no Alibaba Cloud SMS template for {kind}")
    return code


class SmsBackend(BaseSmsBackend):
    def __init__(self, fail_silently: bool = False, **kwargs) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        missing = [
            name
            for name in ("ALIBABA_SMS_ACCESS_KEY_ID", "ALIBABA_SMS_ACCESS_KEY_SECRET", "ALIBABA_SMS_SIGN_NAME")
            if not getattr(settings, name)
        ]
        if missing:
            raise ImproperlyConfigured(f"Alibaba Cloud SMS needs the environment variables {', '.join(missing)}.")
        endpoint = urlsplit(settings.ALIBABA_SMS_ENDPOINT)
        self.client = Client(
            open_api.Config(
                access_key_id=settings.ALIBABA_SMS_ACCESS_KEY_ID,
                access_key_secret=settings.ALIBABA_SMS_ACCESS_KEY_SECRET,
                endpoint=endpoint.netloc,
                protocol=endpoint.scheme,
                connect_timeout=3000,  # milliseconds: a worker never hangs on the gateway
                read_timeout=10000,
            )
        )

    def send_messages(self, messages) -> int:
        sent = 0
        for message in messages:
            template = getattr(message, "template", None)
            if template is None:
                raise Undeliverable("Alibaba Cloud SMS sends templates only: this message has none")
            for recipient in message.recipients:
                request = dysms.SendSmsRequest(
                    phone_numbers=mainland_number(recipient),
                    sign_name=settings.ALIBABA_SMS_SIGN_NAME,
                    template_code=template_code(template.kind, template.language),
                    template_param=json.dumps(template.values, ensure_ascii=False),
                )
                try:
                    answer = self.client.send_sms(request).body
                except Exception as exc:
                    # The SDK raises for HTTP errors with the gateway's code; a network error has none.
                    code = getattr(exc, "code", "")
                    if code in GIVE_UP:
                        raise Undeliverable(code) from None
                    raise
                if answer.code != "OK":
                    if answer.code in GIVE_UP:
                        raise Undeliverable(answer.code)
                    raise RuntimeError(f"Alibaba Cloud SMS answered {answer.code}")  # tried again later
                sent += 1
        return sent

"""What identifies a patient or opens their data never reaches a log line or a stored error text:
e-mail addresses, phone numbers, application references, and the tokens and codes in links
(`/r/<token>`, `/accounts/enrol/<token>`, `?ref=`, `?from=`)."""

from __future__ import annotations

import logging
import re

_REFERENCE_SYMBOLS = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # recruitment.models.applications.REFERENCE_ALPHABET
PATTERNS = (
    (re.compile(r"(/(?:r|accounts/enrol|accounts/reset)/)[^\s/?\"']+(?:/[^\s/?\"']+)?"), r"\1[token]"),
    # An admin search (q) or the filters a list remembers may hold a name, a number or an address.
    (
        re.compile(r"([?&](?:ref|from|token|code|email|phone|address|q|_changelist_filters)=)[^&\s\"']*"),
        r"\1[redacted]",
    ),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"(?<![\w+])\+\d[\d\s\-()]{5,}\d"), "[phone]"),  # international: +86 138 0013 8000
    (re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)"), "[phone]"),  # a Chinese mobile number
    (re.compile(rf"\b[{_REFERENCE_SYMBOLS}]{{4}}-?[{_REFERENCE_SYMBOLS}]{{4}}\b"), "[reference]"),
)


def redact(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Every record through the portal's handlers, its message and arguments merged and redacted
    (an exception's text included: a provider's error quotes the address it refused)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True

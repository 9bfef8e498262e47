"""How a phone number or an e-mail address is matched, however the patient typed it: pure
functions, read by the services that store contact details and by those that look them up."""

import re

HOME_CALLING_CODE = "86"  # the country code most patients' numbers have, typed or not


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return ("+" if phone.strip().startswith("+") else "") + digits if digits else ""


def phone_spellings(key: str) -> set[str]:
    """The ways the same phone may have been typed: with or without its country code (the
    portal's patients mostly give Chinese numbers, +86, often without it)."""
    digits = key.lstrip("+")
    spellings = {digits, f"+{digits}"}
    if key.startswith(f"+{HOME_CALLING_CODE}"):
        spellings.add(digits[len(HOME_CALLING_CODE) :])
    elif not key.startswith("+"):
        spellings.add(f"+{HOME_CALLING_CODE}{digits}")
    return spellings


def reaches_someone(email: str) -> bool:
    """False for the development placeholder (an address at localhost): it is never given to a
    patient as a way to reach anyone, and a deployment check warns while it is configured."""
    return bool(email.strip()) and not email_key(email).endswith("@localhost")


def email_key(email: str) -> str:
    return email.strip().lower()

"""One-time codes as the outbox keeps them until sent: sealed (Fernet, from the `cryptography`
library), so that whoever reads the notifications table, an admin page or a database copy cannot
read a code that is still valid. Only the worker that sends the message opens it."""

import base64

from cryptography.fernet import Fernet, InvalidToken
from django.utils.crypto import salted_hmac

_SALT = "recruitment.sealed.codes"


def _fernet() -> Fernet:
    # A key of its own, derived from SECRET_KEY with Django's documented salted HMAC.
    return Fernet(base64.urlsafe_b64encode(salted_hmac(_SALT, "fernet", algorithm="sha256").digest()))


def seal(code: str) -> str:
    return _fernet().encrypt(code.encode()).decode()


def unseal(value: str) -> str:
    """The code a sealed value holds; '' when it cannot be opened (another key, altered). A value
    of digits only is a code queued before codes were sealed."""
    if not value or value.isdigit():
        return value
    try:
        return _fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        return ""

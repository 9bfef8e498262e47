"""QR code images for sign-up links.

An image depends only on the URL it encodes, so it is drawn once and kept in the cache under a
hash of that URL: a change of PUBLIC_BASE_URL or of a slug yields a new key, never a stale image.
"""

import hashlib
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.cache import cache

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


def absolute_url(path: str) -> str:
    return settings.PUBLIC_BASE_URL + path


def signup_url(trial) -> str:
    """The trial's sign-up address as printed: without a language, so that each reader who scans
    it lands in their own."""
    from recruitment.language import unprefixed

    return absolute_url(unprefixed(trial.get_signup_path()))


def _draw(url: str, fmt: str) -> bytes:
    # Medium error correction survives a crease or a smudge on a printed poster.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    if fmt == "svg":
        code.make_image(image_factory=qrcode.image.svg.SvgPathFillImage).save(buffer)
    else:
        code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def etag_for(url: str, fmt: str) -> str:
    return hashlib.sha256(f"{fmt}:{url}".encode()).hexdigest()[:32]


def qr_image(url: str, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown QR format {fmt!r}")
    key = f"qr:{etag_for(url, fmt)}"
    image = cache.get(key)
    if image is None:
        image = _draw(url, fmt)
        cache.set(key, image, settings.QR_CACHE_SECONDS)
    return image

"""Two-step verification set up again on an administrator's demand: the user's authenticators are
removed and a one-time link is e-mailed to them; only that link lets them enrol a new one."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from recruitment.models import AuditAction, EnrolmentLink, email_language_of
from recruitment.services.audit import log_action
from trials.qr import absolute_url

LINK_HOURS = 72


class NoEmail(ValueError):
    """A user without an e-mail address cannot be sent a link."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def require(user, *, by) -> None:
    """Remove the user's authenticators and e-mail them a link to set one up again (the links
    sent before stop working). Audited."""
    if not user.email:
        raise NoEmail(user.get_username())
    TOTPDevice.objects.filter(user=user).delete()
    now = timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at=None).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    EnrolmentLink.objects.create(
        user=user,
        token_hash=_hash(token),
        expires_at=now + datetime.timedelta(hours=LINK_HOURS),
        created_by=by,
    )
    log_action(
        application=None,
        actor=by,
        action=AuditAction.ENROLMENT_REQUIRED,
        new=user.get_username(),
        details={"user": user.get_username()},
    )
    url = absolute_url(reverse("enrol", kwargs={"token": token}))
    with translation.override(email_language_of(user)):
        send_mail(
            subject=_("Set up two-step verification for your account again"),
            message=render_to_string("emails/enrolment_link.txt", {"url": url, "hours": LINK_HOURS, "user": user}),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )


def pending(user) -> EnrolmentLink | None:
    """The administrator's demand the user must enrol through, if one is not yet met: expired
    or not (an expired link does not make the password enough again: the administrator sends a
    new one). The latest when several were sent."""
    return EnrolmentLink.objects.filter(user=user, used_at=None).order_by("-created_at", "-pk").first()


def link_from(token: str) -> EnrolmentLink | None:
    if not token or len(token) > 100:
        return None
    return EnrolmentLink.objects.filter(token_hash=_hash(token), used_at=None, expires_at__gt=timezone.now()).first()


def used(link: EnrolmentLink) -> None:
    EnrolmentLink.objects.filter(pk=link.pk).update(used_at=timezone.now())

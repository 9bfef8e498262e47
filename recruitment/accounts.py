"""Staff and sponsor accounts: log-in with a second factor (django-otp's time-based codes),
lock-out after failed attempts (django-axes, audited here), an idle timeout for staff, and the
setup page of an authenticator app."""

from __future__ import annotations

import datetime
import time
from io import BytesIO

import qrcode
import qrcode.image.svg
from axes.signals import user_locked_out
from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from recruitment import ratelimit
from recruitment.services import enrolment
from recruitment.services.notifications import account_change_notice

LAST_SEEN = "staff_last_seen"
SEEN_PRECISION = 60  # seconds


class LoginForm(AuthenticationForm):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=_("Only if you set up two-step verification."),
    )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        self.device = None
        if not any(devices_for_user(user, confirmed=True)):
            return
        token = (self.cleaned_data.get("otp_token") or "").strip()
        # No code typed is no attempt: django-otp's throttle counts only codes tried.
        device = match_token(user, token) if token else None
        if device is None:
            raise forms.ValidationError(_("Enter the current code from your authenticator app."), code="otp")
        self.device = device


def _refused(request, *, status=200):
    """The log-in page with the wrong-password message, whatever the reason (a locked account,
    too many attempts from this address): a guesser learns nothing more."""
    form = LoginForm(request, data=request.POST or None)
    form.errors.clear()
    form.add_error(None, form.get_invalid_login_error())
    return render(request, "registration/login.html", {"form": form}, status=status)


def locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer for a locked user name (AXES_LOCKOUT_CALLABLE)."""
    return _refused(request)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Every attempt from one address counts, whatever the user name: password spraying (one
        # password tried on many names) locks no single name, so the address is limited too.
        throttle = ratelimit.signup_throttle(request, group="login", rate=settings.LOGIN_ADDRESS_RATE_LIMIT)
        with transaction.atomic():
            over = ratelimit.count_hit(throttle, timezone.now()) > throttle.limit
        if over:
            return _refused(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.device is not None:
            otp_login(self.request, form.device)
        return response


OLD_PASSWORD_TRIES = 5  # wrong current passwords on the change form before the session ends


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        account_change_notice(self.request.user, "password_changed")
        return response

    def form_invalid(self, form):
        # A session left open must not become a way to guess the password at leisure: after a few
        # wrong current passwords the session ends, and the log-in (with its limits) decides.
        if "old_password" in form.errors:
            wrong = self.request.session.get("wrong_old_passwords", 0) + 1
            self.request.session["wrong_old_passwords"] = wrong
            if wrong >= OLD_PASSWORD_TRIES:
                logout(self.request)
                return redirect(f"{reverse('login')}?next={reverse('password_change')}")
        return super().form_invalid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A password set through a reset link is a changed password: the user is told, as after a
    change, so that a reset they did not ask for does not go unnoticed."""

    def form_valid(self, form):
        response = super().form_valid(form)
        account_change_notice(form.user, "password_changed")
        return response


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


SETUP = "two_factor_setup"  # the device of this browser's setup, in the session
ENROLMENT = "enrolment_link"  # the administrator's link this browser opened, in the session
SETUP_MINUTES = 10  # an authenticator not confirmed within this is dropped


def _setup_device(request) -> TOTPDevice | None:
    """This browser's setup device, while it is fresh; None once confirmed, dropped or stale."""
    pk = request.session.get(SETUP)
    if pk is None:
        return None
    fresh = timezone.now() - datetime.timedelta(minutes=SETUP_MINUTES)
    return TOTPDevice.objects.filter(pk=pk, user=request.user, confirmed=False, created_at__gt=fresh).first()


def _new_setup(request) -> TOTPDevice:
    """A new secret for each setup: the unconfirmed authenticators of earlier setups (whoever
    saw their secret) are dropped, and so is anyone's left unconfirmed past SETUP_MINUTES."""
    stale = timezone.now() - datetime.timedelta(minutes=SETUP_MINUTES)
    TOTPDevice.objects.filter(confirmed=False).filter(Q(user=request.user) | Q(created_at__lte=stale)).delete()
    device = TOTPDevice.objects.create(user=request.user, confirmed=False, name="authenticator")
    request.session[SETUP] = device.pk
    return device


@never_cache
@login_required
def two_factor(request):
    """Set up an authenticator app: scan the code, type one code to confirm it works."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed is not None:
        return render(request, "registration/two_factor.html", {"enabled": True})
    link = enrolment.pending(request.user)
    if link is not None and request.session.get(ENROLMENT) != link.pk:
        # An administrator asked for a new enrolment: only through the link e-mailed to the user.
        return render(request, "registration/two_factor.html", {"link_needed": True}, status=403)
    form = TokenForm(request.POST if request.method == "POST" else None)
    device = _setup_device(request) if form.is_bound else None
    expired = form.is_bound and device is None
    if expired:
        form = TokenForm()  # the setup expired: a new secret to scan
    elif form.is_valid() and device is not None:
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(SETUP, None)
            if link is not None:
                enrolment.used(link)
                request.session.pop(ENROLMENT, None)
            otp_login(request, device)
            account_change_notice(request.user, "two_factor_on")
            return redirect("admin:index" if request.user.is_staff else "sponsor:home")
        form.add_error("token", _("This code is not right. Check the time on your phone, and type the newest code."))
    if device is None:
        device = _new_setup(request)
    context = {
        "form": form,
        "qr": _qr_svg(device.config_url),
        "secret": device.key,
        "required": _second_factor_required(request.user),
        "expired": expired,
    }
    status = 400 if form.is_bound or expired else 200
    return render(request, "registration/two_factor.html", context, status=status)


@never_cache
def enrol(request, token):
    """The one-time link of an administrator's demand to set up two-step verification again:
    kept in this browser's session, then the setup page (after the log-in, if needed)."""
    link = enrolment.link_from(token)
    if link is None:
        return render(request, "registration/two_factor.html", {"link_expired": True}, status=410)
    request.session[ENROLMENT] = link.pk
    if request.user.is_authenticated and request.user.pk != link.user_id:
        logout(request)  # another user's session on this browser: this link is not theirs
        request.session[ENROLMENT] = link.pk
    return redirect(f"{reverse('login')}?next={reverse('two_factor')}")


def _second_factor_required(user) -> bool:
    """Staff, and every sponsor user: they download pseudonymised health data, and some receive
    applicants' contact details."""
    return settings.STAFF_REQUIRE_2FA and (
        user.is_staff
        or user.has_perm("recruitment.receive_consented_contact_details")
        or user.sponsor_organisations.exists()
    )


class StaffSessionMiddleware:
    """Staff and sponsor sessions end after STAFF_IDLE_MINUTES without a request; with
    STAFF_REQUIRE_2FA, staff (and sponsors who may receive contact details) do nothing before
    their second factor is set up and verified."""

    # What a user still setting up (or re-enrolling) the second factor may reach: not the password
    # change, which a password alone must not give after an administrator asked for a new enrolment.
    EXEMPT = (
        "/accounts/login/",
        "/accounts/logout/",
        "/accounts/two-factor/",
        "/accounts/enrol/",
        "/accounts/password_reset/",
        "/accounts/reset/",
        "/accounts/welcome/",
        "/static/",
        "/i18n/",
        "/favicon.ico",
        "/healthz",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, no one signed in: the user is not read, so a public page touches no
            # session and stays one copy for everyone (a read session makes it Vary: Cookie).
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.STAFF_IDLE_MINUTES * 60:
                logout(request)
                return redirect(f"{reverse('login')}?next={request.path}&idle=1")
            if now - last_seen >= SEEN_PRECISION:  # a session write a minute at most, not one a request
                request.session[LAST_SEEN] = now
            if _second_factor_required(user) and not user.is_verified() and not request.path.startswith(self.EXEMPT):
                if any(devices_for_user(user, confirmed=True)):
                    logout(request)  # logged in before the device was confirmed: log in with a code
                    return redirect(f"{reverse('login')}?next={request.path}")
                return redirect("two_factor")
        return self.get_response(request)


@receiver(user_logged_in)
def _start_the_idle_clock(sender, request=None, user=None, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = time.time()


@receiver(user_locked_out)
def _audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """A locked account is in the audit trail: whose, when (the address is not kept)."""
    from recruitment.models import AuditAction
    from recruitment.services.audit import log_action

    log_action(
        application=None,
        actor=None,
        label=(username or "")[:150] or "?",
        action=AuditAction.LOGIN_LOCKED,
        details={"username": username or ""},
    )

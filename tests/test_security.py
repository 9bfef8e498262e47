"""The security review's findings, each with a test that failed before its fix: campaigns scoped
like applications, staff and sponsor log-ins (lock-out, a second factor, idle timeout, passwords),
colleagues' names, the Content-Security-Policy and unreadable request bodies."""

import datetime
import re
import time

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from recruitment.models import AuditAction, AuditEvent
from tests.factories import make_application, make_campaign, make_coordinator, make_site, make_trial
from trials.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial():
    return make_trial(slug="brave-aa1", acronym="BRAVE-AA1")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- Campaigns ------------------------------------------------------------------------------------


def test_a_coordinator_cannot_change_or_deactivate_another_sites_campaign(trial):
    site_a, site_b = make_site(trial, facility="Site A"), make_site(trial, facility="Site B")
    make_coordinator("nurse_a", site_a)
    nurse_b = make_coordinator("nurse_b", site_b)
    theirs = make_campaign(trial, site=site_a, name="Poster at A")
    trial_wide = make_campaign(trial, site=None, name="Live broadcast")
    client = logged_in(nurse_b)
    assert client.get(f"/admin/trials/campaign/{theirs.pk}/change/").status_code in (302, 404)
    # A complete form, as the page would send it: only the scope can refuse it.
    client.post(
        f"/admin/trials/campaign/{theirs.pk}/change/",
        {
            "trial": trial.pk,
            "name": "Hijacked",
            "channel": theirs.channel,
            "language": "",
            "site": site_b.pk,
            "code": theirs.code,
            "is_active": "",
            "scan_days-TOTAL_FORMS": 0,
            "scan_days-INITIAL_FORMS": 0,
        },
    )
    theirs.refresh_from_db()
    assert theirs.is_active and theirs.name == "Poster at A"
    listing = client.get("/admin/trials/campaign/").content.decode()
    assert "Poster at A" not in listing and "Live broadcast" in listing  # trial-wide: seen, read-only
    page = client.get(f"/admin/trials/campaign/{trial_wide.pk}/change/").content.decode()
    assert 'name="name"' not in page


def test_a_campaigns_site_must_belong_to_its_trial_and_changes_are_audited(trial):
    other_trial = make_trial(slug="thrive-aa1")
    site = make_site(trial, facility="Site A")
    elsewhere = make_site(other_trial, facility="Site of another trial")
    admin = User.objects.create_superuser("root", "root@example.org", "pw-for-tests-1")
    client = logged_in(admin)
    form = {
        "trial": trial.pk,
        "name": "Poster",
        "channel": "poster",
        "language": "",
        "site": elsewhere.pk,
        "code": "k7mp2qx",
        "is_active": "on",
        "scan_days-TOTAL_FORMS": 0,
        "scan_days-INITIAL_FORMS": 0,
    }
    refused = client.post("/admin/trials/campaign/add/", form)
    assert "does not belong to the campaign" in refused.content.decode() and not Campaign.objects.exists()
    client.post("/admin/trials/campaign/add/", {**form, "site": site.pk})
    campaign = Campaign.objects.get()
    client.post(
        f"/admin/trials/campaign/{campaign.pk}/change/",
        {**form, "site": site.pk, "is_active": "", "code": campaign.code},
    )
    events = list(AuditEvent.objects.filter(action=AuditAction.CAMPAIGN_CHANGED).order_by("pk"))
    assert [e.details["created"] for e in events] == [True, False]
    assert events[1].details["changes"]["is_active"] == [True, False] and events[1].actor == admin


def test_a_coordinator_creates_campaigns_only_at_their_own_sites(trial):
    own = make_site(trial, facility="Own site")
    other = make_site(trial, facility="Other site")
    nurse = make_coordinator("nurse", own)
    page = logged_in(nurse).get("/admin/trials/campaign/add/").content.decode()
    site_options = re.search(r'<select name="site"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert "Own site" in site_options and "Other site" not in site_options
    assert other.facility not in site_options


# --- Colleagues ---------------------------------------------------------------------------------


def test_a_coordinator_learns_no_other_sites_coordinators_names(trial):
    site_a, site_b = make_site(trial, facility="Site A"), make_site(trial, facility="Site B")
    nurse_a = make_coordinator("nurse_a", site_a)
    make_coordinator("secret_colleague", site_b)
    make_coordinator("my_colleague", site_a)
    client = logged_in(nurse_a)
    assert "secret_colleague" not in client.get(f"/admin/trials/site/{site_b.pk}/change/").content.decode()
    assert "my_colleague" in client.get(f"/admin/trials/site/{site_a.pk}/change/").content.decode()


# --- Log-ins --------------------------------------------------------------------------------------


@pytest.mark.clock  # reads the clock: CI runs it at the edges of time too
def _login_errors(response) -> list[str]:
    return re.findall(r'class="[^"]*alert[^"]*"[^>]*>(.*?)</', response.content.decode(), re.S)


def test_brute_forcing_a_staff_login_locks_it_even_with_the_right_password_afterwards(trial):
    make_coordinator("nurse", make_site(trial))
    client = Client()
    for attempt in range(30):
        client.post("/accounts/login/", {"username": "nurse", "password": f"wrong-{attempt}"})
    right = client.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert "_auth_user_id" not in client.session
    # A locked account reads exactly like a wrong password: a guesser learns nothing more.
    wrong = Client().post("/accounts/login/", {"username": "someone", "password": "wrong"})
    assert right.status_code == wrong.status_code == 200
    assert _login_errors(right) == _login_errors(wrong) != []
    # From another address too: the user name is locked, not just this connection.
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    elsewhere.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert "_auth_user_id" not in elsewhere.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_LOCKED, actor_label="nurse").exists()


def test_a_user_with_an_authenticator_logs_in_only_with_its_current_code(trial):
    nurse = make_coordinator("nurse", make_site(trial))
    device = TOTPDevice.objects.create(user=nurse, name="phone", confirmed=True)
    without = Client().post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert without.status_code == 200 and "current code from your authenticator app" in without.content.decode()
    client = Client()
    ok = client.post(
        "/accounts/login/",
        {"username": "nurse", "password": "pw-for-tests-1", "otp_token": f"{totp(device.bin_key):06d}"},
    )
    assert ok.status_code == 302 and client.get("/admin/").status_code == 200


def test_staff_must_set_up_a_second_factor_when_it_is_required(trial, settings):
    settings.STAFF_REQUIRE_2FA = True
    nurse = make_coordinator("nurse", make_site(trial))
    client = Client()
    client.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert client.get("/admin/recruitment/application/")["Location"] == "/accounts/two-factor/"
    setup = client.get("/accounts/two-factor/")
    assert "<svg" in setup.content.decode()  # the QR code, drawn here, no third-party service
    device = TOTPDevice.objects.get(user=nurse, confirmed=False)
    wrong = f"{(totp(device.bin_key) + 1) % 10**6:06d}"
    assert client.post("/accounts/two-factor/", {"token": wrong}).status_code == 400
    # django-otp then makes the next try wait a second (its throttle): the patient nurse waits.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    client.post("/accounts/two-factor/", {"token": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed and client.get("/admin/recruitment/application/").status_code == 200


@pytest.mark.clock  # reads the clock: CI runs it at the edges of time too
def test_an_idle_staff_session_ends(trial, settings):
    settings.STAFF_IDLE_MINUTES = 30
    nurse = make_coordinator("nurse", make_site(trial))
    client = logged_in(nurse)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["staff_last_seen"] = time.time() - 31 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and "idle=1" in response["Location"]
    assert client.get("/admin/").status_code == 302  # logged out


def test_a_sponsor_changes_their_password_and_can_ask_for_a_reset(trial, mailoutbox):
    sponsor = User.objects.create_user("sponsor_user", email="s@sponsor.example", password="pw-for-tests-1")
    client = logged_in(sponsor)
    assert "Change password" in client.get("/sponsor/").content.decode()
    client.post(
        "/accounts/password_change/",
        {"old_password": "pw-for-tests-1", "new_password1": "Another-pw-2026!", "new_password2": "Another-pw-2026!"},
    )
    sponsor.refresh_from_db()
    assert sponsor.check_password("Another-pw-2026!")
    Client().post("/accounts/password_reset/", {"email": "s@sponsor.example"})
    assert mailoutbox and "/accounts/reset/" in mailoutbox[-1].body


def test_admins_own_login_page_leads_to_the_one_with_the_second_factor():
    assert Client().get("/admin/login/?next=/admin/")["Location"] == "/accounts/login/?next=/admin/"


# --- Content-Security-Policy, unreadable bodies -------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/en/trials/brave-aa1/", "/en/trials/brave-aa1/apply/", "/en/privacy/", "/en/my/", "/accounts/login/"]
)
def test_every_page_has_a_strict_content_security_policy_and_needs_no_inline_script_or_style(trial, path):
    response = Client().get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    body = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "an inline script"
    assert not re.search(r"\sstyle=", body) and "<style" not in body, "an inline style"


def test_the_admin_pages_a_coordinator_uses_need_no_inline_style(trial):
    site = make_site(trial)
    nurse = make_coordinator("nurse", site)
    application = make_application(trial, site=site)
    client = logged_in(nurse)
    for path in (
        "/admin/recruitment/application/",
        f"/admin/recruitment/application/{application.pk}/change/",
        "/admin/recruitment/application/queue/",
    ):
        body = client.get(path).content.decode()
        ours = re.findall(r'<(?:span|p|td|div)[^>]*\sstyle="[^"]*"', body)
        assert ours == [], (path, ours[:3])


def test_a_form_body_in_a_charset_that_does_not_exist_answers_400_with_the_friendly_page(trial):
    response = Client().generic(
        "POST",
        "/en/trials/brave-aa1/apply/",
        b"full_name=%E7%8E%8B",
        content_type="application/x-www-form-urlencoded; charset=no-such-charset",
    )
    assert response.status_code == 400
    assert "could not read what was sent" in response.content.decode()


@pytest.mark.parametrize(("charset", "name"), [("gbk", "王芳"), ("iso-8859-1", "Zoë"), ("utf-16", "王芳")])
@pytest.mark.parametrize("path", ["/en/my/", "/accounts/login/", "/en/trials/brave-aa1/apply/"])
@pytest.mark.parametrize("with_cookie", [True, False])
def test_a_form_body_in_another_charset_answers_400_in_production_with_or_without_a_csrf_cookie(
    trial, settings, charset, name, path, with_cookie
):
    # Issue 27: Django reads forms in UTF-8 only; the CSRF failure page read the body again: 500.
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    token = ""
    if with_cookie:
        client.get(path)
        token = client.cookies["csrftoken"].value
    body = f"csrfmiddlewaretoken={token}&reference={name}&address=1&username={name}".encode(charset)
    response = client.generic("POST", path, body, content_type=f"application/x-www-form-urlencoded; charset={charset}")
    assert response.status_code == 400
    assert "could not read what was sent" in response.content.decode()


def test_logging_in_as_oneself_does_not_wipe_the_guesses_at_a_colleagues_password(trial):
    make_coordinator("nurse", make_site(trial))
    make_coordinator("guesser", make_site(trial))
    client = Client()
    for round_ in range(4):
        for attempt in range(4):
            client.post("/accounts/login/", {"username": "nurse", "password": f"guess-{round_}-{attempt}"})
        client.post("/accounts/login/", {"username": "guesser", "password": "pw-for-tests-1"})
        client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert "_auth_user_id" not in client.session  # still locked


def test_sponsors_who_may_receive_contact_details_need_the_second_factor_too(trial, settings):
    from django.contrib.auth.models import Permission

    settings.STAFF_REQUIRE_2FA = True
    sponsor = User.objects.create_user("lilly", password="pw-for-tests-1")
    sponsor.user_permissions.add(Permission.objects.get(codename="receive_consented_contact_details"))
    client = Client()
    client.post("/accounts/login/", {"username": "lilly", "password": "pw-for-tests-1"})
    assert client.get("/sponsor/")["Location"] == "/accounts/two-factor/"
    plain = User.objects.create_user("reader", password="pw-for-tests-1")
    other = Client()
    other.force_login(plain)
    assert other.get("/sponsor/").status_code == 200  # follows no sponsor: no second factor demanded
    # Issue 27: every sponsor user, who downloads pseudonymised health data, needs it too.
    trial.sponsor.members.add(plain)
    assert other.get("/sponsor/")["Location"] == "/accounts/two-factor/"


def test_a_user_is_told_by_email_when_their_password_changes_or_a_second_factor_is_added(
    trial, mailoutbox, django_capture_on_commit_callbacks
):
    nurse = make_coordinator("nurse", make_site(trial))
    client = logged_in(nurse)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/password_change/",
            {
                "old_password": "pw-for-tests-1",
                "new_password1": "Another-pw-2026!",
                "new_password2": "Another-pw-2026!",
            },
        )
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=nurse)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/two-factor/", {"token": f"{totp(device.bin_key):06d}"})
    subjects = [m.subject for m in mailoutbox if m.to == [nurse.email]]
    assert subjects == [
        "The password of your account was changed",
        "Two-step verification was turned on for your account",
    ]


# --- Issue 27, item 6: second-factor enrolment --------------------------------------------------


def test_each_setup_has_a_new_secret_and_drops_the_earlier_unconfirmed_one(trial, settings):
    settings.STAFF_REQUIRE_2FA = True
    nurse = make_coordinator("nurse", make_site(trial))
    client = logged_in(nurse)
    client.get("/accounts/two-factor/")
    first = TOTPDevice.objects.get(user=nurse, confirmed=False)
    client.get("/accounts/two-factor/")  # a new setup: whoever saw the first secret has nothing
    second = TOTPDevice.objects.get(user=nurse, confirmed=False)
    assert second.key != first.key and not TOTPDevice.objects.filter(pk=first.pk).exists()
    # A code of the dropped secret confirms nothing.
    assert client.post("/accounts/two-factor/", {"token": f"{totp(first.bin_key):06d}"}).status_code == 400
    assert not TOTPDevice.objects.filter(user=nurse, confirmed=True).exists()


def test_an_unconfirmed_authenticator_is_dropped_after_a_short_time(trial, settings, clock):
    from recruitment.accounts import SETUP_MINUTES

    settings.STAFF_REQUIRE_2FA = True
    nurse = make_coordinator("nurse", make_site(trial))
    client = logged_in(nurse)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=nurse, confirmed=False)
    clock.shift(datetime.timedelta(minutes=SETUP_MINUTES + 1))
    late = client.post("/accounts/two-factor/", {"token": f"{totp(device.bin_key):06d}"})
    assert late.status_code == 400 and "expired" in late.content.decode()
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()  # replaced by a new setup's
    assert not TOTPDevice.objects.filter(user=nurse, confirmed=True).exists()


def test_an_administrator_requires_a_new_enrolment_through_a_one_time_emailed_link(trial, settings, mailoutbox):
    settings.STAFF_REQUIRE_2FA = True
    nurse = make_coordinator("nurse", make_site(trial))
    TOTPDevice.objects.create(user=nurse, name="lost phone", confirmed=True)
    admin = User.objects.create_superuser("root", "root@portal.example", "pw-for-tests-1")
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    staff = Client()
    staff.force_login(admin)
    session = staff.session
    from django_otp import DEVICE_ID_SESSION_KEY

    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=admin).persistent_id
    session.save()
    response = staff.post(
        "/admin/auth/user/", {"action": "require_enrolment", "_selected_action": [nurse.pk]}, follow=True
    )
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=nurse).exists()
    [message] = [m for m in mailoutbox if m.to == [nurse.email]]
    link = re.search(r"https?://\S+(/accounts/enrol/\S+/)", message.body).group(1)
    assert AuditEvent.objects.filter(action="enrolment_required", new_value="nurse").exists()

    # The password alone no longer lets anyone enrol an authenticator.
    thief = Client()
    thief.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert thief.get("/accounts/two-factor/").status_code == 403
    assert not TOTPDevice.objects.filter(user=nurse).exists()

    # The link's holder logs in and enrols, once.
    owner = Client()
    assert owner.get(link)["Location"] == "/accounts/login/?next=/accounts/two-factor/"
    owner.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert owner.get("/accounts/two-factor/").status_code == 200
    device = TOTPDevice.objects.get(user=nurse, confirmed=False)
    owner.post("/accounts/two-factor/", {"token": f"{totp(device.bin_key):06d}"})
    assert TOTPDevice.objects.filter(user=nurse, confirmed=True).count() == 1
    assert Client().get(link).status_code == 410  # used


def test_a_password_set_through_a_reset_link_is_told_like_a_change(
    trial, mailoutbox, django_capture_on_commit_callbacks
):
    nurse = make_coordinator("nurse", make_site(trial))
    Client().post("/accounts/password_reset/", {"email": nurse.email})
    link = re.search(r"https?://\S+(/accounts/reset/\S+/)", mailoutbox[-1].body).group(1)
    client = Client()
    form_page = client.get(link, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": "Another-pw-2026!", "new_password2": "Another-pw-2026!"},
        )
    nurse.refresh_from_db()
    assert nurse.check_password("Another-pw-2026!")
    assert [m.subject for m in mailoutbox if m.to == [nurse.email]][-1] == "The password of your account was changed"


def test_password_spraying_from_one_address_is_stopped_whatever_the_user_names(trial, settings):
    settings.LOGIN_ADDRESS_RATE_LIMIT = "10/h"
    make_coordinator("nurse", make_site(trial))
    sprayer = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(10):  # one guess each at ten names: no name reaches its own limit
        sprayer.post("/accounts/login/", {"username": f"user{n}", "password": "Summer2026!"})
    sprayer.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert "_auth_user_id" not in sprayer.session  # the address is over its limit
    colleague = Client(REMOTE_ADDR="198.51.100.8")
    colleague.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert "_auth_user_id" in colleague.session  # the name itself is not locked


def test_guessing_the_current_password_on_the_change_form_ends_the_session(trial):
    from recruitment.accounts import OLD_PASSWORD_TRIES

    nurse = make_coordinator("nurse", make_site(trial))
    client = logged_in(nurse)
    for n in range(OLD_PASSWORD_TRIES):
        response = client.post(
            "/accounts/password_change/",
            {"old_password": f"guess-{n}", "new_password1": "Another-pw-2026!", "new_password2": "Another-pw-2026!"},
        )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_an_expired_enrolment_link_does_not_make_the_password_enough_again(trial, settings, mailoutbox, clock):
    from recruitment.services import enrolment

    settings.STAFF_REQUIRE_2FA = True
    nurse = make_coordinator("nurse", make_site(trial))
    admin = User.objects.create_superuser("root", "root@portal.example", "pw-for-tests-1")
    enrolment.require(nurse, by=admin)
    clock.shift(datetime.timedelta(hours=enrolment.LINK_HOURS + 1))
    thief = Client()
    thief.post("/accounts/login/", {"username": "nurse", "password": "pw-for-tests-1"})
    assert thief.get("/accounts/two-factor/").status_code == 403
    # Nor may a password alone change the password meanwhile.
    assert thief.get("/accounts/password_change/")["Location"] == "/accounts/two-factor/"


@pytest.mark.parametrize(
    ("method", "content_type"),
    [
        ("POST", "text/plain; charset*=utf-8''a%00"),  # a NUL no codec lookup accepts
        ("POST", "text/plain; charset*=bogus''x"),  # an RFC 2231 encoding that does not exist
        ("GET", "text/html; x*=nope''y"),  # in any parameter
    ],
)
def test_a_content_type_django_cannot_read_before_any_middleware_is_a_400_not_a_500(method, content_type):
    # Issue 27 and its re-review: Django reads the Content-Type before any middleware runs.
    from config.wsgi import application

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/",
        "CONTENT_TYPE": content_type,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "wsgi.input": __import__("io").BytesIO(b""),
        "wsgi.url_scheme": "http",
    }
    statuses = []
    application(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["400 Bad Request"]

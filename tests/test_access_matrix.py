"""Who may reach what (issue 27): nine identities against every surface that touches applicants
or trials, in one table. A row is an identity; each column a request and the status it must get
(or, for a CSV, whether contact details are in it)."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from recruitment.models import Application
from tests.cast import build_cast
from tests.factories import make_coordinator, make_site

pytestmark = pytest.mark.django_db

PATIENT_PHONE = "+86 100 0000 0001"  # Alice A's, applicant of site A


@pytest.fixture
def world():
    cast = build_cast()
    # Coordinators of two sites of one trial (A, and B who also has the other trial's site C), a
    # coordinator of the other trial only, and a sponsor user allowed consented contact details.
    cast.coordinator_c = make_coordinator("coord_c", make_site(cast.other_trial, facility="Site D"))
    contact = User.objects.create_user("sponsor_x_contact", password="pw-for-tests-1")
    contact.user_permissions.add(Permission.objects.get(codename="receive_consented_contact_details"))
    cast.trial.sponsor.members.add(contact)
    cast.sponsor_x_contact = contact
    return cast


def as_identity(world, who) -> Client:
    client = Client()
    if who == "patient":
        # Alice opened "my application" with her reference and a one-time code.
        import time

        from recruitment.recently_sent import OPENED

        session = client.session
        session[OPENED] = (world.app_a.pk, time.time())
        session.save()
    elif who != "anonymous":
        client.force_login(getattr(world, who))
    return client


def application_page(app) -> str:
    return f"/admin/recruitment/application/{app.pk}/change/"


SURFACES = {
    "sponsor home": lambda w: "/sponsor/",
    "CSV trial X": lambda w: f"/sponsor/trials/{w.trial.slug}/eligible.csv",
    "CSV trial Y": lambda w: f"/sponsor/trials/{w.other_trial.slug}/eligible.csv",
    "admin list": lambda w: "/admin/recruitment/application/",
    "applicant site A": lambda w: application_page(w.app_a),
    "applicant site B": lambda w: application_page(w.app_b),
    "applicant site C": lambda w: application_page(w.app_c),
    "erase site A": lambda w: f"/admin/recruitment/application/{w.app_a.pk}/erase/",
    "trial X admin": lambda w: f"/admin/trials/trial/{w.trial.pk}/change/",
    "trial Y admin": lambda w: f"/admin/trials/trial/{w.other_trial.pk}/change/",
    "audit trail": lambda w: "/admin/recruitment/auditevent/",
    "users admin": lambda w: "/admin/auth/user/",
    "my application": lambda w: "/en/my/application/",
}
# 302: sent to a log-in (or to "my application"'s start); 403/404: refused. A coordinator reads any
# trial of the public catalog in admin but changes only their own sites' (tests/test_criteria_admin).
MATRIX = {
    # in the order of SURFACES: sponsor, CSV X, CSV Y, list, A, B, C, erase A, trial X, trial Y, audit, users, my
    "anonymous": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "patient": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 200),
    "coordinator_a": (200, 404, 404, 200, 200, 404, 404, 200, 200, 200, 200, 403, 302),
    "coordinator_b": (200, 404, 404, 200, 404, 200, 200, 404, 200, 200, 200, 403, 302),
    "coordinator_c": (200, 404, 404, 200, 404, 404, 404, 404, 200, 200, 200, 403, 302),
    "sponsor_x": (200, 200, 404, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "sponsor_x_contact": (200, 200, 404, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "sponsor_y": (200, 404, 200, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "superuser": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 302),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_access_matrix(world, who):
    client = as_identity(world, who)
    got = tuple(client.get(path(world)).status_code for path in SURFACES.values())
    assert dict(zip(SURFACES, got, strict=True)) == dict(zip(SURFACES, MATRIX[who], strict=True))
    # What each identity reads of the applicants it may list: its own sites' names only.
    listed = client.get("/admin/recruitment/application/").content.decode() if MATRIX[who][3] == 200 else ""
    names = {name for name in ("Alice A", "Bob B", "Carol C") if name in listed}
    assert names == {
        "coordinator_a": {"Alice A"},
        "coordinator_b": {"Bob B", "Carol C"},
        "coordinator_c": set(),
        "superuser": {"Alice A", "Bob B", "Carol C"},
    }.get(who, set())
    # A sponsor's CSV holds contact details only with the permission, and then only of consenting
    # applicants (none here: nobody ticked sharing with the sponsor).
    if MATRIX[who][1] == 200:
        csv = b"".join(client.get(SURFACES["CSV trial X"](world)).streaming_content).decode("utf-8-sig")
        assert "Alice A" not in csv and PATIENT_PHONE not in csv
    # Nobody changes an application they cannot see, whatever they post.
    before = Application.objects.get(pk=world.app_a.pk).status
    client.post(application_page(world.app_a), {"new_status": "contacted"})
    if who not in ("coordinator_a", "superuser"):
        assert Application.objects.get(pk=world.app_a.pk).status == before

"""Coordinators see only their own sites' applicants, wherever they look in admin."""

import pytest

from recruitment.models import AuditEvent
from recruitment.selectors import applications_for
from tests.cast import build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_cast()


def test_the_scoping_helper_gives_each_user_their_own_applications(cast):
    def refs(user):
        return set(applications_for(user).values_list("reference", flat=True))

    c = cast
    assert refs(c.coordinator_a) == {c.app_a.reference, c.app_no_site.reference}  # no site: the trial's
    assert refs(c.coordinator_b) == {c.app_b.reference, c.app_c.reference, c.app_no_site.reference}
    assert refs(c.superuser) == {c.app_a.reference, c.app_b.reference, c.app_c.reference, c.app_no_site.reference}
    assert refs(c.sponsor_x) == {c.app_a.reference, c.app_b.reference, c.app_no_site.reference}
    assert refs(c.sponsor_y) == {c.app_c.reference}


def test_a_coordinator_lists_only_their_sites_applicants(client, cast):
    client.force_login(cast.coordinator_a)
    body = client.get("/admin/recruitment/application/").content.decode()
    assert cast.app_a.reference in body
    assert cast.app_no_site.reference in body
    assert cast.app_b.reference not in body
    assert cast.app_c.reference not in body


def test_a_guessed_url_to_another_sites_applicant_is_not_found(client, cast):
    client.force_login(cast.coordinator_a)
    for suffix in ("change/", "history/", "delete/"):
        assert client.get(f"/admin/recruitment/application/{cast.app_b.pk}/{suffix}").status_code == 404, suffix
    assert client.get(f"/admin/recruitment/application/{cast.app_a.pk}/change/").status_code == 200


def test_a_coordinator_cannot_change_another_sites_applicant_by_posting(client, cast):
    client.force_login(cast.coordinator_a)
    response = client.post(
        f"/admin/recruitment/application/{cast.app_b.pk}/change/", {"new_status": "contacted", "note": "sneaky"}
    )
    assert response.status_code == 404
    cast.app_b.refresh_from_db()
    assert cast.app_b.status == "new"
    assert not cast.app_b.notes.exists()


def found(client, term):
    response = client.get("/admin/recruitment/application/", {"q": term})
    return {application.reference for application in response.context["cl"].result_list}


def test_search_finds_nothing_from_another_site(client, cast):
    client.force_login(cast.coordinator_a)
    for term in ("Bob B", cast.app_b.reference, "+86 100 0000 0002"):
        assert found(client, term) == set(), term
    assert found(client, "Alice") == {cast.app_a.reference}


def test_search_matches_reference_phone_and_email_as_typed(client, cast):
    client.force_login(cast.coordinator_a)
    assert found(client, cast.app_a.reference.replace("-", "").lower()) == {cast.app_a.reference}
    assert found(client, "+86-100-0000-0001") == {cast.app_a.reference}


def test_search_by_number_reads_no_names_and_takes_full_width_digits(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.coordinator_a)
    for term in ("+86 100 0000 0001", "＋８６ １００ ００００ ０００１"):  # the second as a Chinese IME types it
        with CaptureQueriesContext(connection) as queries:
            assert found(client, term) == {cast.app_a.reference}, term
        assert not any("LIKE" in q["sql"].upper() for q in queries.captured_queries), "a number read every name"
    assert found(client, "Alice") == {cast.app_a.reference}  # names are still searched for a name


def test_actions_on_another_sites_ids_touch_nothing(client, cast):
    client.force_login(cast.coordinator_a)
    response = client.post(
        "/admin/recruitment/application/",
        {
            "action": "mark_contacted",
            "_selected_action": [cast.app_b.pk, cast.app_a.pk],
        },
    )
    assert response.status_code == 302
    cast.app_a.refresh_from_db()
    cast.app_b.refresh_from_db()
    assert cast.app_a.status == "contacted"
    assert cast.app_b.status == "new"


def test_an_export_of_another_sites_ids_contains_only_ones_own(client, cast):
    client.force_login(cast.coordinator_a)
    response = client.post(
        "/admin/recruitment/application/",
        {
            "action": "export_csv",
            "_selected_action": [cast.app_b.pk, cast.app_a.pk, cast.app_c.pk],
        },
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert cast.app_a.reference in body
    assert cast.app_b.reference not in body and "Bob B" not in body
    assert cast.app_c.reference not in body


def test_the_audit_trail_list_shows_only_ones_own_applications(client, cast):
    client.force_login(cast.coordinator_a)
    body = client.get("/admin/recruitment/auditevent/").content.decode()
    assert cast.app_a.reference in body
    assert cast.app_b.reference not in body


def test_filters_offer_only_ones_own_sites(client, cast):
    client.force_login(cast.coordinator_a)
    body = client.get("/admin/recruitment/application/").content.decode()
    assert "Site A" in body
    assert "Site B" not in body and "Site C" not in body


def test_filters_offer_only_ones_own_trials_sites_and_campaigns(client, cast):
    from tests.factories import make_campaign, make_trial

    ours = make_campaign(cast.trial, name="Broadcast of our trial")
    theirs = make_campaign(cast.other_trial, name="Poster of the other trial")
    make_campaign(make_trial(slug="nobodys"), name="Nobody here coordinates this one")

    def offered(user):
        client.force_login(user)
        response = client.get("/admin/recruitment/application/")
        return {
            spec.field_path: {value for value, _label in spec.lookup_choices}
            for spec in response.context["cl"].filter_specs
            if hasattr(spec, "field_path") and hasattr(spec, "lookup_choices")
        }

    a = offered(cast.coordinator_a)  # one site of one trial (a single trial needs no trial filter)
    assert (
        a["site"] == {cast.site_a.pk}
        and a["campaign"] == {ours.pk}
        and a.get("trial", {cast.trial.pk}) == {cast.trial.pk}
    )
    b = offered(cast.coordinator_b)  # a site of each of two trials
    assert b["trial"] == {cast.trial.pk, cast.other_trial.pk}
    assert b["site"] == {cast.site_b.pk, cast.site_c.pk}
    assert b["campaign"] == {ours.pk, theirs.pk}


def test_a_sponsor_user_cannot_enter_admin(client, cast):
    client.force_login(cast.sponsor_x)
    response = client.get("/admin/recruitment/application/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_superuser_sees_every_application(admin_client, cast):
    body = admin_client.get("/admin/recruitment/application/").content.decode()
    for app in (cast.app_a, cast.app_b, cast.app_c, cast.app_no_site):
        assert app.reference in body


def test_audit_events_exist_for_each_submission(cast):
    assert AuditEvent.objects.filter(action="created").count() == 4


def test_a_coordinator_sees_and_runs_only_their_own_trials_campaigns(client, cast):
    from tests.factories import make_campaign

    own = make_campaign(cast.trial, name="Own poster")
    other = make_campaign(cast.other_trial, name="Other trial's broadcast")
    client.force_login(cast.coordinator_a)
    body = client.get("/admin/trials/campaign/").content.decode()
    assert "Own poster" in body and "Other trial&#x27;s broadcast" not in body
    assert client.get(f"/admin/trials/campaign/{other.pk}/change/").status_code in (302, 404)
    assert client.get(f"/admin/trials/campaign/{own.pk}/change/").status_code == 200
    add = client.get("/admin/trials/campaign/add/").content.decode()
    assert "TRIAL-X" in add and "TRIAL-Y" not in add
    assert client.get("/admin/trials/sponsororganisation/").status_code == 403


def test_a_non_numeric_application_id_is_not_found(client, cast):
    client.force_login(cast.coordinator_a)
    assert client.get("/admin/recruitment/application/abc/change/").status_code == 404


def test_a_duplicate_at_another_site_is_not_named(client, cast):
    from tests.factories import make_application

    duplicate = make_application(cast.trial, site=cast.site_a, phone="+86 100 0000 0002")  # Bob B's phone
    assert duplicate.duplicate_of == cast.app_b
    client.force_login(cast.coordinator_a)
    body = client.get(f"/admin/recruitment/application/{duplicate.pk}/change/").content.decode()
    assert cast.app_b.reference not in body
    assert "an application of another site" in body


def test_an_emails_opaque_link_opens_the_application_only_for_who_may_see_it(client, cast):
    path = f"/admin/recruitment/application/open/{cast.app_a.public_id}/"
    client.force_login(cast.coordinator_a)
    assert client.get(path)["Location"] == f"/admin/recruitment/application/{cast.app_a.pk}/change/"
    client.force_login(cast.coordinator_b)
    assert client.get(path).status_code == 404
    assert client.get("/admin/recruitment/application/open/not-a-uuid/", follow=True).status_code == 404


def test_a_coordinator_removed_from_a_site_no_longer_reads_its_references_in_their_notices(client, cast):
    from recruitment.models import Notification

    assert Notification.objects.filter(recipient=cast.coordinator_a, application=cast.app_a).exists()
    client.force_login(cast.coordinator_a)
    assert cast.app_a.reference in client.get("/admin/recruitment/notification/").content.decode()
    cast.site_a.coordinators.remove(cast.coordinator_a)
    assert cast.app_a.reference not in client.get("/admin/recruitment/notification/").content.decode()

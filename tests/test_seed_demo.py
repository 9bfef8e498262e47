import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from recruitment.checks import sites_tell_patients_how_to_reach_them
from recruitment.roles import COORDINATORS
from trials.models import Campaign, Site, SponsorOrganisation, Trial

pytestmark = pytest.mark.django_db

AA_TRIALS = {
    "NCT03570749": "brave-aa1",
    "NCT03899259": "brave-aa2",
    "NCT03732807": "allegro-2b3",
    "NCT04518995": "thrive-aa1",
    "NCT04797650": "thrive-aa2",
    "NCT05051761": "jaktinib-aa",
    "NCT05470413": "ivarmacitinib-aa",
}


def test_seed_demo_loads_the_phase_3_trials_with_sites_and_plain_words(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-pass")
    slugs = dict(Trial.objects.values_list("nct_id", "slug"))
    assert AA_TRIALS.items() <= slugs.items()
    for trial in Trial.objects.all():
        assert trial.is_demo
        assert trial.sites.exists()
        assert trial.eligibility_points()
        assert trial.summary != trial.registry_summary  # written for patients
    assert Trial.objects.get(slug="brave-aa1").max_age_years == 70
    assert Trial.objects.get(slug="allegro-2b3").max_age_years is None
    assert Campaign.objects.exists()
    # Every demo site tells its patients how to reach its study team (never the portal's placeholder),
    # so the deployment check about silent sites is quiet on the demo.
    assert not Site.objects.filter(contact_phone="", contact_email="").exists()
    # The desk's address is in patients' messages, which name no trial or drug.
    for slug, email in Site.objects.values_list("trial__slug", "contact_email"):
        assert not set(slug.split("-")) & set(email.replace("@", "-").replace(".", "-").split("-")), email
    assert sites_tell_patients_how_to_reach_them(None, databases=["default"]) == []


def test_a_site_open_for_sign_up_without_a_phone_or_e_mail_is_a_deployment_warning(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    silent = Site.objects.filter(trial__slug="brave-aa1").first()
    Site.objects.filter(pk=silent.pk).update(contact_email="")
    [warning] = sites_tell_patients_how_to_reach_them(None, databases=["default"])
    assert warning.id == "recruitment.W005" and silent.facility in warning.msg
    assert sites_tell_patients_how_to_reach_them(None) == []  # only with --database: checks run before migrate


def test_seed_demo_can_run_again_without_duplicating(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-pass")
    counts = (Trial.objects.count(), Site.objects.count(), Campaign.objects.count(), User.objects.count())
    call_command("seed_demo", "--password", "demo-pass")
    assert counts == (Trial.objects.count(), Site.objects.count(), Campaign.objects.count(), User.objects.count())


def test_seed_demo_creates_the_three_demo_users_with_the_given_password(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-pass")
    from django.test import RequestFactory

    request = RequestFactory().post("/accounts/login/")  # django-axes checks each log-in's request
    admin = authenticate(request, username="admin", password="demo-pass")
    coordinator = authenticate(request, username="coordinator", password="demo-pass")
    sponsor = authenticate(request, username="sponsor", password="demo-pass")
    assert admin.is_superuser
    assert coordinator.is_staff and not coordinator.is_superuser
    assert coordinator.groups.filter(name=COORDINATORS).exists()
    assert not sponsor.is_staff
    assert SponsorOrganisation.objects.filter(members=sponsor).exists()


def test_seed_demo_refuses_demo_users_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to create demo users"):
        call_command("seed_demo", "--password", "demo-pass")
    assert not User.objects.exists()
    assert not Trial.objects.exists()


def test_seed_demo_creates_demo_users_in_production_only_when_told(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--password", "demo-pass", "--allow-demo-users-in-production")
    assert User.objects.filter(username="admin").exists()


def test_seed_demo_without_a_password_loads_trials_only(settings):
    settings.DEBUG = False
    call_command("seed_demo")
    assert Trial.objects.count() >= 7
    assert not User.objects.exists()


def test_the_coordinator_can_create_campaigns_in_admin(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-pass")
    client.post("/accounts/login/", {"username": "coordinator", "password": "demo-pass"})
    assert client.get("/admin/trials/campaign/add/").status_code == 200
    assert client.get("/admin/trials/trial/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403

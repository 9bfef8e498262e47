import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import make_campaign, make_site, make_trial
from trials.models import CampaignScanDay, RecruitmentStatus
from trials.services import record_campaign_scan

# Reads the clock (scans counted once per device per day); CI runs it at the edges of time too.
pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_a_scan_is_counted_and_redirects_to_signup_with_the_campaign(client):
    trial = make_trial(slug="brave-aa1")
    campaign = make_campaign(trial, code="k7mp2qx")
    for _ in range(3):
        response = client.get("/c/k7mp2qx")  # one phone, three times: one scan
    assert response.status_code == 302
    assert response["Location"] == "/en/trials/brave-aa1/apply/"
    assert response.cookies["portal_campaign"]["httponly"]
    assert CampaignScanDay.objects.get(campaign=campaign).scans == 1
    for _ in range(2):
        Client().get("/c/k7mp2qx")  # two more phones
    assert CampaignScanDay.objects.get(campaign=campaign).scans == 3


def test_a_code_typed_in_capitals_from_a_poster_still_works(client):
    make_campaign(make_trial(slug="t"), code="k7mp2qx")
    assert client.get("/c/K7MP2QX").status_code == 302


def test_scans_are_counted_per_day():
    campaign = make_campaign(make_trial())
    day1, day2 = datetime.date(2026, 5, 23), datetime.date(2026, 5, 24)
    record_campaign_scan(campaign, day=day1)
    record_campaign_scan(campaign, day=day1)
    record_campaign_scan(campaign, day=day2)
    counts = dict(CampaignScanDay.objects.values_list("day", "scans"))
    assert counts == {day1: 2, day2: 1}


def test_an_unknown_code_shows_a_friendly_page_with_open_trials(client):
    make_trial(acronym="OPEN-ONE")
    make_trial(acronym="CLOSED-ONE", status=RecruitmentStatus.COMPLETED)
    response = client.get("/c/nosuch1")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We could not find this link" in body
    assert "OPEN-ONE" in body
    assert "CLOSED-ONE" not in body


def test_a_retired_campaign_shows_open_trials_and_counts_nothing(client):
    trial = make_trial(acronym="OPEN-ONE")
    campaign = make_campaign(trial, code="old2023", is_active=False)
    response = client.get("/c/old2023")
    assert response.status_code == 410
    assert "no longer in use" in response.content.decode()
    assert "OPEN-ONE" in response.content.decode()
    assert not CampaignScanDay.objects.filter(campaign=campaign).exists()


def test_campaign_codes_are_short_unambiguous_and_unique():
    trial = make_trial()
    codes = {make_campaign(trial).code for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) == 7
        assert not set(code) & set("01ilo")


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("nurse", password="pw-for-tests-only", is_staff=True)
    client.force_login(user)
    return client


def test_the_poster_shows_the_trial_the_qr_code_the_short_link_and_the_site(staff_client, settings):
    settings.PUBLIC_BASE_URL = "https://trials.example.org"
    trial = make_trial(acronym="BRAVE-AA1", drug="Baricitinib")
    site = make_site(trial, facility="Peking University First Hospital", city="Beijing")
    make_campaign(trial, code="k7mp2qx", site=site)
    site.coordinators.add(User.objects.get(username="nurse"))  # posters are their sites' coordinators'
    response = staff_client.get("/c/k7mp2qx/poster/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "trials.example.org/c/k7mp2qx" in body
    assert "/c/k7mp2qx/qr.svg" in body
    assert "Peking University First Hospital" in body
    assert "Baricitinib" in body
    assert "@page" in (settings.BASE_DIR / "static/css/portal.css").read_text()  # A4 print rules


def test_the_poster_page_is_for_staff_only(client):
    make_campaign(make_trial(), code="k7mp2qx")
    response = client.get("/c/k7mp2qx/poster/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_admin_campaign_page_shows_its_qr_code_and_poster_link(admin_client):
    campaign = make_campaign(make_trial(), code="k7mp2qx")
    response = admin_client.get(f"/admin/trials/campaign/{campaign.pk}/change/")
    body = response.content.decode()
    assert "/c/k7mp2qx/qr.svg" in body
    assert "/c/k7mp2qx/poster/" in body


def test_the_admin_trial_page_shows_its_qr_code(admin_client):
    trial = make_trial(slug="brave-aa1")
    body = admin_client.get(f"/admin/trials/trial/{trial.pk}/change/").content.decode()
    assert "/trials/brave-aa1/qr.svg" in body
    assert "/trials/brave-aa1/qr.png" in body


def test_a_campaign_created_in_admin_records_its_creator(admin_client, admin_user):
    trial = make_trial()
    response = admin_client.post(
        "/admin/trials/campaign/add/",
        {
            "trial": trial.pk,
            "name": "Live broadcast, 23 May",
            "channel": "live_broadcast",
            "code": "ab3cd7k",
            "is_active": "on",
            "scan_days-TOTAL_FORMS": 0,
            "scan_days-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert trial.campaigns.get().created_by == admin_user


def test_a_script_dropping_its_cookie_cannot_inflate_a_posters_scans(settings):
    # Issue 27: counted once per device per day, and at most SCAN_RATE_LIMIT an hour per address.
    settings.SCAN_RATE_LIMIT = "5/h"
    campaign = make_campaign(make_trial(slug="t"), code="k7mp2qx")
    for _ in range(20):
        assert Client(REMOTE_ADDR="198.51.100.7").get("/c/k7mp2qx")["Location"] == "/en/trials/t/apply/"
    Client(REMOTE_ADDR="198.51.100.8").get("/c/k7mp2qx")  # another address still counts
    assert CampaignScanDay.objects.get(campaign=campaign).scans == 6


def test_a_coordinator_prints_only_their_own_trials_posters(client):
    from tests.factories import make_coordinator

    own, other = make_trial(), make_trial()
    make_campaign(own, code="own2qx7", site=make_site(own))
    make_campaign(other, code="oth2qx7", site=make_site(other))
    client.force_login(make_coordinator("nurse", own.sites.get()))
    assert client.get("/c/own2qx7/poster/").status_code == 200
    assert client.get("/c/oth2qx7/poster/").status_code == 404

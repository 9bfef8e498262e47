import pytest
from django.test import Client
from django.utils import translation

from tests.factories import make_campaign, make_trial
from tests.qr_decode import decode_png, decode_svg
from trials.models import RecruitmentStatus

pytestmark = pytest.mark.django_db

BASE = "https://trials.example.org"


@pytest.fixture(autouse=True)
def public_base_url(settings):
    settings.PUBLIC_BASE_URL = BASE


@pytest.mark.parametrize("fmt,decode", [("png", decode_png), ("svg", decode_svg)])
def test_a_trials_qr_code_scans_to_its_signup_address(client, fmt, decode):
    trial = make_trial(slug="brave-aa1")
    response = client.get(f"/trials/brave-aa1/qr.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == {"png": "image/png", "svg": "image/svg+xml"}[fmt]
    # Printed without a language: whoever scans it lands in their own.
    assert decode(response.content) == f"{BASE}/trials/brave-aa1/apply/"
    assert Client(HTTP_ACCEPT_LANGUAGE="zh-CN").get("/trials/brave-aa1/apply/")["Location"] == (
        "/zh-hans/trials/brave-aa1/apply/"
    )
    with translation.override("en"):
        assert trial.get_signup_path() == "/en/trials/brave-aa1/apply/"


@pytest.mark.parametrize("fmt,decode", [("png", decode_png), ("svg", decode_svg)])
def test_a_campaigns_qr_code_scans_to_its_short_link_which_leads_to_signup(client, fmt, decode):
    trial = make_trial(slug="thrive-aa1")
    campaign = make_campaign(trial, code="ab3cd7k")
    response = client.get(f"/c/ab3cd7k/qr.{fmt}")
    url = decode(response.content)
    assert url == f"{BASE}/c/ab3cd7k"

    followed = client.get(url.removeprefix(BASE))
    assert followed.status_code == 302
    assert followed["Location"] == "/en/trials/thrive-aa1/apply/"
    assert followed.cookies["portal_campaign"].value.startswith(campaign.code)


def test_the_campaign_qr_code_is_smaller_than_the_full_signup_link(client):
    trial = make_trial(slug="a-rather-long-trial-slug-for-a-poster")
    make_campaign(trial, code="ab3cd7k")
    short = client.get("/c/ab3cd7k/qr.svg").content
    full = client.get(f"/trials/{trial.slug}/qr.svg").content
    # Fewer modules -> larger squares on paper -> scans from further away.
    assert len(short) < len(full)


def test_qr_images_are_drawn_once_then_served_from_cache(client, monkeypatch):
    make_trial(slug="cached")
    from trials import qr

    calls = []
    real_draw = qr._draw
    monkeypatch.setattr(qr, "_draw", lambda url, fmt: calls.append(url) or real_draw(url, fmt))
    first = client.get("/trials/cached/qr.png")
    second = client.get("/trials/cached/qr.png")
    assert first.content == second.content
    assert len(calls) == 1


def test_a_qr_image_is_revalidated_with_its_etag(client):
    make_trial(slug="etag")
    first = client.get("/trials/etag/qr.svg")
    assert "max-age" in first["Cache-Control"]
    again = client.get("/trials/etag/qr.svg", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_changing_the_public_address_changes_the_encoded_url(client, settings):
    make_trial(slug="moves")
    before = decode_png(client.get("/trials/moves/qr.png").content)
    settings.PUBLIC_BASE_URL = "https://recruit.example.cn"
    after = decode_png(client.get("/trials/moves/qr.png").content)
    assert before.startswith(BASE)
    assert after == "https://recruit.example.cn/trials/moves/apply/"


def test_an_unknown_format_or_trial_is_not_found(client):
    make_trial(slug="known")
    assert client.get("/trials/known/qr.gif").status_code == 404
    assert client.get("/trials/unknown/qr.png").status_code == 404


def test_a_closed_trials_qr_code_still_resolves(client):
    make_trial(slug="closed", status=RecruitmentStatus.COMPLETED)
    assert decode_png(client.get("/trials/closed/qr.png").content) == f"{BASE}/trials/closed/apply/"

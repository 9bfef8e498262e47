import re

import pytest

from tests.factories import make_site, make_trial
from trials.models import Phase, RecruitmentStatus

pytestmark = pytest.mark.django_db


def listed_acronyms(response):
    return re.findall(r'class="stretched-link">([^<]+)<', response.content.decode())


def test_the_list_shows_recruiting_trials_first(client):
    make_trial(acronym="A-COMPLETED", status=RecruitmentStatus.COMPLETED)
    make_trial(acronym="B-RECRUITING", status=RecruitmentStatus.RECRUITING)
    make_trial(acronym="C-SOON", status=RecruitmentStatus.NOT_YET_RECRUITING)
    response = client.get("/en/")
    assert response.status_code == 200
    assert listed_acronyms(response) == ["B-RECRUITING", "C-SOON", "A-COMPLETED"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?condition=vitiligo", ["VITILIGO"]),
        ("?phase=PHASE2_PHASE3", ["PHASE-2-3"]),
        ("?status=COMPLETED", ["DONE"]),
        ("?condition=alopecia_areata&status=RECRUITING", ["PHASE-2-3"]),
        ("?phase=NONSENSE", ["PHASE-2-3", "VITILIGO", "DONE"]),  # a bad filter is ignored, not a 500
    ],
)
def test_the_list_filters_by_condition_phase_and_status(client, query, expected):
    make_trial(acronym="VITILIGO", title="b", condition="vitiligo")
    make_trial(acronym="PHASE-2-3", title="a", phase=Phase.PHASE2_PHASE3)
    make_trial(acronym="DONE", title="c", status=RecruitmentStatus.COMPLETED)
    assert listed_acronyms(client.get("/en/" + query)) == expected


def test_the_list_costs_the_same_queries_for_many_trials(client, django_assert_num_queries):
    for _ in range(2):
        make_site(make_trial())
    with django_assert_num_queries(3) as few:  # the trials, their recruiting sites, the cities to be near
        client.get("/en/")
    for _ in range(10):
        make_site(make_trial())
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/en/")


def test_the_list_counts_recruiting_sites(client):
    trial = make_trial()
    make_site(trial)
    make_site(trial)
    make_site(trial, status=RecruitmentStatus.COMPLETED)
    assert "2 sites recruiting" in client.get("/en/").content.decode()


def test_a_trial_page_explains_the_trial_and_links_to_signup(client):
    trial = make_trial(
        slug="brave-aa1",
        acronym="BRAVE-AA1",
        summary="Tablets once a day.",
        eligibility_summary="At least half the scalp without hair\n- Episode under 8 years",
        min_age_years=18,
        max_age_years=70,
    )
    make_site(trial, facility="Huashan Hospital", city="Shanghai")
    make_site(trial, facility="Closed Clinic", status=RecruitmentStatus.COMPLETED)
    body = client.get("/en/trials/brave-aa1/").content.decode()
    assert "Tablets once a day." in body
    assert "Aged 18 to 70" in body
    assert "<li>Episode under 8 years</li>" in body
    assert 'href="/en/trials/brave-aa1/apply/"' in body
    assert "Check whether you may be eligible" in body
    assert body.index("Huashan Hospital") < body.index("Closed Clinic")  # recruiting sites first
    assert "/trials/brave-aa1/qr.svg" in body
    assert trial.nct_id in body


def test_a_trial_page_with_no_upper_age_says_so(client):
    make_trial(slug="allegro", min_age_years=12, max_age_years=None)
    assert "Aged 12 or older" in client.get("/en/trials/allegro/").content.decode()


def test_a_closed_trial_says_so_and_points_to_open_trials(client):
    make_trial(slug="closed", status=RecruitmentStatus.COMPLETED)
    make_trial(acronym="STILL-OPEN")
    body = client.get("/en/trials/closed/").content.decode()
    assert "This trial is not recruiting" in body
    assert "Completed" in body
    assert "STILL-OPEN" in body
    assert "/en/trials/closed/apply/" not in body


def test_demo_trials_say_they_are_demonstration_data(client):
    make_trial(slug="demo", is_demo=True)
    make_trial(slug="real", is_demo=False)
    assert "Demonstration data." in client.get("/en/trials/demo/").content.decode()
    assert "Demonstration data." not in client.get("/en/trials/real/").content.decode()
    assert "Demo</span>" in client.get("/en/").content.decode()


def test_an_unknown_trial_gets_a_page_a_patient_understands(client, settings):
    settings.DEBUG = False
    response = client.get("/en/trials/no-such-trial/")
    assert response.status_code == 404
    assert "We could not find this page" in response.content.decode()
    assert 'href="/en/"' in response.content.decode()


def test_pages_load_bootstrap_from_our_own_static_files(client):
    make_trial(slug="t")
    for url in ("/en/", "/en/trials/t/"):
        body = client.get(url).content.decode()
        assert "/static/vendor/bootstrap-5.3.8/bootstrap.min.css" in body
        assert "cdn" not in body.lower()
        assert '<meta name="viewport"' in body

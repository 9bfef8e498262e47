"""The language is in the address (/zh-hans/..., /en/...): a page is the same for everyone who opens
its address, the switcher is a link, and the addresses already printed or sent still work."""

import re

import pytest
from django.test import Client

from recruitment.models import Application
from tests.factories import make_trial, screening_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial():
    return make_trial(slug="brave-aa1", acronym="BRAVE-AA1")


@pytest.mark.parametrize(
    ("old", "browser", "new"),
    [
        ("/", "zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"),
        ("/", "en-US", "/en/"),
        ("/trials/brave-aa1/", "zh-CN", "/zh-hans/trials/brave-aa1/"),
        ("/trials/brave-aa1/apply/?for=child", "zh-TW", "/zh-hans/trials/brave-aa1/apply/?for=child"),
        ("/my/?ref=K7QM-2XPA", "en", "/en/my/?ref=K7QM-2XPA"),
        ("/privacy/", "fr-FR", "/en/privacy/"),  # a language the portal does not speak: its default
    ],
)
def test_an_old_address_opens_the_same_page_in_the_readers_language(trial, old, browser, new):
    response = Client(HTTP_ACCEPT_LANGUAGE=browser).get(old)
    assert response.status_code == 302 and response["Location"] == new


def test_the_language_chosen_before_wins_over_the_browsers(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    client.cookies["django_language"] = "zh-hans"
    assert client.get("/trials/brave-aa1/")["Location"] == "/zh-hans/trials/brave-aa1/"


def test_the_switcher_links_to_the_same_page_and_filters_in_the_other_language_and_remembers_it(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    page = client.get("/zh-hans/?condition=alopecia_areata").content.decode()
    assert 'hreflang="zh-hans"' in page and 'aria-current="page"' in page
    switch = re.search(r'<a href="([^"]+)" hreflang="en"', page).group(1).replace("&amp;", "&")
    response = client.get(switch)
    assert response.status_code == 302 and response["Location"] == "/en/?condition=alopecia_areata"
    assert '<html lang="en">' in client.get(response["Location"]).content.decode()
    # Remembered for the addresses without a language: a printed code opens in English now.
    assert client.get("/trials/brave-aa1/apply/")["Location"] == "/en/trials/brave-aa1/apply/"


@pytest.mark.parametrize("elsewhere", ["//evil.example/", "https://evil.example/x", "/\\evil.example/"])
def test_the_switcher_never_sends_anyone_off_the_portal(trial, elsewhere):
    response = Client().get("/language/en/", {"next": elsewhere})
    assert response["Location"] == "/en/"


def test_on_a_page_not_found_the_switcher_leads_to_the_other_languages_home(trial, settings):
    settings.DEBUG = False
    client = Client()
    page = client.get("/zh-hans/no-such-page/").content.decode()
    switch = re.search(r'<a href="([^"]+)" hreflang="en"', page).group(1).replace("&amp;", "&")
    assert client.get(switch)["Location"] == "/en/"


def test_a_questionnaire_opened_before_addresses_had_a_language_still_sends_its_answers(trial):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    response = client.post("/trials/brave-aa1/apply/", screening_post())
    assert response.status_code == 302 and response["Location"] == "/zh-hans/trials/brave-aa1/apply/done/"
    assert Application.objects.get().language == "zh-hans"
    # A GET there still goes on to the address with the reader's language.
    assert client.get("/trials/brave-aa1/apply/")["Location"] == "/zh-hans/trials/brave-aa1/apply/"


def test_one_copy_of_the_list_per_filter_whatever_the_spelling(trial, settings, django_assert_num_queries):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    canonical = "/en/?condition=alopecia_areata"
    for spelling in (
        "/en/?condition=alopecia_areata&phase=&status=&near=&lat=&lon=",  # as the filter form sends it
        "/en/?%63ondition=alopecia_areata",
        "/en/?phase=&condition=alopecia_areata",
    ):
        assert Client().get(spelling)["Location"] == canonical
    Client().get(canonical)
    with django_assert_num_queries(0):
        Client().get(canonical)
    # A made-up name, even empty, is never kept: the cache cannot be filled with junk addresses.
    Client().get("/en/?junk=")
    with django_assert_num_queries(3):
        Client().get("/en/?junk=")


def test_the_questionnaires_switcher_sends_the_answers_to_the_page_in_the_other_language(trial):
    client = Client()
    page = client.get("/en/trials/brave-aa1/apply/").content.decode()
    button = re.search(r'<button[^>]*value="zh-hans"[^>]*>', page, re.S).group(0)
    action = re.search(r'formaction="([^"]+)"', button).group(1)
    assert action == "/zh-hans/trials/brave-aa1/apply/" and 'name="switch_language"' in button
    switched = client.post(action, {**screening_post(full_name="Wang Fang"), "switch_language": "zh-hans"})
    body = switched.content.decode()
    assert switched.status_code == 200 and '<html lang="zh-hans">' in body
    assert 'value="Wang Fang"' in body  # nothing typed is lost
    # The next addresses without a language open in the one chosen.
    assert client.get("/trials/brave-aa1/")["Location"] == "/zh-hans/trials/brave-aa1/"


def test_staff_pages_keep_their_address_and_post_the_choice(trial):
    page = Client().get("/accounts/login/").content.decode()
    assert 'action="/i18n/setlang/"' in page and "hreflang" not in page


def test_an_application_sent_from_the_chinese_page_goes_on_in_chinese(trial):
    response = Client().post("/zh-hans/trials/brave-aa1/apply/", screening_post())
    assert response.status_code == 302 and response["Location"] == "/zh-hans/trials/brave-aa1/apply/done/"

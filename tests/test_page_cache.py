"""Public pages are served from the cache, each visitor still getting a CSRF token that works."""

import re

import pytest
from django.test import Client

from recruitment.models import Application
from tests.factories import make_trial, screening_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def token_in(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_a_cached_signup_page_costs_no_query_and_still_accepts_each_visitors_submission(
    django_assert_num_queries,
):
    make_trial(slug="brave-aa1", acronym="BRAVE-AA1")
    Client().get("/trials/brave-aa1/apply/")  # fills the cache
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        page = first.get("/trials/brave-aa1/apply/")
    assert "__csrf_token_placeholder__" not in page.content.decode()
    other = second.get("/trials/brave-aa1/apply/")
    assert token_in(page) != token_in(other)
    for client, response, phone in ((first, page, "+86 138 0000 0001"), (second, other, "+86 138 0000 0002")):
        posted = client.post("/trials/brave-aa1/apply/",
                             {**screening_post(phone=phone), "csrfmiddlewaretoken": token_in(response)})
        assert posted.status_code == 302
    assert Application.objects.count() == 2


def test_each_language_has_its_own_cached_page():
    make_trial(slug="brave-aa1")
    english = Client().get("/trials/brave-aa1/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = Client().get("/trials/brave-aa1/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'lang="en"' in english and 'lang="zh-hans"' in chinese


def test_unknown_query_parameters_are_not_cached(django_assert_num_queries):
    make_trial()
    Client().get("/?utm_source=poster123")
    with django_assert_num_queries(2):  # rendered again: the trials, then their sites
        Client().get("/?utm_source=poster123")


def test_a_prefilled_page_is_never_served_from_or_put_in_the_cache(client):
    make_trial(slug="brave-aa1")
    client.post("/trials/brave-aa1/apply/", screening_post(full_name="Wang Fang"))
    reference = Application.objects.get().reference
    assert "Wang Fang" in client.get(f"/trials/brave-aa1/apply/?from={reference}").content.decode()
    assert "Wang Fang" not in Client().get(f"/trials/brave-aa1/apply/?from={reference}").content.decode()
    assert "Wang Fang" not in Client().get("/trials/brave-aa1/apply/").content.decode()


def test_a_cached_page_loses_only_its_indentation(settings):
    make_trial(slug="brave-aa1")

    def normalised(response):
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", response.content.decode())
        return re.sub(r"\s+", " ", text)

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    rendered = Client().get("/trials/brave-aa1/apply/")
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    Client().get("/trials/brave-aa1/apply/")  # fills the cache
    cached = Client().get("/trials/brave-aa1/apply/")
    assert normalised(cached) == normalised(rendered)
    assert len(cached.content) < 0.8 * len(rendered.content)
    assert "\n " not in cached.content.decode()


def test_a_page_whose_whitespace_counts_is_cached_as_it_is():
    from recruitment.pagecache import _compact

    page = b"<p>\n    a</p>\n<textarea>\n    kept\n</textarea>"
    assert _compact(page) == page
    assert _compact(b"<p>\n    a\n\n   b</p>") == b"<p>\na\nb</p>"

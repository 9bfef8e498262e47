"""The public pages keep the catalog in Django's cache, and every write to the catalog drops it
once committed: a change shows at the next request, never a minute later."""

import re

import pytest
from django.test import Client

from recruitment.models import Application
from tests.factories import make_campaign, make_criterion, make_site, make_trial, screening_post
from trials.models import RecruitmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed (the test's own never does)."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            write()

    return run


def token_in(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_a_cached_signup_page_costs_no_query_and_still_accepts_each_visitors_submission(
    django_assert_num_queries,
):
    make_trial(slug="brave-aa1", acronym="BRAVE-AA1")
    Client().get("/en/trials/brave-aa1/apply/")  # fills the cache
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        page = first.get("/en/trials/brave-aa1/apply/")
    other = second.get("/en/trials/brave-aa1/apply/")
    assert token_in(page) != token_in(other)
    for client, response, phone in ((first, page, "+86 138 0000 0001"), (second, other, "+86 138 0000 0002")):
        posted = client.post(
            "/en/trials/brave-aa1/apply/", {**screening_post(phone=phone), "csrfmiddlewaretoken": token_in(response)}
        )
        assert posted.status_code == 302
    assert Application.objects.count() == 2


def test_cached_trial_pages_cost_no_query(django_assert_num_queries):
    trial = make_trial(slug="brave-aa1")
    make_site(trial)
    for path in ("/en/", "/zh-hans/?condition=alopecia_areata", "/en/trials/brave-aa1/", "/en/trials/brave-aa1/apply/"):
        Client().get(path)
        with django_assert_num_queries(0):
            assert Client().get(path).status_code == 200
    assert Client().get("/en/trials/no-such-trial/").status_code == 404


def test_a_whole_public_page_is_one_copy_for_every_reader_and_browsers_ask_again(django_assert_num_queries):
    make_trial(slug="brave-aa1")
    first = Client().get("/zh-hans/trials/brave-aa1/")
    # No token, no session: nothing on the page makes it one reader's (Vary: Cookie would).
    assert "Cookie" not in first.get("Vary", "") and "csrfmiddlewaretoken" not in first.content.decode()
    assert not first.cookies
    returning = Client()
    returning.cookies["sessionid"], returning.cookies["django_language"] = "someone", "en"
    with django_assert_num_queries(0):
        again = returning.get("/zh-hans/trials/brave-aa1/")
    assert again.content == first.content
    # Only this cache, which every catalog write empties, keeps it: a browser asks each time.
    assert "max-age=0" in again["Cache-Control"] and "Expires" not in again


def test_each_language_has_its_own_cached_page():
    make_trial(slug="brave-aa1", summary_en="Tablets once a day.", summary_zh_hans="每天服药一次。")
    Client().get("/en/trials/brave-aa1/")
    chinese = Client().get("/zh-hans/trials/brave-aa1/").content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/en/trials/brave-aa1/").content.decode()
    assert "每天服药一次。" in chinese and "Tablets once a day." not in chinese
    assert "Tablets once a day." in english and "每天服药一次。" not in english


def test_unknown_query_parameters_are_not_cached(django_assert_num_queries):
    make_trial()
    Client().get("/en/?utm_source=poster123")
    with django_assert_num_queries(3):  # rendered again: the trials, their sites, the cities to be near
        Client().get("/en/?utm_source=poster123")


def test_a_prefilled_page_is_never_served_from_or_put_in_the_cache(client):
    make_trial(slug="brave-aa1")
    client.post("/en/trials/brave-aa1/apply/", screening_post(full_name="Wang Fang"))
    reference = Application.objects.get().reference
    prefilled = re.compile(r'name="loss_top"[^>]*value="80"|value="80"[^>]*name="loss_top"')
    assert prefilled.search(client.get(f"/en/trials/brave-aa1/apply/?from={reference}").content.decode())
    assert not prefilled.search(Client().get(f"/en/trials/brave-aa1/apply/?from={reference}").content.decode())
    assert not prefilled.search(Client().get("/en/trials/brave-aa1/apply/").content.decode())


def test_a_form_with_errors_is_never_served_from_the_cache(client):
    make_trial(slug="brave-aa1")
    client.get("/en/trials/brave-aa1/apply/")
    body = client.post("/en/trials/brave-aa1/apply/", screening_post(loss_top="140")).content.decode()
    assert 'value="140"' in body and "is-invalid" in body
    assert "is-invalid" not in Client().get("/en/trials/brave-aa1/apply/").content.decode()


def test_a_trial_edited_shows_on_every_public_page_at_the_next_request(committed):
    trial = make_trial(slug="brave-aa1", lay_title_en="Old title", summary_en="Old summary.")
    for path in ("/en/", "/en/trials/brave-aa1/", "/en/trials/brave-aa1/apply/"):
        assert "Old title" in Client().get(path).content.decode()

    def edit():
        trial.lay_title_en, trial.summary_en = "New title", "New summary."
        trial.save()

    committed(edit)
    for path in ("/en/", "/en/trials/brave-aa1/", "/en/trials/brave-aa1/apply/"):
        body = Client().get(path).content.decode()
        assert "New title" in body and "Old title" not in body, path
    assert "New summary." in Client().get("/en/trials/brave-aa1/").content.decode()


def test_a_closed_site_an_edited_criterion_and_a_new_campaign_apply_to_the_next_signup(committed):
    trial = make_trial(slug="brave-aa1")
    closing = make_site(trial, facility="Closing Clinic")
    criterion = make_criterion(trial, "salt", params={"min": 50})
    Client().get("/en/trials/brave-aa1/apply/")
    Client().get("/en/trials/brave-aa1/")

    def change():
        closing.status = RecruitmentStatus.COMPLETED
        closing.save()
        criterion.params = {"min": 90}
        criterion.save()

    committed(change)
    assert "Closing Clinic" not in Client().get("/en/trials/brave-aa1/apply/").content.decode()
    client = Client()
    client.post("/en/trials/brave-aa1/apply/", screening_post())  # SALT 75.2: below the new minimum
    assert Application.objects.get().verdict == "likely_ineligible"

    campaign = []
    committed(lambda: campaign.append(make_campaign(trial)))
    client = Client()
    client.get(f"/c/{campaign[0].code}")
    client.post("/en/trials/brave-aa1/apply/", screening_post(phone="+86 138 0000 0009"))
    assert Application.objects.filter(campaign=campaign[0]).count() == 1


def test_a_registry_import_that_closes_a_site_shows_at_the_next_request(committed):
    from trials.ctgov import parse_study
    from trials.services import import_study

    record = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT09999999", "briefTitle": "A study", "acronym": "REG"},
            "statusModule": {"overallStatus": "RECRUITING"},
            "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Sponsor"}},
            "conditionsModule": {"conditions": ["Alopecia Areata"]},
            "designModule": {"phases": ["PHASE3"]},
            "descriptionModule": {"briefSummary": "A summary."},
            "contactsLocationsModule": {
                "locations": [
                    {"facility": "Kept Hospital", "city": "Beijing", "country": "China", "status": "RECRUITING"},
                    {"facility": "Dropped Hospital", "city": "Shanghai", "country": "China", "status": "RECRUITING"},
                ]
            },
        }
    }
    committed(lambda: import_study(parse_study(record), slug="reg"))
    assert "Dropped Hospital" in Client().get("/en/trials/reg/").content.decode()
    record["protocolSection"]["contactsLocationsModule"]["locations"].pop()
    committed(lambda: import_study(parse_study(record)))
    body = Client().get("/en/trials/reg/").content.decode()
    assert re.search(r"Dropped Hospital.*?(Withdrawn|已撤回)", body, re.S)


def test_a_page_read_before_a_change_committed_is_never_filed_under_the_new_version(monkeypatch):
    """An edit that commits between the request's reading of the version and of the catalog:
    what the request read is filed under the old version, which nobody reads any more."""
    import recruitment.views  # noqa: F401 - imported before the patch, so it keeps the real reader
    from trials import catalog_cache, signup

    trial = make_trial(slug="brave-aa1", lay_title_en="Old title")
    real_read = signup.read_signup_trial

    def read_then_edit(slug, **kwargs):
        read = real_read(slug, **kwargs)  # the old title...
        trial.lay_title_en = "New title"
        trial.save()
        from django.core.cache import cache

        cache.set(catalog_cache.VERSION_KEY, "after-the-edit", None)  # ...and the edit commits
        return read

    monkeypatch.setattr(signup, "read_signup_trial", read_then_edit)
    Client().get("/en/trials/brave-aa1/")
    monkeypatch.setattr(signup, "read_signup_trial", real_read)
    body = Client().get("/en/trials/brave-aa1/").content.decode()
    assert "New title" in body and "Old title" not in body


def test_unknown_or_repeated_query_parameters_never_read_nor_fill_the_cache(django_assert_num_queries):
    make_trial(acronym="ALOPECIA-ONE")
    make_trial(acronym="VITILIGO-ONE", condition="vitiligo")
    Client().get("/en/")  # the unfiltered list, cached
    filtered = Client().get("/en/?condition=vitiligo&fbclid=abc").content.decode()
    assert "VITILIGO-ONE" in filtered and "ALOPECIA-ONE" not in filtered  # not the cached unfiltered list
    # Only known filters, each given once, make a page kept: any other query string is made afresh.
    for query in ("condition=vitiligo&fbclid=abc", "condition=vitiligo&condition=vitiligo"):
        Client().get(f"/en/?{query}")
        with django_assert_num_queries(3):  # the trials, their sites, the cities to be near
            Client().get(f"/en/?{query}")


def test_a_site_closed_by_a_bulk_update_is_offered_no_more_after_the_refusal(client, committed):
    from trials.models import Site

    trial = make_trial(slug="brave-aa1")
    site = make_site(trial, facility="Closing Soon Hospital")
    assert "Closing Soon Hospital" in client.get("/en/trials/brave-aa1/apply/").content.decode()
    Site.objects.filter(pk=site.pk).update(status=RecruitmentStatus.COMPLETED)  # no signal
    responses = []
    committed(lambda: responses.append(client.post("/en/trials/brave-aa1/apply/", screening_post(site=str(site.pk)))))
    assert responses[0].status_code == 409
    assert "Closing Soon Hospital" not in Client().get("/en/trials/brave-aa1/apply/").content.decode()


def test_every_migrate_drops_the_catalogs_cache(committed):
    from django.core.cache import cache
    from django.core.management import call_command

    from trials import catalog_cache

    before = catalog_cache.version()
    committed(lambda: call_command("migrate", verbosity=0))
    assert catalog_cache.version() != before
    assert cache.get(catalog_cache.VERSION_KEY) is not None

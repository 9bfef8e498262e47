"""A shaved head is "not yet": the confirmation page says, in the alopecia app's own words, that
the trial waits for the hair to grow back, neither "only time" nor a push to stop a treatment."""

import pytest
from django.test import Client

from tests.factories import make_criterion, make_trial, screening_post

pytestmark = pytest.mark.django_db


def test_a_shaved_head_waits_for_the_hair_to_grow_back_in_both_languages():
    # ALLEGRO-2b/3: "participants must not enter the study until the hair has grown back".
    trial = make_trial(slug="allegro")
    make_criterion(trial, "shaved_head", role="exclusion", patient_text="Not with a shaved head")
    for language, grown_back, only_time, do_not_stop in (
        ("en", "Once your hair has grown back", "Only time stands", "Do not stop a treatment"),
        ("zh-hans", "等头发长出来后", "只差时间", "请不要为了参加试验自行停药"),
    ):
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.post(f"/{language}/trials/allegro/apply/", screening_post(shaves_head="yes", language=language))
        page = client.get(f"/{language}/trials/allegro/apply/done/").content.decode()
        assert grown_back in page
        assert only_time not in page and do_not_stop not in page

"""Arbitrary payloads against the questionnaire: a clear answer every time, and no broken row."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recruitment.conditions.alopecia_areata.score import compute_salt, severity_band
from recruitment.models import Application, ConsentRecord
from tests.factories import make_criterion, make_trial, screening_post

pytestmark = pytest.mark.django_db

VALID = screening_post()
FIELDS = sorted(VALID) + ["site", "used_baricitinib", "response_baricitinib", "consent_share_with_sponsor"]

junk = st.one_of(
    st.text(max_size=40),
    st.text(max_size=400),
    st.emails().map(lambda e: "x" * 250 + e),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "100",
            "101",
            "1e3",
            "NaN",
            "2024-02-30",
            "1900-01-01",
            "9999-12-31",
            "yes",
            "no",
            "none",
            "FEMALE",
            "MALE",
            "still",
            "<script>",
            "\x00",
            "😀",
            "on",
        ]
    ),
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
)
value = st.one_of(junk, st.lists(junk, max_size=3))


@st.composite
def payloads(draw):
    data = dict(VALID)
    for key in draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=6)):
        if draw(st.booleans()):
            data.pop(key, None)
        else:
            data[key] = draw(value)
    extra = draw(st.dictionaries(st.text(min_size=1, max_size=10), junk, max_size=2))
    return {**extra, **data}


@pytest.fixture
def trial(settings):
    settings.SIGNUP_RATE_LIMIT = "100000/h"  # throttling has its own test; here every payload is judged
    trial = make_trial(slug="fuzz")
    make_criterion(trial, "salt", params={"min": 50})
    make_criterion(trial, "age", params={"min": 18, "max": 65})
    return trial


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=payloads())
def test_any_payload_gets_a_clear_answer_and_no_stored_row_breaks_a_rule(client, trial, payload):
    response = client.post("/en/trials/fuzz/apply/", payload)
    assert response.status_code in {200, 302, 400, 429}

    for application in Application.objects.select_related("alopecia", "contact"):
        answers = application.alopecia
        salt = compute_salt(
            top=answers.loss_top, back=answers.loss_back, left=answers.loss_left, right=answers.loss_right
        )
        assert answers.salt == salt
        assert answers.severity == severity_band(salt)
        assert 0 <= application.age_years <= 120
        assert 0 <= answers.episode_months <= 1200
        assert len(application.contact.email) <= 254
        assert application.contact.phone or application.contact.email
        assert application.contact.full_name.strip()
        purposes = set(ConsentRecord.objects.filter(application=application).values_list("purpose", flat=True))
        assert {"health_data", "contact"} <= purposes
        if application.sex == "MALE":
            assert application.pregnant is None

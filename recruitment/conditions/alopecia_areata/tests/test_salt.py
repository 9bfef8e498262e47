import re
from decimal import Decimal

import pytest

from recruitment.conditions.alopecia_areata.score import SeverityBand, compute_salt, severity_band


@pytest.mark.parametrize(
    ("views", "expected"),
    [
        ({"top": 0, "back": 0, "left": 0, "right": 20}, Decimal("3.6")),  # DOMAIN.md's worked example
        ({"top": 0, "back": 0, "left": 0, "right": 0}, Decimal("0.0")),
        ({"top": 100, "back": 100, "left": 100, "right": 100}, Decimal("100.0")),
        ({"top": 100, "back": 0, "left": 0, "right": 0}, Decimal("40.0")),
        ({"top": 0, "back": 100, "left": 0, "right": 0}, Decimal("24.0")),
        ({"top": 50, "back": 50, "left": 50, "right": 50}, Decimal("50.0")),
        ({"top": 80, "back": 60, "left": 70, "right": 90}, Decimal("75.2")),  # 32 + 14.4 + 12.6 + 16.2
        ({"top": 1, "back": 1, "left": 0, "right": 0}, Decimal("0.6")),  # 0.64 rounds to 0.6
        ({"top": 0, "back": 0, "left": 25, "right": 0}, Decimal("4.5")),
    ],
)
def test_salt_uses_the_olsen_weights_and_one_decimal(views, expected):
    assert compute_salt(**views) == expected


def test_salt_rounds_to_the_nearest_tenth():
    assert compute_salt(top=0, back=2, left=1, right=0) == Decimal("0.7")  # 0.48 + 0.18 = 0.66
    assert compute_salt(top=1, back=0, left=1, right=0) == Decimal("0.6")  # 0.40 + 0.18 = 0.58
    assert compute_salt(top=0, back=1, left=0, right=1) == Decimal("0.4")  # 0.24 + 0.18 = 0.42


@pytest.mark.parametrize("bad", [-1, 101])
def test_salt_refuses_a_view_outside_0_to_100(bad):
    with pytest.raises(ValueError, match="top view"):
        compute_salt(top=bad, back=0, left=0, right=0)


@pytest.mark.parametrize(
    ("salt", "band"),
    [
        ("0", SeverityBand.NONE),
        ("0.6", SeverityBand.LIMITED),
        ("20", SeverityBand.LIMITED),
        ("20.9", SeverityBand.LIMITED),
        ("21", SeverityBand.MODERATE),
        ("49.9", SeverityBand.MODERATE),
        ("50", SeverityBand.SEVERE),
        ("94.9", SeverityBand.SEVERE),
        ("95", SeverityBand.VERY_SEVERE),
        ("100", SeverityBand.VERY_SEVERE),
    ],
)
def test_severity_bands_follow_aa_iga(salt, band):
    assert severity_band(Decimal(salt)) == band


def test_a_no_to_the_earlier_8_year_question_is_not_read_as_no_regrowth_of_any_cause():
    """BRAVE-AA2 admits a longer episode "if episodes of regrowth have been observed within the past
    8 years" (any cause); before December 2026 the question asked about regrowth on its own only."""
    import datetime

    from recruitment.conditions.alopecia_areata.answers import screening_values
    from recruitment.conditions.alopecia_areata.models import AlopeciaAnswers

    row = AlopeciaAnswers(
        salt=80,
        episode_months=100,
        episode_started_on=datetime.date(2019, 1, 1),
        regrowth_within_8_years="no",
        regrowth_8_years_any_cause=False,
        other_diagnoses=[],
    )
    assert screening_values(row)["regrowth_within_8_years"] == "unsure"
    row.regrowth_8_years_any_cause = True
    assert screening_values(row)["regrowth_within_8_years"] == "no"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words", "scale"),
    [
        ("en", "severe hair loss: half of the scalp or more", "Doctors call 50 or more severe"),
        ("zh-hans", "重度脱发：头皮的一半或以上", "医生把 50 及以上称为重度斑秃"),
    ],
)
def test_the_patient_reads_the_salt_band_in_words_with_the_scale_explained(language, words, scale):
    from django.test import Client

    from tests.factories import make_trial, screening_post

    trial = make_trial(slug="brave-aa1")
    client = Client()
    corrected = client.post(f"/{language}/trials/brave-aa1/apply/", screening_post(phone="", email=""))
    preview = re.search(r'<p[^>]*id="salt-preview".*?</p>', corrected.content.decode(), re.S).group(0)
    assert "75.2" in preview and words in preview and "3 –" not in preview
    assert scale in corrected.content.decode()
    bands = re.search(r'data-bands="([^"]*)"', preview).group(1).split("|")
    assert len(bands) == 5 and words in bands  # the live preview says the same words
    client.post(f"/{language}/trials/{trial.slug}/apply/", screening_post())
    result = client.get(f"/{language}/trials/brave-aa1/apply/done/").content.decode()
    shown = re.search(r'id="salt-result".*?</div>', result, re.S).group(0)
    assert words in shown and scale in shown and "3 –" not in shown and "AA-IGA" not in shown

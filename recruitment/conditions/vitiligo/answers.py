"""The vitiligo answers of an application: made from the questionnaire's section (the scores
worked out on the server, never trusted from the browser), and read by the eligibility rules."""

from decimal import Decimal

from recruitment.conditions.vitiligo.score import extent

SCORES = ("facial_bsa", "nonfacial_bsa", "total_bsa", "bsa_without_palms_soles_feet_tops", "f_vasi", "t_vasi")


def regions_of(stored: dict) -> dict:
    """{region: (hand units, whiteness)} from the stored regions."""
    return {code: (Decimal(value["units"]), int(value["whiteness"])) for code, value in stored.items()}


def build(application, values: dict):
    """The answers row for `application` (not saved) from the section's cleaned values."""
    from recruitment.conditions.vitiligo.models import VitiligoAnswers

    scores = extent(regions_of(values["regions"]))
    return VitiligoAnswers(application=application, **values, **{name: getattr(scores, name) for name in SCORES})


def screening_values(row) -> dict:
    """What the eligibility rules read from the row (recruitment.screening.answers)."""
    return {
        "vitiligo_type": row.vitiligo_type,
        "duration_months": row.duration_months,
        "started_on": row.started_on,
        "activity": row.activity,
        "pigmented_facial_hair": row.pigmented_facial_hair,
        **{name: getattr(row, name) for name in SCORES},
    }

"""The atopic-dermatitis answers of an application: made from the questionnaire's section (EASI
and the body surface worked out on the server, never trusted from the browser), and read by the
eligibility rules."""

from recruitment.conditions.atopic_dermatitis.score import extent


def build(application, values: dict):
    """The answers row for `application` (not saved) from the section's cleaned values."""
    from recruitment.conditions.atopic_dermatitis.models import EczemaAnswers

    scores = extent(values["regions"])
    return EczemaAnswers(application=application, **values, easi=scores.easi, bsa=scores.bsa)


def screening_values(row) -> dict:
    """What the eligibility rules read from the row (recruitment.screening.answers)."""
    return {
        "started_on": row.started_on,
        "duration_months": row.duration_months,
        "easi": row.easi,
        "bsa": row.bsa,
        "iga": row.iga,
        "itch": row.itch,
        "weight_kg": row.weight_kg,
        "topical_response": row.topical_response,
        "other_skin_diseases": frozenset(row.other_skin_diseases),
        "other_skin_unsure": row.other_skin_unsure,
    }

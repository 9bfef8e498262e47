"""The alopecia-areata answers of an application: made from the questionnaire's section (the
SALT worked out on the server, never trusted from the browser), and read by the eligibility
rules."""

from recruitment.conditions.alopecia_areata.score import compute_salt, severity_band
from recruitment.screening.treatments import YesNoUnsure


def build(application, values: dict):
    """The answers row for `application` (not saved) from the section's cleaned values."""
    from recruitment.conditions.alopecia_areata.models import AlopeciaAnswers

    salt = compute_salt(
        top=values["loss_top"], back=values["loss_back"], left=values["loss_left"], right=values["loss_right"]
    )
    return AlopeciaAnswers(application=application, salt=salt, severity=severity_band(salt), **values)


def screening_values(row) -> dict:
    """What the eligibility rules read from the row (recruitment.screening.answers)."""
    return {
        "salt": row.salt,
        "episode_months": row.episode_months,
        "episode_started_on": row.episode_started_on,
        "regrowth_last_6_months": row.regrowth_last_6_months,
        "spontaneous_regrowth": row.spontaneous_regrowth,
        # A "no" of the earlier question (on its own only) does not say no regrowth of any cause.
        "regrowth_within_8_years": row.regrowth_within_8_years
        if row.regrowth_8_years_any_cause or row.regrowth_within_8_years != YesNoUnsure.NO
        else YesNoUnsure.UNSURE,
        "treated_regrowth_6_months": row.treated_regrowth_6_months,
        "aa_type": row.aa_type,
        "scalp_conditions": None if row.scalp_conditions is None else frozenset(row.scalp_conditions),
        "scalp_conditions_unsure": row.scalp_conditions_unsure,
        "shaves_head": row.shaves_head,
        "other_diagnoses": frozenset(row.other_diagnoses),
        "other_diagnoses_unsure": row.other_diagnoses_unsure,
        "hair_loss_causes": None if row.hair_loss_causes is None else frozenset(row.hair_loss_causes),
        "hair_loss_causes_unsure": row.hair_loss_causes_unsure,
    }

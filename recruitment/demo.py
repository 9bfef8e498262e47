"""Applications made from questionnaire data without a browser: demo data and tests use the same
path as the web form (form validation, then the submit service)."""

from recruitment.conditions import condition_of
from recruitment.forms import questionnaire_for
from recruitment.services.applications import submit_application


class InvalidAnswers(ValueError):
    pass


def submit_answers(trial, data: dict, *, site=None, campaign=None, when=None, shown_language="en"):
    form = questionnaire_for(trial)(data, trial=trial)
    if not form.is_valid():
        raise InvalidAnswers(form.errors.as_json())
    return submit_application(
        trial=trial,
        application=form.application_fields(),
        condition_answers=form.condition_answers(),
        treatments=form.treatment_rows(),
        contact=form.contact_fields(),
        consents=form.consents_given(),
        site=site,
        campaign=campaign,
        language=form.cleaned_data["language"],
        shown_language=shown_language,
        now=when,
    )


# Invented people for the demo portal: names say "Demo", phone numbers are not real numbers. The
# answers every trial asks; each condition gives its section's (`demo_answers`).
_BASE = {
    "date_of_birth": "1988-06-01",
    "sex": "FEMALE",
    "pregnancy": ["none"],
    "email": "",
    "language": "zh-hans",
    "best_time_to_call": "evening",
    "consent_health_data": "on",
    "consent_contact": "on",
    # Asked only where the trial's sponsor is abroad (recruitment.consent.transfer_needed).
    "consent_transfer_abroad": "on",
}

DEMO_APPLICANTS: list[tuple[str, dict[str, object], str]] = [
    # (trial slug, answers that differ from _BASE, status)
    ("brave-aa1", {"full_name": "Demo Applicant 1", "phone": "+00 100 0001"}, "new"),
    (
        "brave-aa1",
        {
            "full_name": "Demo Applicant 2",
            "phone": "+00 100 0002",
            "sex": "MALE",
            "pregnancy": [],
            "date_of_birth": "1962-02-02",
            "language": "en",
        },
        "new",
    ),
    (
        "brave-aa1",
        {
            "full_name": "Demo Applicant 3",
            "phone": "+00 100 0003",
            "spontaneous_regrowth": "unsure",
            "consent_share_with_sponsor": "on",
        },
        "contacted",
    ),
    ("thrive-aa1", {"full_name": "Demo Applicant 4", "phone": "+00 100 0004", "used_topical_steroid": "lt1m"}, "new"),
    (
        "thrive-aa1",
        {
            "full_name": "Demo Applicant 5",
            "phone": "+00 100 0005",
            "loss_top": "100",
            "loss_back": "100",
            "loss_left": "100",
            "loss_right": "100",
        },
        "prescreen_passed",
    ),
    (
        "jaktinib-aa",
        {
            "full_name": "Demo Applicant 6",
            "phone": "+00 100 0006",
            "used_tofacitinib": "gt6m",
            "response_tofacitinib": "no",
        },
        "new",
    ),
    ("true-v1", {"full_name": "Demo Applicant 7", "phone": "+00 100 0007"}, "new"),
    (
        "true-v1",
        {
            "full_name": "Demo Applicant 8",
            "phone": "+00 100 0008",
            "units_face": "0.5",
            "used_topical_calcineurin": "lt1m",
        },
        "contacted",
    ),
    (
        "tranquillo-2",
        {
            "full_name": "Demo Applicant 9",
            "phone": "+00 100 0009",
            "activity": "spreading",
            "units_legs": "6",
            "whiteness_legs": "90",
        },
        "new",
    ),
]


def demo_answers(trial, overrides: dict) -> dict:
    return {**_BASE, **condition_of(trial).demo_answers, **overrides}

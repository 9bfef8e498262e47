"""Applications made from questionnaire data without a browser: demo data and tests use the same
path as the web form (form validation, then the submit service)."""

from collections.abc import Mapping

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
# answers every trial asks; each condition gives its section's (`demo_answers`) and its applicants
# (its DemoData's `applicants`).
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


def demo_answers(trial, overrides: Mapping[str, object]) -> dict:
    return {**_BASE, **condition_of(trial).demo_answers, **overrides}

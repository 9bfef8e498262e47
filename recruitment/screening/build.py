"""ScreeningAnswers from stored (or about-to-be-stored) application rows: the one place that
maps the database shape onto what the eligibility rules read."""

from recruitment.conditions import condition_of
from recruitment.screening.answers import ScreeningAnswers, TreatmentAnswer


def screening_answers(application, condition_answers=None, treatments=None) -> ScreeningAnswers:
    """`condition_answers` (the row of the trial's condition) and `treatments` default to the
    application's stored rows."""
    condition = condition_of(application.trial)
    if condition_answers is None:
        condition_answers = condition.answers_of(application)
    if treatments is None:
        treatments = application.treatments.all()
    values = condition.screening_values(condition_answers) if condition_answers is not None else {}
    return ScreeningAnswers(
        age=application.age_years,
        sex=application.sex,
        pregnant=application.pregnant,
        breastfeeding=application.breastfeeding,
        planning_pregnancy=application.planning_pregnancy,
        diagnosed=application.diagnosed,
        treatments={t.treatment: TreatmentAnswer(t.last_use, t.response or None) for t in treatments},
        treatments_asked=frozenset(condition.questions.treatments),
        condition=values,
    )

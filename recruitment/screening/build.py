"""ScreeningAnswers from stored (or about-to-be-stored) application rows: the one place that
maps the database shape onto what the eligibility rules read."""

import datetime

from django.conf import settings

from recruitment.conditions import condition_of
from recruitment.models import ContactDetails
from recruitment.patient_dates import age_on, patient_today
from recruitment.screening.answers import ScreeningAnswers, TreatmentAnswer
from recruitment.screening.treatments import FIRST_HISTORY_ASKED


def screening_answers(
    application, condition_answers=None, treatments=None, *, born=None, today=None
) -> ScreeningAnswers:
    """`condition_answers` (the row of the trial's condition), `treatments` and `born` (the date of
    birth) default to the application's stored rows; `today` to the patient's day."""
    condition = condition_of(application.trial)
    if born is None and application.pk is not None:
        born = ContactDetails.objects.filter(application=application).values_list("date_of_birth", flat=True).first()
    if condition_answers is None:
        condition_answers = condition.answers_of(application)
    if treatments is None:
        treatments = application.treatments.all()
    values = condition.screening_values(condition_answers) if condition_answers is not None else {}
    today = today or patient_today()
    return ScreeningAnswers(
        today=today,
        screening_on=today + datetime.timedelta(days=settings.PORTAL_SCREENING_WITHIN_DAYS),
        # The answers about treatments were given on the day of the application: a later
        # evaluation counts the time since.
        answered_on=patient_today(application.submitted_at) if application.submitted_at else today,
        born=born,
        # On the day of this evaluation: a re-evaluation after a birthday counts it.
        age=age_on(born, today) if born else application.age_years,
        sex=application.sex,
        pregnancy_applies=application.sex != "MALE"
        and (born is None or age_on(born, today) >= settings.PORTAL_PREGNANCY_FROM_AGE),
        pregnant=application.pregnant,
        breastfeeding=application.breastfeeding,
        planning_pregnancy=application.planning_pregnancy,
        diagnosed=application.diagnosed,
        history=None if application.health_history is None else frozenset(application.health_history),
        history_asked=FIRST_HISTORY_ASKED
        if application.health_history_asked is None
        else frozenset(application.health_history_asked),
        treatments={t.treatment: TreatmentAnswer(t.last_use, t.response or None, t.course or None) for t in treatments},
        treatments_asked=frozenset(condition.questions.treatments),
        condition=values,
    )

"""ScreeningAnswers from stored (or about-to-be-stored) application rows: the one place that
maps the database shape onto what the eligibility rules read."""

from recruitment.screening.answers import ScreeningAnswers, TreatmentAnswer


def screening_answers(application, alopecia=None, treatments=None) -> ScreeningAnswers:
    """`alopecia` and `treatments` default to the application's stored rows."""
    if alopecia is None:
        alopecia = getattr(application, "alopecia", None)
    if treatments is None:
        treatments = application.treatments.all()
    return ScreeningAnswers(
        age=application.age_years,
        sex=application.sex,
        pregnant=application.pregnant,
        breastfeeding=application.breastfeeding,
        planning_pregnancy=application.planning_pregnancy,
        diagnosed=application.diagnosed,
        other_diagnoses=frozenset(application.other_diagnoses),
        other_diagnoses_unsure=application.other_diagnoses_unsure,
        episode_months=application.episode_months,
        regrowth_last_6_months=application.regrowth_last_6_months,
        treatments={t.treatment: TreatmentAnswer(t.last_use, t.regrowth or None) for t in treatments},
        salt=alopecia.salt if alopecia is not None else None,
    )

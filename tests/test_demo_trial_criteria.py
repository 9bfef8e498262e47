"""The demo trials' criteria (from DOMAIN.md) against applicants worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from recruitment.screening.answers import TreatmentAnswer
from tests.factories import with_condition
from recruitment.screening.eligibility import Verdict, evaluate
from trials.models import Trial

pytestmark = pytest.mark.django_db

ALL_AA = ["brave-aa1", "brave-aa2", "allegro-2b3", "thrive-aa1", "thrive-aa2", "jaktinib-aa", "ivarmacitinib-aa"]


@pytest.fixture
def verdicts():
    call_command("seed_demo")

    def run(answers):
        out = {}
        for trial in Trial.objects.prefetch_related("criteria"):
            out[trial.slug] = evaluate([c.as_spec() for c in trial.criteria.all()], answers)
        return out

    return run


TODAY = datetime.date(2026, 12, 2)


def person(**fields):
    base = dict(today=TODAY, 
        age=40, sex="FEMALE", pregnant=False, breastfeeding=False, planning_pregnancy=False, diagnosed="yes",
        other_diagnoses=frozenset(), episode_months=36, regrowth_last_6_months="no", salt=Decimal("80"),
    )
    base.update(fields)
    return with_condition(base)


def test_every_demo_trial_has_criteria():
    call_command("seed_demo")
    for slug in ALL_AA:
        assert Trial.objects.get(slug=slug).criteria.count() >= 6, slug


def test_a_typical_candidate_may_fit_every_trial(verdicts):
    results = verdicts(person())
    for slug in ALL_AA:
        assert results[slug].verdict == Verdict.LIKELY_ELIGIBLE, (slug, results[slug].failed(), results[slug].unknown())


def test_a_62_year_old_man_with_salt_80_is_too_old_for_brave_but_may_fit_thrive(verdicts):
    results = verdicts(person(age=62, sex="MALE", pregnant=None, breastfeeding=None, planning_pregnancy=None))
    assert results["brave-aa1"].verdict == Verdict.LIKELY_INELIGIBLE
    assert [r.criterion.kind for r in results["brave-aa1"].failed()] == ["age"]
    assert results["brave-aa2"].verdict == Verdict.LIKELY_INELIGIBLE
    assert results["thrive-aa1"].verdict == Verdict.LIKELY_ELIGIBLE
    assert results["allegro-2b3"].verdict == Verdict.LIKELY_ELIGIBLE
    assert results["ivarmacitinib-aa"].verdict == Verdict.LIKELY_ELIGIBLE


def test_a_62_year_old_woman_may_fit_brave(verdicts):
    assert verdicts(person(age=62))["brave-aa1"].verdict == Verdict.LIKELY_ELIGIBLE


def test_a_15_year_old_can_only_try_allegro(verdicts):
    results = verdicts(person(age=15))
    assert results["allegro-2b3"].verdict == Verdict.LIKELY_ELIGIBLE
    for slug in set(ALL_AA) - {"allegro-2b3"}:
        assert results[slug].verdict == Verdict.LIKELY_INELIGIBLE, slug


def test_salt_below_50_is_ineligible_everywhere(verdicts):
    results = verdicts(person(salt=Decimal("30.4")))
    assert all(results[slug].verdict == Verdict.LIKELY_INELIGIBLE for slug in ALL_AA)


def test_tofacitinib_that_worked_is_allowed_by_brave_but_not_by_allegro_or_jaktinib(verdicts):
    results = verdicts(person(treatments={"tofacitinib": TreatmentAnswer("gt6m", "yes")}))
    assert results["brave-aa1"].verdict == Verdict.LIKELY_ELIGIBLE
    assert results["allegro-2b3"].verdict == Verdict.LIKELY_INELIGIBLE
    assert results["jaktinib-aa"].verdict == Verdict.LIKELY_INELIGIBLE
    assert results["ivarmacitinib-aa"].verdict == Verdict.LIKELY_INELIGIBLE


def test_tofacitinib_without_regrowth_excludes_from_brave(verdicts):
    results = verdicts(person(treatments={"tofacitinib": TreatmentAnswer("gt6m", "no")}))
    assert results["brave-aa1"].verdict == Verdict.LIKELY_INELIGIBLE


def test_an_episode_of_9_years_fits_thrive_and_allegro_but_not_brave_or_jaktinib(verdicts):
    results = verdicts(person(episode_months=108))
    assert results["thrive-aa1"].verdict == Verdict.LIKELY_ELIGIBLE
    assert results["allegro-2b3"].verdict == Verdict.LIKELY_ELIGIBLE
    assert results["brave-aa1"].verdict == Verdict.LIKELY_INELIGIBLE
    assert results["jaktinib-aa"].verdict == Verdict.LIKELY_INELIGIBLE


def test_steroid_cream_last_week_is_not_yet_for_thrive_and_needs_review_where_washouts_are_unknown(verdicts):
    results = verdicts(person(treatments={"topical_steroid": TreatmentAnswer("lt1m")}))
    assert results["thrive-aa1"].verdict == Verdict.NOT_YET_ELIGIBLE
    assert results["thrive-aa1"].eligible_from == TODAY + datetime.timedelta(days=30)
    for slug in ("brave-aa1", "allegro-2b3", "jaktinib-aa", "ivarmacitinib-aa"):
        assert results[slug].verdict == Verdict.NEEDS_REVIEW, slug


def test_a_treatment_stopped_long_ago_raises_no_question(verdicts):
    results = verdicts(person(treatments={"topical_steroid": TreatmentAnswer("gt6m")}))
    assert all(results[slug].verdict == Verdict.LIKELY_ELIGIBLE for slug in ALL_AA)


def test_methotrexate_stopped_1_to_3_months_ago_is_not_yet_for_thrive_until_3_months_have_surely_passed(verdicts):
    results = verdicts(person(treatments={"immunosuppressant": TreatmentAnswer("1to3m")}))
    assert results["thrive-aa2"].verdict == Verdict.NOT_YET_ELIGIBLE
    # Stopped at least 30 days ago: the 90-day washout is surely over 60 days from today.
    assert results["thrive-aa2"].eligible_from == TODAY + datetime.timedelta(days=60)


def test_not_sure_about_regrowth_needs_review_where_it_counts(verdicts):
    results = verdicts(person(regrowth_last_6_months="unsure"))
    assert results["brave-aa1"].verdict == Verdict.NEEDS_REVIEW
    assert results["thrive-aa1"].verdict == Verdict.LIKELY_ELIGIBLE  # THRIVE does not ask it


def test_pregnancy_excludes_where_the_registry_says_so_and_needs_review_elsewhere(verdicts):
    results = verdicts(person(pregnant=True))
    assert results["thrive-aa1"].verdict == Verdict.LIKELY_INELIGIBLE
    assert results["thrive-aa2"].verdict == Verdict.LIKELY_INELIGIBLE
    for slug in ("brave-aa1", "allegro-2b3", "jaktinib-aa", "ivarmacitinib-aa"):
        assert results[slug].verdict == Verdict.NEEDS_REVIEW, slug


def test_an_episode_begun_6_calendar_months_ago_is_too_close_to_call_for_brave(verdicts):
    assert verdicts(person(episode_months=6))["brave-aa1"].verdict == Verdict.NEEDS_REVIEW
    assert verdicts(person(episode_months=7))["brave-aa1"].verdict == Verdict.LIKELY_ELIGIBLE

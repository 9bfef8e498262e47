"""The demo trials' criteria (from DOMAIN.md) against applicants worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from recruitment.screening.answers import TreatmentAnswer
from recruitment.screening.checks import add_months
from recruitment.screening.eligibility import Verdict
from tests.engine import evaluate
from tests.factories import with_condition
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
    base = dict(
        today=TODAY,
        age=40,
        sex="FEMALE",
        pregnant=False,
        breastfeeding=False,
        planning_pregnancy=False,
        diagnosed="yes",
        history=frozenset(),
        other_diagnoses=frozenset(),
        hair_loss_causes=frozenset(),
        episode_months=36,
        spontaneous_regrowth="not_in_12",
        salt=Decimal("80"),
        aa_type="patchy",
        scalp_conditions=frozenset(),
        shaves_head="no",
        regrowth_within_8_years="no",
        treated_regrowth_6_months="no",
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


def test_tofacitinib_without_regrowth_after_12_weeks_excludes_from_brave_a_4_week_course_is_for_the_doctor(verdicts):
    # "Previous treatment with an oral Janus kinase (JAK) inhibitor with an inadequate response for
    # alopecia areata": the registry gives no length of a full course, so a short one is judged.
    results = verdicts(person(treatments={"tofacitinib": TreatmentAnswer("gt6m", "no", "12w_plus")}))
    assert results["brave-aa1"].verdict == Verdict.LIKELY_INELIGIBLE
    results = verdicts(person(treatments={"tofacitinib": TreatmentAnswer("gt6m", "no", "lt12w")}))
    assert results["brave-aa1"].verdict == Verdict.NEEDS_REVIEW


def test_an_episode_of_9_years_fits_thrive_and_allegro_but_not_brave_or_jaktinib(verdicts):
    results = verdicts(person(episode_months=108))
    assert results["thrive-aa1"].verdict == Verdict.LIKELY_ELIGIBLE
    assert results["allegro-2b3"].verdict == Verdict.LIKELY_ELIGIBLE
    assert results["brave-aa1"].verdict == Verdict.LIKELY_INELIGIBLE
    assert results["jaktinib-aa"].verdict == Verdict.LIKELY_INELIGIBLE


def test_steroid_cream_last_week_is_not_yet_for_thrive_and_needs_review_where_washouts_are_unknown(verdicts):
    results = verdicts(person(treatments={"topical_steroid": TreatmentAnswer("lt1m")}))
    assert results["thrive-aa1"].verdict == Verdict.NOT_YET_ELIGIBLE
    # "within 1 month of baseline": a month on the calendar, not 30 days.
    assert results["thrive-aa1"].eligible_from == add_months(TODAY, 1)
    for slug in ("brave-aa1", "allegro-2b3", "jaktinib-aa", "ivarmacitinib-aa"):
        assert results[slug].verdict == Verdict.NEEDS_REVIEW, slug


def test_a_treatment_stopped_long_ago_raises_no_question(verdicts):
    results = verdicts(person(treatments={"topical_steroid": TreatmentAnswer("gt6m")}))
    assert all(results[slug].verdict == Verdict.LIKELY_ELIGIBLE for slug in ALL_AA)


def test_methotrexate_stopped_1_to_3_months_ago_is_not_yet_for_thrive_until_3_months_have_surely_passed(verdicts):
    results = verdicts(person(treatments={"immunosuppressant": TreatmentAnswer("1to3m")}))
    assert results["thrive-aa2"].verdict == Verdict.NOT_YET_ELIGIBLE
    # "within 3 months of screening": stopped at least a month ago, the 3 months are surely over
    # 2 months from today, on the calendar.
    assert results["thrive-aa2"].eligible_from == add_months(TODAY, 2)


def test_not_sure_about_regrowth_needs_review_where_it_counts(verdicts):
    results = verdicts(person(spontaneous_regrowth="unsure"))
    assert results["brave-aa1"].verdict == Verdict.NEEDS_REVIEW
    assert results["thrive-aa1"].verdict == Verdict.LIKELY_ELIGIBLE  # THRIVE does not ask it


def test_pregnancy_excludes_where_the_registry_says_so_and_needs_review_elsewhere(verdicts):
    results = verdicts(person(pregnant=True))
    # BRAVE-AA: "Male, or nonpregnant, nonbreastfeeding female participants".
    for slug in ("thrive-aa1", "thrive-aa2", "brave-aa1", "brave-aa2"):
        assert results[slug].verdict == Verdict.LIKELY_INELIGIBLE, slug
    for slug in ("allegro-2b3", "jaktinib-aa", "ivarmacitinib-aa"):
        assert results[slug].verdict == Verdict.NEEDS_REVIEW, slug


def test_an_episode_begun_6_calendar_months_ago_is_too_close_to_call_for_brave(verdicts):
    assert verdicts(person(episode_months=6))["brave-aa1"].verdict == Verdict.NEEDS_REVIEW
    assert verdicts(person(episode_months=7))["brave-aa1"].verdict == Verdict.LIKELY_ELIGIBLE


# --- A panel of edge cases, each verdict the one the registry text implies (issue 16) ---------------
NINE_YEARS = dict(episode_months=108, episode_started_on=datetime.date(2017, 12, 1))
EDGE_CASES = [
    # (who, answers, {trial: verdict}); trials not named are not asserted for that case.
    (
        "a week short of 18",
        dict(age=17, born=datetime.date(2008, 12, 9)),
        {"brave-aa1": "not_yet_eligible", "thrive-aa1": "not_yet_eligible", "allegro-2b3": "likely_eligible"},
    ),
    (
        "steroid cream stopped 2 weeks ago",
        dict(treatments={"topical_steroid": TreatmentAnswer("lt1m")}),
        {"thrive-aa1": "not_yet_eligible", "brave-aa1": "needs_review"},
    ),
    (
        "minoxidil still used",
        dict(treatments={"topical_minoxidil": TreatmentAnswer("still")}),
        {"thrive-aa1": "not_yet_eligible"},
    ),
    (
        "methotrexate 1 to 3 months ago",
        dict(treatments={"immunosuppressant": TreatmentAnswer("1to3m")}),
        {"thrive-aa2": "not_yet_eligible"},
    ),
    (
        "dupilumab 3 to 6 months ago",
        dict(treatments={"biologic": TreatmentAnswer("3to6m")}),
        {"thrive-aa1": "not_yet_eligible"},
    ),  # surely within THRIVE's 6 months
    # Asked before December 2026: "any regrowth in the last 6 months", a treatment's included.
    (
        "regrowth under the earlier question",
        dict(spontaneous_regrowth="", regrowth_last_6_months="yes"),
        {"brave-aa1": "needs_review", "allegro-2b3": "needs_review", "thrive-aa1": "likely_eligible"},
    ),
    (
        "thick hair back on its own 3 months ago",
        dict(spontaneous_regrowth="in_6_months"),
        {
            "brave-aa1": "likely_ineligible",
            "allegro-2b3": "likely_ineligible",
            "ivarmacitinib-aa": "likely_ineligible",
            "thrive-aa1": "likely_eligible",
        },
    ),
    # ALLEGRO-2b/3: "No evidence of terminal hair regrowth within the previous 6 months" and the
    # ivarmacitinib trial: "No terminal hair regrowth within 6 months before screening and baseline":
    # any regrowth; BRAVE-AA: "No spontaneous improvement of scalp hair over the past 6 months".
    (
        "thick hair back during minoxidil in the last 6 months",
        dict(treated_regrowth_6_months="yes"),
        {"allegro-2b3": "likely_ineligible", "ivarmacitinib-aa": "likely_ineligible", "brave-aa1": "likely_eligible"},
    ),
    (
        "not sure whether hair grew back during a treatment",
        dict(treated_regrowth_6_months="unsure"),
        {"allegro-2b3": "needs_review", "ivarmacitinib-aa": "needs_review", "brave-aa1": "likely_eligible"},
    ),
    (
        "answered before regrowth during a treatment was asked",
        dict(treated_regrowth_6_months=""),
        {"allegro-2b3": "needs_review", "brave-aa1": "likely_eligible"},
    ),
    # BRAVE-AA: "Currently experiencing other diseases that can cause hair loss"; ALLEGRO: "other
    # diseases that can cause hair loss"; ivarmacitinib: "hair loss caused by thyroid disease".
    (
        "thyroid disease causing hair loss now",
        dict(hair_loss_causes=frozenset({"thyroid"})),
        {
            "brave-aa1": "likely_ineligible",
            "allegro-2b3": "likely_ineligible",
            "ivarmacitinib-aa": "likely_ineligible",
            "thrive-aa1": "likely_eligible",
        },
    ),
    (
        "iron deficiency causing hair loss now",
        dict(hair_loss_causes=frozenset({"iron"})),
        {"brave-aa1": "likely_ineligible", "ivarmacitinib-aa": "likely_ineligible"},
    ),
    (
        "answered before other causes were asked",
        dict(hair_loss_causes=None),
        {"brave-aa1": "needs_review", "thrive-aa1": "likely_eligible"},
    ),
    (
        "thick hair back on its own 9 months ago",
        dict(spontaneous_regrowth="6_to_12_months"),
        {"brave-aa1": "likely_eligible", "allegro-2b3": "likely_eligible"},
    ),
    (
        "4 weeks of tofacitinib, no regrowth",
        dict(treatments={"tofacitinib": TreatmentAnswer("gt6m", "no", "lt12w")}),
        {"brave-aa1": "needs_review", "allegro-2b3": "likely_ineligible"},
    ),
    (
        "6 months of baricitinib, no regrowth",
        dict(treatments={"baricitinib": TreatmentAnswer("gt6m", "no", "12w_plus")}),
        {"brave-aa1": "likely_ineligible", "thrive-aa1": "likely_eligible"},
    ),  # THRIVE has no prior-JAK rule
    (
        "a 9-year episode with regrowth 5 years ago",
        dict(regrowth_within_8_years="yes", **NINE_YEARS),
        {"brave-aa1": "likely_ineligible", "brave-aa2": "likely_eligible", "thrive-aa1": "likely_eligible"},
    ),
    (
        "a 9-year episode without regrowth",
        dict(regrowth_within_8_years="no", **NINE_YEARS),
        {"brave-aa2": "likely_ineligible"},
    ),
    (
        "an episode of 4 months",
        dict(episode_months=4, episode_started_on=datetime.date(2026, 8, 1)),
        {"brave-aa1": "not_yet_eligible", "ivarmacitinib-aa": "not_yet_eligible", "allegro-2b3": "likely_eligible"},
    ),
    ("breastfeeding", dict(breastfeeding=True), {"brave-aa1": "likely_ineligible", "allegro-2b3": "needs_review"}),
    (
        "diffuse alopecia areata",
        dict(aa_type="diffuse"),
        {"brave-aa1": "likely_ineligible", "allegro-2b3": "likely_eligible"},
    ),
    (
        # THRIVE: "psoriasis or seborrheic dermatitis requiring topical treatment to the scalp";
        # ALLEGRO: "Other scalp diseases that could interfere with the assessment": for the doctor.
        "scalp psoriasis",
        dict(scalp_conditions=frozenset({"psoriasis"})),
        {"thrive-aa1": "likely_ineligible", "allegro-2b3": "needs_review", "brave-aa1": "likely_eligible"},
    ),
    (
        "another scalp disease",
        dict(scalp_conditions=frozenset({"other"})),
        {"thrive-aa1": "needs_review", "allegro-2b3": "needs_review", "brave-aa1": "likely_eligible"},
    ),
    # ALLEGRO: "participants must not enter the study until the hair has grown back": not yet.
    # BRAVE: "SALT score ≥ 50 at screening and baseline" cannot be scored on a shaved scalp: the doctor.
    ("a shaved head", dict(shaves_head="yes"), {"allegro-2b3": "not_yet_eligible", "brave-aa1": "needs_review"}),
    (
        "a 9-year episode, hair grown back 5 years ago, reaching 8 years by the visit",
        dict(regrowth_within_8_years="unsure", **NINE_YEARS),
        {"brave-aa2": "needs_review", "brave-aa1": "likely_ineligible"},
    ),
    # BRAVE: "Male, or nonpregnant, nonbreastfeeding female participants": planning is for the doctor.
    (
        "planning a pregnancy",
        dict(sex="FEMALE", pregnant=False, breastfeeding=False, planning_pregnancy=True),
        {"brave-aa1": "needs_review", "thrive-aa1": "likely_ineligible"},
    ),
    (
        "breastfeeding",
        dict(sex="FEMALE", pregnant=False, breastfeeding=True, planning_pregnancy=False),
        {"brave-aa1": "likely_ineligible", "thrive-aa1": "likely_ineligible"},
    ),
    (
        "SALT 48, just under the threshold",
        dict(salt=Decimal("48")),
        {"brave-aa1": "needs_review", "thrive-aa1": "needs_review"},
    ),
    ("SALT 40, clearly under", dict(salt=Decimal("40")), {"brave-aa1": "likely_ineligible"}),
]


@pytest.mark.parametrize(("who", "answers", "expected"), EDGE_CASES, ids=[case[0] for case in EDGE_CASES])
def test_edge_case_applicants_get_the_verdict_a_trial_physician_would_give(verdicts, who, answers, expected):
    results = verdicts(person(**{"born": datetime.date(1986, 3, 15), **answers}))
    assert {slug: results[slug].verdict for slug in expected} == expected


def test_a_not_yet_verdict_gives_the_day(verdicts):
    results = verdicts(person(age=17, born=datetime.date(2008, 12, 9)))
    assert results["brave-aa1"].eligible_from == datetime.date(2026, 12, 9)
    results = verdicts(person(episode_months=4, episode_started_on=datetime.date(2026, 8, 1)))
    assert results["brave-aa1"].eligible_from == datetime.date(2027, 3, 1)  # begun by 31 August: > 6 months

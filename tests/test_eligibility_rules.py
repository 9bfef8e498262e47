"""The pure eligibility engine: every criterion kind, inclusion and exclusion, every verdict."""

from decimal import Decimal

import pytest

from recruitment.screening.answers import TreatmentAnswer
from recruitment.screening.eligibility import CriterionSpec, Result, Verdict
from recruitment.screening.kinds import validate_params
from tests.engine import evaluate, evaluate_criterion
from tests.factories import with_condition


def include(kind, **params):
    return CriterionSpec(kind=kind, role="inclusion", params=params, patient_text=f"{kind} in plain words")


def exclude(kind, **params):
    return CriterionSpec(kind=kind, role="exclusion", params=params, patient_text=f"{kind} in plain words")


def review(kind, **params):
    return CriterionSpec(kind=kind, role="review", params=params, patient_text=f"{kind} in plain words")


def answers(**fields):
    base = dict(
        age=40,
        sex="FEMALE",
        pregnant=False,
        breastfeeding=False,
        planning_pregnancy=False,
        diagnosed="yes",
        episode_months=24,
        spontaneous_regrowth="not_in_12",
        salt=Decimal("75.0"),
        other_diagnoses=frozenset(),
    )
    base.update(fields)
    return with_condition(base)


def result(criterion, **fields):
    return evaluate_criterion(criterion, answers(**fields)).result


MET, NOT_MET, UNKNOWN = Result.MET, Result.NOT_MET, Result.UNKNOWN


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"age": 18}, MET),
        ({"age": 70}, MET),
        ({"age": 17}, NOT_MET),
        ({"age": 71}, NOT_MET),
        ({"age": 62, "sex": "MALE"}, NOT_MET),  # men only to 60
        ({"age": 60, "sex": "MALE"}, MET),
        ({"age": 62, "sex": "FEMALE"}, MET),
        ({"age": 62, "sex": "UNDISCLOSED"}, UNKNOWN),  # fits the women's limit, not the men's
        ({"age": 30, "sex": "UNDISCLOSED"}, MET),  # fits both
        ({"age": 75, "sex": "UNDISCLOSED"}, NOT_MET),  # fits neither
        ({"age": None}, UNKNOWN),
    ],
)
def test_age_with_a_limit_per_sex(fields, expected):
    assert result(include("age", min=18, max=70, male_max=60), **fields) == expected


def test_age_without_upper_limit():
    assert result(include("age", min=12), age=99) == MET
    assert result(include("age", min=12), age=11) == NOT_MET


def test_sex():
    women_only = include("sex", allowed=["FEMALE"])
    assert result(women_only, sex="FEMALE") == MET
    assert result(women_only, sex="MALE") == NOT_MET
    assert result(women_only, sex="UNDISCLOSED") == UNKNOWN


@pytest.mark.parametrize(
    ("salt", "expected"),
    [
        ("100", MET),
        ("97", MET),
        ("55.1", MET),
        ("55.0", UNKNOWN),  # 45 and 55 themselves are within the 5 points
        ("50.0", UNKNOWN),
        ("49.9", UNKNOWN),
        ("45.0", UNKNOWN),
        ("44.9", NOT_MET),
        ("20", NOT_MET),
        (None, UNKNOWN),
    ],
)
def test_a_self_estimated_salt_within_5_points_of_the_limit_is_for_the_site_to_measure(salt, expected):
    assert result(include("salt", min=50, max=100), salt=Decimal(salt) if salt else None) == expected


@pytest.mark.parametrize(
    ("months", "expected"),
    [(5, NOT_MET), (6, UNKNOWN), (7, MET), (95, MET), (96, UNKNOWN), (97, NOT_MET), (None, UNKNOWN)],
)
def test_episode_duration_with_exclusive_bounds(months, expected):
    # "Began 7 calendar months ago" means more than 6 and less than 8 months: firmly > 6.
    # "Began 6 calendar months ago" may be 5.x or 6.x months: too close to tell from the month.
    brave = include("episode_duration", min_months=6, min_exclusive=True, max_months=96, max_exclusive=True)
    assert result(brave, episode_months=months) == expected


@pytest.mark.parametrize(
    ("months", "expected"), [(5, NOT_MET), (6, UNKNOWN), (7, MET), (119, MET), (120, UNKNOWN), (122, NOT_MET)]
)
def test_episode_duration_with_inclusive_bounds(months, expected):
    assert result(include("episode_duration", min_months=6, max_months=120), episode_months=months) == expected


@pytest.mark.parametrize(
    ("window", "answer", "expected"),
    [
        (6, "not_in_12", MET),
        (6, "6_to_12_months", MET),
        (6, "in_6_months", NOT_MET),
        (6, "unsure", UNKNOWN),
        (12, "6_to_12_months", NOT_MET),
        (12, "in_6_months", NOT_MET),
        (12, "not_in_12", MET),
        (3, "in_6_months", UNKNOWN),  # within 6 months may be longer ago than 3
        (3, "6_to_12_months", MET),
    ],
)
def test_no_spontaneous_terminal_regrowth_in_the_last_n_months(window, answer, expected):
    assert result(exclude("recent_regrowth", months=window), spontaneous_regrowth=answer) == expected


@pytest.mark.parametrize(
    ("window", "answer", "expected"),
    [
        (6, "no", MET),
        (6, "yes", UNKNOWN),  # the earlier question counted regrowth during a treatment too
        (3, "no", MET),
        (12, "no", UNKNOWN),
        (6, "unsure", UNKNOWN),
    ],
)
def test_answers_to_the_earlier_regrowth_question_are_read_as_far_as_they_tell(window, answer, expected):
    assert (
        result(exclude("recent_regrowth", months=window), spontaneous_regrowth="", regrowth_last_6_months=answer)
        == expected
    )


JAK_NO_REGROWTH = {"baricitinib": TreatmentAnswer("gt6m", "no")}
JAK_REGROWTH = {"tofacitinib": TreatmentAnswer("gt6m", "yes")}
JAK_NO_REGROWTH_12_WEEKS = {"tofacitinib": TreatmentAnswer("gt6m", "no", "12w_plus")}
JAK_NO_REGROWTH_4_WEEKS = {"tofacitinib": TreatmentAnswer("gt6m", "no", "lt12w")}
JAK_UNSURE = {"tofacitinib": TreatmentAnswer("gt6m", None)}
CREAM_ONLY = {"ruxolitinib_cream": TreatmentAnswer("lt1m", None)}


@pytest.mark.parametrize(
    ("criterion", "treatments", "expected"),
    [
        # Any use excludes (ALLEGRO, jaktinib)
        (exclude("prior_jak", route="any"), {}, MET),
        (exclude("prior_jak", route="any"), JAK_REGROWTH, NOT_MET),
        (exclude("prior_jak", route="any"), CREAM_ONLY, NOT_MET),
        # Systemic only (ivarmacitinib): cream does not count
        (exclude("prior_jak", route="oral"), CREAM_ONLY, MET),
        (exclude("prior_jak", route="oral"), JAK_NO_REGROWTH, NOT_MET),
        # Inadequate response excludes (BRAVE): only non-responders are out
        (exclude("prior_jak", route="oral", inadequate_response_only=True), JAK_REGROWTH, MET),
        # ...after a full course: no response after 12 weeks or more (BRAVE-AA)
        (exclude("prior_jak", route="oral", inadequate_response_only=True), JAK_NO_REGROWTH_12_WEEKS, NOT_MET),
        # ...a 4-week course without regrowth: not inadequate where the registry defines a full course
        # as 12 weeks, for the study doctor to judge where it does not (BRAVE-AA: "with an inadequate
        # response", no length given).
        (
            exclude("prior_jak", route="oral", inadequate_response_only=True, course_of_12_weeks=True),
            JAK_NO_REGROWTH_4_WEEKS,
            MET,
        ),
        (exclude("prior_jak", route="oral", inadequate_response_only=True), JAK_NO_REGROWTH_4_WEEKS, UNKNOWN),
        (exclude("prior_jak", route="oral", inadequate_response_only=True), JAK_NO_REGROWTH, UNKNOWN),
        (exclude("prior_jak", route="oral", inadequate_response_only=True), JAK_UNSURE, UNKNOWN),
        (exclude("prior_jak", route="oral", inadequate_response_only=True), {}, MET),
    ],
)
def test_prior_jak_policies(criterion, treatments, expected):
    assert result(criterion, treatments=treatments) == expected


@pytest.mark.parametrize(
    ("last_use", "days", "expected"),
    [
        ("still", 30, NOT_MET),
        ("lt1m", 30, NOT_MET),
        ("1to3m", 30, MET),
        ("1to3m", 90, NOT_MET),
        ("3to6m", 90, MET),
        ("gt6m", 180, MET),
        ("3to6m", 180, NOT_MET),
        ("1to3m", 60, UNKNOWN),  # 1-3 months straddles 60 days
        ("unsure", 30, UNKNOWN),
    ],
)
def test_washout_windows(last_use, days, expected):
    criterion = exclude("washout", treatments=["oral_steroid"], days=days)
    assert result(criterion, treatments={"oral_steroid": TreatmentAnswer(last_use)}) == expected


def test_washout_ignores_treatments_it_does_not_name_and_expands_groups():
    criterion = exclude("washout", treatments=["jak_oral"], days=90)
    assert result(criterion, treatments={"topical_minoxidil": TreatmentAnswer("still")}) == MET
    assert result(criterion, treatments={"baricitinib": TreatmentAnswer("lt1m", "no")}) == NOT_MET


def test_washout_a_definite_recent_use_outweighs_an_unclear_one():
    criterion = exclude("washout", treatments=["oral_steroid", "biologic"], days=60)
    treatments = {"oral_steroid": TreatmentAnswer("1to3m"), "biologic": TreatmentAnswer("still")}
    assert result(criterion, treatments=treatments) == NOT_MET


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, MET),
        ({"pregnant": True}, NOT_MET),
        ({"breastfeeding": True}, NOT_MET),
        ({"planning_pregnancy": True}, NOT_MET),
        ({"sex": "MALE", "pregnant": None, "breastfeeding": None, "planning_pregnancy": None}, MET),
        ({"sex": "UNDISCLOSED", "pregnant": None, "breastfeeding": None, "planning_pregnancy": None}, UNKNOWN),
    ],
)
def test_pregnancy_or_breastfeeding(fields, expected):
    assert result(exclude("pregnancy"), **fields) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"other_diagnoses": frozenset()}, MET),
        ({"other_diagnoses": frozenset({"scarring"})}, NOT_MET),
        ({"other_diagnoses": frozenset({"traction"})}, MET),  # not listed by this criterion
        ({"other_diagnoses_unsure": True}, UNKNOWN),
    ],
)
def test_other_hair_loss_diagnoses(fields, expected):
    assert result(exclude("other_hair_loss", diagnoses=["androgenetic", "scarring"]), **fields) == expected


@pytest.mark.parametrize(("answer", "expected"), [("yes", MET), ("no", UNKNOWN), ("unsure", UNKNOWN)])
def test_a_missing_diagnosis_needs_a_doctor_rather_than_a_refusal(answer, expected):
    assert result(include("diagnosis"), diagnosed=answer) == expected


def test_vitiligo_scores_are_unknown_until_asked_and_decided_once_clearly_given():
    assert result(include("f_vasi", min=0.5)) == UNKNOWN
    assert result(include("f_vasi", min=0.5), f_vasi=Decimal("0.8")) == MET
    assert result(include("t_vasi", min=3), t_vasi=Decimal("2.0")) == NOT_MET
    assert result(include("bsa", max=10), total_bsa=Decimal("14")) == NOT_MET
    assert result(exclude("vitiligo_type", types=["segmental"]), vitiligo_type="segmental") == NOT_MET
    assert result(exclude("vitiligo_type", types=["segmental"]), vitiligo_type="non_segmental") == MET


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"pregnant": True}, UNKNOWN),
        ({}, MET),
        ({"pregnant": None, "breastfeeding": None, "planning_pregnancy": None}, UNKNOWN),
    ],
)
def test_a_review_criterion_never_excludes_but_asks_the_site_to_check(fields, expected):
    evaluation = evaluate_criterion(review("pregnancy"), answers(**fields))
    assert evaluation.result == expected
    if fields.get("pregnant"):
        assert "the site checks" in str(evaluation.reason)


def test_a_manual_criterion_always_needs_review():
    assert result(include("manual")) == UNKNOWN


@pytest.mark.parametrize(
    ("outcomes", "verdict"),
    [
        ([MET, MET], Verdict.LIKELY_ELIGIBLE),
        ([MET, UNKNOWN], Verdict.NEEDS_REVIEW),
        ([UNKNOWN, UNKNOWN], Verdict.NEEDS_REVIEW),
        ([MET, NOT_MET], Verdict.LIKELY_INELIGIBLE),
        ([UNKNOWN, NOT_MET], Verdict.LIKELY_INELIGIBLE),
        ([NOT_MET, NOT_MET], Verdict.LIKELY_INELIGIBLE),
        ([], Verdict.NEEDS_REVIEW),  # no criteria entered yet: nobody is called eligible
    ],
)
def test_every_verdict_combination(outcomes, verdict):
    # For a 40-year-old: "18 or older" is met, "90 or older" is not, a manual check is unknown.
    build = {MET: include("age", min=18), NOT_MET: include("age", min=90), UNKNOWN: include("manual")}
    evaluation = evaluate([build[outcome] for outcome in outcomes], answers(age=40))
    assert [r.result for r in evaluation.results] == outcomes
    assert evaluation.verdict == verdict


def test_each_result_carries_a_reason_and_the_criterion_snapshot():
    evaluation = evaluate([include("age", min=18, max=65)], answers(age=70))
    snapshot = evaluation.results[0].as_dict()
    assert snapshot["kind"] == "age"
    assert snapshot["params"] == {"min": 18, "max": 65}
    assert snapshot["result"] == "not_met"
    assert "age 70" in snapshot["reason"]


@pytest.mark.parametrize(
    ("kind", "params", "problem"),
    [
        ("age", {"min": "18"}, "must be a number"),
        ("age", {"min": 70, "max": 18}, "'min' is above 'max'"),
        ("salt", {"minimum": 50}, "unknown parameter 'minimum'"),
        ("prior_jak", {}, "'route' is required"),
        ("prior_jak", {"route": "cream"}, "must be one of"),
        ("washout", {"treatments": ["aspirin"], "days": 30}, "unknown values ['aspirin']"),
        ("sex", {"allowed": []}, "non-empty list"),
        ("salt", [50], "must be a JSON object"),
    ],
)
def test_criterion_parameters_are_validated_with_clear_messages(kind, params, problem):
    assert any(problem in message for message in validate_params(kind, params))


def test_valid_parameters_pass_validation():
    assert validate_params("washout", {"treatments": ["jak_oral", "biologic"], "days": 90}) == []


def test_limits_read_as_words_in_each_language():
    """BRAVE-AA1: "current episode of severe alopecia areata of more than 6 months and less than 8
    years": the reason says so in words, not "required > 6 and < 96 months"."""
    from django.utils import translation

    from recruitment.screening.wording import reason_text

    episode = CriterionSpec(
        kind="episode_duration",
        role="inclusion",
        params={"min_months": 6, "min_exclusive": True, "max_months": 96, "max_exclusive": True},
        patient_text="episode",
    )
    result = evaluate_criterion(episode, with_condition({"age": 40, "episode_months": 120}))
    assert str(result.reason) == "episode about 10 years; the trial asks for more than 6 months and less than 8 years"
    stored = result.as_dict()
    with translation.override("zh-hans"):
        assert reason_text(stored) == "本次脱发约 10 年；本试验要求：超过 6 个月、不到 8 年"
    age = CriterionSpec(kind="age", role="inclusion", params={"min": 18, "max": 65}, patient_text="age")
    assert str(evaluate_criterion(age, with_condition({"age": 70})).reason) == (
        "age 70; the trial takes ages between 18 and 65"
    )

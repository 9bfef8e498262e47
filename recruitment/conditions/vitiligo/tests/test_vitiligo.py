"""Vitiligo: the self-reported extent worked out on the server, its kinds of criterion, the
questionnaire, and the verdicts the registry criteria imply on each demo vitiligo trial."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from recruitment.conditions.vitiligo.answers import regions_of
from recruitment.conditions.vitiligo.score import Whiteness, extent
from recruitment.models import Application, Notification
from recruitment.screening.answers import TreatmentAnswer
from recruitment.screening.checks import estimate_margin
from recruitment.screening.eligibility import CriterionSpec, Result, Verdict
from recruitment.screening.treatments import FIRST_HISTORY_ASKED
from tests.engine import evaluate, evaluate_criterion
from tests.factories import make_application, make_coordinator, make_trial, vitiligo_post, with_condition
from trials.models import Trial

D = Decimal
MET, NOT_MET, UNKNOWN = Result.MET, Result.NOT_MET, Result.UNKNOWN


# --- Scores: pure functions ---------------------------------------------------------------------
def test_the_worked_example_gives_a_t_vasi_of_4_5():
    scores = extent({"trunk": (D(3), 50), "legs": (D(4), 75)})
    assert scores.t_vasi == D("4.50")
    assert scores.total_bsa == D("7.00") and scores.nonfacial_bsa == D("7.00")
    assert scores.f_vasi == D("0.00") and scores.facial_bsa == D("0.00")


def test_the_face_counts_towards_f_vasi_and_t_vasi_and_its_own_surface():
    scores = extent({"face": (D("1.5"), 75), "arms": (D(2), 100)})
    assert (scores.facial_bsa, scores.f_vasi) == (D("1.50"), D("1.13"))  # 1.125 rounded half up
    assert scores.t_vasi == D("3.13")
    assert scores.total_bsa == D("3.50") and scores.nonfacial_bsa == D("2.00")


def test_palms_soles_and_tops_of_the_feet_are_left_out_of_the_surface_that_excludes_them():
    scores = extent({"palms": (D(1), 100), "soles": (D(1), 100), "feet_tops": (D("0.5"), 90), "legs": (D(3), 50)})
    assert scores.total_bsa == D("5.50")
    assert scores.bsa_without_palms_soles_feet_tops == D("3.00")


def test_a_region_marked_without_white_patches_counts_for_nothing():
    assert extent({"arms": (D(3), Whiteness.NONE)}).total_bsa == D("0.00")
    assert extent({}).t_vasi == D("0.00")


def test_stored_regions_read_back_as_the_same_numbers():
    assert regions_of({"face": {"units": "1.5", "whiteness": 75}}) == {"face": (D("1.5"), 75)}


# --- Kinds: pure functions ----------------------------------------------------------------------
def spec(kind, role="inclusion", **params):
    return CriterionSpec(kind=kind, role=role, params=params, patient_text=str(kind))


def vitiligo(**fields):
    base = dict(
        age=30,
        sex="MALE",
        diagnosed="yes",
        history=frozenset(),
        vitiligo_type="non_segmental",
        duration_months=24,
        activity="stable",
        facial_bsa=D("1.00"),
        nonfacial_bsa=D("5.00"),
        total_bsa=D("6.00"),
        bsa_without_palms_soles_feet_tops=D("6.00"),
        f_vasi=D("0.75"),
        t_vasi=D("4.50"),
    )
    base.update(fields)
    return with_condition(base)


def result(criterion, **fields):
    return evaluate_criterion(criterion, vitiligo(**fields)).result


def test_the_margin_is_a_quarter_of_the_threshold_and_never_under_a_quarter_point():
    assert estimate_margin(0.5) == D("0.25")
    assert estimate_margin(3) == D("0.75")
    assert estimate_margin(10) == D("2.5")


@pytest.mark.parametrize(
    ("f_vasi", "expected"),
    [
        ("0", NOT_MET),
        ("0.20", NOT_MET),
        ("0.30", UNKNOWN),
        ("0.49", UNKNOWN),
        ("0.50", UNKNOWN),
        ("0.74", UNKNOWN),
        ("0.75", MET),
        ("2.00", MET),
    ],
)
def test_an_f_vasi_estimate_near_the_minimum_is_for_the_site_to_measure(f_vasi, expected):
    assert result(spec("f_vasi", min=0.5), f_vasi=D(f_vasi)) == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("6", MET),
        ("7.50", MET),
        ("7.51", UNKNOWN),
        ("10", UNKNOWN),
        ("12.49", UNKNOWN),
        ("12.50", NOT_MET),
        ("30", NOT_MET),
    ],
)
def test_a_total_surface_near_the_ceiling_is_for_the_site_and_only_a_clear_excess_a_miss(total, expected):
    assert result(spec("bsa", max=10), total_bsa=D(total)) == expected


def test_each_area_of_the_surface_is_read_where_the_criterion_says():
    assert result(spec("bsa", area="face", min=0.5), facial_bsa=D("0.1")) == NOT_MET
    assert result(spec("bsa", area="nonfacial", min=3), nonfacial_bsa=D("8")) == MET
    within = spec("bsa", area="without_palms_soles_feet_tops", min=4, max=60)
    assert result(within, bsa_without_palms_soles_feet_tops=D("2"), total_bsa=D("9")) == NOT_MET
    assert result(within, bsa_without_palms_soles_feet_tops=D("20")) == MET


def test_a_score_not_asked_is_unknown():
    assert evaluate_criterion(spec("t_vasi", min=3), with_condition({"age": 30})).result == UNKNOWN


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("non_segmental", NOT_MET),
        ("segmental", MET),
        ("mixed", NOT_MET),
        ("unsure", UNKNOWN),
    ],
)
def test_the_type_meets_a_criterion_only_when_it_is_one_of_its_types(answer, expected):
    assert result(spec("vitiligo_type", types=["segmental"]), vitiligo_type=answer) == expected


@pytest.mark.clock  # reads the clock: CI runs it at the edges of time too
@pytest.mark.parametrize(("months", "expected"), [(1, NOT_MET), (2, NOT_MET), (3, UNKNOWN), (4, MET), (120, MET)])
def test_a_duration_from_a_month_and_year_is_firm_only_away_from_the_limit(months, expected):
    assert result(spec("vitiligo_duration", min_months=3), duration_months=months) == expected


@pytest.mark.parametrize(("answer", "expected"), [("spreading", MET), ("stable", NOT_MET), ("unsure", UNKNOWN)])
def test_spreading_or_stable(answer, expected):
    assert result(spec("vitiligo_activity", activity="spreading"), activity=answer) == expected


def test_a_treatment_ever_used_is_met_whenever_it_was_stopped():
    used = {"depigmentation": TreatmentAnswer("gt6m")}
    assert result(spec("treatment_ever", treatments=["depigmentation"]), treatments=used) == MET
    assert result(spec("treatment_ever", treatments=["depigmentation"])) == NOT_MET


def test_a_treatment_the_questionnaire_did_not_ask_about_is_not_known_to_be_unused():
    asked = frozenset({"topical_steroid", "depigmentation"})
    assert result(spec("treatment_ever", treatments=["topical_minoxidil"]), treatments_asked=asked) == UNKNOWN
    assert result(spec("treatment_ever", treatments=["depigmentation"]), treatments_asked=asked) == NOT_MET
    washout = spec("washout", role="exclusion", treatments=["biologic", "topical_steroid"], days=30)
    assert result(washout, treatments_asked=asked) == UNKNOWN
    assert result(washout, treatments_asked=asked, treatments={"topical_steroid": TreatmentAnswer("still")}) == NOT_MET


@pytest.mark.parametrize(
    ("regions", "shown"),
    [
        (
            {"units_face": "0.5", "whiteness_face": "25", "units_arms": "0.5", "whiteness_arms": "90"},
            "T-VASI <strong>0.58",
        ),
        ({"units_face": "NaN", "whiteness_face": "25"}, None),
        ({"units_face": "7", "whiteness_face": "25"}, None),
        ({"units_face": "1", "whiteness_face": ""}, None),
    ],
)
def test_the_page_shows_an_estimate_only_for_answers_the_form_accepts(client, true_v1, regions, shown):
    answers = {**vitiligo_post(**NO_REGIONS), **regions, "switch_language": "en"}
    body = client.post("/en/trials/true-v1/apply/", answers).content.decode()
    if shown:
        assert shown in body
    else:
        assert "We work out your self-estimated scores" in body


# --- Verdicts on the demo vitiligo trials -------------------------------------------------------
VITILIGO_TRIALS = ["true-v1", "true-v2", "tranquillo-2", "ruxolitinib-cream-children"]
LIKELY, REVIEW, NO = Verdict.LIKELY_ELIGIBLE, Verdict.NEEDS_REVIEW, Verdict.LIKELY_INELIGIBLE


@pytest.fixture
def verdicts(db):
    call_command("seed_demo")
    trials = {
        trial.slug: [c.as_spec() for c in trial.criteria.all()]
        for trial in Trial.objects.filter(slug__in=VITILIGO_TRIALS).prefetch_related("criteria")
    }

    def run(**fields):
        answers = vitiligo(**fields)
        return {slug: evaluate(criteria, answers).verdict for slug, criteria in trials.items()}

    return run


def scores_of(regions: dict) -> dict:
    return {
        name: getattr(extent(regions), name)
        for name in (
            "facial_bsa",
            "nonfacial_bsa",
            "total_bsa",
            "bsa_without_palms_soles_feet_tops",
            "f_vasi",
            "t_vasi",
        )
    }


# A typical TRuE-V patient: face 1 hand at 75 %, arms 2 and trunk 3 at 75 %: 6 % BSA, T-VASI 4.5.
TYPICAL = scores_of({"face": (D(1), 75), "arms": (D(2), 75), "trunk": (D(3), 75)})
# A wider Tranquillo patient: face 1 at 90 %, trunk 10 and legs 8 at 75 %: 19 % BSA.
WIDE = scores_of({"face": (D(1), 90), "trunk": (D(10), 75), "legs": (D(8), 75)})
# The children's trial closes its sign-up, but its criteria are checked the same way.
CASES = [
    # (what the patient is, answers, verdicts on TRuE-V1, TRuE-V2, Tranquillo 2, the children's trial)
    ("typical adult", dict(**TYPICAL), (LIKELY, LIKELY, LIKELY, NO)),
    ("a 14-year-old", dict(age=14, **TYPICAL), (LIKELY, LIKELY, NO, NO)),
    # The children's study has a criterion only the study doctor can check (pigmented facial hair).
    ("a 9-year-old", dict(age=9, **TYPICAL), (NO, NO, NO, REVIEW)),
    # "Pigmented hair within some of the facial vitiligo areas" (NCT06804811): a parent can tell.
    (
        "a 9-year-old with coloured hairs in the facial patches",
        dict(age=9, pigmented_facial_hair="yes", **TYPICAL),
        (NO, NO, NO, LIKELY),
    ),
    ("a 9-year-old without", dict(age=9, pigmented_facial_hair="no", **TYPICAL), (NO, NO, NO, NO)),
    ("segmental", dict(vitiligo_type="segmental", **TYPICAL), (NO, NO, NO, NO)),
    # "Segmental vitiligo or other forms of vitiligo" (TRuE-V); "Other forms of vitiligo (such as
    # segmental or mixed vitiligo)" (Tranquillo 2).
    ("mixed", dict(vitiligo_type="mixed", **TYPICAL), (NO, NO, NO, NO)),
    ("not sure of the type", dict(vitiligo_type="unsure", **TYPICAL), (REVIEW, REVIEW, REVIEW, NO)),
    ("nothing on the face", dict(scores_of({"arms": (D(3), 75), "trunk": (D(3), 75)})), (NO, NO, NO, NO)),
    ("19 % of the body", dict(**WIDE), (NO, NO, LIKELY, NO)),
    (
        "11 % of the body: an estimate near the 10 % ceiling",
        dict(scores_of({"face": (D(1), 75), "trunk": (D(10), 75)})),
        (REVIEW, REVIEW, LIKELY, NO),
    ),
    (
        "F-VASI 0.45: just under the minimum",
        dict(scores_of({"face": (D("0.5"), 90), "trunk": (D(5), 75)})),
        (REVIEW, REVIEW, REVIEW, NO),
    ),
    ("vitiligo for 2 months", dict(duration_months=2, **TYPICAL), (LIKELY, LIKELY, NO, NO)),
    ("vitiligo for 3 months, by month and year", dict(duration_months=3, **TYPICAL), (LIKELY, LIKELY, REVIEW, NO)),
    (
        "treated with monobenzone",
        dict(treatments={"depigmentation": TreatmentAnswer("gt6m")}, **TYPICAL),
        (NO, NO, LIKELY, NO),
    ),
    (
        "still using tacrolimus",
        dict(treatments={"topical_calcineurin": TreatmentAnswer("still")}, **TYPICAL),
        (REVIEW, REVIEW, REVIEW, NO),
    ),
    (
        "tried ruxolitinib cream before",
        dict(treatments={"ruxolitinib_cream": TreatmentAnswer("gt6m", "no")}, **TYPICAL),
        (REVIEW, REVIEW, REVIEW, NO),
    ),
    ("hepatitis B", dict(history=frozenset({"hepatitis"}), **TYPICAL), (LIKELY, LIKELY, NO, NO)),
    # "Current or past malignancy" (Tranquillo 2): an exclusion as stated.
    ("a cancer 3 years ago", dict(history=frozenset({"cancer_5y"}), **TYPICAL), (LIKELY, LIKELY, NO, NO)),
    ("health history not answered", dict(history=None, **TYPICAL), (LIKELY, LIKELY, REVIEW, NO)),
    # "Pregnant or breastfeeding women, or women of childbearing potential unwilling to use
    # contraception" (Tranquillo 2); TRuE-V's registry text is silent: the site asks.
    (
        "pregnant",
        dict(sex="FEMALE", pregnant=True, breastfeeding=False, planning_pregnancy=False, **TYPICAL),
        (REVIEW, REVIEW, NO, NO),
    ),
    (
        "breastfeeding",
        dict(sex="FEMALE", pregnant=False, breastfeeding=True, planning_pregnancy=False, **TYPICAL),
        (REVIEW, REVIEW, NO, NO),
    ),
    (
        "planning a pregnancy",
        dict(sex="FEMALE", pregnant=False, breastfeeding=False, planning_pregnancy=True, **TYPICAL),
        (REVIEW, REVIEW, REVIEW, NO),
    ),
    # "Current or past malignancy, hepatitis B or C, HIV infection, or other clinically significant
    # infections" (Tranquillo 2).
    ("HIV", dict(history=frozenset({"hiv"}), **TYPICAL), (LIKELY, LIKELY, NO, NO)),
    (
        "a serious infection now",
        dict(history=frozenset({"serious_infection"}), **TYPICAL),
        (LIKELY, LIKELY, REVIEW, NO),
    ),
    (
        "a health history given before HIV was asked",
        dict(history=frozenset(), history_asked=FIRST_HISTORY_ASKED, **TYPICAL),
        (LIKELY, LIKELY, REVIEW, NO),
    ),
]


@pytest.mark.parametrize(("who", "answers", "expected"), CASES, ids=[case[0] for case in CASES])
def test_typical_and_borderline_patients_get_the_verdicts_the_registry_implies(verdicts, who, answers, expected):
    assert tuple(verdicts(**answers)[slug] for slug in VITILIGO_TRIALS) == expected


# --- The questionnaire, the confirmation, admin, the sponsor's CSV --------------------------------
@pytest.fixture
def true_v1(db):
    call_command("seed_demo")
    return Trial.objects.get(slug="true-v1")


def test_a_chinese_patient_applies_and_reads_scores_worked_out_on_the_server(client, true_v1):
    before = set(Application.objects.values_list("pk", flat=True))  # seed_demo's applicants
    page = client.get("/zh-hans/trials/true-v1/apply/").content.decode()
    assert "医生是否诊断过您患有白癜风？" in page and "手掌单位" in page and "他克莫司" in page
    # The browser cannot choose the scores: they are not fields of the form.
    response = client.post("/zh-hans/trials/true-v1/apply/", vitiligo_post(t_vasi="99", f_vasi="3"), follow=True)
    application = Application.objects.exclude(pk__in=before).get()
    answers = application.vitiligo
    assert (answers.facial_bsa, answers.total_bsa, answers.f_vasi, answers.t_vasi) == (
        D("1.00"),
        D("6.00"),
        D("0.75"),
        D("4.15"),
    )
    assert answers.regions["face"] == {"units": "1.0", "whiteness": 75}
    assert application.verdict == Verdict.LIKELY_ELIGIBLE
    body = response.content.decode()
    assert "您自我估计的评分" in body and "4.15" in body

    # Half a palm on the face at 75 %: F-VASI 0.38, too close to 0.5 to decide on an estimate.
    body = client.post(
        "/zh-hans/trials/true-v1/apply/", vitiligo_post(units_face="0.5", phone="+86 139 0000 1111"), follow=True
    ).content.decode()
    assert "研究医生" in body and "面部 VASI 评分至少 0.5" in body  # the criterion, in Chinese
    # Other trials suggested are vitiligo trials the same answers may fit.
    assert "利特昔替尼胶囊治疗成人白癜风" in body and "巴瑞替尼" not in body


NO_REGIONS = {
    f"{part}_{region}": None for part in ("units", "whiteness") for region in ("face", "hands", "arms", "trunk")
}


@pytest.mark.parametrize(
    ("overrides", "anchor", "message"),
    [
        ({"whiteness_arms": ""}, "id_whiteness_arms", "Please choose how white the patches are here."),
        ({"whiteness_arms": "0"}, "id_whiteness_arms", "Select a valid choice"),
        ({"units_arms": ""}, "id_units_arms", "Please estimate how many hand units"),
        (
            {"units_face": "7"},
            "id_units_face",
            "All of this part is about 3 hand units: please give a number from 0 to 3.",
        ),
        ({"units_arms": "NaN"}, "id_units_arms", "Enter a number."),
        ({"units_arms": "1.25"}, "id_units_arms", "Ensure that there are no more than 1 decimal place."),
        (NO_REGIONS, "id_units_face", "Please estimate at least one part of the body with white patches"),
        (
            {
                "units_trunk": "37",
                "units_legs": "34",
                "whiteness_legs": "50",
                "units_arms": "14",
                "units_head_neck": "6",
                "whiteness_head_neck": "50",
                "units_palms": "3",
                "whiteness_palms": "100",
                "units_soles": "3",
                "whiteness_soles": "100",
                "units_feet_tops": "3",
                "whiteness_feet_tops": "100",
            },
            "screening-form",
            "more than 100",
        ),
        ({"vitiligo_type": None}, "id_vitiligo_type_0", "Please answer this question"),
    ],
)
def test_impossible_or_missing_extents_get_a_clear_message_and_keep_every_answer(
    client, true_v1, overrides, anchor, message
):
    stored = Application.objects.count()
    response = client.post("/en/trials/true-v1/apply/", vitiligo_post(**overrides))
    assert response.status_code == 200
    assert Application.objects.count() == stored
    body = response.content.decode()
    # A field's link reaches its group and focuses it; the form's own errors link to the form.
    assert message in body and (f'data-focus="{anchor}"' in body or f'href="#{anchor}"' in body)
    if overrides is not NO_REGIONS:
        assert re.search(r'<input[^>]*name="units_hands"[^>]*value="1"', body)
        assert re.search(r'<option value="90" selected', body)  # the hands' whiteness
    assert 'value="Wang Fang"' in body


def test_switching_language_keeps_the_vitiligo_answers_and_shows_the_estimate(client, true_v1):
    stored = Application.objects.count()
    response = client.post("/en/trials/true-v1/apply/", {**vitiligo_post(), "switch_language": "zh-hans"})
    body = response.content.decode()
    assert 'name="units_hands"' in body and re.search(r'<option value="90" selected', body)
    assert "T-VASI <strong>4.15</strong>" in body
    assert Application.objects.count() == stored


def test_the_childrens_trial_is_listed_as_not_yet_recruiting_and_its_signup_closed(client, true_v1):
    children = Trial.objects.get(slug="ruxolitinib-cream-children")
    assert children.status == "NOT_YET_RECRUITING"
    stored = Application.objects.count()
    response = client.post(f"/en/trials/{children.slug}/apply/", vitiligo_post(date_of_birth="2017-01-01"))
    assert response.status_code == 409 and Application.objects.count() == stored
    assert "Check whether you may be eligible" not in client.get(f"/en/trials/{children.slug}/").content.decode()


def test_filtering_the_list_by_vitiligo_shows_the_vitiligo_trials_only(client, true_v1):
    body = client.get("/en/", {"condition": "vitiligo"}).content.decode()
    assert "Ruxolitinib cream for vitiligo, from age 12" in body and "Tranquillo 2" in body
    assert "Baricitinib" not in body


def test_a_coordinator_reviews_the_vitiligo_answers_and_is_told_without_health_data(
    client, true_v1, mailoutbox, django_capture_on_commit_callbacks
):
    site = true_v1.sites.first()
    make_coordinator("nurse", site)
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application(true_v1, site=site)
    assert Notification.objects.filter(application=application, kind="new_application").count() == 1
    email = "\n".join(message.body for message in mailoutbox)
    assert application.reference in email and "VASI" not in email and "6.00" not in email
    client.force_login(User.objects.get(username="nurse"))
    page = client.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    for shown in (
        "Vitiligo",
        "non-segmental",
        "Backs of the hands and fingers: 1.0 ×",
        "T-VASI <strong>4.15</strong>",
        "not an investigator",
    ):
        assert shown in page, shown
    listing = client.get("/admin/recruitment/application/").content.decode()
    assert "Self-estimated T-VASI" in listing and "4.15" in listing


def test_the_sponsor_csv_of_a_vitiligo_trial_has_its_columns_and_no_salt(client, true_v1):
    from tests.test_sponsor import rows_of

    application = make_application(true_v1, site=true_v1.sites.first())
    sponsor = User.objects.create_user("incyte", password="pw-for-tests-1")
    true_v1.sponsor.members.add(sponsor)
    client.force_login(sponsor)
    rows = rows_of(client.get(f"/sponsor/trials/{true_v1.slug}/eligible.csv"))
    header, row = rows[0], dict(zip(rows[0], next(r for r in rows[1:] if r[0] == application.reference), strict=True))
    assert "Self-estimated T-VASI" in header and not any("SALT" in column for column in header)
    assert row["Type of vitiligo"] == "non-segmental" and row["Self-estimated T-VASI"] == "4.15"
    assert row["Self-estimated total BSA (%)"] == "6.0" and row["Self-estimated BSA outside the face (%)"] == "5.0"


def test_other_trials_suggested_after_a_closed_vitiligo_trial_are_vitiligo_trials(client, db):
    closed = make_trial(slug="closed-vitiligo", condition="vitiligo", status="COMPLETED")
    make_trial(slug="open-vitiligo", acronym="OPEN-V", condition="vitiligo")
    make_trial(slug="open-aa", acronym="OPEN-AA")
    body = client.get(f"/en/trials/{closed.slug}/").content.decode()
    assert "OPEN-V" in body and "OPEN-AA" not in body


@pytest.mark.django_db
def test_the_hand_unit_is_drawn_and_the_scores_explanation_waits_behind_a_summary(client):
    trial = make_trial(slug="hands", condition="vitiligo")
    for language, drawn, explained in (
        ("en", "the thumb included = 1 hand unit", "VASI scores trials choose patients by"),
        ("zh-hans", "包括拇指）= 1 个手掌单位", "试验用来筛选患者的 VASI 评分"),
    ):
        page = client.get(f"/{language}/trials/{trial.slug}/apply/").content.decode()
        help_text = re.search(r'<div id="hand-help".*?</details>', page, re.S).group(0)
        assert '<svg viewBox="0 0 110 130"' in help_text and drawn in help_text
        details = re.search(r"<details>.*?</details>", help_text, re.S).group(0)
        assert explained in details and "F-VASI" not in help_text.replace(details, "")

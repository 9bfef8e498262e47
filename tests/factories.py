"""Small factories: each returns a saved object with sensible defaults, overridable by keyword."""

import itertools

from tests.clock import frozen_instant
from trials.models import Campaign, Phase, RecruitmentStatus, Site, SponsorOrganisation, Trial

_counter = itertools.count(1)


def make_sponsor(**fields) -> SponsorOrganisation:
    fields.setdefault("name", f"Sponsor {next(_counter)}")
    return SponsorOrganisation.objects.create(**fields)


def make_trial(**fields) -> Trial:
    n = next(_counter)
    fields.setdefault("nct_id", f"NCT{90000000 + n:08d}")
    fields.setdefault("slug", f"trial-{n}")
    fields.setdefault("acronym", f"TRIAL-{n}")
    fields.setdefault("title", f"A study of drug {n} in alopecia areata")
    fields.setdefault("summary", "A plain-language summary.")
    fields.setdefault("drug", f"Drug {n}")
    fields.setdefault("condition", "alopecia_areata")
    fields.setdefault("phase", Phase.PHASE3)
    fields.setdefault("status", RecruitmentStatus.RECRUITING)
    fields.setdefault("min_age_years", 18)
    fields.setdefault("max_age_years", 65)
    if "sponsor" not in fields:
        fields["sponsor"] = make_sponsor()
    return Trial.objects.create(**fields)


def make_site(trial, **fields) -> Site:
    n = next(_counter)
    fields.setdefault("facility", f"Hospital {n}")
    fields.setdefault("city", "Beijing")
    fields.setdefault("country", "China")
    fields.setdefault("status", RecruitmentStatus.RECRUITING)
    return Site.objects.create(trial=trial, **fields)


def make_campaign(trial, **fields) -> Campaign:
    fields.setdefault("name", f"Campaign {next(_counter)}")
    return Campaign.objects.create(trial=trial, **fields)


def make_criterion(trial, kind, *, role="inclusion", params=None, patient_text=None, position=0):
    from trials.models import Criterion

    return Criterion.objects.create(
        trial=trial,
        kind=kind,
        role=role,
        params=params or {},
        patient_text=patient_text or f"{kind} in plain words",
        position=position,
    )


# The year of the instant every test runs at (tests.clock): the answers' dates keep their distance
# from it, so a patient is 41 and her episode 3 years old whichever instant the suite runs at.
YEAR = frozen_instant().year
DATE_OF_BIRTH = f"{YEAR - 41}-03-15"


def screening_post(**overrides) -> dict:
    """A complete, valid questionnaire as a browser posts it: a woman born on 15 March 41 years
    before the year the tests run in (1986 at the default instant), SALT 75.2."""
    data = {
        "date_of_birth": DATE_OF_BIRTH,
        "sex": "FEMALE",
        "pregnancy": ["none"],
        "health_history": ["none"],
        "diagnosed": "yes",
        "other_diagnoses": ["none"],
        "hair_loss_causes": ["none"],
        "episode_month": "1",
        "episode_year": str(YEAR - 3),
        "aa_type": "patchy",
        "spontaneous_regrowth": "not_in_12",
        "regrowth_within_8_years": "no",
        "treated_regrowth_6_months": "no",
        "scalp_conditions": ["none"],
        "shaves_head": "no",
        "loss_top": "80",
        "loss_back": "60",
        "loss_left": "70",
        "loss_right": "90",
        "eyebrow_loss": "yes",
        "eyelash_loss": "no",
        "body_hair_loss": "unsure",
        "full_name": "Wang Fang",
        "phone": "+86 138 0013 8000",
        "email": "",
        "language": "zh-hans",
        "best_time_to_call": "evening",
        "consent_health_data": "on",
        "consent_contact": "on",
        # Asked only for a trial whose sponsor is abroad (the form has no such field otherwise).
        "consent_transfer_abroad": "on",
        "campaign": "",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


ALOPECIA_FIELDS = (
    "other_diagnoses",
    "hair_loss_causes",
    "episode_month",
    "episode_year",
    "aa_type",
    "spontaneous_regrowth",
    "regrowth_within_8_years",
    "treated_regrowth_6_months",
    "scalp_conditions",
    "shaves_head",
    "loss_top",
    "loss_back",
    "loss_left",
    "loss_right",
    "eyebrow_loss",
    "eyelash_loss",
    "body_hair_loss",
)


def vitiligo_post(**overrides) -> dict:
    """A complete, valid vitiligo questionnaire: the same 40-year-old woman, non-segmental
    vitiligo since June 5 years before (2022 at the default instant) and spreading; the face 1
    hand unit at 75 %, the backs of the hands 1
    at 90 %, the arms 2 at 50 %, the trunk 2 at 75 %: BSA 6 %, F-VASI 0.75, T-VASI 4.15."""
    data = {key: value for key, value in screening_post().items() if key not in ALOPECIA_FIELDS}
    data.update(
        {
            "vitiligo_type": "non_segmental",
            "started_month": "6",
            "started_year": str(YEAR - 5),
            "activity": "spreading",
            "pigmented_facial_hair": "yes",
            "units_face": "1",
            "whiteness_face": "75",
            "units_hands": "1",
            "whiteness_hands": "90",
            "units_arms": "2",
            "whiteness_arms": "50",
            "units_trunk": "2",
            "whiteness_trunk": "75",
        }
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_coordinator(username, *sites, email=None):
    from django.contrib.auth.models import User

    from recruitment.roles import ensure_coordinators_group

    user = User.objects.create_user(
        username,
        email=email if email is not None else f"{username}@site.example",
        password="pw-for-tests-1",
        is_staff=True,
    )
    user.groups.add(ensure_coordinators_group())
    for site in sites:
        site.coordinators.add(user)
    return user


def make_application(trial, *, site=None, campaign=None, when=None, **overrides):
    """A stored application made through the same form and service as the web form."""
    from recruitment.demo import submit_answers

    post = vitiligo_post if trial.condition == "vitiligo" else screening_post
    return submit_answers(trial, post(**overrides), site=site, campaign=campaign, when=when)


def with_condition(fields: dict):
    """ScreeningAnswers from flat fields: those ScreeningAnswers has as its own, the rest as what
    the trial's condition asked."""
    import dataclasses

    from recruitment.screening.answers import ScreeningAnswers

    own = {f.name for f in dataclasses.fields(ScreeningAnswers)} - {"condition"}
    return ScreeningAnswers(
        **{k: v for k, v in fields.items() if k in own}, condition={k: v for k, v in fields.items() if k not in own}
    )


def demo_record_path(nct_id: str):
    """The demo registry record of a trial, from the app of whichever condition has it."""
    from recruitment.conditions import installed

    for condition in installed():
        if condition.demo is not None and (path := condition.demo.records / f"{nct_id}.json").exists():
            return path
    raise LookupError(f"no demo record {nct_id}")

"""Text for patients that the registry does not provide, for the demo trials loaded by seed_demo,
and each trial's structured eligibility criteria.

Plain words, as a coordinator would write them; facts as in the public registry records. Criteria
are (kind, role, parameters, words for patients, source). A rule the registry states is an
inclusion or exclusion; a rule these trials usually have but that could not be confirmed
(pregnancy where the registry is silent, other hair-loss diagnoses, washouts that only the full
protocols give) is a review criterion: meeting it asks the site to check, it never excludes.
"""

from django.utils.translation import gettext_noop as _noop

from trials.criteria import CriterionKind as K
from trials.criteria import Role

IN, EX, REVIEW = Role.INCLUSION, Role.EXCLUSION, Role.REVIEW

_REGISTRY = "ClinicalTrials.gov eligibility criteria"
_TYPICAL = "Standard exclusion in these trials; confirm in the protocol"
_OTHER_HAIR_LOSS = ["androgenetic", "scarring", "diffuse", "traction", "trichotillomania"]


_HAIR_OR_IMMUNE_TREATMENTS = [
    "topical_steroid", "intralesional_steroid", "oral_steroid", "topical_minoxidil", "oral_minoxidil",
    "contact_immunotherapy", "phototherapy", "immunosuppressant", "biologic", "jak_any", "tcm",
]


def _common(*, pregnancy_role=REVIEW):
    return [
        (K.DIAGNOSIS, IN, {}, _noop("Alopecia areata diagnosed by a doctor (the study doctor confirms it)"), _REGISTRY),
        (K.SALT, IN, {"min": 50}, _noop("At least half of the scalp without hair (SALT 50 or more)"), _REGISTRY),
        (K.OTHER_HAIR_LOSS, REVIEW, {"diagnoses": _OTHER_HAIR_LOSS},
         _noop("No other kind of hair loss, such as pattern or scarring hair loss"), _TYPICAL),
        (K.PREGNANCY, pregnancy_role, {}, _noop("Not pregnant, breastfeeding or planning a pregnancy"),
         _REGISTRY if pregnancy_role == EX else _TYPICAL),
    ]


# Where the washouts are in the full protocol only: recent treatment is for the site to check.
_RECENT_TREATMENT_REVIEW = (
    K.WASHOUT, REVIEW, {"treatments": _HAIR_OR_IMMUNE_TREATMENTS, "days": 30},
    _noop("Treatments used in the last month: the site checks how long before the study each must be stopped"),
    _TYPICAL,
)


_BRAVE_CRITERIA = [
    (K.AGE, IN, {"min": 18, "max": 70, "male_max": 60}, _noop("Men aged 18 to 60, women aged 18 to 70"), _REGISTRY),
    *_common(),
    (K.EPISODE_DURATION, IN, {"min_months": 6, "min_exclusive": True, "max_months": 96, "max_exclusive": True},
     _noop("The current episode has lasted more than 6 months and less than 8 years"), _REGISTRY),
    (K.RECENT_REGROWTH, EX, {"months": 6}, _noop("No hair regrowth on its own in the last 6 months"), _REGISTRY),
    (K.PRIOR_JAK, EX, {"route": "oral", "inadequate_response_only": True},
     _noop("Not for people whose hair did not grow back on an earlier JAK-inhibitor tablet"), _REGISTRY),
    _RECENT_TREATMENT_REVIEW,
]
_THRIVE_CRITERIA = [
    (K.AGE, IN, {"min": 18, "max": 65}, _noop("Aged 18 to 65"), _REGISTRY),
    *_common(pregnancy_role=EX),
    (K.EPISODE_DURATION, IN, {"min_months": 6, "max_months": 120},
     _noop("The current episode has lasted between 6 months and 10 years"), _REGISTRY),
    (K.WASHOUT, EX, {"treatments": ["topical_steroid", "intralesional_steroid", "topical_minoxidil",
                                       "oral_minoxidil", "contact_immunotherapy", "phototherapy",
                                       "ruxolitinib_cream"], "days": 30},
     _noop("No treatment that affects hair growth in the last month"), _REGISTRY),
    (K.WASHOUT, EX, {"treatments": ["oral_steroid", "immunosuppressant", "jak_oral"], "days": 90},
     _noop("No tablets that calm the immune system in the last 3 months"), _REGISTRY),
    (K.WASHOUT, EX, {"treatments": ["biologic"], "days": 180},
     _noop("No biologic injections in the last 6 months"), _REGISTRY),
    (K.WASHOUT, REVIEW, {"treatments": ["tcm"], "days": 30},
     _noop("Traditional Chinese medicine in the last month: the site checks whether it must be stopped"), _TYPICAL),
]

_AA_BRAVE = [
    _noop("Severe hair loss from alopecia areata: at least half of the scalp (SALT 50 or more)"),
    _noop("The current episode has lasted more than 6 months and less than 8 years"),
    _noop("No hair regrowth on its own in the last 6 months"),
    _noop("Men aged 18 to 60, women aged 18 to 70"),
    _noop("Not for people whose hair did not regrow on an earlier JAK-inhibitor tablet"),
]
_AA_THRIVE = [
    _noop("At least half of the scalp without hair (SALT 50 or more)"),
    _noop("The current episode has lasted between 6 months and 10 years"),
    _noop("Some medicines must be stopped for a while before the trial: the team will explain which"),
    _noop("Not during pregnancy or breastfeeding"),
]

DEMO_TRIALS = {
    "NCT03570749": {
        "slug": "brave-aa1",
        "summary": _noop(
            "This study tests whether baricitinib, a tablet taken once a day, helps scalp hair grow back "
            "in adults with severe alopecia areata. Some participants take baricitinib and some take a "
            "placebo (a tablet without medicine) for the first months; nobody chooses which. The study "
            "team checks your hair and your health at regular visits."
        ),
        "eligibility": _AA_BRAVE,
        "criteria": _BRAVE_CRITERIA,
    },
    "NCT03899259": {
        "slug": "brave-aa2",
        "summary": _noop(
            "A second study of baricitinib tablets for adults with severe alopecia areata, run in other "
            "countries with the same design as BRAVE-AA1: baricitinib or placebo, chosen at random, "
            "with regular visits to check hair regrowth and safety."
        ),
        "eligibility": _AA_BRAVE,
        "criteria": _BRAVE_CRITERIA,
    },
    "NCT03732807": {
        "slug": "allegro-2b3",
        "summary": _noop(
            "This study tests ritlecitinib, a once-daily capsule, in teenagers from 12 years and adults "
            "with alopecia areata affecting at least half of the scalp. Participants receive one of "
            "several doses or a placebo at first, chosen at random."
        ),
        "eligibility": [
            _noop("Aged 12 or older"),
            _noop("At least half of the scalp without hair (SALT 50 or more)"),
            _noop("No hair regrowth in the last 6 months, and the current episode is 10 years or shorter"),
            _noop("Not for anyone who has ever taken a JAK inhibitor"),
        ],
        "criteria": [
            (K.AGE, IN, {"min": 12}, _noop("Aged 12 or older"), _REGISTRY),
            *_common(),
            (K.RECENT_REGROWTH, EX, {"months": 6}, _noop("No hair regrowth in the last 6 months"), _REGISTRY),
            (K.EPISODE_DURATION, IN, {"max_months": 120}, _noop("The current episode is 10 years or shorter"),
             _REGISTRY),
            (K.PRIOR_JAK, EX, {"route": "any"}, _noop("Never treated with a JAK inhibitor"), _REGISTRY),
            _RECENT_TREATMENT_REVIEW,
        ],
    },
    "NCT04518995": {
        "slug": "thrive-aa1",
        "summary": _noop(
            "This study tests deuruxolitinib (CTP-543), a tablet taken twice a day, in adults with "
            "moderate to severe alopecia areata. Participants take one of two doses or a placebo for "
            "about six months, chosen at random."
        ),
        "eligibility": [_noop("Adults aged 18 to 65"), *_AA_THRIVE],
        "criteria": _THRIVE_CRITERIA,
    },
    "NCT04797650": {
        "slug": "thrive-aa2",
        "summary": _noop(
            "A second study of deuruxolitinib (CTP-543) tablets in adults with moderate to severe "
            "alopecia areata, with the same design as THRIVE-AA1."
        ),
        "eligibility": [_noop("Adults aged 18 to 65"), *_AA_THRIVE],
        "criteria": _THRIVE_CRITERIA,
    },
    "NCT05051761": {
        "slug": "jaktinib-aa",
        "summary": _noop(
            "This study, run in China, tests jaktinib tablets in adults with severe alopecia areata. "
            "Participants take one of two doses or a placebo, chosen at random, and come to regular "
            "visits at the hospital."
        ),
        "eligibility": [
            _noop("Adults aged 18 to 64"),
            _noop("At least half of the scalp without hair (SALT 50 or more)"),
            _noop("The current episode has lasted 8 years or less"),
            _noop("Not for anyone who has ever taken a JAK inhibitor"),
        ],
        "criteria": [
            (K.AGE, IN, {"min": 18, "max": 64}, _noop("Aged 18 to 64"), _REGISTRY),
            *_common(),
            (K.EPISODE_DURATION, IN, {"max_months": 96}, _noop("The current episode has lasted 8 years or less"),
             _REGISTRY),
            (K.PRIOR_JAK, EX, {"route": "any"}, _noop("Never treated with a JAK inhibitor"), _REGISTRY),
            _RECENT_TREATMENT_REVIEW,
        ],
    },
    "NCT05470413": {
        "slug": "ivarmacitinib-aa",
        "summary": _noop(
            "This study, run in China, tests ivarmacitinib (SHR0302) tablets in adults with severe "
            "alopecia areata. Participants take ivarmacitinib or a placebo, chosen at random."
        ),
        "eligibility": [
            _noop("Adults aged 18 to 65"),
            _noop("At least half of the scalp without hair (SALT 50 or more)"),
            _noop("The current episode has lasted between 6 months and 8 years, with no regrowth in the last 6 months"),
            _noop("Not for anyone who has taken a JAK-inhibitor tablet"),
        ],
        "criteria": [
            (K.AGE, IN, {"min": 18, "max": 65}, _noop("Aged 18 to 65"), _REGISTRY),
            *_common(),
            (K.EPISODE_DURATION, IN, {"min_months": 6, "max_months": 96, "max_exclusive": True},
             _noop("The current episode has lasted between 6 months and 8 years"), _REGISTRY),
            (K.RECENT_REGROWTH, EX, {"months": 6}, _noop("No hair regrowth in the last 6 months"), _REGISTRY),
            (K.PRIOR_JAK, EX, {"route": "oral"}, _noop("Never treated with a JAK-inhibitor tablet"), _REGISTRY),
            _RECENT_TREATMENT_REVIEW,
        ],
    },
}

DEMO_CAMPAIGNS = [
    # (NCT number, campaign name, channel)
    ("NCT03570749", _noop("Live broadcast, patient Q&A (demo)"), "live_broadcast"),
    ("NCT03570749", _noop("Poster, dermatology clinic (demo)"), "poster"),
    ("NCT04518995", _noop("Clinic leaflet (demo)"), "leaflet"),
    ("NCT05051761", _noop("Patient group newsletter (demo)"), "patient_group"),
]

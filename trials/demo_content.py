"""Text for patients that the registry does not provide, for the demo trials loaded by seed_demo,
and each trial's structured eligibility criteria.

Plain words, as a coordinator would write them; facts as in the public registry records. Criteria
are (kind, inclusion, parameters, words for patients, source). Washout periods that only the full
protocols give are left out: the study team checks them at screening.
"""

from django.utils.translation import gettext_noop as _noop

from trials.criteria import CriterionKind as K

_REGISTRY = "ClinicalTrials.gov eligibility criteria"
_TYPICAL = "Standard exclusion in these trials; confirm in the protocol"
_OTHER_HAIR_LOSS = ["androgenetic", "scarring", "diffuse", "traction", "trichotillomania"]


def _common(salt_text=_noop("At least half of the scalp without hair (SALT 50 or more)")):
    return [
        (K.DIAGNOSIS, True, {}, _noop("Alopecia areata diagnosed by a doctor (the study doctor confirms it)"), _REGISTRY),
        (K.SALT, True, {"min": 50}, salt_text, _REGISTRY),
        (K.OTHER_HAIR_LOSS, False, {"diagnoses": _OTHER_HAIR_LOSS},
         _noop("No other kind of hair loss, such as pattern or scarring hair loss"), _REGISTRY),
        (K.PREGNANCY, False, {}, _noop("Not pregnant, breastfeeding or planning a pregnancy"), _TYPICAL),
    ]


_BRAVE_CRITERIA = [
    (K.AGE, True, {"min": 18, "max": 70, "male_max": 60}, _noop("Men aged 18 to 60, women aged 18 to 70"), _REGISTRY),
    *_common(),
    (K.EPISODE_DURATION, True, {"min_months": 6, "min_exclusive": True, "max_months": 96, "max_exclusive": True},
     _noop("The current episode has lasted more than 6 months and less than 8 years"), _REGISTRY),
    (K.RECENT_REGROWTH, False, {"months": 6}, _noop("No hair regrowth on its own in the last 6 months"), _REGISTRY),
    (K.PRIOR_JAK, False, {"route": "oral", "inadequate_response_only": True},
     _noop("Not for people whose hair did not grow back on an earlier JAK-inhibitor tablet"), _REGISTRY),
]
_THRIVE_CRITERIA = [
    (K.AGE, True, {"min": 18, "max": 65}, _noop("Aged 18 to 65"), _REGISTRY),
    *_common(),
    (K.EPISODE_DURATION, True, {"min_months": 6, "max_months": 120},
     _noop("The current episode has lasted between 6 months and 10 years"), _REGISTRY),
    (K.WASHOUT, False, {"treatments": ["topical_steroid", "intralesional_steroid", "topical_minoxidil",
                                       "oral_minoxidil", "contact_immunotherapy", "phototherapy"], "days": 30},
     _noop("No treatment that affects hair growth in the last month"), _REGISTRY),
    (K.WASHOUT, False, {"treatments": ["oral_steroid", "immunosuppressant", "jak_oral"], "days": 90},
     _noop("No tablets that calm the immune system in the last 3 months"), _REGISTRY),
    (K.WASHOUT, False, {"treatments": ["biologic"], "days": 180},
     _noop("No biologic injections in the last 6 months"), _REGISTRY),
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
            (K.AGE, True, {"min": 12}, _noop("Aged 12 or older"), _REGISTRY),
            *_common(),
            (K.RECENT_REGROWTH, False, {"months": 6}, _noop("No hair regrowth in the last 6 months"), _REGISTRY),
            (K.EPISODE_DURATION, True, {"max_months": 120}, _noop("The current episode is 10 years or shorter"),
             _REGISTRY),
            (K.PRIOR_JAK, False, {"route": "any"}, _noop("Never treated with a JAK inhibitor"), _REGISTRY),
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
            (K.AGE, True, {"min": 18, "max": 64}, _noop("Aged 18 to 64"), _REGISTRY),
            *_common(),
            (K.EPISODE_DURATION, True, {"max_months": 96}, _noop("The current episode has lasted 8 years or less"),
             _REGISTRY),
            (K.PRIOR_JAK, False, {"route": "any"}, _noop("Never treated with a JAK inhibitor"), _REGISTRY),
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
            (K.AGE, True, {"min": 18, "max": 65}, _noop("Aged 18 to 65"), _REGISTRY),
            *_common(),
            (K.EPISODE_DURATION, True, {"min_months": 6, "max_months": 96, "max_exclusive": True},
             _noop("The current episode has lasted between 6 months and 8 years"), _REGISTRY),
            (K.RECENT_REGROWTH, False, {"months": 6}, _noop("No hair regrowth in the last 6 months"), _REGISTRY),
            (K.PRIOR_JAK, False, {"route": "oral"}, _noop("Never treated with a JAK-inhibitor tablet"), _REGISTRY),
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

"""Text for patients that the registry does not provide, for the demo trials loaded by seed_demo.

Plain words, as a coordinator would write them; facts as in the public registry records.
"""

from django.utils.translation import gettext_noop as _noop

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
    },
    "NCT03899259": {
        "slug": "brave-aa2",
        "summary": _noop(
            "A second study of baricitinib tablets for adults with severe alopecia areata, run in other "
            "countries with the same design as BRAVE-AA1: baricitinib or placebo, chosen at random, "
            "with regular visits to check hair regrowth and safety."
        ),
        "eligibility": _AA_BRAVE,
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
    },
    "NCT04518995": {
        "slug": "thrive-aa1",
        "summary": _noop(
            "This study tests deuruxolitinib (CTP-543), a tablet taken twice a day, in adults with "
            "moderate to severe alopecia areata. Participants take one of two doses or a placebo for "
            "about six months, chosen at random."
        ),
        "eligibility": [_noop("Adults aged 18 to 65"), *_AA_THRIVE],
    },
    "NCT04797650": {
        "slug": "thrive-aa2",
        "summary": _noop(
            "A second study of deuruxolitinib (CTP-543) tablets in adults with moderate to severe "
            "alopecia areata, with the same design as THRIVE-AA1."
        ),
        "eligibility": [_noop("Adults aged 18 to 65"), *_AA_THRIVE],
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
    },
    "NCT04052425": {
        "slug": "true-v1",
        "summary": _noop(
            "This study tests ruxolitinib cream, put on the skin twice a day, in people aged 12 and "
            "older with vitiligo (white patches) on the face and body. Participants use the cream or "
            "a cream without medicine, chosen at random."
        ),
        "eligibility": [
            _noop("Aged 12 or older, with non-segmental vitiligo"),
            _noop("White patches on the face and on the body, covering no more than 10% of the body in total"),
            _noop("Other vitiligo treatments must be stopped during the study"),
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

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

# Chinese for the demo trials' registry texts (the registry has English only). Data, not UI
# strings: seed_demo writes them into the *_zh_hans fields; coordinators edit them in admin.
TRIAL_TEXT_ZH = {
    "NCT03570749": {"title": "巴瑞替尼治疗重度或极重度斑秃成人患者的研究（BRAVE-AA1）", "drug": "巴瑞替尼"},
    "NCT03899259": {"title": "巴瑞替尼治疗重度或极重度斑秃成人患者的研究（BRAVE-AA2）", "drug": "巴瑞替尼"},
    "NCT03732807": {"title": "利特昔替尼治疗斑秃的研究（ALLEGRO-2b/3）", "drug": "利特昔替尼（PF-06651600）"},
    "NCT04518995": {"title": "氘鲁索替尼（CTP-543）治疗中重度斑秃成人患者的研究（THRIVE-AA1）",
                    "drug": "氘鲁索替尼（CTP-543）"},
    "NCT04797650": {"title": "氘鲁索替尼（CTP-543）治疗中重度斑秃成人患者的研究（THRIVE-AA2）",
                    "drug": "氘鲁索替尼（CTP-543）"},
    "NCT05051761": {"title": "杰克替尼治疗成人斑秃的安全性和有效性研究", "drug": "杰克替尼"},
    "NCT05470413": {"title": "艾玛昔替尼（SHR0302）治疗成人重度斑秃的有效性和安全性研究",
                    "drug": "艾玛昔替尼（SHR0302）"},
}

FACILITY_ZH = {
    "Charité - Universitätsmedizin Berlin, Klinik für Dermatologie": "柏林夏里特医学院皮肤科",
    "Columbia University Irving Medical Center": "哥伦比亚大学欧文医学中心",
    "Hospital Clínic de Barcelona": "巴塞罗那临床医院",
    "Hospital for Skin Diseases, Chinese Academy of Medical Sciences": "中国医学科学院皮肤病医院",
    "Huashan Hospital, Fudan University": "复旦大学附属华山医院",
    "Hôpital Saint-Louis, AP-HP": "巴黎圣路易医院",
    "Icahn School of Medicine at Mount Sinai": "西奈山伊坎医学院",
    "Keio University Hospital": "庆应义塾大学医院",
    "Massachusetts General Hospital": "麻省总医院",
    "Northwestern University Feinberg School of Medicine, Department of Dermatology": "西北大学范伯格医学院皮肤科",
    "Peking University First Hospital": "北京大学第一医院",
    "Peking University People's Hospital": "北京大学人民医院",
    "Ruijin Hospital, Shanghai Jiao Tong University School of Medicine": "上海交通大学医学院附属瑞金医院",
    "St John's Institute of Dermatology, Guy's and St Thomas' NHS Foundation Trust": "盖伊和圣托马斯医院圣约翰皮肤病研究所",
    "The First Affiliated Hospital of Chongqing Medical University": "重庆医科大学附属第一医院",
    "The First Affiliated Hospital, Zhejiang University School of Medicine": "浙江大学医学院附属第一医院",
    "The University of Tokyo Hospital": "东京大学医院",
    "Tokyo Medical University Hospital": "东京医科大学医院",
    "University of California, San Francisco, Department of Dermatology": "加州大学旧金山分校皮肤科",
    "Universitätsklinikum Hamburg-Eppendorf, Klinik für Dermatologie": "汉堡-埃彭多夫大学医院皮肤科",
    "Weill Cornell Medicine, Department of Dermatology": "威尔康奈尔医学院皮肤科",
    "West China Hospital, Sichuan University": "四川大学华西医院",
    "Xiangya Hospital, Central South University": "中南大学湘雅医院",
    "Yale University School of Medicine, Department of Dermatology": "耶鲁大学医学院皮肤科",
}
CITY_ZH = {
    "Barcelona": "巴塞罗那", "Beijing": "北京", "Berlin": "柏林", "Boston": "波士顿", "Bunkyo-ku": "东京都文京区",
    "Changsha": "长沙", "Chengdu": "成都", "Chicago": "芝加哥", "Chongqing": "重庆", "Hamburg": "汉堡",
    "Hangzhou": "杭州", "London": "伦敦", "Nanjing": "南京", "New Haven": "纽黑文", "New York": "纽约",
    "Paris": "巴黎", "San Francisco": "旧金山", "Shanghai": "上海", "Shinjuku-ku": "东京都新宿区",
}
COUNTRY_ZH = {
    "China": "中国", "France": "法国", "Germany": "德国", "Japan": "日本", "Spain": "西班牙",
    "United Kingdom": "英国", "United States": "美国",
}

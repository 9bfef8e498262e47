"""Text for patients that the registry does not provide, for the demo trials loaded by seed_demo,
in English and Simplified Chinese, and each trial's structured eligibility criteria.

Stored content, not interface strings: seed_demo writes each pair into the texts' columns per
language (django-modeltranslation), where coordinators edit them in admin. Plain words, as a
coordinator would write them; facts as in the public registry records. Criteria are (kind, role,
parameters, words for patients, source). A rule the registry states is an inclusion or exclusion; a
rule these trials usually have but that could not be confirmed (pregnancy where the registry is
silent, other hair-loss diagnoses, washouts that only the full protocols give) is a review
criterion: meeting it asks the site to check, it never excludes.

The Chinese is a draft for a medical translator to review, written with the words Chinese patients
know (斑秃, 全秃, 普秃, 巴瑞替尼 ...).
"""

from recruitment.screening.kinds import CriterionKind as K
from recruitment.screening.kinds import Role

IN, EX, REVIEW = Role.INCLUSION, Role.EXCLUSION, Role.REVIEW


def T(en: str, zh: str) -> dict:  # noqa: N802 - reads as a table of texts
    """One text in each language, keyed as modeltranslation names the columns."""
    return {"en": en, "zh_hans": zh}


_REGISTRY = "ClinicalTrials.gov eligibility criteria"
_TYPICAL = "Standard exclusion in these trials; confirm in the protocol"
_OTHER_HAIR_LOSS = ["androgenetic", "scarring", "diffuse", "traction", "trichotillomania"]


_HAIR_OR_IMMUNE_TREATMENTS = [
    "topical_steroid", "intralesional_steroid", "oral_steroid", "topical_minoxidil", "oral_minoxidil",
    "contact_immunotherapy", "phototherapy", "immunosuppressant", "biologic", "jak_any", "tcm",
]

_SALT_50 = T("At least half of the scalp without hair (SALT 50 or more)",
             "头皮至少一半没有头发（SALT 评分 50 分或以上）")
_NO_JAK_EVER = T("Never treated with a JAK inhibitor", "从未用过 JAK 抑制剂")


def _common(*, pregnancy_role=REVIEW):
    return [
        (K.DIAGNOSIS, IN, {}, T("Alopecia areata diagnosed by a doctor (the study doctor confirms it)",
                                "经医生诊断为斑秃（研究医生会再次确认）"), _REGISTRY),
        (K.SALT, IN, {"min": 50}, _SALT_50, _REGISTRY),
        (K.OTHER_HAIR_LOSS, REVIEW, {"diagnoses": _OTHER_HAIR_LOSS},
         T("No other kind of hair loss, such as pattern or scarring hair loss",
           "没有其他类型的脱发，例如雄激素性脱发或瘢痕性脱发"), _TYPICAL),
        (K.PREGNANCY, pregnancy_role, {}, T("Not pregnant, breastfeeding or planning a pregnancy",
                                            "没有怀孕、没有在哺乳，也没有备孕计划"),
         _REGISTRY if pregnancy_role == EX else _TYPICAL),
    ]


# Where the washouts are in the full protocol only: recent treatment is for the site to check.
_RECENT_TREATMENT_REVIEW = (
    K.WASHOUT, REVIEW, {"treatments": _HAIR_OR_IMMUNE_TREATMENTS, "days": 30},
    T("Treatments used in the last month: the site checks how long before the study each must be stopped",
      "最近一个月用过的治疗：研究中心会核实每种治疗需要在试验开始前停用多久"),
    _TYPICAL,
)

_BRAVE_CRITERIA = [
    (K.AGE, IN, {"min": 18, "max": 70, "male_max": 60},
     T("Men aged 18 to 60, women aged 18 to 70", "男性 18 至 60 岁，女性 18 至 70 岁"), _REGISTRY),
    *_common(),
    (K.EPISODE_DURATION, IN, {"min_months": 6, "min_exclusive": True, "max_months": 96, "max_exclusive": True},
     T("The current episode has lasted more than 6 months and less than 8 years",
       "这次发作已超过 6 个月，但不到 8 年"), _REGISTRY),
    (K.RECENT_REGROWTH, EX, {"months": 6},
     T("No hair regrowth on its own in the last 6 months", "最近 6 个月内头发没有自行长回来"), _REGISTRY),
    (K.PRIOR_JAK, EX, {"route": "oral", "inadequate_response_only": True},
     T("Not for people whose hair did not grow back on an earlier JAK-inhibitor tablet",
       "以前口服过 JAK 抑制剂但头发没有长回来的人不能参加"), _REGISTRY),
    _RECENT_TREATMENT_REVIEW,
]
_THRIVE_CRITERIA = [
    (K.AGE, IN, {"min": 18, "max": 65}, T("Aged 18 to 65", "年龄 18 至 65 岁"), _REGISTRY),
    *_common(pregnancy_role=EX),
    (K.EPISODE_DURATION, IN, {"min_months": 6, "max_months": 120},
     T("The current episode has lasted between 6 months and 10 years", "这次发作持续了 6 个月到 10 年"), _REGISTRY),
    (K.WASHOUT, EX, {"treatments": ["topical_steroid", "intralesional_steroid", "topical_minoxidil",
                                       "oral_minoxidil", "contact_immunotherapy", "phototherapy",
                                       "ruxolitinib_cream"], "days": 30},
     T("No treatment that affects hair growth in the last month", "最近一个月没有用过影响头发生长的治疗"), _REGISTRY),
    (K.WASHOUT, EX, {"treatments": ["oral_steroid", "immunosuppressant", "jak_oral"], "days": 90},
     T("No tablets that calm the immune system in the last 3 months", "最近 3 个月没有服用抑制免疫系统的药物"),
     _REGISTRY),
    (K.WASHOUT, EX, {"treatments": ["biologic"], "days": 180},
     T("No biologic injections in the last 6 months", "最近 6 个月没有注射过生物制剂"), _REGISTRY),
    (K.WASHOUT, REVIEW, {"treatments": ["tcm"], "days": 30},
     T("Traditional Chinese medicine in the last month: the site checks whether it must be stopped",
       "最近一个月用过中药：研究中心会核实是否需要停用"), _TYPICAL),
]

# "Who may join", one point per line. The age is not repeated here: the trial page states it
# from the registry's structured ages.
_AA_BRAVE = [
    T("Severe hair loss from alopecia areata: at least half of the scalp (SALT 50 or more)",
      "斑秃导致的重度脱发：头皮至少一半没有头发（SALT 评分 50 分或以上）"),
    T("For men, the upper age limit is 60", "男性的年龄上限为 60 岁"),
    T("The current episode has lasted more than 6 months and less than 8 years", "这次发作已超过 6 个月，但不到 8 年"),
    T("No hair regrowth on its own in the last 6 months", "最近 6 个月内头发没有自行长回来"),
    T("Not for people whose hair did not regrow on an earlier JAK-inhibitor tablet",
      "以前口服过 JAK 抑制剂但头发没有长回来的人不能参加"),
]
_AA_THRIVE = [
    _SALT_50,
    T("The current episode has lasted between 6 months and 10 years", "这次发作持续了 6 个月到 10 年"),
    T("Some medicines must be stopped for a while before the trial: the team will explain which",
      "部分药物需要在试验开始前停用一段时间，研究团队会告诉您是哪些"),
    T("Not during pregnancy or breastfeeding", "怀孕或哺乳期间不能参加"),
]

_VISITS = T("Regular visits to the study hospital, where the team checks your hair and your health",
            "定期到研究医院访视，研究团队会检查您的头发和身体状况")
_FREE = T("The study medicine and the study's tests cost you nothing",
          "试验用药和试验要求的检查都不需要您付费")
_LEAVE = T("You can stop taking part at any time, without giving a reason",
           "您可以随时退出试验，不需要说明理由")
_BLOOD = T("Blood tests, because JAK inhibitors can affect blood counts, the liver and cholesterol",
           "需要抽血检查，因为 JAK 抑制剂可能影响血常规、肝功能和胆固醇")

DEMO_TRIALS = {
    "NCT03570749": {
        "slug": "brave-aa1",
        "lay_title": T("Baricitinib tablets for severe alopecia areata", "巴瑞替尼片治疗重度斑秃"),
        "summary": T(
            "This study tests whether baricitinib, a tablet taken once a day, helps scalp hair grow back "
            "in adults with severe alopecia areata. Some participants take baricitinib and some take a "
            "placebo (a tablet without medicine) for the first months; nobody chooses which. The study "
            "team checks your hair and your health at regular visits.",
            "这项研究想了解：每天服用一次的巴瑞替尼片，能否帮助重度斑秃成人患者的头发重新长出来。"
            "在最初几个月里，一部分参加者服用巴瑞替尼，另一部分服用安慰剂（不含药物成分的药片），"
            "由随机分配决定，医生和患者都不能选择。研究团队会在定期访视时检查您的头发和身体状况。",
        ),
        "eligibility": _AA_BRAVE,
        "participation": [
            T("One tablet a day; for the first 9 months it may be a placebo", "每天服用一片；前 9 个月服用的可能是安慰剂"),
            _VISITS, _BLOOD, _FREE, _LEAVE,
        ],
        "criteria": _BRAVE_CRITERIA,
    },
    "NCT03899259": {
        "slug": "brave-aa2",
        "lay_title": T("Baricitinib tablets for severe alopecia areata (second study)",
                       "巴瑞替尼片治疗重度斑秃（第二项研究）"),
        "summary": T(
            "A second study of baricitinib tablets for adults with severe alopecia areata, run in other "
            "countries with the same design as BRAVE-AA1: baricitinib or placebo, chosen at random, "
            "with regular visits to check hair regrowth and safety.",
            "这是巴瑞替尼片治疗成人重度斑秃的第二项研究，在另一些国家进行，设计与 BRAVE-AA1 相同："
            "随机分配服用巴瑞替尼或安慰剂，并定期访视，检查头发生长情况和用药安全。",
        ),
        "eligibility": _AA_BRAVE,
        "participation": [
            T("One tablet a day; for the first 9 months it may be a placebo", "每天服用一片；前 9 个月服用的可能是安慰剂"),
            _VISITS, _BLOOD, _FREE, _LEAVE,
        ],
        "criteria": _BRAVE_CRITERIA,
    },
    "NCT03732807": {
        "slug": "allegro-2b3",
        "lay_title": T("Ritlecitinib capsules for alopecia areata, from age 12",
                       "利特昔替尼胶囊治疗斑秃（12 岁及以上）"),
        "summary": T(
            "This study tests ritlecitinib, a once-daily capsule, in teenagers from 12 years and adults "
            "with alopecia areata affecting at least half of the scalp. Participants receive one of "
            "several doses or a placebo at first, chosen at random.",
            "这项研究在 12 岁及以上的青少年和成人斑秃患者中测试利特昔替尼，这是一种每天服用一次的胶囊，"
            "参加者的头皮至少一半没有头发。开始阶段，参加者会随机分到几种剂量中的一种，或者服用安慰剂。",
        ),
        "eligibility": [
            _SALT_50,
            T("No hair regrowth in the last 6 months, and the current episode is 10 years or shorter",
              "最近 6 个月内头发没有长回来，而且这次发作不超过 10 年"),
            T("Not for anyone who has ever taken a JAK inhibitor", "用过任何 JAK 抑制剂的人都不能参加"),
            T("Teenagers from 12 take part with a parent's or guardian's consent",
              "12 岁及以上的青少年需要在父母或监护人同意下参加"),
        ],
        "participation": [
            T("One capsule a day; at first it may be a placebo", "每天服用一粒胶囊；开始阶段服用的可能是安慰剂"),
            _VISITS, _BLOOD, _FREE, _LEAVE,
        ],
        "criteria": [
            (K.AGE, IN, {"min": 12}, T("Aged 12 or older", "年龄 12 岁或以上"), _REGISTRY),
            *_common(),
            (K.RECENT_REGROWTH, EX, {"months": 6},
             T("No hair regrowth in the last 6 months", "最近 6 个月内头发没有长回来"), _REGISTRY),
            (K.EPISODE_DURATION, IN, {"max_months": 120},
             T("The current episode is 10 years or shorter", "这次发作不超过 10 年"), _REGISTRY),
            (K.PRIOR_JAK, EX, {"route": "any"}, _NO_JAK_EVER, _REGISTRY),
            _RECENT_TREATMENT_REVIEW,
        ],
    },
    "NCT04518995": {
        "slug": "thrive-aa1",
        "lay_title": T("Deuruxolitinib tablets for alopecia areata", "氘鲁索替尼片治疗斑秃"),
        "summary": T(
            "This study tests deuruxolitinib (CTP-543), a tablet taken twice a day, in adults with "
            "moderate to severe alopecia areata. Participants take one of two doses or a placebo for "
            "about six months, chosen at random.",
            "这项研究在中度至重度斑秃的成人患者中测试氘鲁索替尼（CTP-543），这是一种每天服用两次的药片。"
            "参加者会随机分到两种剂量中的一种，或者服用安慰剂，为期约六个月。",
        ),
        "eligibility": [*_AA_THRIVE],
        "participation": [
            T("A tablet twice a day for about 6 months; it may be a placebo",
              "每天服药两次，持续约 6 个月；服用的可能是安慰剂"),
            _VISITS, _BLOOD, _FREE, _LEAVE,
        ],
        "criteria": _THRIVE_CRITERIA,
    },
    "NCT04797650": {
        "slug": "thrive-aa2",
        "lay_title": T("Deuruxolitinib tablets for alopecia areata (second study)",
                       "氘鲁索替尼片治疗斑秃（第二项研究）"),
        "summary": T(
            "A second study of deuruxolitinib (CTP-543) tablets in adults with moderate to severe "
            "alopecia areata, with the same design as THRIVE-AA1.",
            "这是氘鲁索替尼（CTP-543）片治疗中度至重度成人斑秃的第二项研究，设计与 THRIVE-AA1 相同。",
        ),
        "eligibility": [*_AA_THRIVE],
        "participation": [
            T("A tablet twice a day for about 6 months; it may be a placebo",
              "每天服药两次，持续约 6 个月；服用的可能是安慰剂"),
            _VISITS, _BLOOD, _FREE, _LEAVE,
        ],
        "criteria": _THRIVE_CRITERIA,
    },
    "NCT05051761": {
        "slug": "jaktinib-aa",
        "lay_title": T("Jaktinib tablets for severe alopecia areata", "杰克替尼片治疗重度斑秃"),
        "summary": T(
            "This study, run in China, tests jaktinib tablets in adults with severe alopecia areata. "
            "Participants take one of two doses or a placebo, chosen at random, and come to regular "
            "visits at the hospital.",
            "这项研究在中国进行，在重度斑秃的成人患者中测试杰克替尼片。参加者会随机分到两种剂量中的一种，"
            "或者服用安慰剂，并需要定期到医院访视。",
        ),
        "eligibility": [
            _SALT_50,
            T("The current episode has lasted 8 years or less", "这次发作不超过 8 年"),
            T("Not for anyone who has ever taken a JAK inhibitor", "用过任何 JAK 抑制剂的人都不能参加"),
        ],
        "participation": [
            T("Tablets every day; at first they may be a placebo", "每天服药；开始阶段服用的可能是安慰剂"),
            _VISITS, _BLOOD, _FREE, _LEAVE,
        ],
        "criteria": [
            (K.AGE, IN, {"min": 18, "max": 64}, T("Aged 18 to 64", "年龄 18 至 64 岁"), _REGISTRY),
            *_common(),
            (K.EPISODE_DURATION, IN, {"max_months": 96},
             T("The current episode has lasted 8 years or less", "这次发作不超过 8 年"), _REGISTRY),
            (K.PRIOR_JAK, EX, {"route": "any"}, _NO_JAK_EVER, _REGISTRY),
            _RECENT_TREATMENT_REVIEW,
        ],
    },
    "NCT05470413": {
        "slug": "ivarmacitinib-aa",
        "lay_title": T("Ivarmacitinib tablets for severe alopecia areata", "艾玛昔替尼片治疗重度斑秃"),
        "summary": T(
            "This study, run in China, tests ivarmacitinib (SHR0302) tablets in adults with severe "
            "alopecia areata. Participants take ivarmacitinib or a placebo, chosen at random.",
            "这项研究在中国进行，在重度斑秃的成人患者中测试艾玛昔替尼（SHR0302）片。"
            "参加者会随机分配服用艾玛昔替尼或安慰剂。",
        ),
        "eligibility": [
            _SALT_50,
            T("The current episode has lasted between 6 months and 8 years, with no regrowth in the last 6 months",
              "这次发作持续了 6 个月到 8 年，并且最近 6 个月内头发没有长回来"),
            T("Not for anyone who has taken a JAK-inhibitor tablet", "口服过 JAK 抑制剂的人不能参加"),
        ],
        "participation": [
            T("Tablets every day; at first they may be a placebo", "每天服药；开始阶段服用的可能是安慰剂"),
            _VISITS, _BLOOD, _FREE, _LEAVE,
        ],
        "criteria": [
            (K.AGE, IN, {"min": 18, "max": 65}, T("Aged 18 to 65", "年龄 18 至 65 岁"), _REGISTRY),
            *_common(),
            (K.EPISODE_DURATION, IN, {"min_months": 6, "max_months": 96, "max_exclusive": True},
             T("The current episode has lasted between 6 months and 8 years", "这次发作持续了 6 个月到 8 年"),
             _REGISTRY),
            (K.RECENT_REGROWTH, EX, {"months": 6},
             T("No hair regrowth in the last 6 months", "最近 6 个月内头发没有长回来"), _REGISTRY),
            (K.PRIOR_JAK, EX, {"route": "oral"},
             T("Never treated with a JAK-inhibitor tablet", "从未口服过 JAK 抑制剂"), _REGISTRY),
            _RECENT_TREATMENT_REVIEW,
        ],
    },
}

# (NCT number, campaign name, channel, language of the broadcast or poster). A campaign's name is
# a label for staff, written in the language of the campaign, as a team would name it.
DEMO_CAMPAIGNS = [
    ("NCT03570749", "直播：斑秃患者答疑（演示）", "live_broadcast", "zh-hans"),
    ("NCT03570749", "海报：皮肤科门诊（演示）", "poster", "zh-hans"),
    ("NCT04518995", "Clinic leaflet (demo)", "leaflet", "en"),
    ("NCT05051761", "患者组织通讯（演示）", "patient_group", "zh-hans"),
]

# Names earlier versions gave the demo campaigns: seed_demo renames them in place.
RENAMED_CAMPAIGNS = {
    "Live broadcast, patient Q&A (demo)": "直播：斑秃患者答疑（演示）",
    "Poster, dermatology clinic (demo)": "海报：皮肤科门诊（演示）",
    "Patient group newsletter (demo)": "患者组织通讯（演示）",
}

# The registry's titles and drug names in Chinese (the registry has English only).
TRIAL_TEXT_ZH = {
    "NCT03570749": {"title": "巴瑞替尼治疗重度或极重度斑秃成人患者的研究（BRAVE-AA1）", "drug": "巴瑞替尼"},
    "NCT03899259": {"title": "巴瑞替尼治疗重度或极重度斑秃成人患者的研究（BRAVE-AA2）", "drug": "巴瑞替尼"},
    "NCT03732807": {"title": "利特昔替尼（PF-06651600）治疗斑秃的研究（ALLEGRO-2b/3）", "drug": "利特昔替尼（PF-06651600）"},
    "NCT04518995": {"title": "氘鲁索替尼（CTP-543）治疗中重度斑秃成人患者的研究（THRIVE-AA1）",
                    "drug": "氘鲁索替尼（CTP-543）"},
    "NCT04797650": {"title": "氘鲁索替尼（CTP-543）治疗中重度斑秃成人患者的研究（THRIVE-AA2）",
                    "drug": "氘鲁索替尼（CTP-543）"},
    "NCT05051761": {"title": "杰克替尼治疗成人斑秃的安全性和有效性研究", "drug": "杰克替尼"},
    "NCT05470413": {"title": "艾玛昔替尼（SHR0302）治疗成人重度斑秃的有效性和安全性研究",
                    "drug": "艾玛昔替尼（SHR0302）"},
}

# The names patients know the sponsors by.
SPONSOR_NAMES = {
    "Eli Lilly and Company": T("Eli Lilly", "礼来"),
    "Pfizer": T("Pfizer", "辉瑞"),
    "Concert Pharmaceuticals": T("Concert Pharmaceuticals", "康塞特制药"),
    "Suzhou Zelgen Biopharmaceuticals Co.,Ltd": T("Zelgen Biopharmaceuticals (Suzhou)", "苏州泽璟生物制药"),
    "Reistone Biopharma Company Limited": T("Reistone Biopharma", "瑞石生物医药"),
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
STATE_ZH = {
    "Beijing": "北京市", "California": "加利福尼亚州", "Chongqing": "重庆市", "Connecticut": "康涅狄格州",
    "Hunan": "湖南省", "Illinois": "伊利诺伊州", "Jiangsu": "江苏省", "Massachusetts": "马萨诸塞州",
    "New York": "纽约州", "Shanghai": "上海市", "Sichuan": "四川省", "Tokyo": "东京都", "Zhejiang": "浙江省",
}
COUNTRY_ZH = {
    "China": "中国", "France": "法国", "Germany": "德国", "Japan": "日本", "Spain": "西班牙",
    "United Kingdom": "英国", "United States": "美国",
}

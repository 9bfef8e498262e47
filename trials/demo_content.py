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

from recruitment.screening.roles import Role

IN, EX, REVIEW = Role.INCLUSION, Role.EXCLUSION, Role.REVIEW


def T(en: str, zh: str) -> dict:  # noqa: N802 - reads as a table of texts
    """One text in each language, keyed as modeltranslation names the columns."""
    return {"en": en, "zh_hans": zh}


_REGISTRY = "ClinicalTrials.gov eligibility criteria"
_TYPICAL = "Standard exclusion in these trials; confirm in the protocol"
_OTHER_HAIR_LOSS = ["androgenetic", "scarring", "diffuse", "traction", "trichotillomania"]


_HAIR_OR_IMMUNE_TREATMENTS = [
    "topical_steroid",
    "intralesional_steroid",
    "oral_steroid",
    "topical_minoxidil",
    "oral_minoxidil",
    "contact_immunotherapy",
    "phototherapy",
    "immunosuppressant",
    "biologic",
    "jak_any",
    "tcm",
]

_SALT_50 = T(
    "At least half of the scalp without hair (SALT 50 or more)", "头皮至少一半没有头发（SALT 评分 50 分或以上）"
)
_NO_JAK_EVER = T("Never treated with a JAK inhibitor", "从未用过 JAK 抑制剂")


def _quote(nct: str, sentence: str) -> str:
    """A criterion's source note: the registry sentence it encodes."""
    return f'ClinicalTrials.gov {nct}: "{sentence}"'


def _common(nct="", *, pregnancy=None, other_hair_loss=None):
    """What every alopecia-areata trial asks. `pregnancy`, `other_hair_loss`: the registry sentences
    that make them exclusions; without one, the site reviews (a rule these trials usually have)."""
    return [
        (
            "diagnosis",
            IN,
            {},
            T(
                "Alopecia areata diagnosed by a doctor (the study doctor confirms it)",
                "经医生诊断为斑秃（研究医生会再次确认）",
            ),
            _REGISTRY,
        ),
        ("salt", IN, {"min": 50}, _SALT_50, _quote(nct, "SALT score ≥ 50") if nct else _REGISTRY),
        (
            "other_hair_loss",
            EX if other_hair_loss else REVIEW,
            {"diagnoses": _OTHER_HAIR_LOSS},
            T(
                "No other kind of hair loss, such as pattern or scarring hair loss",
                "没有其他类型的脱发，例如雄激素性脱发或瘢痕性脱发",
            ),
            _quote(nct, other_hair_loss) if other_hair_loss else _TYPICAL,
        ),
        (
            "pregnancy",
            EX if pregnancy else REVIEW,
            {},
            T("Not pregnant, breastfeeding or planning a pregnancy", "没有怀孕、没有在哺乳，也没有备孕计划"),
            _quote(nct, pregnancy) if pregnancy else _TYPICAL,
        ),
    ]


_OTHER_SCALP = T(
    "No other scalp disease, such as psoriasis or seborrhoeic dermatitis of the scalp",
    "头皮没有其他疾病，例如头皮银屑病或脂溢性皮炎",
)


# Where the washouts are in the full protocol only: recent treatment is for the site to check.
_RECENT_TREATMENT_REVIEW = (
    "washout",
    REVIEW,
    {"treatments": _HAIR_OR_IMMUNE_TREATMENTS, "days": 30},
    T(
        "Treatments used in the last month: the site checks how long before the study each must be stopped",
        "最近一个月用过的治疗：研究中心会核实每种治疗需要在试验开始前停用多久",
    ),
    _TYPICAL,
)


def _brave_criteria(nct, *, long_episode_exception=False):
    """BRAVE-AA1 and BRAVE-AA2; BRAVE-AA2 also admits longer episodes with regrowth in the past 8 years."""
    episode = {"min_months": 6, "min_exclusive": True, "max_months": 96, "max_exclusive": True}
    if long_episode_exception:
        episode["or_regrowth_within_years"] = 8
    return [
        (
            "age",
            IN,
            {"min": 18, "max": 70, "male_max": 60},
            T("Men aged 18 to 60, women aged 18 to 70", "男性 18 至 60 岁，女性 18 至 70 岁"),
            _quote(nct, "Male participants 18 to 60 years of age, or female participants 18 to 70 years of age"),
        ),
        *_common(
            nct,
            pregnancy="Male, or nonpregnant, nonbreastfeeding female participants",
            other_hair_loss="Other forms of alopecia (for example androgenetic alopecia, scarring alopecia, "
            "diffuse alopecia, traction alopecia or trichotillomania)",
        ),
        (
            "aa_type",
            EX,
            {"types": ["diffuse"]},
            T(
                "Not primarily diffuse alopecia areata (thinning all over rather than patches)",
                "不是以弥漫型为主的斑秃（整个头皮变稀，而不是斑片）",
            ),
            _quote(nct, "Primarily diffuse type of alopecia areata"),
        ),
        (
            "episode_duration",
            IN,
            episode,
            T(
                "The current episode of severe hair loss has lasted more than 6 months and less than 8 years, "
                "or longer with regrowth on its own in the last 8 years",
                "这次重度脱发已超过 6 个月、不到 8 年；或者更久，但最近 8 年内头发曾自行长回来",
            )
            if long_episode_exception
            else T(
                "The current episode of severe hair loss has lasted more than 6 months and less than 8 years",
                "这次重度脱发已超过 6 个月，但不到 8 年",
            ),
            _quote(
                nct,
                "Current episode of severe or very severe alopecia areata lasting more than 6 months and less "
                "than 8 years"
                + (
                    " (a longer episode is admitted if episodes of regrowth have been observed within the past 8 years)"
                    if long_episode_exception
                    else ""
                ),
            ),
        ),
        (
            "recent_regrowth",
            EX,
            {"months": 6},
            T("No thick hair grew back on its own in the last 6 months", "最近 6 个月内没有粗壮的头发自行长回来"),
            _quote(nct, "No spontaneous improvement of scalp hair over the past 6 months"),
        ),
        (
            "prior_jak",
            EX,
            {"route": "oral", "inadequate_response_only": True},
            T(
                "Not for people whose hair did not grow back after 12 weeks or more of a JAK-inhibitor tablet",
                "以前口服 JAK 抑制剂 12 周或更久、头发没有长回来的人不能参加",
            ),
            _quote(
                nct,
                "Previous treatment with an oral Janus kinase (JAK) inhibitor with an inadequate response for "
                "alopecia areata",
            ),
        ),
        _RECENT_TREATMENT_REVIEW,
    ]


_THRIVE_CRITERIA = [
    ("age", IN, {"min": 18, "max": 65}, T("Aged 18 to 65", "年龄 18 至 65 岁"), _REGISTRY),
    *_common(
        "NCT04518995",
        pregnancy="Females who are pregnant, nursing, or planning to become pregnant during the "
        "study or within 30 days after the last dose of study drug",
    ),
    (
        "scalp_condition",
        EX,
        {"conditions": ["psoriasis", "seborrhoeic", "other"]},
        _OTHER_SCALP,
        _quote(
            "NCT04518995",
            "Active scalp inflammation, psoriasis or seborrheic dermatitis requiring topical "
            "treatment to the scalp, significant scalp trauma, or another scalp condition that may "
            "interfere with the SALT assessment",
        ),
    ),
    (
        "episode_duration",
        IN,
        {"min_months": 6, "max_months": 120},
        T("The current episode has lasted between 6 months and 10 years", "这次发作持续了 6 个月到 10 年"),
        _REGISTRY,
    ),
    (
        "washout",
        EX,
        {
            "treatments": [
                "topical_steroid",
                "intralesional_steroid",
                "topical_minoxidil",
                "oral_minoxidil",
                "contact_immunotherapy",
                "phototherapy",
                "ruxolitinib_cream",
            ],
            "days": 30,
        },
        T("No treatment that affects hair growth in the last month", "最近一个月没有用过影响头发生长的治疗"),
        _REGISTRY,
    ),
    (
        "washout",
        EX,
        {"treatments": ["oral_steroid", "immunosuppressant", "jak_oral"], "days": 90},
        T("No tablets that calm the immune system in the last 3 months", "最近 3 个月没有服用抑制免疫系统的药物"),
        _REGISTRY,
    ),
    (
        "washout",
        EX,
        {"treatments": ["biologic"], "days": 180},
        T("No biologic injections in the last 6 months", "最近 6 个月没有注射过生物制剂"),
        _REGISTRY,
    ),
    (
        "washout",
        REVIEW,
        {"treatments": ["tcm"], "days": 30},
        T(
            "Traditional Chinese medicine in the last month: the site checks whether it must be stopped",
            "最近一个月用过中药：研究中心会核实是否需要停用",
        ),
        _TYPICAL,
    ),
]

# "Who may join", one point per line. The age is not repeated here: the trial page states it
# from the registry's structured ages.
_AA_BRAVE = [
    T(
        "Severe hair loss from alopecia areata: at least half of the scalp (SALT 50 or more)",
        "斑秃导致的重度脱发：头皮至少一半没有头发（SALT 评分 50 分或以上）",
    ),
    T("For men, the upper age limit is 60", "男性的年龄上限为 60 岁"),
    T("The current episode has lasted more than 6 months and less than 8 years", "这次发作已超过 6 个月，但不到 8 年"),
    T("No hair regrowth on its own in the last 6 months", "最近 6 个月内头发没有自行长回来"),
    T(
        "Not for people whose hair did not regrow on an earlier JAK-inhibitor tablet",
        "以前口服过 JAK 抑制剂但头发没有长回来的人不能参加",
    ),
]
_AA_THRIVE = [
    _SALT_50,
    T("The current episode has lasted between 6 months and 10 years", "这次发作持续了 6 个月到 10 年"),
    T(
        "Some medicines must be stopped for a while before the trial: the team will explain which",
        "部分药物需要在试验开始前停用一段时间，研究团队会告诉您是哪些",
    ),
    T("Not during pregnancy or breastfeeding", "怀孕或哺乳期间不能参加"),
]

_VISITS = T(
    "Regular visits to the study hospital, where the team checks your hair and your health",
    "定期到研究医院访视，研究团队会检查您的头发和身体状况",
)
_FREE = T("The study medicine and the study's tests cost you nothing", "试验用药和试验要求的检查都不需要您付费")
_LEAVE = T("You can stop taking part at any time, without giving a reason", "您可以随时退出试验，不需要说明理由")
_BLOOD = T(
    "Blood tests, because JAK inhibitors can affect blood counts, the liver and cholesterol",
    "需要抽血检查，因为 JAK 抑制剂可能影响血细胞计数、肝功能和血脂",
)

# --- Vitiligo (白癜风) ---------------------------------------------------------------------------
# Every extent a patient gives is a self-estimate: the vitiligo kinds leave one close to a limit to
# the site (recruitment.screening.checks.check_estimate). Washouts are in the full protocols only.
_VITILIGO_TREATMENTS = [
    "topical_steroid",
    "topical_calcineurin",
    "phototherapy",
    "oral_steroid",
    "immunosuppressant",
    "tcm",
    "jak_any",
]
_F_VASI = T(
    "Facial VASI of at least 0.5 (self-estimated here, measured by the study doctor)",
    "面部 VASI 评分至少 0.5（这里是自我估计，研究医生会实际测量）",
)
_T_VASI = T(
    "Total VASI of at least 3 (self-estimated here, measured by the study doctor)",
    "全身 VASI 评分至少 3（这里是自我估计，研究医生会实际测量）",
)
_RECENT_VITILIGO_TREATMENT_REVIEW = (
    "washout",
    REVIEW,
    {"treatments": _VITILIGO_TREATMENTS, "days": 30},
    T(
        "Vitiligo treatments used in the last month: the site checks how long before the study each must "
        "be stopped; all are stopped during the study",
        "最近一个月用过的白癜风治疗：研究中心会核实每种治疗需要在试验开始前停用多久；试验期间需要全部停用",
    ),
    "ClinicalTrials.gov eligibility criteria (washout periods in the protocol only)",
)


def _vitiligo_common():
    return [
        (
            "diagnosis",
            IN,
            {},
            T(
                "Vitiligo diagnosed by a doctor (the study doctor confirms it)",
                "经医生诊断为白癜风（研究医生会再次确认）",
            ),
            _REGISTRY,
        ),
        (
            "vitiligo_type",
            EX,
            {"types": ["segmental"]},
            T(
                "Not segmental vitiligo (patches on one side or in one band only)",
                "不是节段型白癜风（白斑只在身体一侧或一条带状区域）",
            ),
            _REGISTRY,
        ),
        (
            "vitiligo_type",
            REVIEW,
            {"types": ["mixed"]},
            T(
                "Mixed vitiligo: the study doctor decides whether it counts as non-segmental",
                "混合型白癜风：由研究医生判断是否可以按非节段型参加",
            ),
            _TYPICAL,
        ),
        (
            "pregnancy",
            REVIEW,
            {},
            T("Not pregnant, breastfeeding or planning a pregnancy", "没有怀孕、没有在哺乳，也没有备孕计划"),
            _TYPICAL,
        ),
    ]


def _true_criteria(*, min_age, max_age=None):
    """TRuE-V1 and TRuE-V2, and the children's study: the same extent on the face and the body."""
    age = {"min": min_age, **({"max": max_age} if max_age is not None else {})}
    age_text = (
        T(f"Aged {min_age} to {max_age}", f"年龄 {min_age} 至 {max_age} 岁")
        if max_age is not None
        else T(f"Aged {min_age} or older", f"年龄 {min_age} 岁或以上")
    )
    return [
        ("age", IN, age, age_text, _REGISTRY),
        *_vitiligo_common(),
        (
            "bsa",
            IN,
            {"area": "face", "min": 0.5},
            T(
                "White patches on at least 0.5% of the body on the face (about half a palm)",
                "面部白斑至少占全身皮肤的 0.5%（大约半个手掌大）",
            ),
            _REGISTRY,
        ),
        ("f_vasi", IN, {"min": 0.5}, _F_VASI, _REGISTRY),
        (
            "bsa",
            IN,
            {"area": "nonfacial", "min": 3},
            T(
                "White patches on at least 3% of the body outside the face (about 3 palms)",
                "面部以外的白斑至少占全身皮肤的 3%（大约 3 个手掌大）",
            ),
            _REGISTRY,
        ),
        ("t_vasi", IN, {"min": 3}, _T_VASI, _REGISTRY),
        (
            "bsa",
            IN,
            {"area": "total", "max": 10},
            T(
                "White patches on no more than 10% of the body in all (about 10 palms)",
                "全身白斑合计不超过全身皮肤的 10%（大约 10 个手掌大）",
            ),
            _REGISTRY,
        ),
        (
            "treatment_ever",
            EX,
            {"treatments": ["depigmentation"]},
            T("Never treated with depigmentation therapy such as monobenzone", "从未用过莫诺苯宗等脱色治疗"),
            _REGISTRY,
        ),
        (
            "prior_jak",
            REVIEW,
            {"route": "any"},
            T(
                "Earlier JAK-inhibitor treatment: the site checks whether it allows joining",
                "以前用过 JAK 抑制剂：研究中心会核实是否可以参加",
            ),
            _TYPICAL,
        ),
        _RECENT_VITILIGO_TREATMENT_REVIEW,
    ]


_VITILIGO_TRUE = [
    T("Non-segmental vitiligo, from age 12", "12 岁及以上的非节段型白癜风患者"),
    T(
        "White patches on the face (at least about half a palm) and elsewhere on the body (at least about 3 palms)",
        "面部有白斑（至少约半个手掌大），身体其他部位也有白斑（至少约 3 个手掌大）",
    ),
    T("No more than 10% of the body white in all (about 10 palms)", "全身白斑合计不超过 10%（大约 10 个手掌大）"),
    T(
        "Never treated with depigmentation therapy such as monobenzone; other vitiligo treatments are stopped",
        "从未用过莫诺苯宗等脱色治疗；其他白癜风治疗需要停用",
    ),
]
_SKIN_VISITS = T(
    "Regular visits to the study hospital, where the team checks your skin and your health",
    "定期到研究医院访视，研究团队会检查您的皮肤和身体状况",
)
_CREAM_PARTICIPATION = [
    T(
        "The cream on the white patches twice a day; for the first 24 weeks it may be a cream without medicine",
        "每天两次把乳膏涂在白斑上；前 24 周使用的可能是不含药物的乳膏",
    ),
    T(
        "Photos of the white patches at visits, to measure how much colour comes back",
        "访视时会给白斑拍照，用来衡量颜色恢复了多少",
    ),
    _SKIN_VISITS,
    _FREE,
    _LEAVE,
]

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
            T(
                "One tablet a day; for the first 9 months it may be a placebo",
                "每天服用一片；前 9 个月服用的可能是安慰剂",
            ),
            _VISITS,
            _BLOOD,
            _FREE,
            _LEAVE,
        ],
        "criteria": _brave_criteria("NCT03570749"),
    },
    "NCT03899259": {
        "slug": "brave-aa2",
        "lay_title": T(
            "Baricitinib tablets for severe alopecia areata (second study)", "巴瑞替尼片治疗重度斑秃（第二项研究）"
        ),
        "summary": T(
            "A second study of baricitinib tablets for adults with severe alopecia areata, run in other "
            "countries with the same design as BRAVE-AA1: baricitinib or placebo, chosen at random, "
            "with regular visits to check hair regrowth and safety.",
            "这是巴瑞替尼片治疗成人重度斑秃的第二项研究，在另一些国家进行，设计与 BRAVE-AA1 相同："
            "随机分配服用巴瑞替尼或安慰剂，并定期访视，检查头发生长情况和用药安全。",
        ),
        "eligibility": _AA_BRAVE,
        "participation": [
            T(
                "One tablet a day; for the first 9 months it may be a placebo",
                "每天服用一片；前 9 个月服用的可能是安慰剂",
            ),
            _VISITS,
            _BLOOD,
            _FREE,
            _LEAVE,
        ],
        "criteria": _brave_criteria("NCT03899259", long_episode_exception=True),
    },
    "NCT03732807": {
        "slug": "allegro-2b3",
        "lay_title": T(
            "Ritlecitinib capsules for alopecia areata, from age 12", "利特昔替尼胶囊治疗斑秃（12 岁及以上）"
        ),
        "summary": T(
            "This study tests ritlecitinib, a once-daily capsule, in teenagers from 12 years and adults "
            "with alopecia areata affecting at least half of the scalp. Participants receive one of "
            "several doses or a placebo at first, chosen at random.",
            "这项研究在 12 岁及以上的青少年和成人斑秃患者中测试利特昔替尼，这是一种每天服用一次的胶囊，"
            "参加者的头皮至少一半没有头发。开始阶段，参加者会随机分到几种剂量中的一种，或者服用安慰剂。",
        ),
        "eligibility": [
            _SALT_50,
            T(
                "No hair regrowth in the last 6 months, and the current episode is 10 years or shorter",
                "最近 6 个月内头发没有长回来，而且这次发作不超过 10 年",
            ),
            T("Not for anyone who has ever taken a JAK inhibitor", "用过任何 JAK 抑制剂的人都不能参加"),
            T(
                "Teenagers from 12 take part with a parent's or guardian's consent",
                "12 岁及以上的青少年需要在父母或监护人同意下参加",
            ),
        ],
        "participation": [
            T("One capsule a day; at first it may be a placebo", "每天服用一粒胶囊；开始阶段服用的可能是安慰剂"),
            _VISITS,
            _BLOOD,
            _FREE,
            _LEAVE,
        ],
        "criteria": [
            (
                "age",
                IN,
                {"min": 12},
                T("Aged 12 or older", "年龄 12 岁或以上"),
                _quote("NCT03732807", "Age 12 years or older at the time of informed consent"),
            ),
            *_common(
                "NCT03732807", other_hair_loss="Other types of alopecia or other diseases that can cause hair loss"
            ),
            (
                "recent_regrowth",
                EX,
                {"months": 6},
                T("No thick hair grew back on its own in the last 6 months", "最近 6 个月内没有粗壮的头发自行长回来"),
                _quote("NCT03732807", "No evidence of terminal hair regrowth within the previous 6 months"),
            ),
            (
                "episode_duration",
                IN,
                {"max_months": 120},
                T("The current episode is 10 years or shorter", "这次发作不超过 10 年"),
                _quote("NCT03732807", "Current episode of hair loss of 10 years or less"),
            ),
            (
                "prior_jak",
                EX,
                {"route": "any"},
                _NO_JAK_EVER,
                _quote("NCT03732807", "Any previous use of any Janus kinase (JAK) inhibitor"),
            ),
            (
                "scalp_condition",
                EX,
                {"conditions": ["psoriasis", "seborrhoeic", "other"]},
                _OTHER_SCALP,
                _quote(
                    "NCT03732807",
                    "Other scalp diseases that could interfere with the assessment of hair loss or regrowth",
                ),
            ),
            (
                "shaved_head",
                EX,
                {},
                T("Hair not shaved: it must have grown back and be stable", "没有剃头：头发需要长回来并保持稳定"),
                _quote(
                    "NCT03732807",
                    "Shaved head: participants must not enter the study until the hair has grown "
                    "back and is considered stable by the investigator",
                ),
            ),
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
            T(
                "A tablet twice a day for about 6 months; it may be a placebo",
                "每天服药两次，持续约 6 个月；服用的可能是安慰剂",
            ),
            _VISITS,
            _BLOOD,
            _FREE,
            _LEAVE,
        ],
        "criteria": _THRIVE_CRITERIA,
    },
    "NCT04797650": {
        "slug": "thrive-aa2",
        "lay_title": T(
            "Deuruxolitinib tablets for alopecia areata (second study)", "氘鲁索替尼片治疗斑秃（第二项研究）"
        ),
        "summary": T(
            "A second study of deuruxolitinib (CTP-543) tablets in adults with moderate to severe "
            "alopecia areata, with the same design as THRIVE-AA1.",
            "这是氘鲁索替尼（CTP-543）片治疗中度至重度成人斑秃的第二项研究，设计与 THRIVE-AA1 相同。",
        ),
        "eligibility": [*_AA_THRIVE],
        "participation": [
            T(
                "A tablet twice a day for about 6 months; it may be a placebo",
                "每天服药两次，持续约 6 个月；服用的可能是安慰剂",
            ),
            _VISITS,
            _BLOOD,
            _FREE,
            _LEAVE,
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
            _VISITS,
            _BLOOD,
            _FREE,
            _LEAVE,
        ],
        "criteria": [
            ("age", IN, {"min": 18, "max": 64}, T("Aged 18 to 64", "年龄 18 至 64 岁"), _REGISTRY),
            *_common(),
            (
                "episode_duration",
                IN,
                {"max_months": 96},
                T("The current episode has lasted 8 years or less", "这次发作不超过 8 年"),
                _REGISTRY,
            ),
            ("prior_jak", EX, {"route": "any"}, _NO_JAK_EVER, _REGISTRY),
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
            T(
                "The current episode has lasted between 6 months and 8 years, with no regrowth in the last 6 months",
                "这次发作持续了 6 个月到 8 年，并且最近 6 个月内头发没有长回来",
            ),
            T("Not for anyone who has taken a JAK-inhibitor tablet", "口服过 JAK 抑制剂的人不能参加"),
        ],
        "participation": [
            T("Tablets every day; at first they may be a placebo", "每天服药；开始阶段服用的可能是安慰剂"),
            _VISITS,
            _BLOOD,
            _FREE,
            _LEAVE,
        ],
        "criteria": [
            (
                "age",
                IN,
                {"min": 18, "max": 65},
                T("Aged 18 to 65", "年龄 18 至 65 岁"),
                _quote("NCT05470413", "Male or female, 18 to 65 years of age (inclusive)"),
            ),
            *_common(
                "NCT05470413",
                other_hair_loss="Hair loss due to other causes, including androgenetic "
                "alopecia, scarring alopecia, diffuse alopecia, traction alopecia",
            ),
            (
                "episode_duration",
                IN,
                {"min_months": 6, "max_months": 96, "max_exclusive": True},
                T("The current episode has lasted between 6 months and 8 years", "这次发作持续了 6 个月到 8 年"),
                _quote(
                    "NCT05470413", "Current episode of scalp hair loss lasting at least 6 months and less than 8 years"
                ),
            ),
            (
                "recent_regrowth",
                EX,
                {"months": 6},
                T("No thick hair grew back on its own in the last 6 months", "最近 6 个月内没有粗壮的头发自行长回来"),
                _quote("NCT05470413", "No terminal hair regrowth within 6 months before screening and baseline"),
            ),
            (
                "prior_jak",
                EX,
                {"route": "oral"},
                T("Never treated with a JAK-inhibitor tablet", "从未口服过 JAK 抑制剂"),
                _quote("NCT05470413", "Previous systemic treatment with a Janus kinase (JAK) inhibitor"),
            ),
            (
                "scalp_condition",
                EX,
                {"conditions": ["psoriasis", "seborrhoeic", "other"]},
                _OTHER_SCALP,
                _quote(
                    "NCT05470413",
                    "Any other active skin disease, scalp disorder or scalp trauma that could "
                    "interfere with the assessment of efficacy or safety",
                ),
            ),
            _RECENT_TREATMENT_REVIEW,
        ],
    },
    # --- Vitiligo ---------------------------------------------------------------------------------
    "NCT04052425": {
        "slug": "true-v1",
        "lay_title": T(
            "Ruxolitinib cream for vitiligo, from age 12", "芦可替尼乳膏（鲁索替尼乳膏）治疗白癜风（12 岁及以上）"
        ),
        "summary": T(
            "This study tests whether ruxolitinib cream, rubbed on the white patches twice a day, brings "
            "colour back to the skin of teenagers from 12 years and adults with non-segmental vitiligo. "
            "For the first 24 weeks some participants use the cream with the medicine and some a cream "
            "without it, chosen at random; after that everyone can use the medicine cream.",
            "这项研究想了解：每天两次涂在白斑上的芦可替尼乳膏（也叫鲁索替尼乳膏），能否让 12 岁及以上"
            "非节段型白癜风患者的白斑恢复颜色。在最初 24 周里，一部分参加者使用含药乳膏，另一部分使用"
            "不含药物的乳膏，由随机分配决定；之后所有参加者都可以使用含药乳膏。",
        ),
        "eligibility": _VITILIGO_TRUE,
        "participation": _CREAM_PARTICIPATION,
        "criteria": _true_criteria(min_age=12),
    },
    "NCT04057573": {
        "slug": "true-v2",
        "lay_title": T(
            "Ruxolitinib cream for vitiligo, from age 12 (second study)",
            "芦可替尼乳膏（鲁索替尼乳膏）治疗白癜风（12 岁及以上，第二项研究）",
        ),
        "summary": T(
            "A second study of ruxolitinib cream for teenagers from 12 years and adults with non-segmental "
            "vitiligo, run in North America and Europe with the same design as TRuE-V1: the medicine cream "
            "or a cream without it, chosen at random, on the white patches twice a day.",
            "这是芦可替尼乳膏（鲁索替尼乳膏）治疗 12 岁及以上非节段型白癜风的第二项研究，在北美和欧洲进行，"
            "设计与 TRuE-V1 相同：随机分配使用含药乳膏或不含药物的乳膏，每天两次涂在白斑上。",
        ),
        "eligibility": _VITILIGO_TRUE,
        "participation": _CREAM_PARTICIPATION,
        "criteria": _true_criteria(min_age=12),
    },
    "NCT06072183": {
        "slug": "tranquillo-2",
        "lay_title": T("Ritlecitinib capsules for vitiligo in adults", "利特昔替尼胶囊治疗成人白癜风"),
        "summary": T(
            "This study tests ritlecitinib, a capsule taken once a day, in adults with non-segmental "
            "vitiligo, whether it is spreading or stable. For the first year participants take one of two "
            "doses or a placebo, chosen at random; in the second year everyone takes ritlecitinib.",
            "这项研究在成人非节段型白癜风患者中测试利特昔替尼，这是一种每天服用一次的胶囊；"
            "白癜风正在扩散或已经稳定都可以参加。第一年里，参加者会随机分到两种剂量中的一种，或者服用"
            "安慰剂；第二年所有参加者都服用利特昔替尼。",
        ),
        "eligibility": [
            T(
                "Adults aged 18 or older with non-segmental vitiligo for at least 3 months",
                "18 岁及以上、患非节段型白癜风至少 3 个月的成人",
            ),
            T(
                "White patches on 4 to 60% of the body, not counting palms, soles and the tops of the feet, "
                "with some on the face",
                "白斑占全身皮肤的 4% 到 60%（不算手掌、脚底和脚背），而且面部也有白斑",
            ),
            T("Vitiligo that is spreading or stable: both can join", "白癜风正在扩散或已经稳定，都可以参加"),
            T("Other vitiligo treatments are stopped during the study", "试验期间需要停用其他白癜风治疗"),
        ],
        "participation": [
            T(
                "One capsule a day for two years; in the first year it may be a placebo",
                "每天服用一粒胶囊，共两年；第一年服用的可能是安慰剂",
            ),
            _SKIN_VISITS,
            _BLOOD,
            _FREE,
            _LEAVE,
        ],
        "criteria": [
            ("age", IN, {"min": 18}, T("Aged 18 or older", "年龄 18 岁或以上"), _REGISTRY),
            *_vitiligo_common(),
            (
                "vitiligo_duration",
                IN,
                {"min_months": 3},
                T("Vitiligo for at least 3 months", "患白癜风至少 3 个月"),
                _REGISTRY,
            ),
            (
                "bsa",
                IN,
                {"area": "without_palms_soles_feet_tops", "min": 4, "max": 60},
                T(
                    "White patches on 4 to 60% of the body, not counting palms, soles and the tops of the feet",
                    "白斑占全身皮肤的 4% 到 60%（不算手掌、脚底和脚背）",
                ),
                _REGISTRY,
            ),
            (
                "bsa",
                IN,
                {"area": "face", "min": 0.5},
                T(
                    "White patches on at least 0.5% of the body on the face (about half a palm)",
                    "面部白斑至少占全身皮肤的 0.5%（大约半个手掌大）",
                ),
                _REGISTRY,
            ),
            ("f_vasi", IN, {"min": 0.5}, _F_VASI, _REGISTRY),
            ("t_vasi", IN, {"min": 3}, _T_VASI, _REGISTRY),
            (
                "prior_jak",
                REVIEW,
                {"route": "any"},
                T(
                    "Earlier JAK-inhibitor treatment: the site checks whether it allows joining",
                    "以前用过 JAK 抑制剂：研究中心会核实是否可以参加",
                ),
                _TYPICAL,
            ),
            (
                "health_history",
                EX,
                {"items": ["hepatitis"]},
                T("No hepatitis B or C", "没有乙肝或丙肝"),
                _quote("NCT06072183", "Current or past malignancy, hepatitis B or C, HIV infection"),
            ),
            # The questionnaire asks about cancer in the last 5 years; the registry excludes any: one
            # reported is for the study doctor, earlier ones are asked at the call (the checklist).
            (
                "health_history",
                REVIEW,
                {"items": ["cancer_5y"]},
                T(
                    "No cancer in the last 5 years (the study doctor also asks about earlier ones)",
                    "最近 5 年内没有患过癌症（研究医生也会询问更早的情况）",
                ),
                _quote("NCT06072183", "Current or past malignancy"),
            ),
            _RECENT_VITILIGO_TREATMENT_REVIEW,
        ],
    },
    "NCT06804811": {
        "slug": "ruxolitinib-cream-children",
        "lay_title": T(
            "Ruxolitinib cream for vitiligo in children aged 6 to 11",
            "芦可替尼乳膏（鲁索替尼乳膏）治疗 6 至 11 岁儿童白癜风",
        ),
        "summary": T(
            "This study will test ruxolitinib cream, rubbed on the white patches twice a day, in children "
            "aged 6 to 11 with non-segmental vitiligo. At first some children use the medicine cream and "
            "some a cream without it, chosen at random. It has not started recruiting yet.",
            "这项研究将在 6 至 11 岁的非节段型白癜风儿童中测试芦可替尼乳膏（也叫鲁索替尼乳膏），"
            "每天两次涂在白斑上。开始阶段，一部分孩子使用含药乳膏，另一部分使用不含药物的乳膏，"
            "由随机分配决定。这项研究还没有开始招募。",
        ),
        "eligibility": [
            T(
                "Children aged 6 to 11 with non-segmental vitiligo, with a parent or guardian",
                "6 至 11 岁的非节段型白癜风儿童，由父母或监护人陪同参加",
            ),
            *_VITILIGO_TRUE[1:],
        ],
        "participation": [
            T(
                "The cream on your child's white patches twice a day; at first it may be a cream without medicine",
                "每天两次把乳膏涂在孩子的白斑上；开始阶段使用的可能是不含药物的乳膏",
            ),
            T(
                "Photos of the white patches at visits, to measure how much colour comes back",
                "访视时会给白斑拍照，用来衡量颜色恢复了多少",
            ),
            T(
                "Regular visits to the study hospital with your child, where the team checks the skin and health",
                "定期带孩子到研究医院访视，研究团队会检查孩子的皮肤和身体状况",
            ),
            _FREE,
            T(
                "You and your child can stop taking part at any time, without giving a reason",
                "您和孩子可以随时退出试验，不需要说明理由",
            ),
        ],
        "criteria": [
            *_true_criteria(min_age=6, max_age=11),
            (
                "manual",
                REVIEW,
                {},
                T(
                    "Some hair with colour inside the white patches of the face: the study doctor checks it",
                    "面部白斑内有一些有颜色的毛发：由研究医生检查",
                ),
                _REGISTRY,
            ),
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
    ("NCT04052425", "直播：白癜风与芦可替尼乳膏（演示）", "live_broadcast", "zh-hans"),
    ("NCT06072183", "海报：白癜风门诊（演示）", "poster", "zh-hans"),
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
    "NCT03732807": {
        "title": "利特昔替尼（PF-06651600）治疗斑秃的研究（ALLEGRO-2b/3）",
        "drug": "利特昔替尼（PF-06651600）",
    },
    "NCT04518995": {
        "title": "氘鲁索替尼（CTP-543）治疗中重度斑秃成人患者的研究（THRIVE-AA1）",
        "drug": "氘鲁索替尼（CTP-543）",
    },
    "NCT04797650": {
        "title": "氘鲁索替尼（CTP-543）治疗中重度斑秃成人患者的研究（THRIVE-AA2）",
        "drug": "氘鲁索替尼（CTP-543）",
    },
    "NCT05051761": {"title": "杰克替尼治疗成人斑秃的安全性和有效性研究", "drug": "杰克替尼"},
    "NCT05470413": {
        "title": "艾玛昔替尼（SHR0302）治疗成人重度斑秃的有效性和安全性研究",
        "drug": "艾玛昔替尼（SHR0302）",
    },
    "NCT04052425": {
        "title": "芦可替尼乳膏治疗白癜风的 3 期、双盲、随机、赋形剂对照有效性和安全性研究及延长期（TRuE-V1）",
        "drug": "芦可替尼乳膏（鲁索替尼乳膏）",
    },
    "NCT04057573": {
        "title": "芦可替尼乳膏治疗白癜风的 3 期、双盲、随机、赋形剂对照有效性和安全性研究及延长期（TRuE-V2）",
        "drug": "芦可替尼乳膏（鲁索替尼乳膏）",
    },
    "NCT06072183": {
        "title": "利特昔替尼治疗成人非节段型白癜风的 3 期、随机、双盲、52 周安慰剂对照多中心研究及"
        "52 周双盲延长期（Tranquillo 2）",
        "drug": "利特昔替尼",
    },
    "NCT06804811": {
        "title": "芦可替尼乳膏治疗 6 至 11 岁儿童非节段型白癜风的有效性和安全性研究",
        "drug": "芦可替尼乳膏（鲁索替尼乳膏）",
    },
}

# The names patients know the sponsors by.
SPONSOR_NAMES = {
    "Eli Lilly and Company": T("Eli Lilly", "礼来"),
    "Pfizer": T("Pfizer", "辉瑞"),
    "Incyte Corporation": T("Incyte", "因赛特"),
    "Concert Pharmaceuticals": T("Concert Pharmaceuticals", "康塞特制药"),
    "Suzhou Zelgen Biopharmaceuticals Co.,Ltd": T("Zelgen Biopharmaceuticals (Suzhou)", "苏州泽璟生物制药"),
    "Reistone Biopharma Company Limited": T("Reistone Biopharma", "瑞石生物医药"),
}

# Where each sponsor receives data, as the registry names its home country: patients in China give a
# separate consent, naming it, before their answers go there (PIPL art. 39). None: in China.
SPONSOR_COUNTRY = {
    "Eli Lilly and Company": "United States",
    "Pfizer": "United States",
    "Incyte Corporation": "United States",
    "Concert Pharmaceuticals": "United States",
    "Suzhou Zelgen Biopharmaceuticals Co.,Ltd": None,
    "Reistone Biopharma Company Limited": None,
}

FACILITY_ZH = {
    "Charité - Universitätsmedizin Berlin, Klinik für Dermatologie": "柏林夏里特医学院皮肤科",
    "Columbia University Irving Medical Center": "哥伦比亚大学欧文医学中心",
    "Hospital Clínic de Barcelona": "巴塞罗那临床医院",
    "Henry Ford Hospital, Department of Dermatology": "亨利·福特医院皮肤科",
    "UMass Memorial Medical Center, Department of Dermatology": "麻省大学纪念医学中心皮肤科",
    "Probity Medical Research, Waterloo": "滑铁卢普罗比蒂医学研究中心",
    "Hôpital Saint-André, CHU de Bordeaux": "波尔多大学医院圣安德烈医院",
    "Hospital Italiano de Buenos Aires": "布宜诺斯艾利斯意大利医院",
    "Children's Hospital Colorado, Pediatric Dermatology": "科罗拉多儿童医院儿童皮肤科",
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
    "St John's Institute of Dermatology, Guy's and St Thomas' NHS Foundation Trust": (
        "盖伊和圣托马斯医院圣约翰皮肤病研究所"
    ),
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
    "Aurora": "奥罗拉",
    "Barcelona": "巴塞罗那",
    "Beijing": "北京",
    "Bordeaux": "波尔多",
    "Buenos Aires": "布宜诺斯艾利斯",
    "Detroit": "底特律",
    "Waterloo": "滑铁卢",
    "Worcester": "伍斯特",
    "Berlin": "柏林",
    "Boston": "波士顿",
    "Bunkyo-ku": "东京都文京区",
    "Changsha": "长沙",
    "Chengdu": "成都",
    "Chicago": "芝加哥",
    "Chongqing": "重庆",
    "Hamburg": "汉堡",
    "Hangzhou": "杭州",
    "London": "伦敦",
    "Nanjing": "南京",
    "New Haven": "纽黑文",
    "New York": "纽约",
    "Paris": "巴黎",
    "San Francisco": "旧金山",
    "Shanghai": "上海",
    "Shinjuku-ku": "东京都新宿区",
}
STATE_ZH = {
    "Beijing": "北京市",
    "California": "加利福尼亚州",
    "Colorado": "科罗拉多州",
    "Michigan": "密歇根州",
    "Ontario": "安大略省",
    "Chongqing": "重庆市",
    "Connecticut": "康涅狄格州",
    "Hunan": "湖南省",
    "Illinois": "伊利诺伊州",
    "Jiangsu": "江苏省",
    "Massachusetts": "马萨诸塞州",
    "New York": "纽约州",
    "Shanghai": "上海市",
    "Sichuan": "四川省",
    "Tokyo": "东京都",
    "Zhejiang": "浙江省",
}
COUNTRY_ZH = {
    "Argentina": "阿根廷",
    "Canada": "加拿大",
    "China": "中国",
    "France": "法国",
    "Germany": "德国",
    "Japan": "日本",
    "Spain": "西班牙",
    "United Kingdom": "英国",
    "United States": "美国",
}

"""The alopecia-areata demo trials: the patients' texts and structured criteria of each, read
with the registry records in `demo_records/` by seed_demo. The Chinese is a draft for a medical
translator to review, with the words Chinese patients know (斑秃, 全秃, 普秃, 巴瑞替尼 ...)."""

from pathlib import Path

from recruitment.conditions.base import DemoData
from trials.demo_content import BLOOD, EX, FREE, IN, LEAVE, REGISTRY, REVIEW, TYPICAL, T, quote

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


def _common(nct="", *, pregnancy=None, pregnancy_states=None, other_hair_loss=None, shaved_head_review=True):
    """What every alopecia-areata trial asks. `pregnancy`, `other_hair_loss`: the registry sentences
    that make them exclusions; without one, the site reviews (a rule these trials usually have).
    `pregnancy_states`: those the sentence names, when not all three; the others go to the site."""
    return [
        *_pregnancy(nct, pregnancy, pregnancy_states),
        *_common_rest(nct, other_hair_loss=other_hair_loss, shaved_head_review=shaved_head_review),
    ]


def _pregnancy(nct, sentence, states):
    if not (sentence and states):
        return [
            (
                "pregnancy",
                EX if sentence else REVIEW,
                {},
                T("Not pregnant, breastfeeding or planning a pregnancy", "没有怀孕、没有在哺乳，也没有备孕计划"),
                quote(nct, sentence) if sentence else TYPICAL,
            )
        ]
    return [
        (
            "pregnancy",
            EX,
            {"states": states},
            T("Not pregnant or breastfeeding", "没有怀孕，也没有在哺乳"),
            quote(nct, sentence),
        ),
        (
            "pregnancy",
            REVIEW,
            {"states": ["planning"]},
            T(
                "Planning a pregnancy: the study doctor talks with you about it",
                "有备孕计划：研究医生会和您商量",
            ),
            TYPICAL,
        ),
    ]


def _common_rest(nct, *, other_hair_loss, shaved_head_review=True):
    return [
        *(
            [
                (
                    "shaved_head",
                    REVIEW,
                    {},
                    T(
                        "A shaved head: the study doctor checks when the hair loss can be measured",
                        "剃头：研究医生会核实什么时候可以测量脱发程度",
                    ),
                    quote(nct, "at screening and baseline") if nct else TYPICAL,
                )
            ]
            if shaved_head_review
            else []
        ),
        _SERIOUS_ILLNESS_REVIEW,
        (
            "diagnosis",
            IN,
            {},
            T(
                "Alopecia areata diagnosed by a doctor (the study doctor confirms it)",
                "经医生诊断为斑秃（研究医生会再次确认）",
            ),
            quote(nct, "alopecia areata") if nct else REGISTRY,
        ),
        ("salt", IN, {"min": 50}, _SALT_50, quote(nct, "SALT score ≥ 50") if nct else REGISTRY),
        (
            "other_hair_loss",
            EX if other_hair_loss else REVIEW,
            {"diagnoses": _OTHER_HAIR_LOSS},
            T(
                "No other kind of hair loss, such as pattern or scarring hair loss",
                "没有其他类型的脱发，例如雄激素性脱发或瘢痕性脱发",
            ),
            quote(nct, other_hair_loss) if other_hair_loss else TYPICAL,
        ),
    ]


# JAK-inhibitor tablets: what the screening visit checks for, asked beforehand (optional).
_SERIOUS_ILLNESS_REVIEW = (
    "health_history",
    REVIEW,
    {"items": ["hiv", "hepatitis", "tuberculosis", "cancer_5y", "serious_infection"]},
    T(
        "HIV, hepatitis B or C, tuberculosis, a cancer or a serious infection: the study doctor checks whether it "
        "allows taking a JAK-inhibitor tablet",
        "艾滋病病毒（HIV）、乙肝或丙肝、结核、癌症或严重感染：研究医生会核实是否可以服用 JAK 抑制剂",
    ),
    TYPICAL,
)
_NO_REGROWTH_ANY_CAUSE = T(
    "No thick hair grew back in the last 6 months, on its own or during a treatment. Hair that grows back during a "
    "treatment shows it may work for you: do not stop or change it to join a trial; talk to the doctor who "
    "prescribed it",
    "最近 6 个月内没有正常粗细的头发重新长出来（无论是自己长出来的，还是治疗期间长出来的）。头发在治疗期间长回来，"
    "说明治疗可能对您有效：请不要为了参加试验而停药或改变治疗，请先和开药的医生商量",
)
_NO_OTHER_CAUSE = T(
    "No other illness or treatment causing hair loss now, such as thyroid disease or chemotherapy",
    "目前没有其他导致脱发的疾病或治疗，例如甲状腺疾病或化疗",
)
_TREATED_SCALP = T(
    "No psoriasis or seborrhoeic dermatitis of the scalp that needs treatment on the scalp",
    "没有需要在头皮上用药治疗的头皮银屑病或脂溢性皮炎",
)
_OTHER_SCALP_REVIEW = T(
    "Another scalp disease or an injury of the scalp: the study doctor judges whether it would get in the way of "
    "measuring the hair",
    "其他头皮疾病或头皮外伤：由研究医生判断是否会影响头发的评估",
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
    TYPICAL,
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
            quote(nct, "Male participants 18 to 60 years of age, or female participants 18 to 70 years of age"),
        ),
        *_common(
            nct,
            pregnancy="Male, or nonpregnant, nonbreastfeeding female participants",
            pregnancy_states=["pregnant", "breastfeeding"],
            other_hair_loss="Other forms of alopecia (for example androgenetic alopecia, scarring alopecia, "
            "diffuse alopecia, traction alopecia or trichotillomania)",
        ),
        (
            "hair_loss_cause",
            EX,
            {"causes": ["thyroid", "lupus", "iron", "chemotherapy"]},
            _NO_OTHER_CAUSE,
            quote(nct, "Currently experiencing other diseases that can cause hair loss"),
        ),
        (
            "aa_type",
            EX,
            {"types": ["diffuse"]},
            T(
                "Not primarily diffuse alopecia areata (thinning all over rather than patches)",
                "不是以弥漫型为主的斑秃（整个头皮变稀，而不是斑片）",
            ),
            quote(nct, "Primarily diffuse type of alopecia areata"),
        ),
        (
            "episode_duration",
            IN,
            episode,
            T(
                "The current episode of severe hair loss has lasted more than 6 months and less than 8 years, "
                "or longer if hair has grown back at some time in the last 8 years",
                "本次重度脱发持续时间超过 6 个月、不到 8 年；或者更久，但最近 8 年内头发曾经长回来过",
            )
            if long_episode_exception
            else T(
                "The current episode of severe hair loss has lasted more than 6 months and less than 8 years",
                "本次重度脱发持续时间超过 6 个月、不到 8 年",
            ),
            quote(
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
            quote(nct, "No spontaneous improvement of scalp hair over the past 6 months"),
        ),
        (
            "prior_jak",
            EX,
            {"route": "oral", "inadequate_response_only": True},
            T(
                "Not for people whose hair did not grow back with a JAK-inhibitor tablet (the study doctor judges "
                "whether a short course counts)",
                "以前口服 JAK 抑制剂、头发没有长回来的人不能参加（用药时间较短时由研究医生判断是否算在内）",
            ),
            quote(
                nct,
                "Previous treatment with an oral Janus kinase (JAK) inhibitor with an inadequate response for "
                "alopecia areata",
            ),
        ),
        _RECENT_TREATMENT_REVIEW,
    ]


def _thrive_criteria(nct: str) -> list:
    """THRIVE-AA1 and THRIVE-AA2: the same registry criteria, each quoted from its own record."""
    return [
        (
            "age",
            IN,
            {"min": 18, "max": 65},
            T("Aged 18 to 65", "年龄 18 至 65 岁"),
            quote(nct, "Men and women 18 to 65 years of age at the time of screening"),
        ),
        *_common(
            nct,
            pregnancy="Females who are pregnant, nursing, or planning to become pregnant during the "
            "study or within 30 days after the last dose of study drug",
        ),
        (
            "scalp_condition",
            EX,
            {"conditions": ["psoriasis", "seborrhoeic"]},
            _TREATED_SCALP,
            quote(
                nct,
                "Active scalp inflammation, psoriasis or seborrheic dermatitis requiring topical treatment to the "
                "scalp",
            ),
        ),
        (
            "scalp_condition",
            REVIEW,
            {"conditions": ["other"]},
            _OTHER_SCALP_REVIEW,
            quote(
                nct,
                "Active scalp inflammation, psoriasis or seborrheic dermatitis requiring topical "
                "treatment to the scalp, significant scalp trauma, or another scalp condition that may "
                "interfere with the SALT assessment",
            ),
        ),
        (
            "episode_duration",
            IN,
            {"min_months": 6, "max_months": 120},
            T("The current episode has lasted between 6 months and 10 years", "本次脱发持续了 6 个月到 10 年"),
            quote(nct, "with a current episode lasting at least 6 months and not exceeding 10 years at screening"),
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
                "months": 1,
            },
            T("No treatment that affects hair growth in the last month", "最近一个月没有用过影响头发生长的治疗"),
            quote(
                nct,
                "Treatment with other medications or agents that may affect hair regrowth or immune response within "
                "1 month of baseline or during the study",
            ),
        ),
        (
            "washout",
            EX,
            {"treatments": ["oral_steroid", "immunosuppressant", "jak_oral"], "months": 3},
            T("No tablets that calm the immune system in the last 3 months", "最近 3 个月没有服用抑制免疫系统的药物"),
            quote(nct, "Treatment with systemic immunosuppressive medications within 3 months of screening"),
        ),
        (
            "washout",
            EX,
            {"treatments": ["biologic"], "months": 6},
            T("No biologic injections in the last 6 months", "最近 6 个月没有注射过生物制剂"),
            quote(nct, "or with biologics within 6 months of screening"),
        ),
        (
            "washout",
            REVIEW,
            {"treatments": ["tcm"], "days": 30},
            T(
                "Traditional Chinese medicine in the last month: the site checks whether it must be stopped",
                "最近一个月用过中药：研究中心会核实是否需要停用",
            ),
            TYPICAL,
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
    T(
        "The current episode has lasted more than 6 months and less than 8 years",
        "本次脱发持续时间超过 6 个月、不到 8 年",
    ),
    T("No hair regrowth on its own in the last 6 months", "最近 6 个月内头发没有自行长回来"),
    T(
        "Not for people whose hair did not regrow on an earlier JAK-inhibitor tablet",
        "以前口服过 JAK 抑制剂但头发没有长回来的人不能参加",
    ),
]
_AA_BRAVE_2 = [
    *_AA_BRAVE[:2],
    T(
        "The current episode has lasted more than 6 months and less than 8 years, or longer if hair has grown back "
        "at some time in the last 8 years",
        "本次脱发持续时间超过 6 个月、不到 8 年；或者更久，但最近 8 年内头发曾经长回来过",
    ),
    *_AA_BRAVE[3:],
]
_AA_THRIVE = [
    _SALT_50,
    T("The current episode has lasted between 6 months and 10 years", "这次发作持续了 6 个月到 10 年"),
    T(
        "Some medicines must be stopped for a while before the trial: the team will explain which",
        "部分药物需要在试验开始前停用一段时间，研究团队会告诉您是哪些",
    ),
    T(
        "Not during pregnancy or breastfeeding, nor when planning a pregnancy",
        "怀孕、哺乳期间或有备孕计划时不能参加",
    ),
]

_VISITS = T(
    "Regular visits to the study hospital, where the team checks your hair and your health",
    "定期到研究医院访视，研究团队会检查您的头发和身体状况",
)

TRIALS = {
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
            BLOOD,
            FREE,
            LEAVE,
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
        "eligibility": _AA_BRAVE_2,
        "participation": [
            T(
                "One tablet a day; for the first 9 months it may be a placebo",
                "每天服用一片；前 9 个月服用的可能是安慰剂",
            ),
            _VISITS,
            BLOOD,
            FREE,
            LEAVE,
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
            BLOOD,
            FREE,
            LEAVE,
        ],
        "criteria": [
            (
                "age",
                IN,
                {"min": 12},
                T("Aged 12 or older", "年龄 12 岁或以上"),
                quote("NCT03732807", "Age 12 years or older at the time of informed consent"),
            ),
            *_common(
                "NCT03732807",
                other_hair_loss="Other types of alopecia or other diseases that can cause hair loss",
                shaved_head_review=False,
            ),
            (
                "hair_loss_cause",
                EX,
                {"causes": ["thyroid", "lupus", "iron", "chemotherapy"]},
                _NO_OTHER_CAUSE,
                quote("NCT03732807", "Other types of alopecia or other diseases that can cause hair loss"),
            ),
            (
                "recent_regrowth",
                EX,
                {"months": 6, "cause": "any"},
                _NO_REGROWTH_ANY_CAUSE,
                quote("NCT03732807", "No evidence of terminal hair regrowth within the previous 6 months"),
            ),
            (
                "episode_duration",
                IN,
                {"max_months": 120},
                T("The current episode is 10 years or shorter", "这次发作不超过 10 年"),
                quote("NCT03732807", "Current episode of hair loss of 10 years or less"),
            ),
            (
                "prior_jak",
                EX,
                {"route": "any"},
                _NO_JAK_EVER,
                quote("NCT03732807", "Any previous use of any Janus kinase (JAK) inhibitor"),
            ),
            (
                "scalp_condition",
                REVIEW,
                {"conditions": ["psoriasis", "seborrhoeic", "other"]},
                _OTHER_SCALP_REVIEW,
                quote(
                    "NCT03732807",
                    "Other scalp diseases that could interfere with the assessment of hair loss or regrowth",
                ),
            ),
            (
                "shaved_head",
                EX,
                {},
                T(
                    "Hair not shaved, so that its growth can be measured; once shaved, it must first grow back",
                    "目前没有剃头（试验需要测量头发生长）；剃过的头发需要先长回来",
                ),
                quote(
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
            BLOOD,
            FREE,
            LEAVE,
        ],
        "criteria": _thrive_criteria("NCT04518995"),
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
            BLOOD,
            FREE,
            LEAVE,
        ],
        "criteria": _thrive_criteria("NCT04797650"),
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
            BLOOD,
            FREE,
            LEAVE,
        ],
        "criteria": [
            (
                "age",
                IN,
                {"min": 18, "max": 64},
                T("Aged 18 to 64", "年龄 18 至 64 岁"),
                quote("NCT05051761", "Age ≥ 18 years and < 65 years, male or female"),
            ),
            *_common("NCT05051761"),
            (
                "episode_duration",
                IN,
                {"max_months": 96},
                T("The current episode has lasted 8 years or less", "本次脱发不超过 8 年"),
                quote("NCT05051761", "with a current episode lasting no more than 8 years"),
            ),
            (
                "prior_jak",
                EX,
                {"route": "any"},
                _NO_JAK_EVER,
                quote("NCT05051761", "Prior treatment with any Janus kinase (JAK) inhibitor before randomization"),
            ),
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
            BLOOD,
            FREE,
            LEAVE,
        ],
        "criteria": [
            (
                "age",
                IN,
                {"min": 18, "max": 65},
                T("Aged 18 to 65", "年龄 18 至 65 岁"),
                quote("NCT05470413", "Male or female, 18 to 65 years of age (inclusive)"),
            ),
            *_common(
                "NCT05470413",
                other_hair_loss="Hair loss due to other causes, including androgenetic "
                "alopecia, scarring alopecia, diffuse alopecia, traction alopecia",
            ),
            (
                "hair_loss_cause",
                EX,
                {"causes": ["thyroid", "lupus", "iron", "chemotherapy"]},
                _NO_OTHER_CAUSE,
                quote(
                    "NCT05470413",
                    "Hair loss due to other causes, including ... anagen effluvium or hair loss caused by thyroid "
                    "disease",
                ),
            ),
            (
                "episode_duration",
                IN,
                {"min_months": 6, "max_months": 96, "max_exclusive": True},
                T("The current episode has lasted between 6 months and 8 years", "这次发作持续了 6 个月到 8 年"),
                quote(
                    "NCT05470413", "Current episode of scalp hair loss lasting at least 6 months and less than 8 years"
                ),
            ),
            (
                "recent_regrowth",
                EX,
                {"months": 6, "cause": "any"},
                _NO_REGROWTH_ANY_CAUSE,
                quote("NCT05470413", "No terminal hair regrowth within 6 months before screening and baseline"),
            ),
            (
                "prior_jak",
                EX,
                {"route": "oral"},
                T("Never treated with a JAK-inhibitor tablet", "从未口服过 JAK 抑制剂"),
                quote("NCT05470413", "Previous systemic treatment with a Janus kinase (JAK) inhibitor"),
            ),
            (
                "scalp_condition",
                REVIEW,
                {"conditions": ["psoriasis", "seborrhoeic", "other"]},
                _OTHER_SCALP_REVIEW,
                quote(
                    "NCT05470413",
                    "Any other active skin disease, scalp disorder or scalp trauma that could "
                    "interfere with the assessment of efficacy or safety",
                ),
            ),
            _RECENT_TREATMENT_REVIEW,
        ],
    },
}

DEMO = DemoData(
    records=Path(__file__).resolve().parent / "demo_records",
    trials=TRIALS,
    text_zh={
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
    },
    sponsor="Eli Lilly and Company",
    coordinator_trials=("brave-aa1", "thrive-aa1"),
    # (trial slug, answers that differ from the shared demo answers, status in the pipeline)
    applicants=(
        ("brave-aa1", {"full_name": "Demo Applicant 1", "phone": "+00 100 0001"}, "new"),
        (
            "brave-aa1",
            {
                "full_name": "Demo Applicant 2",
                "phone": "+00 100 0002",
                "sex": "MALE",
                "pregnancy": [],
                "date_of_birth": "1962-02-02",
                "language": "en",
            },
            "new",
        ),
        (
            "brave-aa1",
            {
                "full_name": "Demo Applicant 3",
                "phone": "+00 100 0003",
                "spontaneous_regrowth": "unsure",
                "consent_share_with_sponsor": "on",
            },
            "contacted",
        ),
        (
            "thrive-aa1",
            {"full_name": "Demo Applicant 4", "phone": "+00 100 0004", "used_topical_steroid": "lt1m"},
            "new",
        ),
        (
            "thrive-aa1",
            {
                "full_name": "Demo Applicant 5",
                "phone": "+00 100 0005",
                "loss_top": "100",
                "loss_back": "100",
                "loss_left": "100",
                "loss_right": "100",
            },
            "prescreen_passed",
        ),
        (
            "jaktinib-aa",
            {
                "full_name": "Demo Applicant 6",
                "phone": "+00 100 0006",
                "used_tofacitinib": "gt6m",
                "response_tofacitinib": "no",
            },
            "new",
        ),
    ),
    campaigns=(
        ("NCT03570749", "直播：斑秃患者答疑（演示）", "live_broadcast", "zh-hans"),
        ("NCT03570749", "海报：皮肤科门诊（演示）", "poster", "zh-hans"),
        ("NCT04518995", "Clinic leaflet (demo)", "leaflet", "en"),
        ("NCT05051761", "患者组织通讯（演示）", "patient_group", "zh-hans"),
    ),
    # Names earlier versions gave these campaigns: seed_demo renames them in place.
    renamed_campaigns={
        "Live broadcast, patient Q&A (demo)": "直播：斑秃患者答疑（演示）",
        "Poster, dermatology clinic (demo)": "海报：皮肤科门诊（演示）",
        "Patient group newsletter (demo)": "患者组织通讯（演示）",
    },
)

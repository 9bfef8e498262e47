"""The vitiligo demo trials: the patients' texts and structured criteria of each, read with the
registry records in `demo_records/` by seed_demo. The Chinese is a draft for a medical translator
to review."""

from pathlib import Path

from recruitment.conditions.base import DemoData
from trials.demo_content import BLOOD, EX, FREE, IN, LEAVE, REVIEW, TYPICAL, T, quote

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


def _vitiligo_common(nct: str, types_sentence: str, *, mixed_excluded: bool = True):
    """`types_sentence`: the registry's exclusion of the other types, quoted."""
    excluded = ["segmental", "mixed"] if mixed_excluded else ["segmental"]
    common = [
        (
            "diagnosis",
            IN,
            {},
            T(
                "Vitiligo diagnosed by a doctor (the study doctor confirms it)",
                "经医生诊断为白癜风（研究医生会再次确认）",
            ),
            quote(nct, "diagnosis of nonsegmental vitiligo" if nct == "NCT06072183" else "diagnosis of non"),
        ),
        (
            "vitiligo_type",
            EX,
            {"types": excluded},
            T(
                "Not segmental or mixed vitiligo (segmental: patches on one side or along one band only; mixed: such "
                "a band as well as patches on both sides)",
                "不是节段型或混合型白癜风（节段型：白斑只在身体一侧或沿一条带状区域分布；混合型：同时还有两侧对称分布的白斑）",
            )
            if mixed_excluded
            else T(
                "Not segmental vitiligo (patches on one side or in one band only)",
                "不是节段型白癜风（白斑只在身体一侧或一条带状区域）",
            ),
            quote(nct, types_sentence),
        ),
    ]
    if not mixed_excluded:
        common.append(
            (
                "vitiligo_type",
                REVIEW,
                {"types": ["mixed"]},
                T(
                    "Mixed vitiligo (a one-sided band and patches on both sides): the study doctor decides whether "
                    "the trial takes it",
                    "混合型白癜风（既有单侧带状白斑，也有两侧白斑）：由研究医生判断试验是否接受",
                ),
                TYPICAL,
            )
        )
    return common


_TRANQUILLO_PREGNANCY = quote(
    "NCT06072183",
    "Pregnant or breastfeeding women, or women of childbearing potential unwilling to use contraception",
)
_PREGNANCY_REVIEW: tuple = (
    "pregnancy",
    REVIEW,
    {},
    T("Not pregnant, breastfeeding or planning a pregnancy", "没有怀孕、没有在哺乳，也没有备孕计划"),
    TYPICAL,
)


_TRUE_TYPES = (
    "Segmental vitiligo or other forms of vitiligo, or other skin depigmentation disorders (for example piebaldism, "
    "pityriasis alba, postinflammatory hypopigmentation, chemical leukoderma or tinea versicolor)"
)


def _true_criteria(
    nct: str,
    *,
    min_age,
    max_age=None,
    types_sentence: str = _TRUE_TYPES,
    mixed_excluded=True,
    age_sentence="Age 12 years or older",
):
    """TRuE-V1 and TRuE-V2, and the children's study: the same extent on the face and the body."""
    age = {"min": min_age, **({"max": max_age} if max_age is not None else {})}
    age_text = (
        T(f"Aged {min_age} to {max_age}", f"年龄 {min_age} 至 {max_age} 岁")
        if max_age is not None
        else T(f"Aged {min_age} or older", f"年龄 {min_age} 岁或以上")
    )
    return [
        ("age", IN, age, age_text, quote(nct, age_sentence)),
        *_vitiligo_common(nct, types_sentence, mixed_excluded=mixed_excluded),
        _PREGNANCY_REVIEW,
        (
            "bsa",
            IN,
            {"area": "face", "min": 0.5},
            T(
                "White patches on at least 0.5% of the body on the face (about half a palm)",
                "面部白斑至少占全身皮肤的 0.5%（大约半个手掌大）",
            ),
            quote(nct, "Depigmented area of at least 0.5% of body surface area (BSA) on the face"),
        ),
        (
            "f_vasi",
            IN,
            {"min": 0.5},
            _F_VASI,
            quote(nct, "facial Vitiligo Area Scoring Index (F-VASI) of at least 0.5"),
        ),
        (
            "bsa",
            IN,
            {"area": "nonfacial", "min": 3},
            T(
                "White patches on at least 3% of the body outside the face (about 3 palms)",
                "面部以外的白斑至少占全身皮肤的 3%（大约 3 个手掌大）",
            ),
            quote(nct, "Depigmented area of at least 3% BSA on non-facial areas"),
        ),
        ("t_vasi", IN, {"min": 3}, _T_VASI, quote(nct, "total Vitiligo Area Scoring Index (T-VASI) of at least 3")),
        (
            "bsa",
            IN,
            {"area": "total", "max": 10},
            T(
                "White patches on no more than 10% of the body in all (about 10 palms)",
                "全身白斑合计不超过全身皮肤的 10%（大约 10 个手掌大）",
            ),
            quote(nct, "Total body vitiligo area (facial and non-facial) not exceeding 10% BSA"),
        ),
        (
            "treatment_ever",
            EX,
            {"treatments": ["depigmentation"]},
            T("Never treated with depigmentation therapy such as monobenzone", "从未用过莫诺苯宗等脱色治疗"),
            quote(nct, "depigmentation treatments (for example monobenzone)"),
        ),
        (
            "prior_jak",
            REVIEW,
            {"route": "any"},
            T(
                "Earlier JAK-inhibitor treatment: the site checks whether it allows joining",
                "以前用过 JAK 抑制剂：研究中心会核实是否可以参加",
            ),
            TYPICAL,
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
    FREE,
    LEAVE,
]


TRIALS = {
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
        "criteria": _true_criteria("NCT04052425", min_age=12),
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
        "criteria": _true_criteria("NCT04057573", min_age=12),
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
            BLOOD,
            FREE,
            LEAVE,
        ],
        "criteria": [
            (
                "age",
                IN,
                {"min": 18},
                T("Aged 18 or older", "年龄 18 岁或以上"),
                quote("NCT06072183", "18 years of age or older"),
            ),
            *_vitiligo_common(
                "NCT06072183",
                "Other forms of vitiligo (such as segmental or mixed vitiligo) or other depigmentation disorders",
            ),
            (
                "pregnancy",
                EX,
                {"states": ["pregnant", "breastfeeding"]},
                T("Not pregnant or breastfeeding", "没有怀孕，也没有在哺乳"),
                _TRANQUILLO_PREGNANCY,
            ),
            (
                "pregnancy",
                REVIEW,
                {"states": ["planning"]},
                T(
                    "Planning a pregnancy: the study doctor talks with you about contraception during the study",
                    "有备孕计划：研究医生会和您讨论试验期间的避孕问题",
                ),
                _TRANQUILLO_PREGNANCY,
            ),
            (
                "vitiligo_duration",
                IN,
                {"min_months": 3},
                T("Vitiligo for at least 3 months", "患白癜风至少 3 个月"),
                quote("NCT06072183", "A clinical diagnosis of nonsegmental vitiligo for at least 3 months"),
            ),
            (
                "bsa",
                IN,
                {"area": "without_palms_soles_feet_tops", "min": 4, "max": 60},
                T(
                    "White patches on 4 to 60% of the body, not counting palms, soles and the tops of the feet",
                    "白斑占全身皮肤的 4% 到 60%（不算手掌、脚底和脚背）",
                ),
                quote(
                    "NCT06072183",
                    "Body surface area (BSA) involvement of 4% to 60% inclusive, excluding the palms of the hands, the "
                    "soles of the feet and the dorsal aspect of the feet",
                ),
            ),
            (
                "bsa",
                IN,
                {"area": "face", "min": 0.5},
                T(
                    "White patches on at least 0.5% of the body on the face (about half a palm)",
                    "面部白斑至少占全身皮肤的 0.5%（大约半个手掌大）",
                ),
                quote("NCT06072183", "Facial BSA of at least 0.5%"),
            ),
            (
                "f_vasi",
                IN,
                {"min": 0.5},
                _F_VASI,
                quote("NCT06072183", "facial Vitiligo Area Scoring Index (F-VASI) of at least 0.5"),
            ),
            (
                "t_vasi",
                IN,
                {"min": 3},
                _T_VASI,
                quote("NCT06072183", "total Vitiligo Area Scoring Index (T-VASI) of at least 3"),
            ),
            (
                "prior_jak",
                REVIEW,
                {"route": "any"},
                T(
                    "Earlier JAK-inhibitor treatment: the site checks whether it allows joining",
                    "以前用过 JAK 抑制剂：研究中心会核实是否可以参加",
                ),
                TYPICAL,
            ),
            (
                "health_history",
                EX,
                {"items": ["hepatitis", "hiv"]},
                T("No hepatitis B or C, and no HIV infection", "没有乙肝或丙肝，也没有感染艾滋病病毒（HIV）"),
                quote("NCT06072183", "Current or past malignancy, hepatitis B or C, HIV infection"),
            ),
            (
                "health_history",
                REVIEW,
                {"items": ["serious_infection"]},
                T(
                    "A serious infection now or lately: the study doctor checks whether it allows joining",
                    "目前或最近有严重感染：由研究医生判断是否可以参加",
                ),
                quote("NCT06072183", "or other clinically significant infections"),
            ),
            # The questionnaire asks about cancer in the last 5 years; the registry excludes any: one
            # reported excludes, earlier ones are asked at the call (the checklist).
            (
                "health_history",
                EX,
                {"items": ["cancer_5y"]},
                T(
                    "No cancer now or in the past (the study doctor asks about exceptions, such as a treated skin "
                    "cancer)",
                    "现在和以前都没有患过癌症（研究医生会询问例外情况，例如已治愈的皮肤癌）",
                ),
                quote("NCT06072183", "Current or past malignancy"),
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
            FREE,
            T(
                "You and your child can stop taking part at any time, without giving a reason",
                "您和孩子可以随时退出试验，不需要说明理由",
            ),
        ],
        "criteria": [
            *_true_criteria(
                "NCT06804811",
                min_age=6,
                max_age=11,
                age_sentence="Aged 6 to less than 12 years at the time the informed consent form is signed",
                types_sentence="Segmental vitiligo or other skin depigmentation disorders",
                mixed_excluded=False,
            ),
            (
                "pigmented_facial_hair",
                IN,
                {},
                T(
                    "Some hairs with colour inside the white patches of your child's face (the study doctor checks "
                    "them)",
                    "孩子面部白斑内有一些有颜色的毛发（研究医生会检查）",
                ),
                quote("NCT06804811", "Pigmented hair within some of the facial vitiligo areas"),
            ),
        ],
    },
}

DEMO = DemoData(
    records=Path(__file__).resolve().parent / "demo_records",
    trials=TRIALS,
    text_zh={
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
    },
    coordinator_trials=("true-v1",),
    # (trial slug, answers that differ from the shared demo answers, status in the pipeline)
    applicants=(
        ("true-v1", {"full_name": "Demo Applicant 7", "phone": "+00 100 0007"}, "new"),
        (
            "true-v1",
            {
                "full_name": "Demo Applicant 8",
                "phone": "+00 100 0008",
                "units_face": "0.5",
                "used_topical_calcineurin": "lt1m",
            },
            "contacted",
        ),
        (
            "tranquillo-2",
            {
                "full_name": "Demo Applicant 9",
                "phone": "+00 100 0009",
                "activity": "spreading",
                "units_legs": "6",
                "whiteness_legs": "90",
            },
            "new",
        ),
    ),
    campaigns=(
        ("NCT04052425", "直播：白癜风与芦可替尼乳膏（演示）", "live_broadcast", "zh-hans"),
        ("NCT06072183", "海报：白癜风门诊（演示）", "poster", "zh-hans"),
    ),
)

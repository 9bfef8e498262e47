"""The atopic-dermatitis demo trials: the patients' texts and structured criteria of each, read with
the registry records in `demo_records/` by seed_demo. The Chinese is a draft for a medical
translator to review."""

from pathlib import Path

from recruitment.conditions.base import DemoData
from trials.demo_content import BLOOD, EX, FREE, IN, LEAVE, REGISTRY, REVIEW, TYPICAL, T, quote

# --- Atopic dermatitis (特应性皮炎) ---------------------------------------------------------------
# EASI and the body surface are self-estimates: the kinds leave one close to a limit to the site
# (recruitment.screening.checks.check_estimate); the overall severity and the itch one step under
# a minimum too. Washouts are in the full protocols only: the site checks them, and no text asks a
# patient to stop a treatment.
_ECZEMA_TREATMENTS = ["eczema_systemic", "phototherapy"]


def _common(*, min_months: int, duration: dict, itch: dict):
    return [
        ("age", IN, {"min": 12, "max": 75}, T("Aged 12 to 75", "年龄 12 至 75 岁"), REGISTRY),
        (
            "diagnosis",
            IN,
            {},
            T(
                "Atopic dermatitis diagnosed by a doctor (the study doctor confirms it)",
                "经医生诊断为特应性皮炎（研究医生会再次确认）",
            ),
            REGISTRY,
        ),
        ("eczema_duration", IN, {"min_months": min_months}, duration, REGISTRY),
        (
            "easi",
            IN,
            {"min": 16},
            T(
                "An eczema score (EASI) of at least 16 (self-estimated here, measured by the study doctor)",
                "湿疹评分（EASI）至少 16（这里是自我估计，研究医生会实际测量）",
            ),
            REGISTRY,
        ),
        (
            "eczema_iga",
            IN,
            {"min": 3},
            T(
                "Eczema that looks moderate or severe overall (the study doctor's IGA score of 3 or 4)",
                "湿疹整体看起来是中度或重度（研究医生的 IGA 评分为 3 或 4）",
            ),
            REGISTRY,
        ),
        (
            "eczema_bsa",
            IN,
            {"min": 10},
            T(
                "Eczema on at least 10% of the body (about 10 palms; self-estimated here)",
                "湿疹至少占全身皮肤的 10%（大约 10 个手掌大；这里是自我估计）",
            ),
            REGISTRY,
        ),
        ("itch", IN, {"min": 4}, itch, REGISTRY),
        (
            "topical_inadequate",
            IN,
            {"or_systemic": True},
            T(
                "In the last 6 months, steroid or tacrolimus creams did not control the eczema or could not be "
                "used, or tablets or injections were needed",
                "最近 6 个月内，激素药膏或他克莫司等药膏没能控制住湿疹或无法使用，或者需要口服药或注射治疗",
            ),
            REGISTRY,
        ),
        (
            "washout",
            REVIEW,
            {"treatments": _ECZEMA_TREATMENTS, "days": 28},
            T(
                "Eczema tablets or light therapy in the last 4 weeks: the site checks how long before the study each "
                "must have been stopped. Do not stop a treatment to join a trial; talk to the doctor who prescribed it",
                "最近 4 周内用过治疗湿疹的口服药或光疗：研究中心会核实每种治疗需要在试验开始前停用多久。"
                "请不要为了参加试验自行停药，请先和开药的医生商量",
            ),
            "ClinicalTrials.gov eligibility criteria (washout periods in the protocol only)",
        ),
        (
            "washout",
            REVIEW,
            {"treatments": ["dupilumab", "tralokinumab"], "days": 84},
            T(
                "Eczema injections (dupilumab, tralokinumab) in the last 12 weeks: the site checks how long before "
                "the study they must have been stopped. Do not stop a treatment to join a trial; talk to the doctor "
                "who prescribed it",
                "最近 12 周内用过治疗湿疹的注射药（度普利尤单抗、曲罗芦单抗）：研究中心会核实需要在试验开始前停用"
                "多久。请不要为了参加试验自行停药，请先和开药的医生商量",
            ),
            TYPICAL,
        ),
    ]


# JAK-inhibitor tablets: what the screening visit checks for, asked beforehand (optional).
_INFECTIONS_REVIEW = (
    "health_history",
    REVIEW,
    {"items": ["hiv", "hepatitis", "tuberculosis"]},
    T(
        "HIV, hepatitis B or C, or tuberculosis: the study doctor checks whether it allows taking a JAK-inhibitor "
        "tablet",
        "艾滋病病毒（HIV）、乙肝或丙肝、或结核：研究医生会核实是否可以服用 JAK 抑制剂",
    ),
    TYPICAL,
)
_ITCH_PEAK = T(
    "Itch of at least 4 out of 10 at its worst on a typical day (the trial averages a week's diary)",
    "一般情况下每天最痒时至少 4 分（满分 10 分；试验会用一周的日记取平均）",
)
_PREGNANCY_EX = T("Not pregnant, breastfeeding or planning a pregnancy", "没有怀孕、没有在哺乳，也没有备孕计划")

_REISTONE = [
    *_common(
        min_months=12,
        duration=T("Atopic dermatitis for at least 1 year", "患特应性皮炎至少 1 年"),
        itch=_ITCH_PEAK,
    ),
    (
        "body_weight",
        IN,
        {"min": 40},
        T("Body weight of at least 40 kg", "体重至少 40 公斤"),
        quote("NCT04875169", "Body weight >= 40 kg"),
    ),
    (
        "other_skin_disease",
        EX,
        {"diseases": ["psoriasis", "lupus"]},
        T("No psoriasis or lupus active now", "目前没有正在发作的银屑病（牛皮癣）或红斑狼疮"),
        quote(
            "NCT04875169",
            "Other active skin diseases that may interfere with the assessment of AD, such as psoriasis or lupus "
            "erythematosus",
        ),
    ),
    (
        "other_skin_disease",
        REVIEW,
        {"diseases": ["skin_infection", "other"]},
        T(
            "A skin infection or another active skin disease: the study doctor checks whether it allows joining",
            "皮肤感染或其他正在发作的皮肤病：由研究医生判断是否可以参加",
        ),
        quote("NCT04875169", "Active skin infection, or a serious infection requiring treatment, before baseline"),
    ),
    (
        "health_history",
        EX,
        {"items": ["cancer_5y"]},
        T(
            "Never had cancer: the study doctor asks about any, and checks exceptions such as a treated skin cancer",
            "从未患过恶性肿瘤：研究医生会询问所有情况，并核实例外情况（如已治愈的皮肤癌）",
        ),
        quote("NCT04875169", "History of malignancy"),
    ),
    (
        "health_history",
        EX,
        {"items": ["serious_infection"]},
        T("No serious infection being treated now or lately", "目前或最近没有正在治疗的严重感染"),
        quote("NCT04875169", "a serious infection requiring treatment, before baseline"),
    ),
    _INFECTIONS_REVIEW,
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
        "pregnancy",
        EX,
        {},
        _PREGNANCY_EX,
        quote("NCT04875169", "Pregnant or breastfeeding women, or subjects planning a pregnancy during the study"),
    ),
]


def _measure_up(nct: str):
    return [
        *_common(
            min_months=36,
            duration=T("Atopic dermatitis that began at least 3 years ago", "特应性皮炎的症状至少在 3 年前就开始了"),
            itch=_ITCH_PEAK,
        ),
        (
            "prior_jak",
            EX,
            {"route": "any"},
            T(
                "Never treated with a JAK inhibitor (tablets or cream)",
                "从未用过 JAK 抑制剂（口服药或药膏都算）",
            ),
            quote(nct, "Prior exposure to any Janus kinase (JAK) inhibitor"),
        ),
        (
            "other_skin_disease",
            REVIEW,
            {"diseases": ["psoriasis", "lupus", "skin_infection", "other"]},
            T(
                "Another active skin disease or a skin infection: the study doctor checks whether it would get in "
                "the way",
                "其他正在发作的皮肤病或皮肤感染：由研究医生判断是否会影响评估",
            ),
            quote(
                nct,
                "Other active skin diseases or skin infections requiring systemic treatment or would interfere with "
                "appropriate assessment of atopic dermatitis lesions",
            ),
        ),
        (
            "health_history",
            REVIEW,
            {"items": ["cancer_5y", "serious_infection"]},
            T(
                "Cancer in the last 5 years, or a serious infection: the study doctor checks whether it allows joining",
                "最近 5 年内患过癌症，或有严重感染：由研究医生判断是否可以参加",
            ),
            TYPICAL,
        ),
        _INFECTIONS_REVIEW,
        (
            "pregnancy",
            EX,
            {},
            _PREGNANCY_EX,
            quote(nct, "Female participant who is pregnant, breastfeeding, or considering pregnancy during the study"),
        ),
    ]


_ELIGIBILITY_COMMON = [
    T(
        "Moderate to severe atopic dermatitis in people aged 12 to 75: eczema on at least 10% of the body (about "
        "10 palms), with itch of at least 4 out of 10",
        "12 至 75 岁的中度到重度特应性皮炎患者：湿疹至少占全身皮肤的 10%（大约 10 个手掌大），"
        "瘙痒至少 4 分（满分 10 分）",
    ),
    T(
        "Creams have not been enough in the last 6 months, or tablets or injections were needed",
        "最近 6 个月内药膏治疗效果不够，或者需要口服药或注射治疗",
    ),
]
_TABLET_PARTICIPATION = [
    T(
        "A tablet once a day; for the first 16 weeks it may be a placebo (a tablet without medicine)",
        "每天服用一次药片；前 16 周服用的可能是安慰剂（不含药物的药片）",
    ),
    T(
        "Regular visits to the study hospital, where the team checks your skin and your health; a daily itch diary",
        "定期到研究医院访视，研究团队会检查您的皮肤和身体状况；每天记录瘙痒日记",
    ),
    T(
        "A moisturiser twice a day from at least a week before the study starts; the study doctor tells you which "
        "eczema creams you can use during the study",
        "试验开始前至少 7 天起每天涂两次保湿霜；研究期间可以使用哪些湿疹药膏，研究医生会告诉您",
    ),
    BLOOD,
    FREE,
    LEAVE,
]

TRIALS = {
    "NCT04875169": {
        "slug": "ivarmacitinib-atopic-dermatitis",
        "lay_title": T(
            "Ivarmacitinib tablets for moderate to severe atopic dermatitis, ages 12 to 75",
            "艾玛昔替尼片治疗中重度特应性皮炎（12 至 75 岁）",
        ),
        "summary": T(
            "This study tests ivarmacitinib (SHR0302), a tablet taken once a day, in teenagers from 12 and adults "
            "with moderate to severe atopic dermatitis. For the first 16 weeks participants take one of two doses "
            "or a placebo, chosen at random; after that everyone takes ivarmacitinib. It is run mainly in China.",
            "这项研究在 12 岁及以上青少年和成人中重度特应性皮炎患者中测试艾玛昔替尼（SHR0302），这是一种每天服用"
            "一次的药片。在最初 16 周里，参加者会随机分到两种剂量中的一种，或者服用安慰剂；之后所有参加者都服用"
            "艾玛昔替尼。研究主要在中国进行。",
        ),
        "eligibility": [
            *_ELIGIBILITY_COMMON,
            T(
                "Atopic dermatitis for at least 1 year; body weight of at least 40 kg",
                "患特应性皮炎至少 1 年；体重至少 40 公斤",
            ),
            T("No psoriasis or lupus active now", "目前没有正在发作的银屑病（牛皮癣）或红斑狼疮"),
        ],
        "participation": _TABLET_PARTICIPATION,
        "criteria": _REISTONE,
    },
    "NCT03569293": {
        "slug": "measure-up-1",
        "lay_title": T(
            "Upadacitinib tablets for moderate to severe atopic dermatitis, ages 12 to 75 (Measure Up 1)",
            "乌帕替尼片治疗中重度特应性皮炎（12 至 75 岁，Measure Up 1）",
        ),
        "summary": T(
            "This study tests upadacitinib, a tablet taken once a day, in teenagers from 12 and adults with "
            "moderate to severe atopic dermatitis. For the first 16 weeks participants take one of two doses or a "
            "placebo, chosen at random; after that everyone takes upadacitinib.",
            "这项研究在 12 岁及以上青少年和成人中重度特应性皮炎患者中测试乌帕替尼，这是一种每天服用一次的药片。"
            "在最初 16 周里，参加者会随机分到两种剂量中的一种，或者服用安慰剂；之后所有参加者都服用乌帕替尼。",
        ),
        "eligibility": [
            *_ELIGIBILITY_COMMON,
            T("Eczema that began at least 3 years ago", "湿疹至少在 3 年前就开始了"),
            T("Never treated with a JAK inhibitor", "从未用过 JAK 抑制剂"),
        ],
        "participation": _TABLET_PARTICIPATION,
        "criteria": _measure_up("NCT03569293"),
    },
    "NCT03607422": {
        "slug": "measure-up-2",
        "lay_title": T(
            "Upadacitinib tablets for moderate to severe atopic dermatitis, ages 12 to 75 (Measure Up 2)",
            "乌帕替尼片治疗中重度特应性皮炎（12 至 75 岁，Measure Up 2）",
        ),
        "summary": T(
            "A second study of upadacitinib for teenagers from 12 and adults with moderate to severe atopic "
            "dermatitis, with the same design as Measure Up 1: one of two doses or a placebo, chosen at random, for "
            "16 weeks, then upadacitinib for everyone.",
            "这是乌帕替尼治疗 12 岁及以上中重度特应性皮炎的第二项研究，设计与 Measure Up 1 相同：最初 16 周随机"
            "分到两种剂量中的一种或安慰剂，之后所有参加者都服用乌帕替尼。",
        ),
        "eligibility": [
            *_ELIGIBILITY_COMMON,
            T("Eczema that began at least 3 years ago", "湿疹至少在 3 年前就开始了"),
            T("Never treated with a JAK inhibitor", "从未用过 JAK 抑制剂"),
        ],
        "participation": _TABLET_PARTICIPATION,
        "criteria": _measure_up("NCT03607422"),
    },
}

DEMO = DemoData(
    records=Path(__file__).resolve().parent / "demo_records",
    trials=TRIALS,
    text_zh={
        "NCT04875169": {
            "title": "SHR0302 片治疗青少年和成人中重度特应性皮炎的多中心、随机、双盲、安慰剂对照 3 期研究",
            "drug": "艾玛昔替尼（SHR0302）",
        },
        "NCT03569293": {
            "title": "乌帕替尼治疗青少年和成人中重度特应性皮炎的 3 期随机、安慰剂对照、双盲研究（Measure Up 1）",
            "drug": "乌帕替尼",
        },
        "NCT03607422": {
            "title": "乌帕替尼治疗青少年和成人中重度特应性皮炎的 3 期随机、安慰剂对照、双盲研究（Measure Up 2）",
            "drug": "乌帕替尼",
        },
    },
    places_zh={"facility": {"Peking Union Medical College Hospital": "北京协和医院"}},
    sponsor_names={"AbbVie": T("AbbVie", "艾伯维")},
    sponsor_countries={"AbbVie": "United States"},
    coordinator_trials=("ivarmacitinib-atopic-dermatitis",),
    # (trial slug, answers that differ from the condition's demo answers, status in the pipeline)
    applicants=(
        ("ivarmacitinib-atopic-dermatitis", {"full_name": "Demo Applicant 10", "phone": "+00 100 0010"}, "new"),
        (
            "ivarmacitinib-atopic-dermatitis",
            {"full_name": "Demo Applicant 11", "phone": "+00 100 0011", "itch": "3", "weight_kg": "45"},
            "contacted",
        ),
        (
            "measure-up-1",
            {"full_name": "Demo Applicant 12", "phone": "+00 100 0012", "used_dupilumab": "3to6m"},
            "new",
        ),
    ),
    campaigns=(
        ("NCT04875169", "直播：特应性皮炎与艾玛昔替尼（演示）", "live_broadcast", "zh-hans"),
        ("NCT03569293", "海报：湿疹门诊（演示）", "poster", "zh-hans"),
    ),
)

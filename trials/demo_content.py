"""What the demo trials of every condition share, for seed_demo: how a text is written in both
languages, how a criterion quotes its registry sentence, what taking part means in any JAK-inhibitor
trial, and the sponsors' and places' names in Chinese. Each condition's app has its own demo trials
(its `demo.py` and `demo_records/`): their texts for patients and structured criteria.

Stored content, not interface strings: seed_demo writes each pair into the texts' columns per
language (django-modeltranslation), where coordinators edit them in admin. Plain words, as a
coordinator would write them; facts as in the public registry records. Criteria are (kind, role,
parameters, words for patients, source). A rule the registry states is an inclusion or exclusion; a
rule these trials usually have but that could not be confirmed (pregnancy where the registry is
silent, washouts that only the full protocols give) is a review criterion: meeting it asks the site
to check, it never excludes.

The Chinese is a draft for a medical translator to review, written with the words Chinese patients
know.
"""

from recruitment.screening.roles import Role

IN, EX, REVIEW = Role.INCLUSION, Role.EXCLUSION, Role.REVIEW


def T(en: str, zh: str) -> dict:  # noqa: N802 - reads as a table of texts
    """One text in each language, keyed as modeltranslation names the columns."""
    return {"en": en, "zh_hans": zh}


REGISTRY = "ClinicalTrials.gov eligibility criteria"
TYPICAL = "Standard exclusion in these trials; confirm in the protocol"


def quote(nct: str, sentence: str) -> str:
    """A criterion's source note: the registry sentence it encodes."""
    return f'ClinicalTrials.gov {nct}: "{sentence}"'


FREE = T("The study medicine and the study's tests cost you nothing", "试验用药和试验要求的检查都不需要您付费")
LEAVE = T("You can stop taking part at any time, without giving a reason", "您可以随时退出试验，不需要说明理由")
BLOOD = T(
    "Blood tests, because JAK inhibitors can affect blood counts, the liver and cholesterol",
    "需要抽血检查，因为 JAK 抑制剂可能影响血细胞计数、肝功能和血脂",
)


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

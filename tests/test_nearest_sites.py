"""Where patients are: the recruiting sites nearest a city the patient picks, or the browser's
location, from the registry's coordinates; no map or geocoding service."""

import re

import pytest
from django.test import Client

from tests.factories import make_site, make_trial
from trials.geo import distance_km

pytestmark = pytest.mark.django_db

BEIJING, SHANGHAI, GUANGZHOU = (39.93, 116.37), (31.20, 121.45), (23.13, 113.26)


@pytest.fixture
def trial():
    trial = make_trial(slug="brave-aa1", acronym="BRAVE-AA1")
    for facility, city, city_zh, (lat, lon) in [
        ("Peking Hospital", "Beijing", "北京", BEIJING),
        ("Huashan Hospital", "Shanghai", "上海", SHANGHAI),
        ("Canton Hospital", "Guangzhou", "广州", GUANGZHOU),
    ]:
        make_site(trial, facility=facility, city=city, city_zh_hans=city_zh, latitude=lat, longitude=lon)
    make_site(trial, facility="Closed Hospital", city="Wuhan", latitude=30.59, longitude=114.30, status="COMPLETED")
    return trial


def test_distances_are_great_circle_kilometres():
    assert distance_km(BEIJING, SHANGHAI) == pytest.approx(1070, abs=15)
    assert distance_km(SHANGHAI, SHANGHAI) == 0


def test_the_list_offers_the_cities_where_trials_recruit_and_names_the_nearest_site(trial):
    page = Client().get("/en/").content.decode()
    options = re.search(r'<select name="near"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert "Shanghai" in options and "Beijing" in options and "Wuhan" not in options  # recruiting sites only
    near = Client().get("/en/", {"near": "Shanghai"}).content.decode()
    assert "Nearest: Huashan Hospital" in near
    assert 'href="/en/trials/brave-aa1/?near=Shanghai"' in near  # carried to the trial's page
    chinese = Client().get("/zh-hans/").content.decode()
    assert ">上海<" in chinese


def test_the_trial_page_and_the_sign_up_list_the_nearest_recruiting_sites_first(trial):
    page = Client().get("/en/trials/brave-aa1/", {"near": "Guangzhou"}).content.decode()
    order = [page.index(name) for name in ("Canton Hospital", "Huashan Hospital", "Peking Hospital", "Closed Hospital")]
    canton = 'Canton Hospital</div><div class="small text-body-secondary">Guangzhou, China · '
    assert order == sorted(order) and canton + '<span class="text-nowrap">in your city</span>' in page
    assert "about 0 km" not in page and "about 1070 km away" not in page and "km away" in page
    assert 'href="/en/trials/brave-aa1/apply/?near=Guangzhou"' in page
    form = Client().get("/en/trials/brave-aa1/apply/", {"near": "Guangzhou"}).content.decode()
    select = re.search(r'<select name="site"[^>]*>(.*?)</select>', form, re.S).group(1)
    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
    assert options[0].startswith("Canton Hospital") and options[0].endswith("(in your city)")
    assert options[1].startswith("Huashan Hospital") and re.search(r"\(about [\d,]+ km away\)$", options[1])
    chinese = Client().get("/zh-hans/trials/brave-aa1/apply/", {"near": "Guangzhou"}).content.decode()
    select = re.search(r'<select name="site"[^>]*>(.*?)</select>', chinese, re.S).group(1)
    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
    assert options[0].endswith("（就在您选择的城市）") and re.search(r"（约 [\d,]+ 公里）$", options[1]), options


def test_a_browser_location_beside_a_site_says_less_than_a_kilometre_never_0_km(trial):
    page = Client().get("/en/trials/brave-aa1/", {"lat": "23.1", "lon": "113.3"}).content.decode()
    assert "about 0 km" not in page and ("less than 1 km away" in page or "about 5 km away" in page)
    page = Client().get("/en/trials/brave-aa1/", {"lat": f"{GUANGZHOU[0]:.1f}", "lon": "113.26"}).content.decode()
    assert "in your city" not in page  # a position is not a city the patient chose


def city_options(html: str) -> list[str]:
    select = re.search(r'<select name="near"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", part).strip()
        for part in re.findall(r"<(?:optgroup label=\"[^\"]*\"|option[^>]*)>([^<]*)", select)
    ]


def test_the_cities_are_in_the_readers_order_with_the_patients_country_first(trial):
    for facility, city, city_zh, country, country_zh, point in [
        ("Chongqing Hospital", "Chongqing", "重庆", "China", "中国", (29.56, 106.55)),
        ("Changsha Hospital", "Changsha", "长沙", "China", "中国", (28.23, 112.94)),
        ("Chengdu Hospital", "Chengdu", "成都", "China", "中国", (30.66, 104.07)),
        ("Tokyo Clinic", "Tokyo", "东京", "Japan", "日本", (35.68, 139.69)),
        ("Austin Clinic", "Austin", "奥斯汀", "United States", "美国", (30.27, -97.74)),
    ]:
        make_site(
            trial,
            facility=facility,
            city=city,
            city_zh_hans=city_zh,
            country=country,
            country_zh_hans=country_zh,
            latitude=point[0],
            longitude=point[1],
        )
    chinese = Client().get("/zh-hans/").content.decode()
    groups = re.findall(r'<optgroup label="([^"]*)">', chinese)
    assert groups == ["中国", "美国", "日本"]  # the patients' country first, then by pinyin (mei, ri)
    china = re.search(r'<optgroup label="中国">(.*?)</optgroup>', chinese, re.S).group(1)
    assert re.findall(r">([^<]+)</option>", china) == ["北京", "长沙", "成都", "重庆", "广州", "上海"]
    english = Client().get("/en/").content.decode()
    assert re.findall(r'<optgroup label="([^"]*)">', english) == ["China", "Japan", "United States"]
    china = re.search(r'<optgroup label="China">(.*?)</optgroup>', english, re.S).group(1)
    assert re.findall(r">([^<]+)</option>", china) == [
        "Beijing",
        "Changsha",
        "Chengdu",
        "Chongqing",
        "Guangzhou",
        "Shanghai",
    ]


def test_the_browsers_location_sorts_the_sites_and_the_page_is_not_cached(trial, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    near_shanghai = {"lat": "31.0", "lon": "121.3"}
    page = Client().get("/en/trials/brave-aa1/", near_shanghai).content.decode()
    assert page.index("Huashan Hospital") < page.index("Peking Hospital")
    other = Client().get("/en/trials/brave-aa1/", {"lat": "40.0", "lon": "116.4"}).content.decode()
    assert other.index("Peking Hospital") < other.index("Huashan Hospital")  # not the first one's page


def test_the_location_button_is_a_script_file_and_no_map_service_is_called(trial):
    page = Client().get("/en/").content.decode()
    assert "/static/js/near-me" in page and "data-near-me" in page
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost|testserver)[^\"' ]*(map|geo)", page, re.I)


def test_the_trial_page_offers_the_city_list_and_the_location_button(trial):
    page = Client().get("/en/trials/brave-aa1/").content.decode()
    assert '<select name="near"' in page and "data-near-me" in page


def test_a_phones_position_is_kept_to_about_ten_kilometres_in_the_links(trial):
    page = Client().get("/en/", {"lat": "31.23456", "lon": "121.47391"}).content.decode()
    links = re.findall(r'href="([^"]*)"', page)
    assert any("lat=31.2&amp;lon=121.5" in link for link in links)
    assert not any("31.23" in link for link in links)


def test_a_chosen_city_lists_the_trials_recruiting_nearest_to_it_first(trial):
    far = make_trial(slug="aaa-far", acronym="AAA-FAR")  # first by name, far from Guangzhou
    make_site(far, facility="Harbin Hospital", city="Harbin", latitude=45.75, longitude=126.63)
    english = Client().get("/en/", {"near": "Guangzhou"}).content.decode()
    assert english.index("BRAVE-AA1") < english.index("AAA-FAR")
    assert re.search(r"about 2,\d{3} km away", english)  # Guangzhou–Harbin, digits grouped

"""Where patients are: the recruiting sites nearest a city the patient picks (or the browser's
location), from the registry's own site coordinates. No map or geocoding service is called."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from trials.models import Site

EARTH_RADIUS_KM = 6371.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Origin:
    """Where distances are measured from, and the city the patient chose, if they chose one."""

    point: tuple[float, float]
    city: str = ""


def _located_sites():
    return (
        Site.objects.open_for_signup()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("city_en")
        .values_list("city_en", "city", "country_en", "country", "latitude", "longitude")
    )


def reading_order(label: str) -> tuple:
    """How a list of place names is sorted for the reader: by pinyin in Chinese (as Chinese
    lists are: 长沙, 成都, 重庆), alphabetically otherwise."""
    if (get_language() or "").startswith("zh"):
        return (lazy_pinyin(label), label)
    return (label.casefold(), label)


def city_choices() -> list:
    """The cities where a trial recruits, as (key: the registry's English name, label in the
    reader's language), each once, in the reader's order; grouped by country, the patients'
    country (PORTAL_HOME_COUNTRY) first, when sites are in more than one."""
    countries: dict[str, tuple[str, dict[str, str]]] = {}
    for key, label, country_key, country, _lat, _lon in _located_sites():
        name, cities = countries.setdefault(country_key, (country or country_key, {}))
        if name == country_key and country:  # a site with the country in the reader's language names it
            countries[country_key] = (country, cities)
        cities.setdefault(key, label or key)
    grouped = [
        (country, sorted(cities.items(), key=lambda item: reading_order(item[1])))
        for country_key, (country, cities) in sorted(
            countries.items(),
            key=lambda item: (item[0] != settings.PORTAL_HOME_COUNTRY, reading_order(item[1][0])),
        )
    ]
    if len(grouped) == 1:
        return grouped[0][1]
    return grouped


def origin_of(*, city: str = "", latitude=None, longitude=None) -> Origin | None:
    """The point distances are measured from: the browser's location, else the city's (the
    first recruiting site there with coordinates)."""
    if latitude is not None and longitude is not None:
        return Origin((float(latitude), float(longitude)))
    if city:
        for *_names, lat, lon in _located_sites().filter(city_en=city)[:1]:
            return Origin((float(lat), float(lon)), city=city)
    return None


def site_distance(site, origin: Origin | None) -> float | None:
    if origin is None or site.latitude is None or site.longitude is None:
        return None
    return distance_km(origin.point, (float(site.latitude), float(site.longitude)))


def how_far(site, origin: Origin | None) -> str:
    """The site's distance as the patient reads it: in the city they chose, under a kilometre, or
    about so many kilometres; '' when it cannot be told."""
    if origin is not None and origin.city and site.city_en == origin.city:
        return _("in your city")
    km = site_distance(site, origin)
    if km is None:
        return ""
    if km < 1:
        return _("less than 1 km away")
    # Digits grouped as the reader groups them (11,415); the pages keep the phrase on one line.
    return _("about %(km)s km away") % {"km": number_format(round(km), force_grouping=True)}


def nearest_first(sites, origin: Origin | None) -> list:
    """`sites` sorted nearest first (those without coordinates last, in their order), each with
    its `distance_km` and `how_far` set (None and '' without coordinates or origin). Copies: the
    sites may be the catalog's cached ones, shared with other requests."""
    sites = [copy.copy(site) for site in sites]
    for site in sites:
        site.distance_km = site_distance(site, origin)
        site.how_far = how_far(site, origin)
    if origin is None:
        return sites
    return sorted(sites, key=lambda site: (site.distance_km is None, site.distance_km or 0))

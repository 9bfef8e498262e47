"""Where patients are: the recruiting sites nearest a city the patient picks (or the browser's
location), from the registry's own site coordinates. No map or geocoding service is called."""

from __future__ import annotations

import copy
import math

from trials.models import Site

EARTH_RADIUS_KM = 6371.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _located_sites():
    return (
        Site.objects.open_for_signup()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("city_en")
        .values_list("city_en", "city", "latitude", "longitude")
    )


def city_choices() -> list[tuple[str, str]]:
    """The cities where a trial recruits, as (key: the registry's English name, label in the
    reader's language), each once, sorted by label."""
    seen: dict[str, str] = {}
    for key, label, _lat, _lon in _located_sites():
        seen.setdefault(key, label or key)
    return sorted(seen.items(), key=lambda item: item[1])


def origin_of(*, city: str = "", latitude=None, longitude=None) -> tuple[float, float] | None:
    """The point distances are measured from: the browser's location, else the city's (the
    first recruiting site there with coordinates)."""
    if latitude is not None and longitude is not None:
        return float(latitude), float(longitude)
    if city:
        for _key, _label, lat, lon in _located_sites().filter(city_en=city)[:1]:
            return float(lat), float(lon)
    return None


def site_distance(site, origin) -> float | None:
    if origin is None or site.latitude is None or site.longitude is None:
        return None
    return distance_km(origin, (float(site.latitude), float(site.longitude)))


def nearest_first(sites, origin) -> list:
    """`sites` sorted nearest first (those without coordinates last, in their order), each with
    its `distance_km` set (None without coordinates or origin). Copies: the sites may be the
    catalog's cached ones, shared with other requests."""
    sites = [copy.copy(site) for site in sites]
    for site in sites:
        site.distance_km = site_distance(site, origin)
    if origin is None:
        return sites
    return sorted(sites, key=lambda site: (site.distance_km is None, site.distance_km or 0))

"""The ``location`` input and whether a job matches it.

``location`` is a comma separated list; a job is kept when it matches any entry. An entry is
one of: ``remote``; ``worldwide`` (also ``anywhere``, ``global``); a region (``Europe``, ``EU``, ``EMEA``,
``LATAM``, ``APAC``, ``North America``, ``Americas``, ``Asia``, ``Africa``, ``Middle East``, ``Oceania``,
``Nordics``, ``DACH``); a country by name, alias (``USA``, ``US``, ``United States``, ``UK``, ``Deutschland``,
...) or ISO code (``IN``, ``DE``, ``GBR``); a US state or another country's state or province by name
(``California``, ``Karnataka``) or ISO 3166-2 code (``US-CA``, ``IN-KA``); or a city (``Bengaluru``,
``Bangalore``, ``San Francisco``; a name shared by several cities means the most populous one). Entries are
case-insensitive and accents are ignored. An unknown entry is a ``ConfigError`` naming ``location``.


**Matching.** A job matches an entry when someone in that place could take it:

- a country or region: the job is in it, or is remote and open to it ("Remote - Europe" matches Germany), or
  is worldwide. A remote job restricted to other countries ("Remote - US only", "USA Only") does not match;
- a state or a city: the job is there; or it is remote, open to that country and names no narrower place in
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobs_action.errors import ConfigError
from jobs_action.models import Job, ResolvedPlace
from jobs_action.select.places.resolve import code_country, place_of
from jobs_action.select.places.tables import (
    REGION_ALIASES,
    REMOTE_WORDS,
    WORLDWIDE_WORDS,
    city_country,
    place_key,
    place_tables,
)


@dataclass(frozen=True, slots=True)
class WantedPlace:
    """One entry of the ``location`` input."""

    kind: str  # "remote", "worldwide", "region", "country", "subdivision", "city"
    code: str  # region id, alpha-2, ISO 3166-2 code or geonames id (as text); "" for remote and worldwide
    country: str = ""  # the country of a subdivision or a city
    label: str = ""  # the entry as the user wrote it


@dataclass(frozen=True, slots=True)
class LocationFilter:
    """The parsed ``location`` input; an empty filter keeps every job."""

    places: tuple[WantedPlace, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.places)


NO_LOCATION = LocationFilter()

_EXPECTED = (
    "expected comma separated places: country names or ISO codes (India, US, DE), US states (California, "
    "US-CA), cities (Bengaluru), regions (Europe, EMEA, LATAM, APAC, Worldwide) or remote"
)


def parse_location_filter(text: str) -> LocationFilter:
    """Parse the ``location`` input; an unknown entry raises a ``ConfigError`` naming ``location``."""
    places: list[WantedPlace] = []
    for raw in re.split(r"[,;\n]", text or ""):
        entry = raw.strip()
        if entry:
            places.append(_wanted(entry))
    return LocationFilter(tuple(dict.fromkeys(places)))


def _wanted(entry: str) -> WantedPlace:
    tables = place_tables()
    key = place_key(entry)
    upper = entry.upper()
    if key in REMOTE_WORDS:
        return WantedPlace("remote", "", label=entry)
    if key in WORLDWIDE_WORDS:
        return WantedPlace("worldwide", "", label=entry)
    if key in REGION_ALIASES:
        return WantedPlace("region", REGION_ALIASES[key], label=entry)
    if key in tables.countries:
        return WantedPlace("country", tables.countries[key], label=entry)
    if re.fullmatch(r"[A-Za-z]{2,3}", entry):
        country = code_country(upper)
        if country and len(upper) == 2 and upper not in tables.alpha2 and upper != "UK":
            return WantedPlace("subdivision", f"US-{upper}", "US", entry)
        if country:
            return WantedPlace("country", country, label=entry)
    if re.fullmatch(r"[A-Za-z]{2}-[A-Za-z0-9]{1,3}", entry) and upper in tables.subdivision_codes:
        return WantedPlace("subdivision", upper, upper[:2], entry)
    if key in tables.us_states:
        return WantedPlace("subdivision", tables.us_states[key], "US", entry)
    if key in tables.cities:
        city = tables.cities[key][0]
        return WantedPlace("city", str(city.geonameid), city.country, entry)
    if key in tables.subdivisions:
        code = tables.subdivisions[key][0]
        return WantedPlace("subdivision", code, code[:2], entry)
    shown = entry[:60]
    raise ConfigError(f"location: {_EXPECTED}, got {shown!r}.")


def matches_location(job: Job, flt: LocationFilter) -> bool:
    """Whether someone in one of the wanted places could take ``job`` (see the module docstring)."""
    if not flt:
        return True
    place = place_of(job)
    return any(_matches(place, wanted) for wanted in flt.places)


def _matches(place: ResolvedPlace, wanted: WantedPlace) -> bool:
    if wanted.kind == "remote":
        return place.is_remote
    if place.worldwide:
        return True
    if wanted.kind == "worldwide":
        return False
    area = place.area
    if wanted.kind == "country":
        return wanted.code in area
    if wanted.kind == "region":
        return bool(place_tables().regions[wanted.code] & area)
    if wanted.kind == "subdivision":
        if wanted.code in place.subdivisions:
            return True
        return place.is_remote and wanted.country in area and not _narrower_in(place, wanted.country)
    # a city
    if int(wanted.code) in place.cities:
        return True
    return place.is_remote and wanted.country in area and not _narrower_in(place, wanted.country)


def _narrower_in(place: ResolvedPlace, country: str) -> bool:
    """Whether the place names a subdivision or a city inside ``country``."""
    if any(code.startswith(f"{country}-") for code in place.subdivisions):
        return True
    return bool(place.cities) and country in place.countries and _has_city_in(place, country)


def _has_city_in(place: ResolvedPlace, country: str) -> bool:
    return any(city_country(geonameid) == country for geonameid in place.cities)

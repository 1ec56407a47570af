from __future__ import annotations

import pytest
from factories import make_job

from jobs_action.errors import ConfigError
from jobs_action.models import Salary
from jobs_action.select.criteria import annotate
from jobs_action.select.salary import (
    RATES_DATE,
    USD_PER_UNIT,
    AnnualSalary,
    MinSalary,
    annual_salary,
    meets_min_salary,
    parse_min_salary,
    to_usd,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$60,000/year USD", AnnualSalary(60_000, 60_000, "USD")),
        ("$120k-150k", AnnualSalary(120_000, 150_000, "USD")),
        ("$90k - $105k", AnnualSalary(90_000, 105_000, "USD")),
        ("€70k–90k", AnnualSalary(70_000, 90_000, "EUR")),
        ("€110K - €185K", AnnualSalary(110_000, 185_000, "EUR")),
        ("₹12-18 LPA", AnnualSalary(1_200_000, 1_800_000, "INR")),
        ("12 LPA", AnnualSalary(1_200_000, 1_200_000, "INR")),
        ("INR 30-45 Lakhs", AnnualSalary(3_000_000, 4_500_000, "INR")),  # the multiplier in any case
        ("20-32.5 Lacs PA", AnnualSalary(2_000_000, 3_250_000, "INR")),
        ("₹30,00,000 - ₹45,00,000", AnnualSalary(3_000_000, 4_500_000, "INR")),  # Indian grouping, by lakh
        ("Rs. 8,00,000 - 12,00,000 per annum", AnnualSalary(800_000, 1_200_000, "INR")),
        ("$45/hr", AnnualSalary(93_600, 93_600, "USD")),
        ("$19.19/hr", AnnualSalary(39_915.2, 39_915.2, "USD")),
        ("$5k/month", AnnualSalary(60_000, 60_000, "USD")),
        ("€5.000 per month", AnnualSalary(60_000, 60_000, "EUR")),
        ("£50,000 - £60,000 per annum", AnnualSalary(50_000, 60_000, "GBP")),
        ("USD 100,000 - 120,000", AnnualSalary(100_000, 120_000, "USD")),
        ("100000 USD", AnnualSalary(100_000, 100_000, "USD")),
        ("CHF 120'000", AnnualSalary(120_000, 120_000, "CHF")),
        ("3800 pln / month", AnnualSalary(45_600, 45_600, "PLN")),
        ("$45", AnnualSalary(93_600, 93_600, "USD")),
        # a currency sign or a period after the first amount still makes a range
        ("80.000 € - 100.000 €", AnnualSalary(80_000, 100_000, "EUR")),
        ("$150K/yr - $200K/yr", AnnualSalary(150_000, 200_000, "USD")),
        ("Between $120k and $150k", AnnualSalary(120_000, 150_000, "USD")),
        # only the upper end is known
        ("Up to $200k", AnnualSalary(None, 200_000, "USD")),
        ("max. 90.000 €", AnnualSalary(None, 90_000, "EUR")),
        # the period is the one stated for the amount read, not a later one or a bonus's
        ("21 250 - 25 000 PLN gross/monthly OR 167 - 196 PLN net/hour", AnnualSalary(255_000, 300_000, "PLN")),
        ("$80k–$120k USD base + monthly bonus", AnnualSalary(80_000, 120_000, "USD")),
        ("USD $38.41~$45.19", AnnualSalary(79_892.8, 93_995.2, "USD")),
        # a bare "$" is the dollar the text names
        ("$206,000 - $256,000 CAD", AnnualSalary(206_000, 256_000, "CAD")),
        ("CAD $242,540~$302,840", AnnualSalary(242_540, 302_840, "CAD")),
        ("$145,000 AUD - $175,000 AUD", AnnualSalary(145_000, 175_000, "AUD")),
        ("$150k–$250k USD / £90k–£130k GBP", AnnualSalary(150_000, 250_000, "USD")),
        # a zero lower end is unknown; Indian digit grouping is rupees
        ("0-115648 USD per year", AnnualSalary(None, 115_648, "USD")),
        ("35,00,000 - 50,00,000 P.A.", AnnualSalary(3_500_000, 5_000_000, "INR")),
    ],
)
def test_salary_texts_become_annual_ranges(text: str, expected: AnnualSalary) -> None:
    assert annual_salary(make_job(salary=Salary(text=text))) == expected


@pytest.mark.parametrize("text", ["Competitive", "DOE", "", "up to you", "100000"])
def test_salary_texts_without_an_amount_and_a_currency_are_unknown(text: str) -> None:
    assert annual_salary(make_job(salary=Salary(text=text))) is None


def test_structured_salaries_are_annualized_by_period() -> None:
    hourly = Salary(min=25, max=35, currency="USD", period="hour")
    assert annual_salary(make_job(salary=hourly)) == AnnualSalary(52_000, 72_800, "USD")
    monthly = Salary(min=3000, max=4000, currency="EUR", period="month")
    assert annual_salary(make_job(salary=monthly)) == AnnualSalary(36_000, 48_000, "EUR")
    yearly = Salary(min=144000, max=193000, currency="USD", period="year")
    assert annual_salary(make_job(salary=yearly)) == AnnualSalary(144_000, 193_000, "USD")


def test_provider_period_words_are_understood() -> None:
    for period in ("annual", "yearly", "per-year-salary", "1 YEAR"):
        salary = Salary(min=100_000, max=None, currency="USD", period=period)
        assert annual_salary(make_job(salary=salary)) == AnnualSalary(100_000, 100_000, "USD")
    wage = Salary(min=50, max=60, currency="USD", period="per-hour-wage")
    assert annual_salary(make_job(salary=wage)) == AnnualSalary(104_000, 124_800, "USD")


@pytest.mark.parametrize(
    "salary",
    [
        Salary(min=0, max=0, currency="USD"),
        Salary(min=float("nan"), max=float("inf"), currency="USD"),
        Salary(min=-5, max=None, currency="USD"),
        Salary(min=None, max=None, currency=None, period="year"),
        Salary(min=100_000, max=120_000, currency=None),
    ],
)
def test_zero_non_finite_and_currencyless_numbers_are_unknown(salary: Salary) -> None:
    assert annual_salary(make_job(salary=salary)) is None


def test_a_salary_in_the_title_is_read() -> None:
    trilogy = make_job("Back End Developer, Trilogy (Remote) - $60,000/year USD")
    assert annual_salary(trilogy) == AnnualSalary(60_000, 60_000, "USD")
    assert annual_salary(make_job("Java Developer (₹12-18 LPA)")) == AnnualSalary(1_200_000, 1_800_000, "INR")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Backend Developer - 80k EUR", AnnualSalary(80_000, 80_000, "EUR")),
        ("Senior Python Developer (100-120k CHF)", AnnualSalary(100_000, 120_000, "CHF")),
        ("Data Engineer, 120.000-140.000 EUR", AnnualSalary(120_000, 140_000, "EUR")),
        ("Engineer (USD 150k-180k)", AnnualSalary(150_000, 180_000, "USD")),
        ("Head of Data - 150.000€", AnnualSalary(150_000, 150_000, "EUR")),
        ("SRE - up to $180k", AnnualSalary(None, 180_000, "USD")),  # only the upper end
    ],
)
def test_a_salary_with_a_currency_code_or_an_after_sign_in_the_title_is_read(
    title: str, expected: AnnualSalary
) -> None:
    assert annual_salary(make_job(title)) == expected


@pytest.mark.parametrize(
    "title",
    [
        "SW Engineer (Java Backend, 2023-24 pass out)",
        "Backend PHP-Developer",
        "PHP 8 Developer",
        "Sprzedawca/Magazynier JYSK Poznań Komorniki (3800 pln)",
        "Job 19004 Junior Quality Assurance Engineer Brazil",
        "2024-2025 EUR Graduate Program",  # years, not an amount
        "Engineer 150k",  # no currency
    ],
)
def test_numbers_in_titles_without_a_currency_sign_are_not_salaries(title: str) -> None:
    assert annual_salary(make_job(title)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120000 USD", MinSalary(120_000, "USD")),
        ("120k USD", MinSalary(120_000, "USD")),
        ("120,000 usd", MinSalary(120_000, "USD")),
        ("$150,000", MinSalary(150_000, "USD")),
        ("€90k", MinSalary(90_000, "EUR")),
        ("90k EUR", MinSalary(90_000, "EUR")),
        ("12 LPA", MinSalary(1_200_000, "INR")),
        ("₹20 lakh", MinSalary(2_000_000, "INR")),
        ("8000 EUR/month", MinSalary(96_000, "EUR")),
    ],
)
def test_min_salary_input_parses_to_a_yearly_amount(text: str, expected: MinSalary) -> None:
    assert parse_min_salary(text) == expected


@pytest.mark.parametrize("text", ["lots", "120000", "", "USD", "high"])
def test_invalid_min_salary_names_the_input_and_the_expected_form(text: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_min_salary(text)
    assert str(raised.value) == f"min-salary: expected an amount and a currency such as `120000 USD`, got {text!r}."


def test_the_rate_table_is_dated_and_converts_to_usd() -> None:
    assert RATES_DATE.startswith("20")
    assert USD_PER_UNIT["USD"] == 1.0
    assert to_usd(100, "USD") == 100
    assert to_usd(100, "XXX") is None


def test_a_job_meets_the_minimum_when_the_lower_end_of_its_range_reaches_it() -> None:
    """docs/selection.md: a High Paying list promises what the job pays at least, not at best."""
    minimum = parse_min_salary("120000 USD")
    assert not meets_min_salary(make_job(salary=Salary(text="$100k-130k")), minimum)
    assert meets_min_salary(make_job(salary=Salary(text="$120k-150k")), minimum)
    assert meets_min_salary(make_job(salary=Salary(min=120_000, currency="USD", period="year")), minimum)
    # An empty lower bound is unknown (docs/selection.md): a maximum alone, or "up to", promises nothing.
    assert not meets_min_salary(make_job(salary=Salary(max=125_000, currency="USD", period="year")), minimum)
    assert not meets_min_salary(make_job(salary=Salary(text="Up to $200k")), minimum)
    assert meets_min_salary(make_job(salary=Salary(text="$200,000+")), minimum)
    assert not meets_min_salary(make_job(salary=Salary(min=100_000, max=200_000, currency="USD")), minimum)
    assert not meets_min_salary(make_job(salary=Salary(text="$90k - $105k")), minimum)


def test_minimum_and_salary_in_different_currencies_are_compared_in_usd() -> None:
    assert meets_min_salary(make_job(salary=Salary(text="€150k")), parse_min_salary("120000 USD"))
    assert not meets_min_salary(make_job(salary=Salary(text="₹12-18 LPA")), parse_min_salary("120000 USD"))
    assert meets_min_salary(make_job(salary=Salary(text="$120k")), parse_min_salary("€90k"))


def test_hourly_pay_is_annualized_before_comparing() -> None:
    assert meets_min_salary(make_job(salary=Salary(text="$75/hr")), parse_min_salary("150k USD"))
    assert not meets_min_salary(make_job(salary=Salary(text="$19.19/hr")), parse_min_salary("50k USD"))


def test_an_implausible_yearly_amount_is_a_feed_error_not_a_salary() -> None:
    assert annual_salary(make_job(salary=Salary(text="$140M"))) is None
    assert not meets_min_salary(make_job(salary=Salary(text="$9M")), parse_min_salary("150k USD"))
    assert annual_salary(make_job(salary=Salary(text="$1.2M"))) == AnnualSalary(1_200_000, 1_200_000, "USD")


def test_jobs_with_unknown_salary_are_left_out_of_a_salary_list() -> None:
    minimum = parse_min_salary("1 USD")
    assert not meets_min_salary(make_job(), minimum)
    assert not meets_min_salary(make_job(salary=Salary(text="Competitive")), minimum)
    assert not meets_min_salary(make_job(salary=Salary(min=100_000, currency="XYZ")), minimum)


def test_a_salary_found_only_in_the_title_becomes_the_jobs_salary() -> None:
    from jobs_action.render.datafile import salary_value
    from jobs_action.render.table import TableOptions, render_row
    from jobs_action.select.salary import with_title_salary

    raw = make_job("Back End Developer, Trilogy (Remote) - $60,000/year USD")
    assert not raw.has_salary
    job = with_title_salary(raw)
    assert job.has_salary and job.salary is not None
    assert (job.salary.min, job.salary.max, job.salary.currency, job.salary.period) == (60_000, 60_000, "USD", "year")
    assert "💰" in render_row(job, TableOptions())
    assert salary_value(job.salary) == {"min": 60000, "max": 60000, "currency": "USD", "period": "year"}
    assert meets_min_salary(job, parse_min_salary("60000 USD"))
    assert not meets_min_salary(job, parse_min_salary("60001 USD"))


def test_a_source_salary_is_kept_over_the_title() -> None:
    from jobs_action.select.salary import with_title_salary

    job = make_job("Engineer - $60k", salary=Salary(min=150_000, currency="USD", period="year"))
    assert with_title_salary(job) is job
    assert with_title_salary(make_job("Backend Developer")).salary is None


def test_an_amount_without_a_currency_is_in_the_currency_of_the_jobs_one_country() -> None:
    minneapolis = make_job(location="Minneapolis, MN", salary=Salary(text="150K-190K"))
    assert annual_salary(minneapolis) is None  # not until the selection has read its place
    assert annual_salary(annotate(minneapolis)) == AnnualSalary(150_000, 190_000, "USD")
    berlin = annotate(make_job(location="Berlin, Germany", salary=Salary(text="70-90k")))
    assert annual_salary(berlin) == AnnualSalary(70_000, 90_000, "EUR")
    # two countries, worldwide or unknown: no currency to assume
    for location in ("London, UK; New York, NY", "Worldwide", "Remote", ""):
        job = annotate(make_job(location=location, remote=True, salary=Salary(text="150K-190K")))
        assert annual_salary(job) is None, location
    # a source's currency field counts for its salary text
    assert annual_salary(make_job(salary=Salary(text="100-120k", currency="GBP"))) == AnnualSalary(
        100_000, 120_000, "GBP"
    )

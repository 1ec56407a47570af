"""Salaries: a job's pay as an annual range with a currency, and the ``min-salary`` input.

Where the pay comes from, in order: the source's numbers (``Salary.min``/``max`` with ``currency`` and
``period``), then the source's salary text (``Salary.text``: "$120k-150k", "€70k–90k", "₹12-18 LPA",
"$19.19/hr"), then an amount written in the title with a currency sign or "LPA" ("Back End Developer, Trilogy
(Remote) - $60,000/year USD"). Non-finite, zero and negative numbers mean "unknown".

Annualizing: hour x 2080, day x 260, week x 52, month x 12. Amounts in lakh ("LPA", "lakh") are INR per year.
A text that states no period is yearly, unless the amount is below 1,000 (then hourly: "$45").

Currency: a bare "$" is the dollar the text names ("$206,000 CAD"); Indian digit grouping is INR; an amount with no
currency is in the currency of the job's one country once the selection has read its place (``COUNTRY_CURRENCY``),
else unknown. A zero lower end is unknown.

``min-salary`` ("120000 USD", "120k USD", "€90k", "12 LPA") keeps a job when the lower end of its annual
range reaches the minimum (a single figure is both ends). Both are converted to USD with the approximate rate
table below (dated; refresh it now and then: it decides only borderline cases). **A job with no known salary,
or in a currency missing from the table, is left out of a salary list.**
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from jobs_action.errors import ConfigError
from jobs_action.models import Job, Salary

# Approximate US dollars per unit, mid-market, as of RATES_DATE. Not for accounting: only to compare salaries.
RATES_DATE = "2025-06-01"
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.14,
    "GBP": 1.35,
    "CHF": 1.22,
    "CAD": 0.73,
    "AUD": 0.65,
    "NZD": 0.60,
    "INR": 0.0117,
    "JPY": 0.0069,
    "CNY": 0.139,
    "SGD": 0.78,
    "HKD": 0.128,
    "KRW": 0.00073,
    "TWD": 0.033,
    "SEK": 0.104,
    "NOK": 0.099,
    "DKK": 0.153,
    "PLN": 0.27,
    "CZK": 0.046,
    "HUF": 0.0029,
    "RON": 0.23,
    "BGN": 0.58,
    "UAH": 0.024,
    "TRY": 0.025,
    "ILS": 0.28,
    "AED": 0.272,
    "SAR": 0.267,
    "EGP": 0.020,
    "ZAR": 0.056,
    "NGN": 0.00065,
    "KES": 0.0077,
    "BRL": 0.18,
    "MXN": 0.052,
    "ARS": 0.00085,
    "COP": 0.00024,
    "CLP": 0.00107,
    "PEN": 0.27,
    "PKR": 0.0035,
    "BDT": 0.0082,
    "PHP": 0.0177,
    "IDR": 0.000061,
    "VND": 0.000038,
    "THB": 0.030,
    "MYR": 0.235,
}

HOURS_PER_YEAR = 2080
_PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": HOURS_PER_YEAR}


@dataclass(frozen=True, slots=True)
class AnnualSalary:
    """A yearly pay range in one currency (``low == high`` for a single figure; ``low`` is ``None`` when only
    the upper end is known: "Up to $200k", a source's empty minimum)."""

    low: float | None
    high: float
    currency: str  # ISO 4217, upper case


@dataclass(frozen=True, slots=True)
class MinSalary:
    """The ``min-salary`` input: a yearly amount in a currency of the rate table."""

    amount: float
    currency: str


# --- reading amounts ----------------------------------------------------------------------------------------

_SYMBOLS = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "HK$": "HKD",
    "R$": "BRL",
    "MX$": "MXN",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "¥": "JPY",
    "₩": "KRW",
    "₺": "TRY",
    "₱": "PHP",
    "₦": "NGN",
    "zł": "PLN",
    "Rs.": "INR",
    "Rs": "INR",
}
_SYMBOL = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_CODE = "|".join(sorted(USD_PER_UNIT))
_CURRENCY = rf"(?:{_SYMBOL})|(?<![A-Za-z])(?i:{_CODE})(?![A-Za-z])"
# Thousands grouped by three ("150,000", "80.000"), Indian grouping by lakh ("30,00,000"), or a plain number.
_NUMBER = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_MULTIPLIER = r"k|K|mn|MM|m|M|(?i:lpa|lakhs?|lacs?|crores?)|L|cr|Cr"


def _amount_pattern(c: str, n: str, m: str) -> str:
    return rf"(?P<{c}>{_CURRENCY})?\s?(?P<{n}>{_NUMBER})\s?(?P<{m}>{_MULTIPLIER})?(?![A-Za-z\d])"


# What may stand between the first amount and the dash of a range: a trailing currency sign or code, or a period
# ("80.000 € - 100.000 €", "$145,000 AUD - $175,000 AUD", "$150K/yr - $200K/yr").
_AFTER_FIRST = rf"(?:\s?(?:{_SYMBOL}|(?i:{_CODE})(?![A-Za-z])))?(?:\s?/\s?(?:yr|year|hr|hour|h|mo|month|wk|week))?"
_RANGE = re.compile(
    _amount_pattern("c1", "n1", "m1")
    + rf"(?:{_AFTER_FIRST}\s*(?:-|–|—|~|to|bis|and)\s*"
    + _amount_pattern("c2", "n2", "m2")
    + ")?"
)
# "Up to $200k", "max. 90.000 €", "bis zu 70k": only the upper end is known.
_UP_TO = re.compile(r"(?<!\w)(?:up\s+to|upto|max(?:imum)?\.?|bis\s+zu|jusqu'à|hasta)\s*$", re.IGNORECASE)
_ANY_CURRENCY = re.compile(_CURRENCY)
_INDIAN_GROUPING = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")
_USD_CODE = re.compile(r"(?<![A-Za-z])(?:USD|US\$)(?![A-Za-z])", re.IGNORECASE)
_DOLLAR_CODE = re.compile(r"(?<![A-Za-z])(?:CAD|AUD|NZD|SGD|HKD|MXN|TWD)(?![A-Za-z])", re.IGNORECASE)
# Where a salary starts in a title: a currency sign before digits ("$120k", "€80-100k"), an amount in lakh ("12-18
# LPA"), or a sizeable amount (thousands, or "k") beside a currency code or after-sign ("USD 150k-180k", "80k EUR",
# "100-120k CHF", "150.000€"). Only the codes of salaried markets are read in titles: "PHP 8 Developer" is no pay.
_TITLE_CODE = r"(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|SGD|INR|PLN|SEK|NOK|DKK)"
_SIZEABLE = r"(?:\d{1,3}(?:[.,' ]\d{3})+|(?!(?:19|20)\d\d(?!\d))\d{4,}|\d{2,3}\s?[kK])"  # not a year
_DASH = r"(?:-|–|to)"
_TITLE_START = re.compile(
    rf"(?:{_SYMBOL})\s?\d"
    # from the start of a number only, and without giving digits back: linear on a title of digits
    rf"|(?<![\d.,])\d[\d.,]*+(?:\s?{_DASH}\s?[\d.,]*+)?\s?(?i:lpa|lakhs?|lacs?)(?![A-Za-z])"
    rf"|(?<![A-Za-z]){_TITLE_CODE}\s?\$?\s?{_SIZEABLE}"
    rf"|(?<![\w.,])(?:{_SIZEABLE}|\d{{2,3}}(?=\s?{_DASH}\s?{_SIZEABLE}))(?:\s?{_DASH}\s?(?:{_SIZEABLE}|\d{{2,3}}))?"
    rf"\s?(?:{_TITLE_CODE}(?![A-Za-z])|€|£)"
)

_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5}
_MULTIPLIERS |= {"lacs": 1e5, "l": 1e5, "cr": 1e7, "crore": 1e7, "crores": 1e7}
_LAKH = frozenset({"lpa", "lakh", "lakhs", "lac", "lacs", "l", "cr", "crore", "crores"})

_PERIODS = (
    ("hour", re.compile(r"(?:/|\bper|\ban|\ba)\s*(?:hour|hr|h)\b|\bhourly\b|\bph\b", re.IGNORECASE)),
    ("day", re.compile(r"(?:/|\bper|\ba)\s*day\b|\bdaily\b", re.IGNORECASE)),
    ("week", re.compile(r"(?:/|\bper|\ba)\s*(?:week|wk)\b|\bweekly\b", re.IGNORECASE)),
    ("month", re.compile(r"(?:/|\bper|\ba)\s*(?:month|mo|mth)\b|\bmonthly\b", re.IGNORECASE)),
    (
        "year",
        re.compile(r"(?:/|\bper|\ba)\s*(?:year|yr|annum)\b|\bannual(?:ly)?\b|\byearly\b|\bp\.?a\b|\blpa\b", re.I),
    ),
)


def _number(text: str) -> float:
    digits = text.replace("'", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?", digits):
        digits = digits.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", ".")
    return float(digits)


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    return _SYMBOLS.get(token) or (token.upper() if token.upper() in USD_PER_UNIT else None)


_BONUS = re.compile(r"\s*(?:bonus|commission|allowance|stipend|incentive)", re.IGNORECASE)


def _period(text: str, after: int = 0) -> str | None:
    """The period the text states for the amount that ends at ``after``: the first period word after it ("21 250 -
    25 000 PLN gross/monthly OR 167 - 196 PLN net/hour" is monthly), else the last one before it ("Hourly: $45").
    A word that qualifies a bonus ("+ monthly bonus") states no period of the salary."""
    found = sorted(
        (match.start(), name)
        for name, pattern in _PERIODS
        for match in pattern.finditer(text)
        if not _BONUS.match(text, match.end())
    )
    following = [name for start, name in found if start >= after]
    if following:
        return following[0]
    return found[-1][1] if found else None


@dataclass(frozen=True, slots=True)
class _Amount:
    low: float | None
    high: float
    currency: str | None
    lakh: bool
    end: int = 0  # where the amount ends in the text (the period is looked for from there)


def _read_amount(text: str) -> _Amount | None:
    """The first amount or range in ``text`` (currency from the amount, else from anywhere in the text)."""
    for match in _RANGE.finditer(text):
        low = _number(match["n1"])
        high = _number(match["n2"]) if match["n2"] else low
        m1 = (match["m1"] or "").casefold()
        m2 = (match["m2"] or "").casefold() if match["n2"] else m1
        if m2 and not m1 and low < high:
            m1 = m2  # "120-150k", "12-18 LPA"
        low *= _MULTIPLIERS.get(m1, 1)
        high *= _MULTIPLIERS.get(m2, 1)
        if low <= 0 and high <= 0:
            continue
        lakh = bool({m1, m2} & _LAKH)
        currency = _currency(match["c1"]) or _currency(match["c2"])
        if currency is None:
            anywhere = _ANY_CURRENCY.search(text)
            # lakh and Indian digit grouping ("35,00,000 - 50,00,000 P.A.") are rupees
            indian = lakh or bool(_INDIAN_GROUPING.fullmatch(match["n1"]))
            currency = _currency(anywhere.group(0)) if anywhere else ("INR" if indian else None)
        elif "$" in (match["c1"] or match["c2"] or "") and currency == "USD" and not _USD_CODE.search(text):
            # a bare "$" is the dollar the text names: "$206,000 - $256,000 CAD", "CAD $242,540", "$145,000 AUD"
            other = _DOLLAR_CODE.search(text)
            currency = other.group(0).upper() if other else currency
        upper_only = not match["n2"] and bool(_UP_TO.search(text[: match.start()]))
        # a zero lower end is unknown, as a source's 0 is ("0-115648 USD per year": up to 115,648)
        lowest = None if upper_only or min(low, high) <= 0 else min(low, high)
        return _Amount(lowest, max(low, high), currency, lakh, match.end())
    return None


def _annualize(amount: float, period: str | None) -> float:
    return round(amount * _PER_YEAR.get(period or "year", 1), 2)


def _annualize_low(amount: float | None, period: str | None) -> float | None:
    return None if amount is None else _annualize(amount, period)


def _text_salary(text: str, currency: str | None = None) -> AnnualSalary | None:
    """The salary a text states; ``currency`` (the source's, or the job's country's) when the text names none."""
    amount = _read_amount(text)
    if amount is None:
        return None
    code = amount.currency or _currency(currency)
    if code is None:
        return None
    period = "year" if amount.lakh else _period(text, amount.end) or _default_period(amount.high)
    return AnnualSalary(_annualize_low(amount.low, period), _annualize(amount.high, period), code)


def _normalize_period(period: str | None) -> str | None:
    if not period:
        return None
    text = period.casefold()
    for name, words in (
        ("hour", ("hour", "hr")),
        ("day", ("day", "daily")),
        ("week", ("week",)),
        ("month", ("month",)),
        ("year", ("year", "annual", "annum")),
    ):
        if any(word in text for word in words):
            return name
    return None


def _positive(value: float | None) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def _structured_salary(salary: Salary) -> AnnualSalary | None:
    low, high = _positive(salary.min), _positive(salary.max)
    # A minimum alone is a single figure ("from 120k"); a maximum alone leaves the lower end unknown (``None``).
    if high is None:
        high = low
    if high is None:
        return None
    currency = _currency(salary.currency)
    if currency is None and salary.text:
        found = _ANY_CURRENCY.search(salary.text)
        currency = _currency(found.group(0)) if found else None
    if currency is None:
        return None
    period = _normalize_period(salary.period) or (_period(salary.text) if salary.text else None)
    period = period or _default_period(high)
    if low is not None and low > high:
        low, high = high, low
    return AnnualSalary(_annualize_low(low, period), _annualize(high, period), currency)


def _title_salary_text(title: str) -> str | None:
    """The part of a title that states its salary, from a leading "up to" if there is one; ``None`` without one."""
    start = _TITLE_START.search(title)
    if start is None:
        return None
    up_to = _UP_TO.search(title[: start.start()])
    return title[up_to.start() if up_to else start.start() :]


def _title_salary(title: str) -> AnnualSalary | None:
    stated = title_salary(title)
    return _structured_salary(stated) if stated is not None else None


def with_title_salary(job: Job) -> Job:
    """``job`` with the salary its title states, when the source gave none: a salary found only in the title is a
    known salary like any other (the row's 💰, the data file's ``salary``, ``min-salary``)."""
    salary = salary_read(job)
    return job if salary is job.salary else dataclasses.replace(job, salary=salary)


def salary_read(job: Job) -> Salary | None:
    """The salary ``with_title_salary`` gives the job: the source's when it reads as one, else the one its title
    states, else the source's as it is."""
    if job.salary is not None and _from_salary(job.salary) is not None:
        return job.salary
    found = title_salary(job.title)
    return job.salary if found is None else found


@lru_cache(maxsize=65_536)  # titles repeat across boards and reposts; most state no salary, and say so quickly
def title_salary(title: str) -> Salary | None:
    """The salary a title states ("Back End Developer - $60,000/year USD"), as a yearly ``Salary``, or ``None``."""
    stated = _title_salary_text(title)
    found = _text_salary(stated) if stated else None
    if found is None or stated is None:
        return None
    text = stated.strip(" -–—()[]")
    return Salary(min=found.low, max=found.high, currency=found.currency, period="year", text=text)


def _from_salary(salary: Salary) -> AnnualSalary | None:
    return _structured_salary(salary) or (_text_salary(salary.text, salary.currency) if salary.text else None)


# A yearly pay above this (in US dollars) is a feed's error ("$140M", "$9M" in a salary field), not a salary.
MAX_PLAUSIBLE_USD = 5_000_000


def _plausible(salary: AnnualSalary | None) -> AnnualSalary | None:
    if salary is None:
        return None
    usd = to_usd(salary.high, salary.currency)
    return salary if usd is None or usd <= MAX_PLAUSIBLE_USD else None


def annual_salary(job: Job) -> AnnualSalary | None:
    """The job's pay as a yearly range, or ``None`` when unknown (see the module docstring); an implausible amount
    (above :data:`MAX_PLAUSIBLE_USD` a year) is unknown. An amount without a currency is in the currency of the one
    country the job is in, once the selection has read its place ("150K-190K" in Minneapolis is US dollars)."""
    found = _from_salary(job.salary) if job.salary is not None else None
    if found is None and job.salary is not None:
        local = _local_currency(job)
        if local is not None:
            found = _from_salary(dataclasses.replace(job.salary, currency=local))
    return _plausible(found or _title_salary(job.title))


def _local_currency(job: Job) -> str | None:
    place = job.place
    if place is None or place.worldwide or len(place.area) != 1:
        return None
    return COUNTRY_CURRENCY.get(next(iter(place.area)))


_EURO = "AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK"
# The currency of each country of the rate table, for an amount that names none.
COUNTRY_CURRENCY: dict[str, str] = {country: "EUR" for country in _EURO.split()} | {
    "US": "USD", "CA": "CAD", "GB": "GBP", "IN": "INR", "AU": "AUD", "NZ": "NZD", "CH": "CHF", "JP": "JPY",
    "CN": "CNY", "SG": "SGD", "HK": "HKD", "KR": "KRW", "TW": "TWD", "SE": "SEK", "NO": "NOK", "DK": "DKK",
    "PL": "PLN", "CZ": "CZK", "HU": "HUF", "RO": "RON", "BG": "BGN", "UA": "UAH", "TR": "TRY", "IL": "ILS",
    "AE": "AED", "SA": "SAR", "EG": "EGP", "ZA": "ZAR", "NG": "NGN", "KE": "KES", "BR": "BRL", "MX": "MXN",
    "AR": "ARS", "CO": "COP", "CL": "CLP", "PE": "PEN", "PK": "PKR", "BD": "BDT", "PH": "PHP", "ID": "IDR",
    "VN": "VND", "TH": "THB", "MY": "MYR",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class StatedSalary:
    """A salary as the source states it, for showing it: the amounts in the source's own period, not annualized
    (``None`` for an end the source left open; ``low == high`` for a single figure)."""

    low: float | None
    high: float | None
    currency: str | None  # ISO 4217; None when the source names none
    period: str  # "year", "month", "week", "day" or "hour"
    lakh: bool = False  # written in lakh ("12-18 LPA")


def stated_salary(salary: Salary | None) -> StatedSalary | None:
    """The amounts of a known salary as stated (the text when it holds an amount, such as a salary found in the
    title, else the numbers); ``None`` when no amount is known. A salary that names no period is yearly, unless
    the amount is below 1,000 (then hourly), as for ``min-salary``."""
    if salary is None:
        return None
    amount = _read_amount(salary.text) if salary.text else None
    if amount is not None:
        period = "year" if amount.lakh else _period(salary.text, amount.end) or _default_period(amount.high)
        return StatedSalary(amount.low, amount.high, amount.currency, period, amount.lakh)
    low, high = _positive(salary.min), _positive(salary.max)
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    period = _normalize_period(salary.period) or _default_period(max(v for v in (low, high) if v is not None))
    return StatedSalary(low, high, _currency(salary.currency), period)


def _default_period(amount: float) -> str:
    return "hour" if amount < 1000 else "year"


# --- the input ----------------------------------------------------------------------------------------------

_EXPECTED = "expected an amount and a currency such as `120000 USD`"


def parse_min_salary(text: str) -> MinSalary:
    """Parse ``min-salary`` ("120000 USD", "120k USD", "€90k", "12 LPA"): yearly unless a period is given."""
    shown = str(text)[:60]
    amount = _read_amount(str(text))
    if amount is None or amount.currency is None or amount.low is None:
        raise ConfigError(f"min-salary: {_EXPECTED}, got {shown!r}.")
    if amount.currency not in USD_PER_UNIT:
        known = ", ".join(sorted(USD_PER_UNIT))
        raise ConfigError(f"min-salary: {_EXPECTED} (currencies: {known}), got {shown!r}.")
    period = "year" if amount.lakh else (_period(str(text)) or "year")
    return MinSalary(_annualize(amount.low, period), amount.currency)


def to_usd(amount: float, currency: str) -> float | None:
    """``amount`` in approximate US dollars, or ``None`` for a currency missing from the table."""
    rate = USD_PER_UNIT.get(currency.upper())
    return amount * rate if rate is not None else None


def meets_min_salary(job: Job, minimum: MinSalary) -> bool:
    """Whether the lower end of the job's known annual salary reaches ``minimum`` (a single figure is both ends);
    unknown salaries never do. A High Paying list promises what a job pays at least, not at best."""
    salary = annual_salary(job)
    if salary is None or salary.low is None:
        return False  # unknown, or only its upper end known ("Up to $200k")
    offered = to_usd(salary.low, salary.currency)
    wanted = to_usd(minimum.amount, minimum.currency)
    return offered is not None and wanted is not None and offered >= wanted

"""The cells of the optional columns (``columns``): Salary, Age and Type, short and escaped like every cell.

- **Salary**: the known range as the source states it, compactly: ``$120k-150k``, ``€70k-90k``, ``₹12-18 LPA``,
  ``$45/hr``, ``$120k+`` (a lower end only), ``up to $150k``. Yearly unless the source says otherwise (then
  ``/hr``, ``/day``, ``/wk``, ``/mo``); US dollars, euros, pounds and rupees by their sign, other currencies by
  their code (``CHF 120k-140k``); rupees a year in lakh. Empty when no amount is known, also for a salary the
  source gave only as words ("Competitive"): they say nothing of the pay, and a cell of words would widen the
  table.
- **Age**: how long the job has been around, from the earlier of its first-seen date (the data file's history)
  and its posting date: ``0d`` to ``13d``, then weeks (``2w``) to 59 days, then months (``2mo``). A weekly
  repost keeps the age of the first posting.
- **Type**: ``Full-time``, ``Part-time``, ``Contract`` or ``Internship`` when the source says; else empty.
"""

from __future__ import annotations

from datetime import datetime

from jobs_action.models import Job
from jobs_action.render.escape import escape_cell
from jobs_action.select.salary import StatedSalary, stated_salary

_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}
_PERIODS = {"year": "", "month": "/mo", "week": "/wk", "day": "/day", "hour": "/hr"}
_TYPES = {"full-time": "Full-time", "part-time": "Part-time", "contract": "Contract", "internship": "Internship"}
LAKH = 100_000


def salary_cell(job: Job) -> str:
    """The Salary cell (see the module docstring)."""
    stated = stated_salary(job.salary) if job.has_salary else None
    return escape_cell(compact_salary(stated)) if stated is not None else ""


def compact_salary(salary: StatedSalary) -> str:
    """``$120k-150k``, ``₹12-18 LPA``, ``$45/hr``, ``$120k+``, ``up to $150k``."""
    in_lakh = salary.currency == "INR" and salary.period == "year"
    show = _lakh if in_lakh else _amount
    low, high = (show(value) if value is not None else "" for value in (salary.low, salary.high))
    if low and high and low != high:
        amounts = f"{low}-{high}"
    elif salary.high is None:
        amounts = f"{low}+"
    else:
        amounts = high
    sign = _SIGNS.get(salary.currency or "")
    money = f"{sign}{amounts}" if sign else f"{salary.currency} {amounts}" if salary.currency else amounts
    period = " LPA" if in_lakh else _PERIODS.get(salary.period, "")
    return ("up to " if salary.low is None else "") + money + period


def _amount(value: float) -> str:
    if value >= 1_000_000:
        return _short(value / 1_000_000) + "M"
    if value >= 1_000:
        return _short(value / 1_000) + "k"
    return _short(value)


def _lakh(value: float) -> str:
    return _short(value / LAKH)


def _short(number: float) -> str:
    """At most one decimal, none when whole: ``120``, ``12.5``."""
    return f"{number:.1f}".removesuffix(".0")


def age_cell(job: Job, now: datetime) -> str:
    """The Age cell (see the module docstring)."""
    days = days_old(job, now)
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    return f"{days // 30}mo"


def days_old(job: Job, now: datetime) -> int:
    """Whole calendar days (UTC) since the earlier of the job's first-seen and posting dates; 0 for a job of today."""
    since = min(job.first_seen, job.posted_at) if job.first_seen is not None else job.posted_at
    return max((now.date() - since.date()).days, 0)


def type_cell(job: Job) -> str:
    return _TYPES.get(job.employment, "")

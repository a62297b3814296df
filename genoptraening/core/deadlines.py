"""Deadline arithmetic: from a standard's deadline and the date of its event, the due date.

Counting starts the day after the event ("inden for 2 hverdage" from Friday 18 December 2026
is Tuesday 22 December 2026).

- **hverdage** skip Saturdays, Sundays, Danish public holidays (the ``holidays`` package) and
  the three days most municipal offices are closed although they are not public holidays:
  Christmas Eve (24/12), New Year's Eve (31/12) and Constitution Day (5/6). Counting them as
  working days would promise the citizen an answer on a day nobody is at work; counting them as
  closed gives the later, realistic date — the municipality can still answer sooner.
- **kalenderdage** and **dage** (a standard that just says "dage" is read as calendar days,
  the usual reading in Danish administration) count every day.
- **uger** count whole weeks of seven days.

A due date that falls on a weekend or holiday is not moved: the standards state the
municipality's service level in those units, and we report exactly that.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

#: Days that are not public holidays but on which municipal offices are closed.
CLOSED_DAYS: tuple[tuple[int, int], ...] = ((12, 24), (12, 31), (6, 5))

UNITS = ("hverdage", "kalenderdage", "dage", "uger")


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("DK", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    """Tell whether ``day`` counts as a hverdag (see the module docstring)."""
    if day.weekday() >= 5:
        return False
    if (day.month, day.day) in CLOSED_DAYS:
        return False
    return day not in _public_holidays(day.year)


def add_working_days(start: dt.date, count: int) -> dt.date:
    """Return the date ``count`` hverdage after ``start`` (``start`` itself not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    remaining = count
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def due_date(start: dt.date, number: int, unit: str) -> dt.date:
    """Return the due date of a deadline of ``number`` ``unit`` running from ``start``.

    Args:
        start: The date of the event the deadline runs from (e.g. the application received).
        number: The deadline's number, as the standard states it.
        unit: One of "hverdage", "kalenderdage", "dage", "uger".

    Raises:
        ValueError: for an unknown unit or a negative number.

    """
    if number < 0:
        raise ValueError("a deadline cannot be negative")
    if unit == "hverdage":
        return add_working_days(start, number)
    if unit in ("kalenderdage", "dage"):
        return start + dt.timedelta(days=number)
    if unit == "uger":
        return start + dt.timedelta(weeks=number)
    raise ValueError(f"unknown deadline unit {unit!r}; expected one of {', '.join(UNITS)}")


_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


def format_date(day: dt.date) -> str:
    """Format a date the Danish way for citizens: "tirsdag den 22. december 2026"."""
    return f"{_WEEKDAYS[day.weekday()]} den {day.day}. {_MONTHS[day.month - 1]} {day.year}"

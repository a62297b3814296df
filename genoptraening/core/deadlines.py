"""Deadline arithmetic: from a standard's deadline and the date of its event, the due date.

Counting starts the day after the event ("inden for 2 hverdage" from Friday 18 December 2026
is Tuesday 22 December 2026).

- **hverdage** skip Saturdays, Sundays, Danish public holidays (the ``holidays`` package) and
  the three days most municipal offices are closed although they are not public holidays:
  Christmas Eve (24/12), New Year's Eve (31/12) and Constitution Day (5/6). Counting them as
  working days would promise the citizen an answer on a day nobody is at work; counting them as
  closed gives the later, realistic date — the municipality can still answer sooner.

  The three days come from the ``holidays`` package too: its Danish ``OPTIONAL`` category
  (Denmark supports only ``PUBLIC`` and ``OPTIONAL``; there is no ``BANK`` or ``HALF_DAY``)
  holds exactly Juleaftensdag, Nytårsaften and Grundlovsdag plus Arbejdernes kampdag (1 May).
  1 May is left out on purpose (``CLOSED_DAYS`` names the days taken, by their Danish names):
  it is a day off only under some collective agreements (often just the afternoon) and citizen
  services are generally open, so counting it would push due dates a day later than the
  municipalities count them. Checked for 2024-2030: the category adds nothing else, and the
  three days fall on 24/12, 31/12 and 5/6 every year (5/6/2028 is Whit Monday anyway).
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
from babel.dates import format_date as _cldr_format_date

#: The days of the ``holidays`` package's optional Danish category on which municipal offices
#: are closed (by their Danish names; see the module docstring for the one left out).
CLOSED_DAYS = frozenset({"Juleaftensdag", "Nytårsaften", "Grundlovsdag"})
#: How dates are written to citizens: CLDR's full Danish date, "tirsdag den 22. december 2026".
DATE_FORMAT = "EEEE 'den' d. MMMM y"

UNITS = ("hverdage", "kalenderdage", "dage", "uger")


@lru_cache(maxsize=64)
def _closed_days(year: int) -> frozenset[dt.date]:
    """Return the public holidays of ``year`` and the optional days in ``CLOSED_DAYS``."""
    public = holidays.country_holidays("DK", years=year)
    optional = holidays.country_holidays("DK", years=year, categories=holidays.OPTIONAL,
                                         language="da")
    # A date with several holidays has their names joined by "; ".
    closed = {day for day, names in optional.items() if CLOSED_DAYS & set(names.split("; "))}
    return frozenset(public.keys()) | closed


def is_working_day(day: dt.date) -> bool:
    """Tell whether ``day`` counts as a hverdag (see the module docstring)."""
    return day.weekday() < 5 and day not in _closed_days(day.year)


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


def format_date(day: dt.date) -> str:
    """Format a date the Danish way for citizens: "tirsdag den 22. december 2026" (CLDR)."""
    return _cldr_format_date(day, format=DATE_FORMAT, locale="da_DK")

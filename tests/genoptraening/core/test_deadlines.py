import datetime as dt

import pytest

from genoptraening.core.deadlines import add_working_days, due_date, format_date, is_working_day

D = dt.date


@pytest.mark.parametrize(
    "start,number,unit,expected",
    [
        # The examples: a weekend, then Easter 2027 (25, 26 and 29 March are holidays).
        (D(2026, 12, 18), 2, "hverdage", D(2026, 12, 22)),
        (D(2027, 3, 24), 2, "hverdage", D(2027, 3, 31)),
        # Christmas: 24/12 closed (our choice), 25 and 26/12 holidays, then the weekend.
        (D(2026, 12, 23), 1, "hverdage", D(2026, 12, 28)),
        # Year end: 31/12 closed (our choice), 1/1 holiday.
        (D(2026, 12, 30), 1, "hverdage", D(2027, 1, 4)),
        (D(2027, 12, 30), 2, "hverdage", D(2028, 1, 4)),
        # Grundlovsdag 5/6 closed (our choice): Friday 4 June 2027 + 1 → Monday 7 June.
        (D(2027, 6, 4), 1, "hverdage", D(2027, 6, 7)),
        # Kristi himmelfartsdag 2027 is Thursday 6 May; pinse Monday 17 May.
        (D(2027, 5, 5), 1, "hverdage", D(2027, 5, 7)),
        (D(2027, 5, 14), 1, "hverdage", D(2027, 5, 18)),
        # Store bededag was abolished from 2024: Friday 23 April 2027 is a working day.
        (D(2027, 4, 22), 1, "hverdage", D(2027, 4, 23)),
        # An event on a Saturday: Monday is the first working day.
        (D(2026, 11, 21), 3, "hverdage", D(2026, 11, 25)),
        (D(2026, 11, 23), 0, "hverdage", D(2026, 11, 23)),
        # Calendar days, plain "dage" and weeks ignore weekends and holidays.
        (D(2026, 12, 18), 7, "kalenderdage", D(2026, 12, 25)),
        (D(2026, 12, 20), 14, "dage", D(2027, 1, 3)),
        (D(2026, 12, 24), 4, "uger", D(2027, 1, 21)),
        (D(2028, 2, 27), 3, "kalenderdage", D(2028, 3, 1)),  # leap year
    ],
)
def test_due_date(start, number, unit, expected):
    assert due_date(start, number, unit) == expected


def test_working_days():
    assert is_working_day(D(2026, 11, 23))  # Monday
    assert not is_working_day(D(2026, 11, 22))  # Sunday
    assert not is_working_day(D(2026, 12, 24))
    assert not is_working_day(D(2026, 12, 31))
    assert not is_working_day(D(2027, 6, 5))  # Grundlovsdag (a Saturday anyway)
    assert not is_working_day(D(2026, 6, 5))  # Grundlovsdag, a Friday
    assert not is_working_day(D(2027, 1, 1))


def test_twenty_working_days_span_christmas_and_new_year():
    # 2026-12-14 + 20 hverdage: closed 24, 25, 31 Dec and 1 Jan plus weekends.
    assert add_working_days(D(2026, 12, 14), 20) == D(2027, 1, 15)


@pytest.mark.parametrize("unit", ["måneder", "", "Hverdage"])
def test_unknown_unit_is_refused(unit):
    with pytest.raises(ValueError):
        due_date(D(2026, 1, 1), 1, unit)


def test_negative_number_is_refused():
    with pytest.raises(ValueError):
        due_date(D(2026, 1, 1), -1, "dage")


def test_format_date_in_danish():
    assert format_date(D(2026, 12, 22)) == "tirsdag den 22. december 2026"
    assert format_date(D(2027, 3, 31)) == "onsdag den 31. marts 2027"


def test_the_optional_days_taken_from_holidays_are_exactly_the_three_closed_days():
    import holidays

    for year in range(2024, 2031):
        public = set(holidays.country_holidays("DK", years=year))
        first = D(year, 1, 1)
        days = (first + dt.timedelta(days=n) for n in range((D(year + 1, 1, 1) - first).days))
        closed = {day for day in days
                  if day.weekday() < 5 and day not in public and not is_working_day(day)}
        expected = {day for day in (D(year, 12, 24), D(year, 12, 31), D(year, 6, 5))
                    if day.weekday() < 5 and day not in public}
        assert closed == expected, year


def test_first_of_may_is_a_working_day():
    # Arbejdernes kampdag is in holidays' optional category too, but offices are open.
    assert is_working_day(D(2026, 5, 1))  # a Friday
    assert add_working_days(D(2026, 4, 30), 1) == D(2026, 5, 1)


def test_format_date_every_month_and_weekday():
    assert format_date(D(2027, 5, 1)) == "lørdag den 1. maj 2027"
    assert format_date(D(2028, 2, 6)) == "søndag den 6. februar 2028"
    assert format_date(D(2026, 1, 5)) == "mandag den 5. januar 2026"

"""The day and time a message names, and whether a phone line is open then."""

import datetime as dt

import pytest

from genoptraening.core.hours import WeekTime, find_week_time, hours_on, is_open, open_at
from genoptraening.core.knowledge.schema import OpeningSlot

SUNDAY = dt.date(2026, 12, 6)
# Hedensted's Sundhedshus: Monday-Thursday 8-12 and 13-14, Friday 8-12.
HEDENSTED = [OpeningSlot(days=[0, 1, 2, 3], start="08:00", end="12:00"),
             OpeningSlot(days=[0, 1, 2, 3], start="13:00", end="14:00"),
             OpeningSlot(days=[4], start="08:00", end="12:00")]


@pytest.mark.parametrize(("text", "days", "start", "says"), [
    ("kan jeg ringe fredag eftermiddag efter frokost?", (4,), "12:00",
     "fredag om eftermiddagen"),
    ("har I åbent i weekenden?", (5, 6), None, "lørdag og søndag"),
    ("kan jeg ringe i morgen kl. 13.30", (0,), "13:30", "mandag kl. 13.30"),
    ("kan jeg ringe om formiddagen", (), "09:00", "om formiddagen"),
    ("lordag", (5,), None, "lørdag"),
    ("kan jeg ringe i dag", (6,), None, "søndag"),
])
def test_the_day_and_time_a_message_names(text, days, start, says):
    when = find_week_time(text, SUNDAY)
    assert when is not None
    assert (when.days, when.start, when.says()) == (days, start, says)


@pytest.mark.parametrize("text", ["hvad koster det", "kl. 99", "", None])
def test_a_message_naming_no_time_gives_none(text):
    assert find_week_time(text, SUNDAY) is None


def test_open_when_the_hours_overlap_every_day_named():
    assert not open_at(HEDENSTED, WeekTime((4,), "12:00", "17:00"))
    assert open_at(HEDENSTED, WeekTime((0,), "13:30", "13:31"))
    assert not open_at(HEDENSTED, WeekTime((0,), "12:30", "12:31"))
    assert not open_at(HEDENSTED, WeekTime((5, 6)))
    assert open_at(HEDENSTED, WeekTime((), "09:00", "12:00"))  # some weekday will do
    assert hours_on(HEDENSTED, 0) == ["08.00-12.00", "13.00-14.00"]
    assert hours_on(HEDENSTED, 6) == []


def test_is_open():
    slots = [OpeningSlot(days=[0, 1, 2, 3, 4], start="07:30", end="09:00")]
    monday = dt.datetime(2026, 11, 23, 8, 0)
    assert is_open(slots, monday)
    assert not is_open(slots, monday.replace(hour=9))
    assert not is_open(slots, dt.datetime(2026, 11, 22, 8, 0))  # Sunday
    assert not is_open(slots, dt.datetime(2026, 12, 24, 8, 0))  # Christmas Eve
    assert not is_open(slots, dt.datetime(2027, 3, 25, 8, 0))  # Maundy Thursday


def test_a_clock_time_is_the_minute_it_names():
    when = find_week_time("kan jeg ringe mandag kl. 13.59?", SUNDAY)
    assert when is not None and (when.start, when.end) == ("13:59", "14:00")
    assert open_at(HEDENSTED, when)
    assert not open_at(HEDENSTED, WeekTime((0,), "14:00", "14:01"))

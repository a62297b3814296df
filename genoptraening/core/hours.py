"""When a citizen wants to call: the day and time a message names, and whether a line is open.

"kan jeg ringe fredag eftermiddag?", "har I åbent i weekenden?", "kan jeg ringe i morgen kl.
15?". Weekday names, "i dag", "i morgen", "weekend", the parts of the day ("morgen",
"formiddag", "middag", "efter frokost", "eftermiddag", "aften") and clock times ("kl. 15",
"klokken 9.30") are fixed vocabulary and formats, read after folding (:func:`skeleton`:
"lørdag" and "lordag" alike).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from genoptraening.core.deadlines import is_working_day
from genoptraening.core.text import skeleton

#: Weekday names as written, Monday first.
DAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_DAYS = {skeleton(name): n for n, name in enumerate(DAY_NAMES)}
#: Parts of the day: (how it is written in an answer, start, end).
_PARTS = {
    "efter frokost": ("efter frokost", "12:30", "17:00"),
    "eftermiddag": ("om eftermiddagen", "12:00", "17:00"),
    "formiddag": ("om formiddagen", "09:00", "12:00"),
    "middag": ("ved middagstid", "11:30", "13:00"),
    "frokost": ("ved frokosttid", "11:30", "13:00"),
    "morgen": ("om morgenen", "07:00", "09:00"),
    "aften": ("om aftenen", "17:00", "22:00"),
}
_WORD = r"(?<![a-z0-9])"
_END = r"(?![a-z0-9])"
_PART = re.compile(_WORD + r"(efter frokost|eftermiddag|formiddag|middag|frokost|morgen|aften)\w*")
_DAY = re.compile(_WORD + r"(" + "|".join(_DAYS) + r")(?:en|s)?" + _END)
_WEEKEND = re.compile(_WORD + r"weekend\w*")
_TODAY = re.compile(_WORD + r"i dag" + _END)
_TOMORROW = re.compile(_WORD + r"i morgen" + _END)
_CLOCK = re.compile(_WORD + r"(?:kl\.?|klokken)\s*(\d{1,2})(?:[.:](\d{2}))?" + _END)


class Slot(Protocol):
    """An opening window on given weekdays (0 = Monday), as the knowledge base keeps it."""

    days: list[int]
    start: str
    end: str


@dataclass(frozen=True)
class WeekTime:
    """The days and the time of day a message names (no days: any day; no time: all day)."""

    days: tuple[int, ...]
    start: str | None = None
    end: str | None = None
    part: str = ""  # the part of the day or the clock time, as an answer writes it

    def says(self) -> str:
        """Return the time as an answer writes it: "fredag om eftermiddagen", "lørdag"."""
        days = " og ".join(DAY_NAMES[d] for d in self.days)
        return " ".join(w for w in (days, self.part) if w)


def find_week_time(text: object, today: dt.date) -> WeekTime | None:
    """Return the weekday(s) and time of day a message names, or None when it names neither."""
    if not isinstance(text, str):
        return None
    folded = skeleton(text[:2000])
    days: list[int] = []
    if _TOMORROW.search(folded):
        days.append((today.weekday() + 1) % 7)
        folded = _TOMORROW.sub(" ", folded)
    if _TODAY.search(folded):
        days.append(today.weekday())
    if _WEEKEND.search(folded):
        days += [5, 6]
    days += [_DAYS[m[1]] for m in _DAY.finditer(folded)]
    start = end = None
    part = ""
    if clock := _CLOCK.search(folded):
        hour, minute = int(clock[1]), int(clock[2] or 0)
        if hour < 24 and minute < 60:
            start, end = _clock(hour, minute), _clock(hour, minute + 1)
            part = f"kl. {hour:02d}.{minute:02d}"
    elif found := _PART.search(folded):
        part, start, end = _PARTS[found[1]]
    days = list(dict.fromkeys(days))
    if not days and start is None:
        return None
    return WeekTime(tuple(days), start, end, part)


def open_at(slots: Sequence[Slot], when: WeekTime) -> bool:
    """Tell whether a line with these hours is open at some point of ``when``.

    Every named day must have an opening that overlaps the time of day (or any opening, when
    no time is named); with no day named, one weekday will do.
    """
    def open_on(day: int) -> bool:
        return any(day in s.days and (when.start is None or (
            s.start < (when.end or "24:00") and when.start < s.end)) for s in slots)

    if not when.days:
        return any(open_on(day) for day in range(7))
    return all(open_on(day) for day in when.days)


def hours_on(slots: Sequence[Slot], day: int) -> list[str]:
    """Return the opening windows of one weekday, as an answer writes them ("08.00-12.00")."""
    return [f"{s.start.replace(':', '.')}-{s.end.replace(':', '.')}"
            for s in sorted(slots, key=lambda s: s.start) if day in s.days]


def is_open(slots: Sequence[Slot], now: dt.datetime) -> bool:
    """Tell whether a phone line with these opening hours is open at ``now`` (local time).

    Closed on public holidays and the days offices close (see ``genoptraening.core.deadlines``).
    """
    if not is_working_day(now.date()) and now.weekday() < 5:
        return False
    return open_at(slots, WeekTime((now.weekday(),), _clock(now.hour, now.minute),
                                   _clock(now.hour, now.minute + 1)))


def _clock(hour: int, minute: int) -> str:
    """Write a time as the knowledge base does ("08:30"); the minute after 23:59 is "24:00"."""
    total = hour * 60 + minute
    return f"{total // 60:02d}:{total % 60:02d}"

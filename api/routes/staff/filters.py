"""The filter of the Gennemgang and Overblik pages: a municipality and a period.

The period is two dates (``fra``, ``til``: ``åååå-mm-dd``, as a date field sends them) read as
whole local days; without them, the last ``default_days`` days up to today.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query

from genoptraening.core.register import Register
from genoptraening.ops.console.review_items import Window, load_window
from genoptraening.ops.conversations import ConversationStore
from genoptraening.ops.feedback import FeedbackStore
from genoptraening.ops.review import THRESHOLD
from genoptraening.settings import Settings

from ...deps import RegisterDep
from .common import StaffProblem


@dataclass(frozen=True)
class Filter:
    """A municipality (slug, or None for all) and a period of whole days."""

    municipality: str | None
    first: dt.date
    last: dt.date

    @property
    def since(self) -> float:
        """The start of the first day (Unix time)."""
        return time.mktime(self.first.timetuple())

    @property
    def until(self) -> float:
        """The end of the last day (Unix time)."""
        return time.mktime((self.last + dt.timedelta(days=1)).timetuple()) - 0.001

    def query(self) -> str:
        """Return the filter as a query string, for links."""
        return (f"kommune={self.municipality or ''}&fra={self.first.isoformat()}"
                f"&til={self.last.isoformat()}")

    def as_context(self) -> dict[str, Any]:
        """Return what the filter form shows."""
        return {"kommune": self.municipality or "", "fra": self.first.isoformat(),
                "til": self.last.isoformat(), "query": self.query()}


def _date(value: str) -> dt.date | None:
    for form in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    return None


def read_filter(register: Register, kommune: str, fra: str, til: str,
                default_days: int) -> Filter:
    """Read the filter from the query (a bad date or an unknown municipality: 422).

    Raises:
        StaffProblem: 422 ``period_invalid`` or ``filter_municipality``.

    """
    today = dt.date.today()
    last = _date(til) if til else today
    first = _date(fra) if fra else (last or today) - dt.timedelta(days=default_days - 1)
    if first is None or last is None or first > last or (last - first).days > 3660:
        raise StaffProblem(422, "period_invalid")
    slug = None
    if kommune:
        found = register.by_slug(kommune)
        if found is None:
            raise StaffProblem(422, "filter_municipality")
        slug = found.slug
    return Filter(slug, first, last)


def _review_filter(register: RegisterDep,
                   kommune: Annotated[str, Query(max_length=64)] = "",
                   fra: Annotated[str, Query(max_length=10)] = "",
                   til: Annotated[str, Query(max_length=10)] = "") -> Filter:
    return read_filter(register, kommune, fra, til, 30)


def _overview_filter(register: RegisterDep,
                     kommune: Annotated[str, Query(max_length=64)] = "",
                     fra: Annotated[str, Query(max_length=10)] = "",
                     til: Annotated[str, Query(max_length=10)] = "") -> Filter:
    return read_filter(register, kommune, fra, til, 12 * 7)


ReviewFilter = Annotated[Filter, Depends(_review_filter)]
OverviewFilter = Annotated[Filter, Depends(_overview_filter)]


def window_of(settings: Settings, feedback: FeedbackStore | None, chosen: Filter) -> Window:
    """Read the messages and ratings of the filter's period (raises TrackerStoreMissing)."""
    return load_window(ConversationStore.from_settings(settings), feedback, chosen.since,
                       chosen.until, chosen.municipality, THRESHOLD)


def municipalities(register: Register, with_standard: set[str]) -> list[tuple[str, str]]:
    """Return the municipalities to filter by: those with a standard first."""
    every = sorted(register.municipalities, key=lambda m: (m.slug not in with_standard, m.name))
    return [(m.slug, m.name) for m in every]

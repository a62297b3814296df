"""The Overblik page's figures: per week, how much was understood, the fallbacks, the ratings.

Computed from the conversation review's messages (``genoptraening.ops.review``: understood is
a recognised intent with at least the threshold's confidence, a fallback is ``nlu_fallback``)
and the citizens' ratings (``genoptraening.ops.feedback``, each counted for the municipality of
its conversation). A week runs Monday to Sunday, local time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field

from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
from genoptraening.core.render import topic_label
from genoptraening.ops.console.review_items import Window

#: How many topics the chart of the most asked topics shows.
TOP_TOPICS = 8


@dataclass
class Week:
    """The figures of one week."""

    start: dt.date
    messages: int = 0
    understood: int = 0
    fallbacks: int = 0
    low: int = 0
    up: int = 0
    down: int = 0

    @property
    def label(self) -> str:
        """The week as staff name it ("uge 49")."""
        return f"uge {self.start.isocalendar()[1]}"

    @property
    def share(self) -> float | None:
        """Share of the week's messages understood (None without messages)."""
        return self.understood / self.messages if self.messages else None


@dataclass
class Overview:
    """The weeks of a window and its most asked topics."""

    weeks: list[Week]
    topics: list[tuple[str, str, int]] = field(default_factory=list)  # topic, label, count

    @property
    def messages(self) -> int:
        """Messages in the window."""
        return sum(w.messages for w in self.weeks)


def _monday(timestamp: float) -> dt.date:
    day = dt.datetime.fromtimestamp(timestamp).date()
    return day - dt.timedelta(days=day.weekday())


def overview(window: Window) -> Overview:
    """Return the window's figures per week (every week of the window, empty ones too)."""
    review = window.review
    first, last = _monday(review.since), _monday(review.until)
    weeks: dict[dt.date, Week] = {}
    day = first
    while day <= last:
        weeks[day] = Week(day)
        day += dt.timedelta(days=7)
    topics: Counter[str] = Counter()
    for message in review.messages:
        week = weeks.get(_monday(message.timestamp))
        if week is None:
            continue
        week.messages += 1
        if message.understood(review.threshold):
            week.understood += 1
            topic = TOPIC_OF_INTENT.get(message.intent)
            if topic is not None:
                topics[topic] += 1
        elif message.fallback:
            week.fallbacks += 1
        else:
            week.low += 1
    for rating, _ in window.ratings:
        week = weeks.get(_monday(rating.at))
        if week is not None:
            setattr(week, rating.rating, getattr(week, rating.rating) + 1)
    ranked = sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TOPICS]
    return Overview(list(weeks.values()), [(t, topic_label(t), n) for t, n in ranked])


def percent(share: float | None) -> str:
    """Format a share the Danish way ("87 %"), or "–" without one."""
    return "–" if share is None else f"{share * 100:.0f} %"


def as_csv(result: Overview, municipality: str) -> str:
    """Return the weekly figures as CSV (semicolons, as Danish spreadsheets read them)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["uge_start", "uge", "kommune", "beskeder", "forstaaet", "andel_forstaaet",
                     "ikke_forstaaet", "usikre", "tommel_op", "tommel_ned"])
    for w in result.weeks:
        share = "" if w.share is None else f"{w.share:.4f}".replace(".", ",")
        writer.writerow([w.start.isoformat(), w.label, municipality, w.messages, w.understood,
                         share, w.fallbacks, w.low, w.up, w.down])
    writer.writerow([])
    writer.writerow(["emne", "label", "kommune", "beskeder"])
    for topic, label, count in result.topics:
        writer.writerow([topic, label, municipality, count])
    return out.getvalue()

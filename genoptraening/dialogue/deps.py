"""What the dialogue needs from outside, passed in rather than fetched.

The dialogue reads no settings and loads nothing itself: the Rasa actions, the web API, the
staff tools and the tests hand it the knowledge base, the register, the time zone and a clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.passages import PassageSearch
from genoptraening.core.register import Register


@dataclass(frozen=True)
class Deps:
    """The dialogue's dependencies.

    Attributes:
        kb: The knowledge base (the standards, the national rules, the phrases' folder).
        register: The 98 municipalities.
        timezone: For "open right now" and due dates.
        clock: Returns the current time in ``timezone``; tests pin it.
        passages: Search in the standards' own text; None answers from curated topics only.

    """

    kb: KnowledgeBase
    register: Register
    timezone: str = "Europe/Copenhagen"
    clock: Callable[[ZoneInfo], dt.datetime] | None = None
    passages: PassageSearch | None = None

    def now(self) -> dt.datetime:
        """Return the current time in the dialogue's time zone."""
        zone = ZoneInfo(self.timezone)
        return self.clock(zone) if self.clock else dt.datetime.now(zone)

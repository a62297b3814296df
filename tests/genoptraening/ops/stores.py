"""Scratch tracker stores written by Rasa's own SQLTrackerStore: an SQLite file, or a
PostgreSQL database of its own (created for the test, dropped after; the test is skipped when
PostgreSQL is not running on 127.0.0.1:5432).

``retention_conversations`` are the conversations the retention tests purge (times relative
to ``now``; the retention period is 30 days):

- ``recent``: a day old — kept.
- ``old``: 40 days old — deleted.
- ``older``: 100 days old — deleted.
- ``ongoing``: started 40 days ago, last message 2 days ago — kept whole.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

DAY = 86400.0
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_MISSING = "PostgreSQL not running on 127.0.0.1:5432"


def _exchange(at: float, text: str) -> list[Any]:
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    parse = {"intent": {"name": "ask_cost", "confidence": 0.9}, "entities": [], "text": text}
    return [UserUttered(text, intent=parse["intent"], parse_data=parse, timestamp=at),
            ActionExecuted("action_answer_topic", timestamp=at + 0.1),
            BotUttered("svar", timestamp=at + 0.2),
            ActionExecuted("action_listen", timestamp=at + 0.3)]


def retention_conversations(now: float) -> dict[str, list[Any]]:
    """The events of each conversation of the retention tests."""
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    def start(at: float) -> list[Any]:
        return [ActionExecuted("action_session_start", timestamp=at),
                SessionStarted(timestamp=at + 0.01),
                ActionExecuted("action_listen", timestamp=at + 0.02)]

    return {
        "recent": start(now - DAY) + _exchange(now - DAY + 1, "hvad koster det?"),
        "old": start(now - 40 * DAY) + _exchange(now - 40 * DAY + 1, "gammel besked"),
        "older": start(now - 100 * DAY) + _exchange(now - 100 * DAY + 1, "ældgammel")
        + _exchange(now - 99 * DAY, "stadig gammel"),
        "ongoing": start(now - 40 * DAY) + _exchange(now - 40 * DAY + 1, "første besked")
        + _exchange(now - 2 * DAY, "ny besked"),
    }


def save_conversations(conversations: dict[str, list[Any]], *, path: Path | None = None,
                       url: str | None = None) -> None:
    """Save conversations with Rasa's SQLTrackerStore into an SQLite file or a database URL."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    if url is not None:
        store = SQLTrackerStore(Domain.empty(), host=url)  # Rasa takes a whole URL as host
    else:
        store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))

    async def save_all() -> None:
        for sender, events in conversations.items():
            await store.save(DialogueStateTracker.from_events(sender, events))

    asyncio.run(save_all())
    store.engine.dispose()


def count_events(url: str) -> dict[str, int]:
    """Events per conversation, read straight from the table (not through the code tested)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT sender_id, count(*) FROM events GROUP BY sender_id"))
            return {sender: count for sender, count in rows}
    finally:
        engine.dispose()


@contextmanager
def scratch_database() -> Iterator[str]:
    """Yield the URL of a new, empty PostgreSQL database; drop it afterwards (or skip)."""
    import sqlalchemy as sa

    from genoptraening.ops.conversations import dispose_engines
    from genoptraening.ops.stores import temporary_database

    with ExitStack() as stack:
        try:
            url = stack.enter_context(temporary_database(PG_SERVER))
        except sa.exc.OperationalError:
            pytest.skip(PG_MISSING)
        try:
            yield url
        finally:
            dispose_engines()  # the code under test pools its connections

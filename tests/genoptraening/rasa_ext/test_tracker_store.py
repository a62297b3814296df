"""The lean SQL tracker store writes exactly what Rasa's writes, with fewer queries."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from genoptraening.rasa_ext.tracker_store import LeanSQLTrackerStore
from tests.genoptraening.ops.stores import scratch_database

DOMAIN = Domain.from_yaml("""
version: "3.1"
slots:
  municipality:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
""")


def turn(text: str, at: float, municipality: str | None = None) -> list[Any]:
    events: list[Any] = [UserUttered(text, intent={"name": "ask_cost", "confidence": 0.9},
                                     timestamp=at),
                         ActionExecuted("action_answer_topic", timestamp=at + 0.1)]
    if municipality:
        events.append(SlotSet("municipality", municipality, timestamp=at + 0.15))
    return events + [BotUttered(f"svar på {text}", timestamp=at + 0.2),
                     ActionExecuted("action_listen", timestamp=at + 0.3)]


def converse(store: SQLTrackerStore, sender: str) -> None:
    """Three messages, then a new session with one more, each turn read and saved again."""
    async def main() -> None:
        script = [turn("hej", 100.0), turn("jeg bor i Lejre", 200.0, "lejre"),
                  turn("hvad koster det?", 300.0),
                  [ActionExecuted("action_session_start", timestamp=400.0),
                   SessionStarted(timestamp=400.1), SlotSet("municipality", "lejre", 400.2),
                   ActionExecuted("action_listen", timestamp=400.3)] + turn("klage?", 401.0)]
        for events in script:
            tracker = await store.get_or_create_tracker(sender)
            for event in events:
                tracker.update(event)
            await store.save(tracker)

    asyncio.run(main())


def rows(engine: sa.engine.Engine) -> list[tuple]:
    with engine.connect() as connection:
        return list(connection.execute(sa.text(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
            "FROM events ORDER BY id")))


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[dict, dict]]:
    """Two empty databases of one kind: for Rasa's store and for the lean one."""
    if request.param == "sqlite":
        yield ({"dialect": "sqlite", "db": str(tmp_path / "rasa.db")},
               {"dialect": "sqlite", "db": str(tmp_path / "lean.db")})
        return
    with scratch_database() as first, scratch_database() as second:
        yield {"host": first}, {"host": second}


def test_writes_and_reads_exactly_what_rasas_store_does(databases: tuple[dict, dict]) -> None:
    plain = SQLTrackerStore(DOMAIN, **databases[0])
    lean = LeanSQLTrackerStore(domain=DOMAIN, **databases[1])
    converse(plain, "samtale")
    converse(lean, "samtale")
    lean_rows, plain_rows = rows(lean.engine), rows(plain.engine)
    # Row for row the same, but for the time Rasa stamps on a new conversation's first event.
    assert lean_rows[1:] == plain_rows[1:]
    assert [r[1] for r in lean_rows[:1]] == [r[1] for r in plain_rows[:1]] == ["action"]
    plain_tracker = asyncio.run(plain.retrieve("samtale"))
    lean_tracker = asyncio.run(lean.retrieve("samtale"))
    assert lean_tracker is not None and plain_tracker is not None
    assert lean_tracker.current_state() == plain_tracker.current_state()
    assert lean_tracker.get_slot("municipality") == "lejre"
    full = asyncio.run(lean.retrieve_full_tracker("samtale"))
    assert full is not None and len(full.events) == len(rows(lean.engine))
    plain.engine.dispose()
    lean.engine.dispose()


def test_a_retrieved_tracker_is_saved_without_counting(tmp_path: Path) -> None:
    lean = LeanSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    converse(lean, "samtale")
    statements: list[str] = []
    sa.event.listen(lean.engine, "before_cursor_execute",
                    lambda *args: statements.append(args[2].lower()))
    tracker = asyncio.run(lean.retrieve("samtale"))
    assert tracker is not None
    for event in turn("tak", 500.0):
        tracker.update(event)
    asyncio.run(lean.save(tracker))
    assert not any("count(" in statement for statement in statements)
    assert sum(statement.startswith("insert") for statement in statements) == 4
    assert [r[1] for r in rows(lean.engine)][-4:] == ["user", "action", "bot", "action"]


def test_a_tracker_from_elsewhere_is_counted_as_rasa_does(tmp_path: Path) -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    lean = LeanSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    converse(lean, "samtale")
    before = len(rows(lean.engine))
    stored = asyncio.run(lean.retrieve("samtale"))
    assert stored is not None
    copy = DialogueStateTracker.from_events("samtale", list(stored.events) + turn("tak", 500.0),
                                           DOMAIN.slots)
    asyncio.run(lean.save(copy))
    assert len(rows(lean.engine)) == before + 4  # only the new turn was added


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    converse(LeanSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path)), "samtale")
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"

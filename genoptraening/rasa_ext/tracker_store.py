"""Rasa's SQL tracker store, reading and writing the same table with less work per message.

The load profile (``make bench-load``, py-spy on the Rasa servers; see docs/benchmarks.md)
showed Rasa 3.6's ``SQLTrackerStore`` spending more time than NLU on every message:

1. Before saving, it counts the conversation's stored events with a query (a sub-query for
   the last session start, then ``COUNT``) to find which events are new. The tracker it
   saves was read from the same table moments before, under the conversation's lock, so the
   number is already known: here it is kept on the tracker when it is read (or created) and
   the query runs only for a tracker that came from elsewhere.
2. Reading a conversation loads every row as an ORM object, though only the ``data`` column
   is used: here only that column is selected.
3. SQLite (the embedded default) syncs to disk on every commit, twice a message. Here it runs
   in WAL mode with ``synchronous=NORMAL``: a crash of the application loses nothing, a power
   cut may lose the last moments of conversation, never the database. PostgreSQL is left as
   configured.

Same table, same rows, same events in the same order as Rasa's store; ``bot`` endpoints name
this class as the tracker store's ``type`` (see ``genoptraening.ops.stores``).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

#: The tracker attribute holding how many of its events are in the table.
_STORED = "_genoptraening_stored_events"


class LeanSQLTrackerStore(SQLTrackerStore):
    """Rasa's ``SQLTrackerStore`` without the count query and ORM rows (see module docs)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Create Rasa's store (same arguments); tune SQLite's journal."""
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            import sqlalchemy as sa

            self.engine.dispose()  # connections made while creating the table lack the pragmas
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        """Return a new tracker, none of whose events are in the table yet.

        Rasa's SQL store creates a tracker only when the table holds none for the sender.
        """
        tracker = super().init_tracker(sender_id)
        setattr(tracker, _STORED, 0)
        return tracker

    async def _retrieve(self, sender_id: str,
                        fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).with_entities(self.SQLEvent.data).all()
        events = [json.loads(data) for (data,) in rows]
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions:
            # What Rasa's count query would find: the events since the last session start.
            setattr(tracker, _STORED, len(events))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Any]:
        stored = getattr(tracker, _STORED, None)
        if stored is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the tracker's new events (Rasa's ``save``); remember they are stored."""
        await super().save(tracker)
        if getattr(tracker, _STORED, None) is not None:
            setattr(tracker, _STORED, len(tracker.events))


def _sqlite_pragmas(connection: Any, record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()

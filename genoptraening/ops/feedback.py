"""Citizens' thumbs up / down on answers, kept in a small SQLite file for staff review."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import NamedTuple

_SCHEMA = """
create table if not exists feedback (
    at real not null,
    session_id text not null,
    reply_id text not null,
    rating text not null check (rating in ('up', 'down'))
)
"""


class Rating(NamedTuple):
    """One thumbs up or down: when, in which conversation (Rasa's sender id), on which reply."""

    at: float
    session_id: str
    reply_id: str
    rating: str  # "up" or "down"


#: The web API's feedback file, inside ``settings.data_dir``.
FILE_NAME = "feedback.db"


class FeedbackStore:
    """Ratings, kept for the retention period (no message text: nothing a citizen wrote)."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=5)

    def add(self, session_id: str, reply_id: str, rating: str) -> None:
        """Record one rating ("up" or "down")."""
        with self._lock, self._connect() as db:
            db.execute("insert into feedback values (?, ?, ?, ?)",
                       (time.time(), session_id, reply_id, rating))

    def purge(self, before: float) -> int:
        """Delete the ratings given before ``before`` (Unix time); return how many."""
        with self._lock, self._connect() as db:
            return db.execute("delete from feedback where at < ?", (before,)).rowcount

    def ratings(self, since: float, until: float) -> list[Rating]:
        """Return the ratings given between ``since`` and ``until`` (Unix time), oldest first."""
        with self._connect() as db:
            rows = db.execute("select at, session_id, reply_id, rating from feedback "
                              "where at >= ? and at <= ? order by at", (since, until)).fetchall()
        return [Rating(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Return the number of ratings of each kind."""
        with self._connect() as db:
            rows = db.execute("select rating, count(*) from feedback group by rating").fetchall()
        return {rating: count for rating, count in rows}

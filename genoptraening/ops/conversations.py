"""Rasa's stored conversations, read and deleted alike on SQLite and on PostgreSQL.

Rasa's SQLTrackerStore keeps every conversation in one table, ``events`` (id, sender_id,
type_name, timestamp, intent_name, action_name, data as JSON text). :class:`ConversationStore`
is the staff tools' and the web API's one way to that table: the review reads it, a citizen's
request to be forgotten and the retention purge delete from it. Which database it is follows
the settings: ``database_url`` when set (PostgreSQL), else the SQLite file ``tracker_db``.

The store never creates the database or the table (Rasa does that when it starts); a database
without any table yet counts as empty. SQLAlchemy is imported only when a store is used.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from genoptraening.ops.stores import sqlalchemy_url

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine

    from genoptraening.settings import Settings

#: Conversations deleted per transaction by the purge, so that Rasa never waits long for a
#: lock (SQLite locks the whole file while writing).
PURGE_BATCH = 200
#: Seconds to wait for PostgreSQL to answer a connection before calling it unreachable.
CONNECT_TIMEOUT = 5
#: Engines kept at most (one per database URL; production has one).
MAX_ENGINES = 16

_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


class TrackerStoreMissing(Exception):
    """The tracker store's database does not exist or is not Rasa's (Danish message)."""


class TrackerStoreUnreachable(TrackerStoreMissing):
    """The tracker store's database cannot be reached or read right now (Danish message)."""


class EventRow(NamedTuple):
    """One row of Rasa's ``events`` table."""

    sender_id: str
    type_name: str
    timestamp: float | None
    intent_name: str | None
    action_name: str | None
    data: str | None


class Purged(NamedTuple):
    """What one purge deleted."""

    conversations: int
    events: int


class ConversationStore:
    """Rasa's tracker store (the ``events`` table) on SQLite or PostgreSQL.

    Every method raises :class:`TrackerStoreMissing` when the SQLite file does not exist or the
    database holds other tables but no ``events``, and :class:`TrackerStoreUnreachable` when
    the database cannot be reached.
    """

    def __init__(self, url: str, path: Path | None = None):
        """Open the store at an SQLAlchemy ``url`` (connections are made when used).

        Args:
            url: E.g. "postgresql://rasa:secret@db:5432/rasa" or "sqlite:////srv/tracker.db".
            path: The SQLite file, when it is one (checked to exist, never created).

        """
        self.url = sqlalchemy_url(url)
        self.path = path

    @classmethod
    def sqlite(cls, path: Path) -> ConversationStore:
        """Return the store in the SQLite file at ``path``."""
        path = path.resolve()
        return cls(f"sqlite:///{path}", path)

    @classmethod
    def from_settings(cls, settings: Settings) -> ConversationStore:
        """Return the store Rasa uses: ``database_url`` when set, else ``tracker_db``."""
        if settings.database_url:
            return cls(settings.database_url)
        return cls.sqlite(settings.tracker_db)

    @property
    def label(self) -> str:
        """Where the store is, for messages (never with the password)."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"ConversationStore({self.label!r})"

    def exists(self) -> bool:
        """Whether the store can be read (a database Rasa has not filled yet counts)."""
        try:
            with self._transaction() as connection:
                self._has_events(connection)
        except TrackerStoreMissing:
            return False
        return True

    def rows_since(self, since: float, replies: bool = False) -> list[EventRow]:
        """Return what the review reads of every conversation with a message since ``since``.

        That is the citizens' messages (``user``) and the municipality slot events, in the
        order they were stored, of each conversation with a message at or after ``since``
        (Unix time) — earlier rows included, as they tell the municipality. With ``replies``
        the assistant's replies (``bot``) too.
        """
        import sqlalchemy as sa

        events = _events_table()
        kinds = ("user", "bot") if replies else ("user",)
        active = (sa.select(events.c.sender_id)
                  .where(events.c.type_name == "user", events.c.timestamp >= since)
                  .distinct())
        query = (
            sa.select(events.c.sender_id, events.c.type_name, events.c.timestamp,
                      events.c.intent_name, events.c.action_name, events.c.data)
            .where(events.c.sender_id.in_(active),
                   sa.or_(events.c.type_name.in_(kinds),
                          sa.and_(events.c.type_name == "slot",
                                  events.c.action_name == "municipality")))
            .order_by(events.c.id)
        )
        with self._transaction() as connection:
            if not self._has_events(connection):
                return []
            return [EventRow(*row) for row in connection.execute(query)]

    def delete(self, sender_id: str) -> int:
        """Delete every event of one conversation; return how many were deleted."""
        events = _events_table()
        with self._transaction() as connection:
            if not self._has_events(connection):
                return 0
            return int(connection.execute(
                events.delete().where(events.c.sender_id == sender_id)).rowcount)

    def purge(self, older_than_days: float, now: float | None = None) -> Purged:
        """Delete every conversation whose last event is older than ``older_than_days``.

        Conversations go whole or not at all: one with an old start and a recent message is
        kept entirely, and each is checked again as it is deleted, in case the citizen wrote
        in the meantime.
        """
        import sqlalchemy as sa

        cutoff = (time.time() if now is None else now) - older_than_days * 86400
        events = _events_table()
        with self._transaction() as connection:
            if not self._has_events(connection):
                return Purged(0, 0)
            old = [row[0] for row in connection.execute(
                sa.select(events.c.sender_id).group_by(events.c.sender_id)
                .having(sa.func.max(events.c.timestamp) < cutoff))]
        recent = events.alias("recent")
        conversations = deleted = 0
        for start in range(0, len(old), PURGE_BATCH):
            with self._transaction() as connection:
                for sender_id in old[start:start + PURGE_BATCH]:
                    still_old = ~sa.exists().where(recent.c.sender_id == sender_id,
                                                   recent.c.timestamp >= cutoff)
                    count = int(connection.execute(events.delete().where(
                        events.c.sender_id == sender_id, still_old)).rowcount)
                    conversations += count > 0
                    deleted += count
        return Purged(conversations, deleted)

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """Yield a connection in a transaction; database failures become Danish exceptions."""
        import sqlalchemy.exc

        if self.path is not None and not self.path.is_file():
            raise TrackerStoreMissing(f"Samtaledatabasen {self.path} findes ikke.")
        try:
            with _engine(self.url).begin() as connection:
                yield connection
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError) as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
            raise TrackerStoreUnreachable(
                f"Kan ikke læse samtaledatabasen {self.label} ({reason}).") from exc

    def _has_events(self, connection: Connection) -> bool:
        """Whether the ``events`` table exists (False while the database has no table yet)."""
        import sqlalchemy as sa

        tables = sa.inspect(connection).get_table_names()
        if "events" in tables:
            return True
        if tables:
            raise TrackerStoreMissing(
                f"{self.label} er ikke en samtaledatabase fra Rasa (ingen events).")
        return False  # Rasa has not started on it yet


@lru_cache(maxsize=1)
def _events_table() -> sa.Table:
    """Rasa's ``events`` table (as in rasa.core.tracker_store.SQLTrackerStore.SQLEvent)."""
    import sqlalchemy as sa

    return sa.Table(
        "events", sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False, index=True),
        sa.Column("type_name", sa.String(255), nullable=False),
        sa.Column("timestamp", sa.Float),
        sa.Column("intent_name", sa.String(255)),
        sa.Column("action_name", sa.String(255)),
        sa.Column("data", sa.Text),
    )


def _engine(url: str) -> Engine:
    """Return the one engine of a database URL (made on first use, then kept)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            if len(_ENGINES) >= MAX_ENGINES:  # tests open many files; keep the newest
                _ENGINES.pop(next(iter(_ENGINES))).dispose()
            engine = _ENGINES[url] = _make_engine(url)
        return engine


def _make_engine(url: str) -> Engine:
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        uri = f"{Path(parsed.database or '').resolve().as_uri()}?mode=rw"

        def connect() -> sqlite3.Connection:
            # mode=rw: never create the file. Rasa may be writing at the same moment; wait
            # for its lock rather than fail.
            return sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)

        # No pool: a file is cheap to open, and no connection outlives its use.
        return sa.create_engine("sqlite://", creator=connect, poolclass=NullPool, future=True)
    return sa.create_engine(parsed, future=True, pool_pre_ping=True, pool_size=2,
                            max_overflow=2,
                            connect_args={"connect_timeout": CONNECT_TIMEOUT})


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines (at shutdown, and in tests)."""
    with _ENGINES_LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()

"""The staff console's tables, on SQLite (the default) or PostgreSQL (``database_url``).

Tables are created when first used (``CREATE TABLE IF NOT EXISTS``); their names begin with
``staff_`` so that they sit beside Rasa's ``events`` table in one PostgreSQL database.
SQLAlchemy is imported only when a database is opened.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from genoptraening.ops.stores import sqlalchemy_url

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine

    from genoptraening.settings import Settings

#: Seconds to wait for PostgreSQL to answer a connection before calling it unreachable.
CONNECT_TIMEOUT = 5


class ConsoleDatabaseError(Exception):
    """The console's database cannot be reached or written right now."""


@lru_cache(maxsize=1)
def tables() -> dict[str, sa.Table]:
    """Return the console's tables by short name (``users``, ``sessions``, …)."""
    import sqlalchemy as sa

    meta = sa.MetaData()
    return {
        "users": sa.Table(
            "staff_users", meta,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("username", sa.String(64), nullable=False, unique=True),
            sa.Column("role", sa.String(16), nullable=False),
            sa.Column("municipalities", sa.Text, nullable=False, default=""),  # slugs, commas
            sa.Column("password_hash", sa.Text, nullable=False),
            sa.Column("created_at", sa.Float, nullable=False),
            sa.Column("last_login", sa.Float),
        ),
        "sessions": sa.Table(
            "staff_sessions", meta,
            sa.Column("token_hash", sa.String(64), primary_key=True),
            sa.Column("user_id", sa.Integer, nullable=False, index=True),
            sa.Column("created_at", sa.Float, nullable=False),
            sa.Column("last_seen", sa.Float, nullable=False),
            sa.Column("csrf", sa.String(64), nullable=False),
            sa.Column("data", sa.Text, nullable=False, default="{}"),
        ),
        "failures": sa.Table(
            "staff_login_failures", meta,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("at", sa.Float, nullable=False, index=True),
            sa.Column("username", sa.String(64), nullable=False),
            sa.Column("ip", sa.String(64), nullable=False),
        ),
        "audit": sa.Table(
            "staff_audit", meta,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("at", sa.Float, nullable=False, index=True),
            sa.Column("actor", sa.String(64), nullable=False),
            sa.Column("action", sa.String(32), nullable=False),
            sa.Column("municipality", sa.String(64)),
            sa.Column("target", sa.String(255)),
            sa.Column("detail", sa.Text),
            sa.Column("ip", sa.String(64)),
        ),
        "history": sa.Table(
            "staff_topic_history", meta,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("slug", sa.String(64), nullable=False),
            sa.Column("law", sa.String(16), nullable=False),  # "" for the common topics
            sa.Column("topic", sa.String(32), nullable=False),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("at", sa.Float, nullable=False),
            sa.Column("author", sa.String(64), nullable=False),
            sa.Column("action", sa.String(16), nullable=False),  # "save" or "revert"
            sa.Column("before", sa.Text, nullable=False),  # the topic as JSON
            sa.Column("after", sa.Text, nullable=False),
            sa.Column("reverted_to", sa.Integer),
            sa.UniqueConstraint("slug", "law", "topic", "version",
                                name="staff_topic_history_version"),
        ),
        "examples": sa.Table(
            "staff_examples", meta,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("key", sa.String(64), nullable=False, unique=True),  # the folded text
            sa.Column("text", sa.Text, nullable=False),  # CPR-masked
            sa.Column("intent", sa.String(64), nullable=False),
            sa.Column("municipality", sa.String(64)),
            sa.Column("origin", sa.String(16), nullable=False),  # fallback, low or down
            sa.Column("asked_at", sa.Float),
            sa.Column("at", sa.Float, nullable=False),
            sa.Column("author", sa.String(64), nullable=False),
        ),
        "check_runs": sa.Table(
            "staff_check_runs", meta,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("started_at", sa.Float, nullable=False, index=True),
            sa.Column("finished_at", sa.Float),
            sa.Column("author", sa.String(64), nullable=False),
            sa.Column("status", sa.String(16), nullable=False),  # running, done or failed
            sa.Column("total", sa.Integer, nullable=False, default=0),
            sa.Column("done", sa.Integer, nullable=False, default=0),
            sa.Column("passed", sa.Integer, nullable=False, default=0),
            sa.Column("results", sa.Text, nullable=False, default="[]"),  # JSON
            sa.Column("error", sa.Text),
        ),
    }


class ConsoleDatabase:
    """The console's database: one engine, the tables made on first use."""

    def __init__(self, url: str):
        """Open the database at an SQLAlchemy URL (connections are made when used)."""
        self.url = sqlalchemy_url(url)
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> ConsoleDatabase:
        """Return the database of these settings: ``database_url``, else ``staff_db``."""
        if settings.database_url:
            return cls(settings.database_url)
        return cls.sqlite(settings.staff_db)

    @classmethod
    def sqlite(cls, path: Path) -> ConsoleDatabase:
        """Return the database in the SQLite file at ``path`` (made when missing)."""
        return cls(f"sqlite:///{path.resolve()}")

    @property
    def engine(self) -> Engine:
        """The engine, made (with the tables) on first use."""
        with self._lock:
            if self._engine is None:
                self._engine = _make_engine(self.url)
                try:
                    meta = next(iter(tables().values())).metadata
                    meta.create_all(self._engine, checkfirst=True)
                except Exception:
                    self._engine.dispose()
                    self._engine = None
                    raise
            return self._engine

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """Yield a connection in a transaction (committed at the end, rolled back on error).

        Raises:
            ConsoleDatabaseError: when the database cannot be reached.

        """
        import sqlalchemy.exc

        try:
            with self.engine.begin() as connection:
                yield connection
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError) as exc:
            raise ConsoleDatabaseError(str(exc.orig or exc).strip().splitlines()[0]) from exc

    def dispose(self) -> None:
        """Close the pooled connections."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None


def _make_engine(url: str) -> Engine:
    import sqlalchemy as sa
    from sqlalchemy import event

    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database or "").parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, future=True, connect_args={
            "timeout": 10, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _wal(connection: object, _record: object) -> None:
            cursor = connection.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            cursor.close()

        return engine
    return sa.create_engine(parsed, future=True, pool_pre_ping=True, pool_size=2,
                            max_overflow=4, connect_args={"connect_timeout": CONNECT_TIMEOUT})

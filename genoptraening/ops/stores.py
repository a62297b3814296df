"""Where Rasa keeps conversations and locks: its own stores, chosen by the environment.

Tracker store: a SQLite file by default (embedded, nothing to install); PostgreSQL when
``GENOPTRAENING_DATABASE_URL`` is set (Rasa's SQL tracker store, with fewer queries a
message in ``genoptraening.rasa_ext.tracker_store``). Lock store: in memory by default; Redis when
``GENOPTRAENING_REDIS_URL`` is set (Rasa's Redis lock store, its ticket updates made atomic
in ``genoptraening.rasa_ext.locks``). Several Rasa servers can serve the same conversations only
with both (Rasa's own scaling: a shared tracker store and a shared lock store).

The endpoints file Rasa reads is written from the settings. The database URL is not copied
into it: the file says ``url: ${GENOPTRAENING_DATABASE_URL}`` and Rasa expands it from its
environment, so the password stays out of files.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from genoptraening.settings import Settings

DATABASE_ENV = "GENOPTRAENING_DATABASE_URL"
#: Rasa's SQL tracker store with fewer queries a message
#: (see ``genoptraening.rasa_ext.tracker_store``).
TRACKER_STORE = "genoptraening.rasa_ext.tracker_store.LeanSQLTrackerStore"
#: Rasa's Redis lock store with atomic ticket updates (see ``genoptraening.rasa_ext.locks``).
LOCK_STORE = "genoptraening.rasa_ext.locks.AtomicRedisLockStore"


class StoreConfigError(ValueError):
    """A store URL that cannot be used; the message says why, in Danish."""


@dataclass(frozen=True)
class RedisTarget:
    """The parts of a ``redis://[:password@]host[:port][/db]`` URL Rasa's lock store takes."""

    host: str
    port: int
    db: int
    password: str | None

    @classmethod
    def parse(cls, url: str) -> RedisTarget:
        """Split a Redis URL.

        Raises:
            StoreConfigError: when it is not a ``redis://`` URL with a host.

        """
        parts = urlsplit(url)
        if parts.scheme not in ("redis", "rediss") or not parts.hostname:
            raise StoreConfigError(f"GENOPTRAENING_REDIS_URL skal have formen "
                                   f"redis://vært:6379/1, ikke »{parts.scheme}://…«.")
        try:
            port = parts.port or 6379
            db = int(parts.path.strip("/") or 1)
        except ValueError as exc:
            raise StoreConfigError("GENOPTRAENING_REDIS_URL har en ugyldig port eller "
                                   "databasenummer.") from exc
        return cls(parts.hostname, port, db, unquote(parts.password) if parts.password else None)


def sqlalchemy_url(url: str) -> str:
    """Return a database URL as SQLAlchemy spells it ("postgres://…" → "postgresql://…").

    "postgres://" is the spelling Heroku and others hand out; SQLAlchemy refuses it.
    """
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://"):]
    return url


def check_database_url(url: str) -> None:
    """Refuse database URLs Rasa's SQL tracker store cannot use here.

    Raises:
        StoreConfigError: for anything but a ``postgresql://`` URL with a host and a database.

    """
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgresql") or not parts.hostname or \
            not parts.path.strip("/"):
        raise StoreConfigError("GENOPTRAENING_DATABASE_URL skal have formen "
                               "postgresql://bruger:kode@vært:5432/database.")


def endpoints_yaml(settings: Settings, actions_url: str | None = None,
                   lock_key_prefix: str | None = None) -> str:
    """Return Rasa's endpoints file for these settings.

    Args:
        settings: The database and Redis URLs, the SQLite file, the action server.
        actions_url: The action server, if not ``settings.actions_url``.
        lock_key_prefix: Letters and digits put before Rasa's lock keys in Redis, so that
            assistants sharing one Redis (tests, benchmarks) do not share locks.

    Raises:
        StoreConfigError: when a URL cannot be used.

    """
    webhook = (actions_url or settings.actions_url).rstrip("/") + "/webhook"
    lines = ["# Written from the settings by genoptraening.ops.stores; edit the settings.",
             "action_endpoint:", f'  url: "{webhook}"', "", "tracker_store:",
             f"  type: {TRACKER_STORE}"]
    if settings.database_url:
        check_database_url(settings.database_url)
        lines += ["  dialect: postgresql", f"  url: ${{{DATABASE_ENV}}}"]
    else:
        lines += ["  dialect: sqlite", f"  db: {settings.tracker_db}"]
    lines += ["", "lock_store:"]
    if settings.redis_url:
        redis = RedisTarget.parse(settings.redis_url)
        lines += [f"  type: {LOCK_STORE}", f"  url: {redis.host}", f"  port: {redis.port}",
                  f"  db: {redis.db}"]
        if redis.password:
            lines.append(f"  password: {redis.password}")
        if lock_key_prefix:
            if not lock_key_prefix.isalnum():
                raise ValueError("a lock key prefix holds letters and digits only")
            lines.append(f"  key_prefix: {lock_key_prefix}")
    else:
        lines.append("  type: in_memory")
    return "\n".join(lines) + "\n"


def write_endpoints(path: Path, settings: Settings, actions_url: str | None = None,
                    lock_key_prefix: str | None = None) -> Path:
    """Write Rasa's endpoints file (readable by its owner only: it may hold a Redis password).

    Raises:
        StoreConfigError: when a URL cannot be used.

    """
    text = endpoints_yaml(settings, actions_url, lock_key_prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def shared_stores(settings: Settings) -> bool:
    """Tell whether several Rasa servers can share the conversations (PostgreSQL and Redis)."""
    return bool(settings.database_url and settings.redis_url)


@contextmanager
def temporary_database(server: str = "postgresql://postgres@127.0.0.1:5432") -> Iterator[str]:
    """Create an empty PostgreSQL database for a test or a benchmark; drop it afterwards.

    Args:
        server: The PostgreSQL server, as a URL without a database.

    Yields:
        The new database's URL.

    Raises:
        sqlalchemy.exc.OperationalError: when the server cannot be reached.

    """
    import sqlalchemy as sa

    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": 3})
    name = f"genoptraening_scratch_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield f"{server}/{name}"
    finally:
        try:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()

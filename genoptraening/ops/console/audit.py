"""The audit log: who logged in (or failed to), changed the knowledge or an account, and when.

Each change writes its entry in the same transaction as the change itself, so the log holds
exactly what happened. Entries carry no password and no citizen's text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from genoptraening.ops.console.db import ConsoleDatabase, tables

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

#: The actions logged (their Danish names are ``audit_actions`` in the console's texts).
ACTIONS = ("login", "login_failed", "login_limited", "logout", "topic_saved", "topic_reverted",
           "user_added", "user_changed", "user_removed", "password_changed", "forbidden",
           "standard_imported", "draft_approved", "draft_rejected", "draft_corrected",
           "example_marked", "example_removed", "checks_started")


@dataclass(frozen=True)
class Entry:
    """One line of the audit log."""

    at: float
    actor: str
    action: str
    municipality: str | None
    target: str | None
    detail: dict[str, Any]
    ip: str | None


def record(connection: Connection, at: float, actor: str, action: str, *,
           municipality: str | None = None, target: str | None = None,
           detail: dict[str, Any] | None = None, ip: str | None = None) -> None:
    """Add an entry inside the caller's transaction."""
    assert action in ACTIONS, action
    connection.execute(tables()["audit"].insert().values(
        at=at, actor=actor[:64], action=action, municipality=municipality,
        target=(target or None) and target[:255],
        detail=json.dumps(detail, ensure_ascii=False) if detail else None,
        ip=(ip or None) and ip[:64]))


def log(db: ConsoleDatabase, at: float, actor: str, action: str, **fields: Any) -> None:
    """Add an entry in a transaction of its own (e.g. a logout, a refused request)."""
    with db.begin() as connection:
        record(connection, at, actor, action, **fields)


def recent(db: ConsoleDatabase, limit: int = 200, actor: str | None = None) -> list[Entry]:
    """Return the newest entries first (only ``actor``'s when given)."""
    audit = tables()["audit"]
    query = audit.select().order_by(audit.c.id.desc()).limit(limit)
    if actor is not None:
        query = query.where(audit.c.actor == actor)
    with db.begin() as connection:
        rows = connection.execute(query).all()
    return [Entry(r.at, r.actor, r.action, r.municipality, r.target,
                  json.loads(r.detail) if r.detail else {}, r.ip) for r in rows]

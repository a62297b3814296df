"""Staff sessions: a random token in the browser's cookie, its hash and state in the database.

A session ends at logout, after ``idle`` seconds without use and after ``lifetime`` seconds
in any case. Each has its own CSRF token, which every form sends back. Only the token's
SHA-256 is stored, so a copy of the database does not log anyone in.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from genoptraening.ops.console.accounts import Accounts, User
from genoptraening.ops.console.db import ConsoleDatabase, tables

#: A session's last use is written at most this often (seconds), not on every request.
TOUCH_EVERY = 60.0


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens_match(given: str | None, expected: str | None) -> bool:
    """Compare two secret tokens in constant time (False when either is missing)."""
    if not given or not expected:
        return False
    return secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass
class Session:
    """A logged-in staff member's session."""

    token_hash: str
    user: User
    csrf: str
    created_at: float
    last_seen: float
    data: dict[str, Any] = field(default_factory=dict)  # the Test page's conversations

    def csrf_ok(self, given: str | None) -> bool:
        """Whether a form's CSRF token is this session's."""
        return tokens_match(given, self.csrf)


class Sessions:
    """The sessions in the console's database."""

    def __init__(self, db: ConsoleDatabase, accounts: Accounts, idle: float, lifetime: float,
                 clock: Callable[[], float] = time.time):
        """Keep sessions in ``db`` that last ``idle`` seconds unused, ``lifetime`` at most."""
        self.db = db
        self.accounts = accounts
        self.idle = idle
        self.lifetime = lifetime
        self.clock = clock

    def start(self, user: User) -> tuple[str, Session]:
        """Start a session for a user who just logged in; return the cookie's token with it."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        session = Session(_digest(token), user, secrets.token_urlsafe(32), now, now)
        sessions = tables()["sessions"]
        with self.db.begin() as connection:
            connection.execute(sessions.delete().where(  # the expired ones of everybody
                (sessions.c.last_seen < now - self.idle)
                | (sessions.c.created_at < now - self.lifetime)))
            connection.execute(sessions.insert().values(
                token_hash=session.token_hash, user_id=user.id, created_at=now, last_seen=now,
                csrf=session.csrf, data="{}"))
        return token, session

    def get(self, token: str | None) -> Session | None:
        """Return the live session of a cookie's token; None when unknown or expired."""
        if not token or len(token) > 128:
            return None
        sessions = tables()["sessions"]
        digest = _digest(token)
        now = self.clock()
        with self.db.begin() as connection:
            row = connection.execute(sessions.select().where(
                sessions.c.token_hash == digest)).first()
            if row is None:
                return None
            if row.last_seen < now - self.idle or row.created_at < now - self.lifetime:
                connection.execute(sessions.delete().where(sessions.c.token_hash == digest))
                return None
            if now - row.last_seen >= TOUCH_EVERY:
                connection.execute(sessions.update().where(sessions.c.token_hash == digest)
                                   .values(last_seen=now))
        user = self.accounts.get(int(row.user_id))
        if user is None:
            return None
        return Session(digest, user, str(row.csrf), float(row.created_at), now,
                       json.loads(row.data or "{}"))

    def save_data(self, session: Session) -> None:
        """Store the session's ``data`` (the Test page's conversations)."""
        sessions = tables()["sessions"]
        with self.db.begin() as connection:
            connection.execute(sessions.update().where(
                sessions.c.token_hash == session.token_hash).values(
                data=json.dumps(session.data, ensure_ascii=False)))

    def end(self, session: Session) -> None:
        """End a session (logout)."""
        sessions = tables()["sessions"]
        with self.db.begin() as connection:
            connection.execute(sessions.delete().where(
                sessions.c.token_hash == session.token_hash))

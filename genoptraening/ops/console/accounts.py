"""Staff accounts: roles, password rules, argon2 hashes, and logging in with a limit.

Roles: an administrator sees and edits every municipality and manages the accounts; an editor
edits the municipalities named on the account; a reader sees everything and changes nothing.
Passwords are kept as argon2id hashes (argon2-cffi); there is no default password anywhere.
Failed logins are counted in the database per account and per address, so that the limit
holds across every web API process.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, get_args

from genoptraening.ops.console import audit
from genoptraening.ops.console.db import ConsoleDatabase, tables
from genoptraening.ops.console.texts import ConsoleRefusal

if TYPE_CHECKING:
    from argon2 import PasswordHasher
    from sqlalchemy.engine import Connection

Role = Literal["admin", "editor", "reader"]
ROLES: tuple[str, ...] = get_args(Role)

#: Passwords shorter than this are refused (NIST SP 800-63B asks for at least 8; staff
#: accounts can change what citizens are told, so 12).
MIN_PASSWORD = 12
MAX_PASSWORD = 256
#: Failed logins allowed per account, and per client address, within ``FAILURE_WINDOW``.
MAX_FAILURES_ACCOUNT = 5
MAX_FAILURES_ADDRESS = 20
FAILURE_WINDOW = 15 * 60.0
_USERNAME = re.compile(r"^[a-z0-9æøå][a-z0-9æøå._@-]{1,63}$")
#: A few passwords people choose first; longer lists belong to a breach-list check.
_COMMON = frozenset({"password1234", "adgangskode1", "adgangskode12", "123456789012",
                     "qwertyuiopå", "sommer2024!!", "genoptraening", "genoptræning1"})


@dataclass(frozen=True)
class User:
    """A staff account (never with its password hash)."""

    id: int
    username: str
    role: str
    municipalities: tuple[str, ...]  # slugs; an editor's, empty for the other roles
    created_at: float
    last_login: float | None = None

    @property
    def is_admin(self) -> bool:
        """Whether the account manages accounts and edits every municipality."""
        return self.role == "admin"

    def can_edit(self, slug: str) -> bool:
        """Whether the account may change the knowledge of the municipality ``slug``."""
        return self.is_admin or (self.role == "editor" and slug in self.municipalities)


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    """Return the argon2id hasher with argon2-cffi's recommended parameters."""
    from argon2 import PasswordHasher

    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher().hash("ingen bruger har denne adgangskode")


def clean_username(name: str) -> str:
    """Return a username in its stored form (lowercase, trimmed).

    Raises:
        ConsoleRefusal: when it is not 2-64 letters, digits or ``. _ @ -``.

    """
    cleaned = name.strip().lower()
    if not _USERNAME.match(cleaned):
        raise ConsoleRefusal("username_invalid", field="username")
    return cleaned


def password_problem(password: str, username: str) -> str | None:
    """Return the key of the message saying why a password is refused, or None if it is fine."""
    if len(password) < MIN_PASSWORD:
        return "password_short"
    if len(password) > MAX_PASSWORD:
        return "password_long"
    if username and username.lower() in password.lower():
        return "password_username"
    if len(set(password)) < 5 or password.lower() in _COMMON:
        return "password_simple"
    return None


def check_role(role: str, municipalities: Iterable[str]) -> tuple[str, ...]:
    """Check a role with its municipalities; return the slugs, sorted and unique.

    Raises:
        ConsoleRefusal: for an unknown role, an editor without municipalities, or
            municipalities given for another role.

    """
    slugs = tuple(sorted(set(municipalities)))
    if role not in ROLES:
        raise ConsoleRefusal("role_unknown", field="role", role=role)
    if role == "editor" and not slugs:
        raise ConsoleRefusal("editor_needs_municipality", field="municipalities")
    if role != "editor" and slugs:
        raise ConsoleRefusal("municipalities_only_editor", field="municipalities")
    return slugs


def _user(row: object) -> User:
    mapping = row._mapping  # type: ignore[attr-defined]
    slugs = tuple(s for s in str(mapping["municipalities"] or "").split(",") if s)
    return User(int(mapping["id"]), str(mapping["username"]), str(mapping["role"]), slugs,
                float(mapping["created_at"]), mapping["last_login"])


class Accounts:
    """The staff accounts in the console's database."""

    def __init__(self, db: ConsoleDatabase, clock: Callable[[], float] = time.time):
        """Keep accounts in ``db``; ``clock`` gives the time (tests move it)."""
        self.db = db
        self.clock = clock

    def list(self) -> list[User]:
        """Return every account, by name."""
        users = tables()["users"]
        with self.db.begin() as connection:
            return [_user(r) for r in connection.execute(users.select().order_by(
                users.c.username))]

    def get(self, user_id: int) -> User | None:
        """Return the account with this id, if it exists."""
        users = tables()["users"]
        with self.db.begin() as connection:
            row = connection.execute(users.select().where(users.c.id == user_id)).first()
        return _user(row) if row else None

    def find(self, username: str) -> User | None:
        """Return the account with this name (any case), if it exists."""
        users = tables()["users"]
        with self.db.begin() as connection:
            row = connection.execute(users.select().where(
                users.c.username == username.strip().lower())).first()
        return _user(row) if row else None

    def add(self, username: str, role: str, municipalities: Iterable[str], password: str,
            actor: str, ip: str | None = None) -> User:
        """Create an account.

        Raises:
            ConsoleRefusal: for a taken or invalid name, a role problem or a weak password.

        """
        name = clean_username(username)
        slugs = check_role(role, municipalities)
        if (problem := password_problem(password, name)) is not None:
            raise ConsoleRefusal(problem, field="password", minimum=MIN_PASSWORD)
        users = tables()["users"]
        digest = hasher().hash(password)
        with self.db.begin() as connection:
            if connection.execute(users.select().where(users.c.username == name)).first():
                raise ConsoleRefusal("username_taken", field="username", username=name)
            connection.execute(users.insert().values(
                username=name, role=role, municipalities=",".join(slugs),
                password_hash=digest, created_at=self.clock()))
            audit.record(connection, self.clock(), actor, "user_added", target=name,
                         detail={"role": role, "municipalities": list(slugs)}, ip=ip)
        found = self.find(name)
        assert found is not None
        return found

    def update(self, username: str, role: str, municipalities: Iterable[str], actor: str,
               ip: str | None = None) -> User:
        """Change an account's role and municipalities.

        Raises:
            ConsoleRefusal: for an unknown account, a role problem, or the last administrator
                losing the role.

        """
        user = self._existing(username)
        slugs = check_role(role, municipalities)
        users = tables()["users"]
        with self.db.begin() as connection:
            if user.is_admin and role != "admin":
                self._keep_an_admin(connection, user)
            connection.execute(users.update().where(users.c.id == user.id).values(
                role=role, municipalities=",".join(slugs)))
            audit.record(connection, self.clock(), actor, "user_changed", target=user.username,
                         detail={"role": role, "municipalities": list(slugs)}, ip=ip)
        return self._existing(username)

    def set_password(self, username: str, password: str, actor: str,
                     ip: str | None = None) -> None:
        """Give an account a new password; its sessions end.

        Raises:
            ConsoleRefusal: for an unknown account or a weak password.

        """
        user = self._existing(username)
        if (problem := password_problem(password, user.username)) is not None:
            raise ConsoleRefusal(problem, field="password", minimum=MIN_PASSWORD)
        users, sessions = tables()["users"], tables()["sessions"]
        with self.db.begin() as connection:
            connection.execute(users.update().where(users.c.id == user.id).values(
                password_hash=hasher().hash(password)))
            connection.execute(sessions.delete().where(sessions.c.user_id == user.id))
            audit.record(connection, self.clock(), actor, "password_changed",
                         target=user.username, ip=ip)

    def remove(self, username: str, actor: str, ip: str | None = None) -> None:
        """Delete an account and end its sessions.

        Raises:
            ConsoleRefusal: for an unknown account, or the last administrator.

        """
        user = self._existing(username)
        users, sessions = tables()["users"], tables()["sessions"]
        with self.db.begin() as connection:
            if user.is_admin:
                self._keep_an_admin(connection, user)
            connection.execute(sessions.delete().where(sessions.c.user_id == user.id))
            connection.execute(users.delete().where(users.c.id == user.id))
            audit.record(connection, self.clock(), actor, "user_removed", target=user.username,
                         ip=ip)

    def authenticate(self, username: str, password: str, ip: str) -> User:
        """Check a login; record it (and a failure) in the audit log.

        Raises:
            ConsoleRefusal: ``login_limited`` when the account or the address has failed too
                often lately (the password is not even checked then), ``login_failed`` for a
                wrong name or password (the same message for both).

        """
        import sqlalchemy as sa
        from argon2.exceptions import InvalidHashError, VerificationError

        name = username.strip().lower()[:64]
        users, failures = tables()["users"], tables()["failures"]
        now = self.clock()
        with self.db.begin() as connection:
            recent = failures.c.at >= now - FAILURE_WINDOW
            by_account = connection.execute(sa.select(sa.func.count()).where(
                recent, failures.c.username == name)).scalar_one()
            by_address = connection.execute(sa.select(sa.func.count()).where(
                recent, failures.c.ip == ip)).scalar_one()
            limited = by_account >= MAX_FAILURES_ACCOUNT or by_address >= MAX_FAILURES_ADDRESS
            if limited:  # recorded, then refused once the transaction is committed
                audit.record(connection, now, name or "?", "login_limited", ip=ip)
            row = connection.execute(users.select().where(users.c.username == name)).first()
        if limited:
            raise ConsoleRefusal("login_limited", minutes=int(FAILURE_WINDOW // 60))
        stored = row._mapping["password_hash"] if row else _dummy_hash()  # same time either way
        try:
            hasher().verify(stored, password)
            ok = row is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            with self.db.begin() as connection:
                connection.execute(failures.insert().values(at=now, username=name, ip=ip))
                audit.record(connection, now, name or "?", "login_failed", ip=ip)
            raise ConsoleRefusal("login_failed")
        assert row is not None
        with self.db.begin() as connection:
            values: dict[str, object] = {"last_login": now}
            if hasher().check_needs_rehash(stored):
                values["password_hash"] = hasher().hash(password)
            connection.execute(users.update().where(users.c.id == row._mapping["id"])
                               .values(**values))
            connection.execute(failures.delete().where(failures.c.username == name))
            audit.record(connection, now, name, "login", ip=ip)
        return _user(row)

    def _existing(self, username: str) -> User:
        user = self.find(username)
        if user is None:
            raise ConsoleRefusal("user_unknown", field="username", username=username)
        return user

    def _keep_an_admin(self, connection: Connection, leaving: User) -> None:
        import sqlalchemy as sa

        users = tables()["users"]
        others = connection.execute(sa.select(sa.func.count()).where(
            users.c.role == "admin", users.c.id != leaving.id)).scalar_one()
        if not others:
            raise ConsoleRefusal("last_admin", username=leaving.username)

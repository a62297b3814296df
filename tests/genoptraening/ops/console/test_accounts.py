"""Accounts, sessions and the audit log on SQLite and, when it runs, PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from genoptraening.ops.console import audit
from genoptraening.ops.console.accounts import Accounts, password_problem
from genoptraening.ops.console.db import ConsoleDatabase, ConsoleDatabaseError
from genoptraening.ops.console.sessions import Sessions
from genoptraening.ops.console.texts import ConsoleRefusal
from tests.genoptraening.ops.stores import scratch_database

PASSWORD = "en lang og sikker adgangskode"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> Iterator[ConsoleDatabase]:
    if request.param == "sqlite":
        database = ConsoleDatabase.sqlite(tmp_path / "staff.db")
        yield database
        database.dispose()
        return
    with scratch_database() as url:
        database = ConsoleDatabase(url)
        yield database
        database.dispose()


@pytest.mark.parametrize("password, problem", [
    ("kort", "password_short"), ("x" * 300, "password_long"),
    ("anna-er-min-kode-123", "password_username"), ("aaaaaaaaaaaaaaaa", "password_simple"),
    ("password1234", "password_simple"), (PASSWORD, None)])
def test_password_rules(password, problem):
    assert password_problem(password, "anna") == problem


def test_roles_accounts_and_the_audit_log(db):
    clock = Clock()
    accounts = Accounts(db, clock)
    admin = accounts.add("Anna", "admin", [], PASSWORD, "kommandolinje")
    editor = accounts.add("lene", "editor", ["lejre"], PASSWORD, "anna")
    assert (admin.username, admin.is_admin) == ("anna", True)
    assert editor.can_edit("lejre") and not editor.can_edit("hjoerring")
    assert not accounts.add("rita", "reader", [], PASSWORD, "anna").can_edit("lejre")
    for role, towns, key in (("editor", [], "editor_needs_municipality"),
                             ("reader", ["lejre"], "municipalities_only_editor"),
                             ("boss", [], "role_unknown")):
        with pytest.raises(ConsoleRefusal) as refused:
            accounts.add("ny", role, towns, PASSWORD, "anna")
        assert refused.value.key == key
    with pytest.raises(ConsoleRefusal, match="sidste administrator"):
        accounts.remove("anna", "anna")
    accounts.update("lene", "editor", ["lejre", "rebild"], "anna")
    assert accounts.find("LENE").municipalities == ("lejre", "rebild")
    accounts.remove("rita", "anna")
    assert [u.username for u in accounts.list()] == ["anna", "lene"]
    assert [e.action for e in audit.recent(db)] == [
        "user_removed", "user_changed", "user_added", "user_added", "user_added"]
    assert "password" not in str(audit.recent(db))


def test_login_limit_per_account_expires(db):
    clock = Clock()
    accounts = Accounts(db, clock)
    accounts.add("lene", "editor", ["lejre"], PASSWORD, "test")
    for _ in range(5):
        with pytest.raises(ConsoleRefusal, match="Forkert"):
            accounts.authenticate("lene", "forkert forkert", "10.0.0.1")
    with pytest.raises(ConsoleRefusal, match="For mange"):
        accounts.authenticate("lene", PASSWORD, "10.0.0.2")
    clock.now += 15 * 60 + 1
    assert accounts.authenticate("lene", PASSWORD, "10.0.0.1").last_login is None
    assert accounts.find("lene").last_login == clock.now


def test_sessions_expire_when_idle_and_at_their_lifetime(db):
    clock = Clock()
    accounts = Accounts(db, clock)
    user = accounts.add("rita", "reader", [], PASSWORD, "test")
    sessions = Sessions(db, accounts, idle=1800, lifetime=3600, clock=clock)
    token, session = sessions.start(user)
    assert sessions.get(token).user == user and sessions.get("forkert") is None
    assert session.csrf_ok(session.csrf) and not session.csrf_ok("x")
    session.data["test"] = {"panels": []}
    sessions.save_data(session)
    assert sessions.get(token).data == {"test": {"panels": []}}
    for _ in range(3):  # used every 20 minutes: alive until the lifetime ends
        clock.now += 1200
        assert sessions.get(token) is not None
    clock.now += 1200
    assert sessions.get(token) is None
    token, _ = sessions.start(user)
    clock.now += 1801
    assert sessions.get(token) is None


def test_a_password_change_ends_the_sessions(db):
    accounts = Accounts(db)
    user = accounts.add("rita", "reader", [], PASSWORD, "test")
    sessions = Sessions(db, accounts, 1800, 3600)
    token, _ = sessions.start(user)
    accounts.set_password("rita", "et helt andet langt kodeord", "anna")
    assert sessions.get(token) is None
    assert accounts.authenticate("rita", "et helt andet langt kodeord", "::1").username == "rita"


def test_an_unreachable_database_is_a_console_error():
    with pytest.raises(ConsoleDatabaseError):
        Accounts(ConsoleDatabase("postgresql://postgres:x@127.0.0.1:1/x")).list()

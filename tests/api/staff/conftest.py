"""The staff console over the test client: a console database and a copy of the knowledge of
its own per test, and accounts of each role."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from genoptraening.api.deps import _knowledge

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.ops.console.accounts import Accounts
from genoptraening.ops.console.db import ConsoleDatabase
from genoptraening.settings import CHECKOUT, get_settings

PASSWORD = "en lang og sikker adgangskode"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_BASE = re.compile(r'name="base" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def base_of(html: str) -> str:
    found = _BASE.search(html)
    assert found, "no version in the page"
    return found.group(1)


@dataclass
class Staff:
    """The console under test: its client, database, accounts and knowledge folder."""

    client: TestClient
    db: ConsoleDatabase
    accounts: Accounts
    knowledge_dir: Path

    def login(self, username: str, password: str = PASSWORD) -> str:
        """Log in; return the session's CSRF token."""
        page = self.client.get("/staff/login")
        response = self.client.post("/staff/login", data={
            "username": username, "password": password, "csrf": csrf_of(page.text)},
            follow_redirects=False)
        assert response.status_code == 303, response.text
        return csrf_of(self.client.get("/staff/test").text)

    def logout(self) -> None:
        token = csrf_of(self.client.get("/staff/test").text)
        self.client.post("/staff/logout", data={"csrf": token})


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(CHECKOUT / "knowledge", folder)
    return folder


@pytest.fixture
def staff(client: TestClient, tmp_path: Path, knowledge_copy: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Staff]:
    """The console on SQLite in a folder of its own, with an admin, two editors, a reader."""
    settings = get_settings()
    monkeypatch.setattr(settings, "database_url", None)
    monkeypatch.setattr(settings, "staff_db", tmp_path / "staff.db")
    monkeypatch.setattr(settings, "knowledge_dir", knowledge_copy)
    kb = KnowledgeBase(knowledge_copy, reload_interval=0)
    client.app.dependency_overrides[_knowledge] = lambda: kb  # type: ignore[attr-defined]
    db = ConsoleDatabase.sqlite(tmp_path / "staff.db")
    accounts = Accounts(db)
    accounts.add("anna", "admin", [], PASSWORD, "test")
    accounts.add("lene", "editor", ["lejre"], PASSWORD, "test")
    accounts.add("hans", "editor", ["hjoerring", "rebild"], PASSWORD, "test")
    accounts.add("rita", "reader", [], PASSWORD, "test")
    yield Staff(client, db, accounts, knowledge_copy)
    db.dispose()

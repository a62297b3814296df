"""The admin routes on a PostgreSQL tracker store (``GENOPTRAENING_DATABASE_URL``): the same
review and deletion as on SQLite, and a Danish 503 when the database does not answer."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from genoptraening.settings import get_settings
from tests.genoptraening.ops.stores import count_events, save_conversations, scratch_database
from tests.genoptraening.staff.trackers import conversations

TOKEN = "en-lang-hemmelig-test-noegle"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NOW = time.time()


@pytest.fixture
def database() -> Iterator[str]:
    """A PostgreSQL database of its own, filled by Rasa with the review's conversations."""
    with scratch_database() as url:
        save_conversations(conversations(NOW), url=url)
        yield url


@pytest.fixture
def admin(client, monkeypatch, database, tmp_path):
    """The test client with an admin token, on the PostgreSQL store (no SQLite file at all)."""
    settings = get_settings()
    monkeypatch.setattr(settings, "admin_token", TOKEN)
    monkeypatch.setattr(settings, "database_url", database)
    monkeypatch.setattr(settings, "tracker_db", tmp_path / "none.db")
    return client


def test_review_reads_postgresql(admin):
    response = admin.get("/api/admin/review", headers=AUTH)
    assert response.status_code == 200
    data = response.json()
    assert (data["conversations"], data["messages"], data["understood"]) == (3, 9, 5)
    assert "010203" not in response.text


def test_delete_a_conversation_in_postgresql(admin, database):
    response = admin.delete("/api/admin/conversations/c-lejre", headers=AUTH)
    assert response.status_code == 204
    assert "c-lejre" not in count_events(database)
    assert admin.get("/api/admin/review", headers=AUTH).json()["conversations"] == 2
    again = admin.delete("/api/admin/conversations/c-lejre", headers=AUTH)
    assert again.status_code == 404
    assert again.json() == {"detail": "Samtalen findes ikke."}


def test_nothing_is_deleted_without_the_token(admin, database):
    response = admin.delete("/api/admin/conversations/c-lejre",
                            headers={"Authorization": "Bearer x"})
    assert response.status_code == 401
    assert "c-lejre" in count_events(database)


def test_unreachable_database_503_in_danish(client, monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "admin_token", TOKEN)
    monkeypatch.setattr(settings, "database_url", "postgresql://postgres:hemmelig@127.0.0.1:1/x")
    for response in (client.get("/api/admin/review", headers=AUTH),
                     client.delete("/api/admin/conversations/c-lejre", headers=AUTH)):
        assert response.status_code == 503
        assert response.json() == {
            "detail": "Kan ikke nå samtalerne lige nu. Databasen svarer ikke. Prøv igen om lidt."}

"""The conversation store on both backends Rasa writes: an SQLite file and PostgreSQL.

Every store is filled by Rasa's own SQLTrackerStore with real trackers; the review, the
deletion and the purge must behave the same on both.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from genoptraening.ops.conversations import (
    ConversationStore,
    Purged,
    TrackerStoreMissing,
    TrackerStoreUnreachable,
)
from genoptraening.ops.review import load_review
from genoptraening.settings import Settings
from tests.genoptraening.ops.stores import (
    count_events,
    retention_conversations,
    save_conversations,
    scratch_database,
)
from tests.genoptraening.staff.trackers import conversations as review_conversations

NOW = time.time()
#: Nothing listens on port 1.
UNREACHABLE = "postgresql://postgres:hemmelig@127.0.0.1:1/rasa"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(kind, SQLAlchemy URL) of an empty database of each kind (no table yet)."""
    if request.param == "sqlite":
        path = tmp_path / "tracker.db"
        sqlite3.connect(path).close()
        yield "sqlite", f"sqlite:///{path}"
    else:
        with scratch_database() as url:
            yield "postgresql", url


def store_of(backend: tuple[str, str]) -> ConversationStore:
    kind, url = backend
    return ConversationStore.sqlite(Path(url.removeprefix("sqlite:///"))) if kind == "sqlite" \
        else ConversationStore(url)


def fill(backend: tuple[str, str], conversations: dict) -> ConversationStore:
    kind, url = backend
    if kind == "sqlite":
        save_conversations(conversations, path=Path(url.removeprefix("sqlite:///")))
    else:
        save_conversations(conversations, url=url)
    return store_of(backend)


def test_purge_deletes_old_conversations_whole_and_keeps_recent_ones(backend):
    store = fill(backend, retention_conversations(NOW))
    before = count_events(backend[1])
    purged = store.purge(30, now=NOW)
    assert purged == Purged(conversations=2, events=before["old"] + before["older"])
    # What is left is untouched: the ongoing conversation keeps its 40-day-old start.
    assert count_events(backend[1]) == {"recent": before["recent"], "ongoing": before["ongoing"]}
    assert store.purge(30, now=NOW) == Purged(0, 0)


def test_purge_keeps_a_conversation_with_an_old_start_and_a_recent_message(backend):
    store = fill(backend, retention_conversations(NOW))
    store.purge(3, now=NOW)
    assert set(count_events(backend[1])) == {"recent", "ongoing"}
    store.purge(1, now=NOW)  # the ongoing one's last message is 2 days old
    assert set(count_events(backend[1])) == {"recent"}


def test_delete_one_conversation(backend):
    store = fill(backend, retention_conversations(NOW))
    before = count_events(backend[1])
    assert store.delete("ongoing") == before["ongoing"]
    assert store.delete("ongoing") == 0
    assert store.delete("nobody") == 0
    assert set(count_events(backend[1])) == {"recent", "old", "older"}


def test_rows_since_reads_user_messages_of_active_conversations(backend):
    store = fill(backend, retention_conversations(NOW))
    rows = store.rows_since(NOW - 3 * 86400)
    # Active: recent and ongoing; the ongoing one with its old first message too.
    assert [(r.sender_id, r.type_name) for r in rows] == [
        ("recent", "user"), ("ongoing", "user"), ("ongoing", "user")]
    assert json.loads(rows[1].data or "{}")["text"] == "første besked"


def test_review_reads_the_same_figures_from_either_backend(backend):
    store = fill(backend, review_conversations(NOW))
    review = load_review(store, now=NOW)
    assert (review.conversations, len(review.messages), review.understood) == (3, 9, 5)
    assert [m.text for m in review.fallbacks] == [
        "og hvad med Rebild?", "blablub [CPR]", "BLABLUB [CPR]"]


def test_a_database_rasa_has_not_filled_yet_is_empty(backend):
    store = store_of(backend)
    assert store.exists()
    assert store.rows_since(0) == []
    assert store.delete("x") == 0
    assert store.purge(30) == Purged(0, 0)


def test_a_foreign_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    store = ConversationStore.sqlite(other)
    with pytest.raises(TrackerStoreMissing, match="ikke en samtaledatabase fra Rasa"):
        store.rows_since(0)
    assert not store.exists()


def test_a_missing_sqlite_file_is_missing_and_not_created(tmp_path):
    store = ConversationStore.sqlite(tmp_path / "none.db")
    for call in (lambda: store.rows_since(0), lambda: store.delete("x"),
                 lambda: store.purge(30)):
        with pytest.raises(TrackerStoreMissing, match="findes ikke") as caught:
            call()
        assert not isinstance(caught.value, TrackerStoreUnreachable)
    assert not store.exists()
    assert not (tmp_path / "none.db").exists()


def test_an_unreachable_database_says_so_without_the_password():
    store = ConversationStore(UNREACHABLE)
    with pytest.raises(TrackerStoreUnreachable) as caught:
        store.purge(30)
    message = str(caught.value)
    assert message.startswith("Kan ikke læse samtaledatabasen postgresql://postgres:***@")
    assert "hemmelig" not in message and "hemmelig" not in repr(store)
    assert not store.exists()


def test_the_store_follows_the_settings(tmp_path):
    sqlite_store = ConversationStore.from_settings(
        Settings(tracker_db=tmp_path / "t.db", database_url=None))
    assert sqlite_store.path == (tmp_path / "t.db").resolve()
    pg = ConversationStore.from_settings(
        Settings(tracker_db=tmp_path / "t.db", database_url="postgres://u@db:5432/rasa"))
    assert pg.path is None
    assert pg.url == "postgresql://u@db:5432/rasa"  # SQLAlchemy knows no "postgres://"


def test_engines_are_made_once_per_database(tmp_path):
    from genoptraening.ops.conversations import _engine

    path = tmp_path / "tracker.db"
    save_conversations(retention_conversations(NOW), path=path)
    first, second = ConversationStore.sqlite(path), ConversationStore.sqlite(path)
    first.rows_since(0)
    second.delete("old")
    assert _engine(first.url) is _engine(second.url)

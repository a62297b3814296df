"""``genoptraening purge``: deletes old conversations (SQLite or PostgreSQL) and ratings."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from genoptraening.ops.feedback import FILE_NAME, FeedbackStore
from tests.conftest import CLI
from tests.genoptraening.ops.stores import (
    DAY,
    count_events,
    retention_conversations,
    save_conversations,
    scratch_database,
)

NOW = time.time()


def purge(*args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENOPTRAENING_")}
    env.update({f"GENOPTRAENING_{k.upper()}": v for k, v in settings.items()})
    return subprocess.run([str(CLI), "purge", *args], capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with one recent and two 40-day-old ratings."""
    store = FeedbackStore(tmp_path / "data" / FILE_NAME)
    store.add("s1", "r1", "up")
    with sqlite3.connect(store.path) as db:
        db.executemany("insert into feedback values (?, 's2', 'r', 'down')",
                       [(NOW - 40 * DAY,), (NOW - 41 * DAY,)])
    return store.path.parent


def test_purge_by_the_retention_period_in_danish(tmp_path, data_dir):
    tracker_db = tmp_path / "tracker.db"
    save_conversations(retention_conversations(NOW), path=tracker_db)
    before = count_events(f"sqlite:///{tracker_db}")
    result = purge(tracker_db=str(tracker_db), data_dir=str(data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    events = before["old"] + before["older"]
    assert result.stdout.splitlines() == [
        f"Slettede 2 samtaler ({events} hændelser), hvor den seneste besked var ældre end "
        "30 dage.",
        "Slettede 2 bedømmelser (tommel op/ned) ældre end 30 dage.",
    ]
    assert set(count_events(f"sqlite:///{tracker_db}")) == {"recent", "ongoing"}
    assert FeedbackStore(data_dir / FILE_NAME).counts() == {"up": 1}


def test_days_from_the_option_or_the_settings(tmp_path, data_dir):
    tracker_db = tmp_path / "tracker.db"
    save_conversations(retention_conversations(NOW), path=tracker_db)
    # The option wins over the setting.
    result = purge("--days", "50", tracker_db=str(tracker_db), data_dir=str(data_dir),
                   retention_days="1.5")
    assert "Slettede 1 samtale (" in result.stdout and "ældre end 50 dage" in result.stdout
    assert set(count_events(f"sqlite:///{tracker_db}")) == {"recent", "old", "ongoing"}
    result = purge(tracker_db=str(tracker_db), data_dir=str(data_dir), retention_days="1.5")
    assert result.returncode == 0
    assert "Slettede 2 samtaler (" in result.stdout and "ældre end 1,5 dage" in result.stdout
    assert set(count_events(f"sqlite:///{tracker_db}")) == {"recent"}


def test_purge_in_postgresql(tmp_path):
    with scratch_database() as url:
        save_conversations(retention_conversations(NOW), url=url)
        result = purge("--days", "30", database_url=url, data_dir=str(tmp_path))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Slettede 2 samtaler (" in result.stdout
        assert "Slettede 0 bedømmelser" in result.stdout
        assert set(count_events(url)) == {"recent", "ongoing"}


def test_unreachable_or_missing_store_exit_1_in_danish(tmp_path, data_dir):
    result = purge(database_url="postgresql://postgres:hemmelig@127.0.0.1:1/rasa",
                   data_dir=str(data_dir))
    assert result.returncode == 1
    assert "Kan ikke læse samtaledatabasen postgresql://postgres:***@127.0.0.1:1/rasa" in (
        result.stdout)
    assert "GENOPTRAENING_DATABASE_URL" in result.stdout and "hemmelig" not in result.stdout
    # The ratings are purged all the same.
    assert "Slettede 2 bedømmelser" in result.stdout
    result = purge(tracker_db=str(tmp_path / "none.db"), data_dir=str(data_dir))
    assert result.returncode == 1
    assert "findes ikke. Start assistenten (make run) først." in result.stdout
    assert not (tmp_path / "none.db").exists()


def test_refuses_a_bad_number_of_days():
    result = purge("--days", "0")
    assert result.returncode == 2
    assert "skal være større end 0" in result.stderr

"""Retention: old conversations and ratings deleted by hand and on the web API's schedule."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from genoptraening.ops import retention
from genoptraening.ops.feedback import FILE_NAME, FeedbackStore
from genoptraening.settings import Settings, get_settings
from tests.genoptraening.ops.stores import (
    DAY,
    count_events,
    retention_conversations,
    save_conversations,
)

NOW = time.time()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with an SQLite tracker store and a feedback file, both with old and new data."""
    tracker_db = tmp_path / "tracker.db"
    save_conversations(retention_conversations(NOW), path=tracker_db)
    feedback = FeedbackStore(tmp_path / "data" / FILE_NAME)
    feedback.add("s-new", "r1", "up")
    with sqlite3.connect(feedback.path) as db:
        db.execute("insert into feedback values (?, 's-old', 'r2', 'down')", (NOW - 40 * DAY,))
    return Settings(tracker_db=tracker_db, database_url=None, data_dir=tmp_path / "data",
                    retention_days=30, purge_interval=0.05)


def senders(settings: Settings) -> set[str]:
    return set(count_events(f"sqlite:///{settings.tracker_db}"))


def test_purge_conversations_by_the_retention_period(settings):
    purged = retention.purge_conversations(settings, 30, now=NOW)
    assert (purged.conversations, senders(settings)) == (2, {"recent", "ongoing"})


def test_purge_feedback_keeps_recent_ratings(settings):
    assert retention.purge_feedback(settings, 30, now=NOW) == 1
    assert FeedbackStore(settings.data_dir / FILE_NAME).counts() == {"up": 1}
    assert retention.purge_feedback(settings, 30, now=NOW) == 0


def test_purge_feedback_does_not_create_a_missing_file(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    assert retention.purge_feedback(settings, 30) == 0
    assert not (tmp_path / "data").exists()


def test_scheduled_purge_runs_logs_counts_and_stops(settings, caplog):
    caplog.set_level(logging.INFO, logger="genoptraening.ops.retention")
    before = count_events(f"sqlite:///{settings.tracker_db}")

    async def run() -> asyncio.Task[None]:
        task = retention.start_schedule(settings, first_delay=0)
        assert task is not None
        for _ in range(200):
            await asyncio.sleep(0.05)
            if senders(settings) == {"recent", "ongoing"}:
                break
        await retention.stop_schedule(task)
        return task

    task = asyncio.run(run())
    assert task.cancelled()
    assert senders(settings) == {"recent", "ongoing"}
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    events = before["old"] + before["older"]
    assert f"Retention: deleted 2 conversations ({events} events) older than 30 days" in messages
    assert "Retention: deleted 1 feedback ratings older than 30 days" in messages
    assert not any("besked" in m for m in messages)  # never what citizens wrote


def test_scheduled_purge_survives_errors(settings, caplog, tmp_path):
    broken = settings.copy(update={"tracker_db": tmp_path / "none.db"})

    async def run() -> None:
        task = retention.start_schedule(broken, first_delay=0)
        for _ in range(200):
            await asyncio.sleep(0.05)
            if len([r for r in caplog.records if "not purged" in r.getMessage()]) >= 2:
                break
        assert task is not None and not task.done()  # still going after two failures
        await retention.stop_schedule(task)

    asyncio.run(run())
    failures = [r for r in caplog.records if "not purged" in r.getMessage()]
    assert len(failures) >= 2 and failures[0].levelno == logging.WARNING
    assert "findes ikke" in failures[0].getMessage()


def test_no_schedule_when_the_interval_is_zero(settings):
    assert retention.start_schedule(settings.copy(update={"purge_interval": 0})) is None


def test_the_web_api_purges_while_it_runs_and_stops_on_shutdown(settings, monkeypatch):
    from genoptraening.api.main import app

    live = get_settings()
    for name in ("tracker_db", "database_url", "data_dir", "purge_interval"):
        monkeypatch.setattr(live, name, getattr(settings, name))
    monkeypatch.setattr(retention, "FIRST_DELAY", 0.0)
    started: list[asyncio.Task[None] | None] = []
    start = retention.start_schedule

    def recording_start(settings: Settings, first_delay: float | None = None):
        started.append(start(settings, first_delay))
        return started[-1]

    monkeypatch.setattr(retention, "start_schedule", recording_start)
    with TestClient(app) as client:
        for _ in range(200):
            if senders(settings) == {"recent", "ongoing"}:
                break
            time.sleep(0.05)
        assert client.get("/health").status_code == 200  # requests are answered meanwhile
    assert senders(settings) == {"recent", "ongoing"}
    task = started[0]
    assert task is not None and task.cancelled()

"""Answer checks run from the staff console (Svartjek): runs kept, compared with the last one.

A run puts every case of the answer check files (``tests/answers/*.yml``, the format of
``genoptraening check``: ``genoptraening.ops.answer_checks``) to the running assistant through
the staff tools' client, one case after the other, in a thread of its own: a run takes a minute
or two, longer than a request should wait. Each case's result is written to the console's
database (``staff_check_runs``) as it comes, so the status page (and every API process) shows
the progress; one run at a time. A run still "running" after ``STALE_AFTER`` seconds was cut
off (the server stopped) and counts as failed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from genoptraening.ops.answer_checks import Case, CaseResult, run_case
from genoptraening.ops.assistant import AssistantClient
from genoptraening.ops.console import audit
from genoptraening.ops.console.accounts import User
from genoptraening.ops.console.db import ConsoleDatabase, tables
from genoptraening.ops.console.texts import ConsoleRefusal, text

#: Seconds after which a run that is still "running" is taken to have been cut off.
STALE_AFTER = 1800.0
#: Characters of the answer kept per failed case.
ANSWER_KEPT = 2000


@dataclass(frozen=True)
class Run:
    """One run of the answer checks."""

    id: int
    started_at: float
    finished_at: float | None
    author: str
    status: str  # "running", "done" or "failed"
    total: int
    done: int
    passed: int
    results: list[dict[str, Any]]
    error: str | None

    @property
    def failed(self) -> int:
        """Cases that failed so far."""
        return self.done - self.passed


@dataclass(frozen=True)
class Change:
    """A case whose result differs from the previous run's."""

    key: str
    name: str
    file: str
    change: str  # "broke", "fixed", "new" or "gone"


def result_of(result: CaseResult) -> dict[str, Any]:
    """Return a case's result as the run keeps it."""
    case = result.case
    return {"key": f"{case.file.name}::{case.name}", "file": case.file.name, "name": case.name,
            "municipality": case.municipality, "questions": list(case.questions),
            "passed": result.passed, "missing": result.missing, "forbidden": result.forbidden,
            "error": result.error, "intent": result.intent,
            "confidence": round(result.confidence, 3),
            "answer": "" if result.passed else "\n".join(result.replies)[:ANSWER_KEPT]}


def changes(previous: Run | None, current: Run) -> list[Change]:
    """Return what changed since the previous run: cases broken, fixed, new and gone."""
    if previous is None:
        return []
    before = {r["key"]: r for r in previous.results}
    now = {r["key"]: r for r in current.results}
    out = []
    for key, result in now.items():
        old = before.get(key)
        if old is None:
            out.append(Change(key, result["name"], result["file"], "new"))
        elif old["passed"] and not result["passed"]:
            out.append(Change(key, result["name"], result["file"], "broke"))
        elif not old["passed"] and result["passed"]:
            out.append(Change(key, result["name"], result["file"], "fixed"))
    if current.status == "done":
        out += [Change(key, r["name"], r["file"], "gone") for key, r in before.items()
                if key not in now]
    order = {"broke": 0, "fixed": 1, "new": 2, "gone": 3}
    return sorted(out, key=lambda c: (order[c.change], c.file, c.name))


class CheckRuns:
    """The runs of the answer checks in the console's database."""

    def __init__(self, db: ConsoleDatabase, clock: Callable[[], float] = time.time):
        """Keep the runs in ``db``."""
        self.db = db
        self.clock = clock
        self._lock = threading.Lock()

    def start(self, user: User, total: int, ip: str | None = None) -> int:
        """Record a new run of ``total`` cases; return its id.

        Raises:
            ConsoleRefusal: ``forbidden`` for a reader, ``checks_running`` while another runs.

        """
        if user.role not in ("admin", "editor"):
            raise ConsoleRefusal("forbidden")
        runs = tables()["check_runs"]
        now = self.clock()
        with self._lock, self.db.begin() as connection:
            connection.execute(runs.update().where(
                runs.c.status == "running", runs.c.started_at < now - STALE_AFTER).values(
                status="failed", finished_at=now, error=text("checks_lost")))
            running = connection.execute(runs.select().where(runs.c.status == "running")
                                         ).first()
            if running is not None:
                raise ConsoleRefusal("checks_running", author=running.author)
            run_id = int(connection.execute(runs.insert().values(
                started_at=now, author=user.username, status="running", total=total, done=0,
                passed=0, results="[]")).inserted_primary_key[0])
            audit.record(connection, now, user.username, "checks_started",
                         target=f"#{run_id}", detail={"cases": total}, ip=ip)
        return run_id

    def add(self, run_id: int, result: dict[str, Any]) -> None:
        """Add one case's result to a run."""
        runs = tables()["check_runs"]
        with self.db.begin() as connection:
            row = connection.execute(runs.select().where(runs.c.id == run_id)).one()
            results = [*json.loads(row.results), result]
            connection.execute(runs.update().where(runs.c.id == run_id).values(
                results=json.dumps(results, ensure_ascii=False), done=row.done + 1,
                passed=row.passed + bool(result["passed"])))

    def finish(self, run_id: int, error: str | None = None) -> None:
        """Mark a run done (or failed, with a message)."""
        runs = tables()["check_runs"]
        with self.db.begin() as connection:
            connection.execute(runs.update().where(runs.c.id == run_id).values(
                status="failed" if error else "done", finished_at=self.clock(), error=error))

    def get(self, run_id: int) -> Run | None:
        """Return a run, or None."""
        runs = tables()["check_runs"]
        with self.db.begin() as connection:
            row = connection.execute(runs.select().where(runs.c.id == run_id)).one_or_none()
        return None if row is None else self._run(row)

    def recent(self, limit: int = 10) -> list[Run]:
        """Return the latest runs, the newest first."""
        runs = tables()["check_runs"]
        with self.db.begin() as connection:
            rows = connection.execute(runs.select().order_by(runs.c.id.desc()).limit(limit)
                                      ).all()
        return [self._run(row) for row in rows]

    def previous(self, run: Run) -> Run | None:
        """Return the last finished run before ``run``."""
        runs = tables()["check_runs"]
        with self.db.begin() as connection:
            row = connection.execute(runs.select().where(
                runs.c.id < run.id, runs.c.status == "done").order_by(runs.c.id.desc())
                .limit(1)).one_or_none()
        return None if row is None else self._run(row)

    def _run(self, row: Any) -> Run:
        status, error = row.status, row.error
        if status == "running" and row.started_at < self.clock() - STALE_AFTER:
            status, error = "failed", text("checks_lost")
        return Run(row.id, row.started_at, row.finished_at, row.author, status, row.total,
                   row.done, row.passed, json.loads(row.results), error)


def run_checks(runs: CheckRuns, run_id: int, cases: Sequence[Case],
               client: Callable[[], AssistantClient]) -> None:
    """Put every case to the assistant and record each result (the run's thread)."""
    try:
        assistant = client()
    except Exception as exc:  # noqa: BLE001 - the run must end, whatever went wrong
        runs.finish(run_id, str(exc) or type(exc).__name__)
        return
    try:
        for case in cases:
            runs.add(run_id, result_of(run_case(assistant, case)))
    except Exception as exc:  # noqa: BLE001
        runs.finish(run_id, str(exc) or type(exc).__name__)
    else:
        runs.finish(run_id)
    finally:
        assistant.close()


def start_thread(runs: CheckRuns, run_id: int, cases: Sequence[Case],
                 client: Callable[[], AssistantClient]) -> threading.Thread:
    """Run the checks in a daemon thread; return it (the request does not wait)."""
    thread = threading.Thread(target=run_checks, args=(runs, run_id, list(cases), client),
                              name=f"svartjek-{run_id}", daemon=True)
    thread.start()
    return thread

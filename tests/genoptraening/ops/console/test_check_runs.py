"""Answer-check runs in the console's database: one at a time, results added as they come,
a run cut off counted as failed, and what changed since the run before."""

from __future__ import annotations

import pytest

from genoptraening.ops.console.accounts import Accounts
from genoptraening.ops.console.check_runs import STALE_AFTER, CheckRuns, changes
from genoptraening.ops.console.db import ConsoleDatabase
from genoptraening.ops.console.texts import ConsoleRefusal

PASSWORD = "en lang og sikker adgangskode"


def _result(name: str, passed: bool) -> dict:
    return {"key": f"a.yml::{name}", "file": "a.yml", "name": name, "passed": passed}


@pytest.fixture
def runs(tmp_path):
    db = ConsoleDatabase.sqlite(tmp_path / "staff.db")
    accounts = Accounts(db)
    now = [1000.0]
    runs = CheckRuns(db, clock=lambda: now[0])
    runs.now = now  # type: ignore[attr-defined]
    runs.users = {r: accounts.add(r[:4] + "x", r, ["lejre"] if r == "editor" else [],  # type: ignore[attr-defined]
                                  PASSWORD, "t") for r in ("admin", "editor", "reader")}
    yield runs
    db.dispose()


def test_runs_are_one_at_a_time_and_compared(runs):
    with pytest.raises(ConsoleRefusal):
        runs.start(runs.users["reader"], 2)
    first = runs.start(runs.users["editor"], 2)
    with pytest.raises(ConsoleRefusal, match="kører allerede"):
        runs.start(runs.users["admin"], 2)
    for name, passed in (("pris", True), ("telefon", False)):
        runs.add(first, _result(name, passed))
    runs.finish(first)
    second = runs.start(runs.users["admin"], 2)
    for name, passed in (("pris", False), ("ny", True)):
        runs.add(second, _result(name, passed))
    run = runs.get(second)
    assert (run.done, run.passed, run.failed) == (2, 1, 1)
    found = changes(runs.previous(run), run)
    assert [(c.name, c.change) for c in found] == [("pris", "broke"), ("ny", "new")]
    runs.finish(second)
    found = changes(runs.previous(run), runs.get(second))
    assert ("telefon", "gone") in [(c.name, c.change) for c in found]


def test_a_run_cut_off_counts_as_failed_and_another_may_start(runs):
    run_id = runs.start(runs.users["admin"], 3)
    runs.now[0] += STALE_AFTER + 1
    assert runs.get(run_id).status == "failed"
    assert runs.start(runs.users["admin"], 3) != run_id

"""The Svartjek pages over HTTP: a run started by an editor (not a reader), its progress and
results kept, and what changed since the run before."""

from __future__ import annotations

from pathlib import Path

import pytest
from genoptraening.api.routes.staff import checks

from genoptraening.ops.assistant import StaffTurn
from genoptraening.ops.console.check_runs import run_checks
from genoptraening.settings import get_settings

CASES = """\
- navn: Pris i Lejre
  kommune: Lejre
  spørgsmål: ["hvad koster det?"]
  skal_indeholde: ["41 kr."]
- navn: Telefon i Lejre
  kommune: Lejre
  spørgsmål: ["hvad er nummeret?"]
  skal_indeholde: ["46 46 46 46"]
"""


class FakeAssistant:
    """Answers every question with the current answer."""

    answer = "Det koster 41 kr. Ring på 46 46 46 46."

    def __init__(self, *args: object, **kwargs: object):
        pass

    def new_conversation(self) -> str:
        return "staff-test"

    def say(self, message: str, municipality: str | None = None) -> StaffTurn:
        return StaffTurn(message, [{"text": FakeAssistant.answer}], "ask_cost", 0.9)

    def close(self) -> None:
        pass


@pytest.fixture
def answers(staff, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "lejre.yml").write_text(CASES, encoding="utf-8")
    monkeypatch.setattr(get_settings(), "answers_dir", folder)
    monkeypatch.setattr(checks, "AssistantClient", FakeAssistant)
    monkeypatch.setattr(checks, "rasa_token", lambda: "token")
    # The thread's work, done at once so that the test sees the finished run.
    monkeypatch.setattr(checks, "start_thread", lambda runs, run_id, cases, client:
                        run_checks(runs, run_id, cases, client))
    return folder


def test_a_run_is_kept_and_compared_with_the_one_before(staff, answers, monkeypatch):
    csrf = staff.login("lene")
    assert "Kør alle svartjek nu" in staff.client.get("/staff/svartjek").text
    first = staff.client.post("/staff/svartjek", data={"csrf": csrf})
    assert "2 bestået, 0 fejlet" in first.text
    assert "ingen tidligere kørsel" in first.text
    monkeypatch.setattr(FakeAssistant, "answer", "Det koster 41 kr.")
    second = staff.client.post("/staff/svartjek", data={"csrf": csrf})
    assert "1 bestået, 1 fejlet" in second.text
    assert "Fejler nu (bestod sidst):</strong> Telefon i Lejre" in second.text
    assert "Mangler: »46 46 46 46«" in second.text
    listing = staff.client.get("/staff/svartjek").text
    assert listing.count("/staff/svartjek/") == 2
    assert 'http-equiv="refresh"' not in second.text  # finished: no reload


def test_a_reader_sees_the_runs_but_cannot_start_one(staff, answers):
    csrf = staff.login("rita")
    assert "Kør alle svartjek nu" not in staff.client.get("/staff/svartjek").text
    assert staff.client.post("/staff/svartjek", data={"csrf": csrf}).status_code == 403


def test_a_running_check_reloads_its_page_and_a_second_is_refused(staff, answers, monkeypatch):
    monkeypatch.setattr(checks, "start_thread", lambda *args: None)  # never finishes
    csrf = staff.login("anna")
    running = staff.client.post("/staff/svartjek", data={"csrf": csrf})
    assert 'http-equiv="refresh" content="3"' in running.text and "0 af 2" in running.text
    again = staff.client.post("/staff/svartjek", data={"csrf": csrf})
    assert again.status_code == 409 and "kører allerede (startet af anna)" in again.text


def test_a_broken_check_file_is_named(staff, answers):
    (answers / "broken.yml").write_text("- navn: x\n  spørgsmål: []\n", encoding="utf-8")
    page = staff.client.post("/staff/svartjek", data={"csrf": staff.login("anna")})
    assert page.status_code == 422 and "broken.yml" in page.text

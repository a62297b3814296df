"""The staff's console commands against the real assistant: ``ask`` and ``check``.

``check`` on the shipped files runs every answer check in tests/answers/ — every topic of the
five standards and the conversation cases — as part of ``make test``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from genoptraening.settings import get_settings
from genoptraening.staff.check import load_files
from tests.conftest import CLI


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=600)


def test_ask_prints_each_turn_with_danish_labels(rasa_url):
    result = run("ask", "--rasa-url", rasa_url, "--kommune", "lejre",
                 "hvad koster kørsel til træningen?", "og hvad med hjoerring",
                 "mit cpr nummer er 010203-1234")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Du: hvad koster kørsel til træningen?" in out
    assert "Assistenten: " in out and "41 kr." in out
    assert "Kilde: Kvalitetsstandard for genoptræning og vedligeholdende træning, Lejre Kommune" \
        in out
    assert "(forstået som ask_transport, " in out
    assert "Du: og hvad med hjoerring" in out
    assert "Assistenten: Nu svarer jeg for Hjørring Kommune." in out
    # The CPR number is masked in what is printed back, and the assistant warns.
    assert "Du: mit cpr nummer er [CPR]" in out
    assert "Det ligner et CPR-nummer" in out
    assert "010203" not in out


def test_ask_json_has_every_turn_with_intent_confidence_sources_and_facts(rasa_url):
    result = run("ask", "--json", "--rasa-url", rasa_url, "hvad koster kørsel til træning?",
                 "lejre")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kommune"] is None
    first, second = data["turns"]
    assert first["message"] == "hvad koster kørsel til træning?"
    assert first["intent"] == "ask_transport"
    assert any("Hvilken kommune bor du i?" in reply for reply in first["replies"])
    assert first["sources"] == []
    assert second["intent"] == "inform_municipality"
    assert 0.0 < second["confidence"] <= 1.0
    assert len(second["candidates"]) == 2
    assert all(c["intent"] != second["intent"] for c in second["candidates"])
    assert {"entity": "municipality", "value": "Lejre"} in second["entities"]
    assert second["slots"]["municipality"] == "lejre"
    assert second["actions"]
    assert any("41 kr." in reply for reply in second["replies"])
    assert second["sources"] == [
        "Kilde: Kvalitetsstandard for genoptræning og vedligeholdende træning, Lejre Kommune, "
        "afsnit »9. Transport til genoptræning eller træning«"]


def test_ask_json_facts_name_the_knowledge_behind_the_answer(rasa_url):
    result = run("ask", "--json", "--rasa-url", rasa_url, "--kommune", "Hjørring",
                 "hvad er telefonnummeret til træningsenheden?")
    assert result.returncode == 0, result.stderr
    (turn,) = json.loads(result.stdout)["turns"]
    assert json.loads(result.stdout)["kommune"] == "Hjørring"
    assert turn["intent"] == "ask_contact"
    (fact,) = turn["facts"]
    assert fact["topic"] == "contact" and fact["general"] is False
    assert fact["facts"]["phones"][0]["number"] == "72 33 58 50"
    assert fact["sources"][0]["file"] == "001_f4a1c6cfc55bc51b.txt"
    assert turn["sources"] and all("Hjørring Kommune" in s for s in turn["sources"])


def test_check_passes_every_shipped_case(rasa_url):
    result = run("check", "--rasa-url", rasa_url)
    total = len(load_files([get_settings().answers_dir]))
    assert result.returncode == 0, result.stdout[-6000:]
    assert f"{total} bestået, 0 fejlet" in result.stdout
    assert "Svartjek" in result.stdout and "FEJLET" not in result.stdout


def test_check_fails_a_wrong_expectation_and_names_the_case(rasa_url, tmp_path: Path):
    path = tmp_path / "forkert.yml"
    path.write_text("""\
- navn: Rigtig pris
  kommune: Lejre
  spørgsmål: ["hvad koster korsel til traening?"]
  skal_indeholde: ["41 kr."]

- navn: Forkert pris
  kommune: Lejre
  spørgsmål: ["hvad koster korsel til traening?"]
  skal_indeholde: ["99 kr.", "41 kr."]
  må_ikke_indeholde: ["ud- og hjemtransport"]
""", encoding="utf-8")
    result = run("check", "--rasa-url", rasa_url, str(path))
    assert result.returncode == 1, result.stdout
    out = result.stdout
    row = next(line for line in out.splitlines() if "Forkert pris (forkert)" in line)
    assert "FEJLET" in row and "mangler: »99 kr.«" in row
    assert "må ikke stå der: »ud- og hjemtransport«" in row
    assert re.search(r"Rigtig pris \(forkert\)\s*│ Lejre\s*│ bestået", out)
    # Under the table: what the assistant did answer, and how it understood the question.
    assert "Forkert pris (forkert.yml, linje 6) — svaret på »hvad koster korsel til traening?«" \
        in out
    assert "forstået som ask_transport" in out
    assert out.rstrip().endswith("1 bestået, 1 fejlet")


def test_ask_json_shows_the_storys_facts_nlu_read(rasa_url):
    result = run("ask", "--json", "--rasa-url", rasa_url, "--kommune", "Lejre",
                 "Min mor på 84 faldt i haven og var ikke indlagt. Kan hun få træning?")
    assert result.returncode == 0, result.stderr
    (turn,) = json.loads(result.stdout)["turns"]
    assert turn["situation"] == {"new_loss": True, "hospital_stay": False, "age": 84}

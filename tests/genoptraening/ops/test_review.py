"""The conversation review: figures, CPR masking, the NLU export and the console command.

The tracker store is written by Rasa's own SQLTrackerStore (tests/genoptraening/staff/
trackers.py), so the review reads exactly the table Rasa writes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from genoptraening.ops.conversations import ConversationStore
from genoptraening.ops.review import (
    EventRow,
    Message,
    TrackerStoreMissing,
    load_review,
    messages_from_rows,
    nlu_export,
)
from tests.conftest import CLI
from tests.genoptraening.staff.trackers import write_tracker_db

NOW = time.time()


@pytest.fixture(scope="module")
def master_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tracker_db(tmp_path_factory.mktemp("tracker") / "tracker.db", NOW)


@pytest.fixture
def db(master_db: Path, tmp_path: Path) -> Path:
    """A fresh copy per test (some tests delete)."""
    copy = tmp_path / "tracker.db"
    copy.write_bytes(master_db.read_bytes())
    return copy


def test_figures_of_the_last_30_days(db):
    review = load_review(db, now=NOW)
    assert review.conversations == 3  # c-lejre, c-switch, c-none; not c-old, not staff
    assert len(review.messages) == 9
    assert review.understood == 5
    assert review.share == pytest.approx(5 / 9)
    assert [m.text for m in review.fallbacks] == [
        "og hvad med Rebild?", "blablub [CPR]", "BLABLUB [CPR]"]
    assert [(m.text, m.intent, m.confidence) for m in review.low_confidence] == [
        ("kan jeg få kørsel", "ask_transport", pytest.approx(0.41))]


def test_best_guess_of_a_fallback_is_the_next_intent(db):
    guesses = {m.text: m.guess for m in load_review(db, now=NOW).fallbacks}
    assert guesses == {"og hvad med Rebild?": "inform_municipality",
                       "blablub [CPR]": "ask_apply", "BLABLUB [CPR]": "ask_apply"}


def test_each_message_counts_for_the_municipality_it_was_answered_for(db):
    municipality = {m.text: m.municipality for m in load_review(db, now=NOW).messages}
    assert municipality["hvad koster det?"] == "lejre"  # from the widget, before the message
    assert municipality["hvad koster træning i Hjørring"] == "hjoerring"  # set by the answer
    assert municipality["og hvad med Rebild?"] == "rebild"  # the switch
    assert municipality["hej"] is None


def test_top_topics_per_municipality(db):
    topics = load_review(db, now=NOW).topics()
    assert topics == {None: [("apply", 1), ("cost", 1)], "lejre": [("cost", 1)],
                      "hjoerring": [("cost", 1)]}
    assert list(topics)[0] is None  # c-none has the most messages


def test_one_municipality_only(db):
    lejre = load_review(db, municipality="lejre", now=NOW)
    assert (lejre.conversations, len(lejre.messages), lejre.understood) == (1, 3, 1)
    rebild = load_review(db, municipality="rebild", now=NOW)
    assert [m.text for m in rebild.messages] == ["og hvad med Rebild?"]
    assert rebild.topics() == {}


def test_window_threshold_and_staff_conversations(db):
    assert len(load_review(db, days=1.5, now=NOW).messages) == 7  # c-switch is two days old
    assert len(load_review(db, days=60, now=NOW).messages) == 10  # with c-old
    assert load_review(db, threshold=0.4, now=NOW).understood == 6  # "kørsel" at 0.41
    with_staff = load_review(db, include_staff=True, now=NOW)
    assert (with_staff.conversations, len(with_staff.messages)) == (4, 10)


def test_json_has_masked_texts_and_danish_topic_labels(db):
    data = load_review(db, now=NOW).as_dict()
    assert "010203" not in repr(data)
    assert data["understood_share"] == pytest.approx(0.5556, abs=1e-4)
    assert data["topics"][1] == {"municipality": "lejre", "name": "Lejre", "messages": 3,
                                 "topics": [{"topic": "cost", "label": "Pris og egenbetaling",
                                             "count": 1}]}
    assert data["fallbacks"][0]["sender_id"] == "c-switch"


def test_no_cpr_number_leaves_the_review(db):
    review = load_review(db, include_staff=True, days=60, now=NOW)
    assert all("010203" not in m.text for m in review.messages)
    assert "010203" in db.read_bytes().decode("utf-8", "replace")  # it is in Rasa's store


def test_export_is_rasa_nlu_yaml_ready_to_label(db):
    text, count = nlu_export(load_review(db, now=NOW).misunderstood, dt.date(2026, 1, 2))
    assert count == 3  # "blablub" and "BLABLUB" are the same message
    assert "010203" not in text
    header = text.split('version: "3.1"')[0]
    assert header.strip() and all(line.startswith("#") for line in header.splitlines())
    assert "data/nlu/" in header and "TODO_" in header and "2026-01-02" in header
    data = yaml.safe_load(text)
    assert data["version"] == "3.1"
    assert {e["intent"]: e["examples"] for e in data["nlu"]} == {
        "TODO_ask_apply": "- blablub [CPR]\n",
        "TODO_ask_transport": "- kan jeg få kørsel\n",
        "TODO_inform_municipality": "- og hvad med Rebild?\n",
    }


def test_export_is_read_by_rasa(db):
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    text, _ = nlu_export(load_review(db, now=NOW).misunderstood)
    data = RasaYAMLReader().reads(text)
    assert data.intents == {"TODO_ask_apply", "TODO_ask_transport", "TODO_inform_municipality"}
    assert "blablub [CPR]" in {m.get("text") for m in data.training_examples}


def test_export_keeps_brackets_as_text_and_skips_buttons():
    messages = [Message("s", 1.0, text, "nlu_fallback", 0.3, None, None)
                for text in ("min [mor](søster) er syg", "/ask_cost", "  ")]
    text, count = nlu_export(messages)
    assert count == 1
    assert "- intent: TODO_ukendt" in text
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    example = RasaYAMLReader().reads(text).training_examples[0]
    assert example.get("text") == "min [mor] (søster) er syg"
    assert not example.get("entities")


def test_export_without_messages_is_still_valid():
    text, count = nlu_export([])
    assert count == 0
    assert yaml.safe_load(text) == {"version": "3.1", "nlu": []}


def test_rows_without_slot_events_and_with_broken_json():
    rows = [EventRow("a", "user", 5.0, "greet", None, "not json"),
            EventRow("a", "slot", 6.0, None, "municipality", '{"value": "lejre"}'),
            EventRow("b", "user", 7.0, None, None, '{"text": "x", "parse_data": {}}')]
    messages = messages_from_rows(rows)
    assert [(m.sender_id, m.intent, m.municipality) for m in messages] == [
        ("a", "greet", "lejre"), ("b", "", None)]
    assert not messages[1].understood(0.5)


@pytest.mark.parametrize("text", [
    "cpr 010203-1234", "cpr 0102031234", "cpr 010203  1234", "cpr 010203\n1234",
    "cpr 01.02.03-1234"])
def test_cpr_numbers_are_masked_however_written(text):
    data = json.dumps({"text": text, "parse_data": {
        "intent": {"name": "nlu_fallback", "confidence": 0.3}}})
    [message] = messages_from_rows([EventRow("a", "user", 1.0, "nlu_fallback", None, data)])
    assert message.text == "cpr [CPR]"


def test_delete_one_conversation(db):
    # As the admin API deletes one (DELETE /api/admin/conversations/{sender_id}).
    assert ConversationStore.sqlite(db).delete("c-none") > 0
    assert ConversationStore.sqlite(db).delete("c-none") == 0
    assert load_review(db, now=NOW).conversations == 2
    assert sqlite3.connect(db).execute(
        "SELECT count(*) FROM events WHERE sender_id = 'c-none'").fetchone() == (0,)


def test_missing_or_foreign_database(tmp_path):
    with pytest.raises(TrackerStoreMissing):
        load_review(tmp_path / "none.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(TrackerStoreMissing):
        load_review(other)


# --- the console command ---------------------------------------------------------------------

def review_cli(*args: str) -> subprocess.CompletedProcess[str]:
    # Wide, so that rich does not wrap the texts asserted on.
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([str(CLI), "review", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def rows(out: str) -> list[list[str]]:
    """The cells of every table row rich printed."""
    return [[cell.strip() for cell in line.strip()[1:-1].split("│")]
            for line in out.splitlines() if line.startswith("│")]


def test_command_prints_figures_texts_and_topics_in_danish(db):
    result = review_cli("--db", str(db))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Samtaler de seneste 30 dage" in out
    assert "5 af 9 (56 %)" in out
    assert re.search(r"^Samtaler +3 *$", out, re.M)
    assert re.search(r"^Beskeder fra borgere +9 *$", out, re.M)
    assert "Ikke forstået (3)" in out
    table = rows(out)
    # The same text twice (case and spacing ignored) is one row with its count.
    assert ["BLABLUB [CPR]", "2", "ask_apply", "0,30", "Lejre, uden kommune"] in table
    assert ["og hvad med Rebild?", "1", "inform_municipality", "0,30", "Rebild"] in table
    assert "Usikre svar (sikkerhed under 0,5) (1)" in out
    assert ["kan jeg få kørsel", "1", "ask_transport", "0,41", "Lejre"] in table
    assert "Mest spurgte emner" in out
    assert ["uden kommune", "Sådan søger du", "1"] in table
    assert ["Hjørring", "Pris og egenbetaling", "1"] in table
    assert "010203" not in out


def test_command_for_one_municipality_by_its_spelling(db):
    result = review_cli("--db", str(db), "--kommune", "hjorring")
    assert result.returncode == 0, result.stderr
    assert "— Hjørring" in result.stdout
    assert "1 af 1 (100 %)" in result.stdout
    assert "Ikke forstået: ingen." in result.stdout


def test_command_exports_training_data(db, tmp_path):
    target = tmp_path / "out" / "ikke-forstaaet.yml"
    result = review_cli("--db", str(db), "--export", str(target))
    assert result.returncode == 0, result.stderr
    assert f"3 besked(er) skrevet til {target}" in " ".join(result.stdout.split())
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["nlu"][0]["intent"] == (
        "TODO_ask_apply")


def test_command_refuses_unknown_municipality_and_missing_database(db, tmp_path):
    result = review_cli("--db", str(db), "--kommune", "Paris")
    assert result.returncode == 1
    assert "Kender ikke kommunen 'Paris'" in result.stdout
    result = review_cli("--db", str(tmp_path / "none.db"))
    assert result.returncode == 1
    assert "findes ikke" in result.stdout and "--db" in result.stdout
    result = review_cli("--days", "0")
    assert result.returncode == 2
    assert "skal være større end 0" in result.stderr

"""The conversation review over what the real assistant stored: conversations through the
REST channel, then the `genoptraening review` console command on Rasa's own tracker store.

Other end-to-end tests write to the same store, so the review runs on a copy holding only
this test's conversations. What NLU made of each message is asked from Rasa's HTTP API
(/model/parse), and the review must agree with it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient

from genoptraening.core.privacy import mask_cpr
from genoptraening.ops.services import rasa_token
from genoptraening.settings import get_settings
from tests.conftest import CLI

RUN = uuid.uuid4().hex[:8]
LEJRE = f"review-lejre-{RUN}"
HJOERRING = f"review-hjoerring-{RUN}"
GIBBERISH = "xqzv 010203-1234 blorp"
CONVERSATIONS = {
    LEJRE: ["hvad koster genoptræning?", "kan jeg få kørsel til træningen?", GIBBERISH],
    HJOERRING: ["hvad er telefonnummeret til genoptræningen i Hjørring?",
                "bananer og agurker"],
}


@pytest.fixture(scope="module")
def parsed(rasa_url: str) -> dict[str, dict]:
    """What NLU makes of each message (intent and confidence), from Rasa's HTTP API.

    The REST channel masks CPR numbers before NLU sees a message, so the masked text is parsed.
    """
    out = {}
    for messages in CONVERSATIONS.values():
        for text in messages:
            response = httpx.post(f"{rasa_url}/model/parse", params={"token": rasa_token()},
                                  json={"text": mask_cpr(text)}, timeout=60)
            response.raise_for_status()
            out[text] = response.json()
    return out


@pytest.fixture(scope="module")
def conversations(rasa_url: str, parsed) -> None:
    for sender, messages in CONVERSATIONS.items():
        for text in messages:
            body: dict = {"sender": sender, "message": text}
            if sender == LEJRE:
                body["metadata"] = {"municipality": "Lejre"}
            httpx.post(f"{rasa_url}/webhooks/rest/webhook", json=body,
                       timeout=60).raise_for_status()


@pytest.fixture
def our_db(tracker_db: Path, conversations, tmp_path: Path) -> Path:
    """A copy of the live tracker store with only this test's conversations."""
    copy = tmp_path / "tracker.db"
    source, target = sqlite3.connect(tracker_db), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    with target:
        target.execute(f"DELETE FROM events WHERE sender_id NOT IN "
                       f"({', '.join('?' * len(CONVERSATIONS))})", list(CONVERSATIONS))
    target.close()
    return copy


def review(*args: str) -> str:
    result = subprocess.run([str(CLI), "review", *args], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def rows(out: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip()[1:-1].split("│")]
            for line in out.splitlines() if line.startswith("│")]


def understood(parse: dict) -> bool:
    intent = parse["intent"]
    return intent["name"] != "nlu_fallback" and intent["confidence"] >= 0.5


def best_guess(parse: dict) -> str:
    """The review's guess: the intent, or the best one after the fallback."""
    name = parse["intent"]["name"]
    return name if name != "nlu_fallback" else next(
        r["name"] for r in parse["intent_ranking"] if r["name"] != "nlu_fallback")


def test_review_of_real_conversations(our_db, parsed):
    # The premise: not understood (the fallback, or a guess under 0.5, as the model has it).
    assert not understood(parsed[GIBBERISH])
    out = review("--db", str(our_db))
    expected = sum(understood(p) for p in parsed.values())
    assert f"{expected} af 5 (" in out
    assert "Samtaler                      2" in out
    table = rows(out)
    cells = {row[0]: row for row in table}
    # The gibberish, masked, counted for Lejre (from the widget's metadata).
    confidence = f"{parsed[GIBBERISH]['intent']['confidence']:.2f}".replace(".", ",")
    assert cells["xqzv [CPR] blorp"] == ["xqzv [CPR] blorp", "1", best_guess(parsed[GIBBERISH]),
                                         confidence, "Lejre"]
    assert "010203" not in out
    for text, parse in parsed.items():
        if not understood(parse):
            assert text.replace("010203-1234", "[CPR]") in cells, text
    assert ["Lejre", "Pris og egenbetaling", "1"] in table
    assert ["", "Transport", "1"] in table
    assert ["Hjørring", "Kontakt og åbningstider", "1"] in table


def test_review_of_one_municipality(our_db):
    out = review("--db", str(our_db), "--kommune", "hjoerring")
    assert "— Hjørring" in out
    assert "Beskeder fra borgere          2" in out
    assert "xqzv" not in out and "Pris og egenbetaling" not in out


def test_export_of_real_conversations(our_db, parsed, tmp_path):
    target = tmp_path / "nye-eksempler.yml"
    review("--db", str(our_db), "--export", str(target))
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    examples = {e["intent"]: e["examples"] for e in data["nlu"]}
    assert "- xqzv [CPR] blorp\n" in examples[f"TODO_{best_guess(parsed[GIBBERISH])}"]
    assert "010203" not in target.read_text(encoding="utf-8")


def test_deleted_conversation_is_forgotten_by_the_running_assistant(
        rasa_url, tracker_db, conversations, monkeypatch):
    from genoptraening.api.main import app

    sender = f"review-forget-{RUN}"
    httpx.post(f"{rasa_url}/webhooks/rest/webhook", json={
        "sender": sender, "message": "hvad koster træning i Rebild?"}, timeout=60)
    settings = get_settings()
    monkeypatch.setattr(settings, "tracker_db", tracker_db)
    monkeypatch.setattr(settings, "admin_token", "e2e-admin-token")
    with TestClient(app) as client:
        headers = {"Authorization": "Bearer e2e-admin-token"}
        assert client.delete(f"/api/admin/conversations/{sender}",
                             headers=headers).status_code == 204
        assert client.delete(f"/api/admin/conversations/{sender}",
                             headers=headers).status_code == 404
    # The live assistant starts over: it no longer knows the municipality.
    reply = httpx.post(f"{rasa_url}/webhooks/rest/webhook", json={
        "sender": sender, "message": "hvad koster det?"}, timeout=60).json()
    assert "Hvilken kommune bor du i?" in "\n".join(r.get("text", "") for r in reply)
    tracker = httpx.get(f"{rasa_url}/conversations/{sender}/tracker",
                        params={"token": rasa_token()}, timeout=60).json()
    said = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
    assert said == ["hvad koster det?"]
    assert tracker["slots"]["municipality"] is None

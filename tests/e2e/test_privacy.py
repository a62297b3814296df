"""CPR numbers never reach Rasa's tracker store or a log, and logs carry no message text.

Messages with CPR numbers in every form go through the REST channel and through the web API;
the citizen is warned, and afterwards neither the tracker store (the SQLite file, and every
table read back) nor any log of the Rasa server, the action server or the web API holds the
digits. A distinctive sentence is stored in the tracker store but appears in no log.
"""

from __future__ import annotations

import re
import sqlite3
import time
import uuid
from pathlib import Path

import httpx
import pytest

from genoptraening.core.knowledge.loader import KnowledgeBase
from tests.conftest import KNOWLEDGE
from tests.e2e.conftest import texts

KB = KnowledgeBase(KNOWLEDGE)

RUN = uuid.uuid4().hex[:8]
WARNING = "Det ligner et CPR-nummer"
#: Numbers no other test uses, in the forms a citizen writes them.
CPRS = ["280745-3917", "1203884521", "051192 3386", "03 06 71-2468", "17.09.54-8642",
        "240699\u20135173"]
REST_MESSAGES = [
    f"mit cpr nummer er {CPRS[0]}, hvad koster træning i lejre",
    CPRS[1],
    f"min mors cpr er {CPRS[2]} kan hun få genoptræning i Rebild",
    f"her er mit personnummer {CPRS[3]} og min fars er {CPRS[4]}",
]
API_MESSAGES = [
    f"jeg hedder Hans {CPRS[5]} og vil søge om træning i Hedensted",
    f"{CPRS[0]} hvad koster det",
    f"cpr:{CPRS[1]}",
]
SECRET = f"mit hemmelige ord er flodhest {RUN}"


def forms(cpr: str) -> set[str]:
    """The ways the number could show up: as written, as ten digits, with a dash or a space."""
    digits = re.sub(r"\D", "", cpr)
    date, serial = digits[:6], digits[6:]
    return {cpr, digits, f"{date}-{serial}", f"{date} {serial}", f"{date}\u2013{serial}"}


FORBIDDEN = sorted(set().union(*(forms(c) for c in CPRS)))


@pytest.fixture(scope="module")
def conversations(rasa_url: str, api_url: str) -> dict[str, list[str]]:
    """Send every message; return the replies, by message."""
    replies: dict[str, list[str]] = {}
    sender = f"privacy-{RUN}"
    for message in [*REST_MESSAGES, SECRET]:
        response = httpx.post(f"{rasa_url}/webhooks/rest/webhook",
                              json={"sender": sender, "message": message,
                                    "metadata": {"municipality": "Lejre", "note": message}},
                              timeout=60)
        response.raise_for_status()
        replies[message] = [texts(response.json())]
    session = f"privacy{RUN}"
    for message in API_MESSAGES:
        response = httpx.post(f"{api_url}/api/chat",
                              json={"session_id": session, "message": message}, timeout=60)
        response.raise_for_status()
        replies[message] = [r["text"] for r in response.json()["replies"]]
    time.sleep(1)  # let the servers write their logs
    return replies


def log_files(*folders: Path) -> list[Path]:
    files = [p for folder in folders for p in folder.rglob("*") if p.is_file()
             and (p.suffix == ".log" or "logs" in p.parts)]
    assert files, "the servers write logs to their log folders"
    return files


def tracker_contents(tracker_db: Path) -> tuple[bytes, str]:
    """The tracker store's files as bytes, and every row of every table as text."""
    raw = b"".join(p.read_bytes() for p in tracker_db.parent.glob(tracker_db.name + "*"))
    with sqlite3.connect(f"file:{tracker_db}?mode=ro", uri=True) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = [repr(row) for table in tables
                for row in connection.execute(f'SELECT * FROM "{table}"')]
    return raw, "\n".join(rows)


@pytest.mark.parametrize("message", [*REST_MESSAGES, *API_MESSAGES])
def test_the_citizen_is_warned_and_the_number_not_repeated(conversations, message):
    reply = "\n".join(conversations[message])
    assert WARNING in reply
    for form in FORBIDDEN:
        assert form not in reply
    assert "[CPR]" not in reply


def test_the_question_beside_the_number_is_still_answered(conversations):
    # The mask is blank to NLU, so "hvad koster træning i lejre" is read as if it stood alone.
    cost = KB.standard("lejre").topic("cost").answer
    first_sentence = re.split(r"(?<=[.!?])\s", cost.strip(), maxsplit=1)[0]
    assert first_sentence in conversations[REST_MESSAGES[0]][0]


def test_the_tracker_store_holds_the_mask_not_the_number(conversations, tracker_db):
    raw, rows = tracker_contents(tracker_db)
    for form in FORBIDDEN:
        assert form.encode() not in raw, form
        assert form not in rows, form
        assert form.encode("unicode_escape") not in raw, form  # JSON may escape the dash
    assert b"[CPR]" in raw
    # The search means something: what the citizen wrote is stored, in the file itself.
    assert SECRET.encode() in raw and SECRET in rows


def test_no_log_holds_a_number_or_message_text(conversations, assistant_dir, api_data_dir):
    for path in log_files(assistant_dir / "logs", api_data_dir / "logs"):
        content = path.read_bytes()
        for form in FORBIDDEN:
            assert form.encode() not in content, (path.name, form)
        assert b"flodhest" not in content, path.name


def test_no_file_of_the_web_api_holds_a_number(conversations, api_data_dir):
    for path in (p for p in api_data_dir.rglob("*") if p.is_file()):
        content = path.read_bytes()
        for form in FORBIDDEN:
            assert form.encode() not in content, (path.name, form)

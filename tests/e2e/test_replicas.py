"""Several Rasa replicas sharing PostgreSQL and the Redis lock store (Rasa's own scaling).

500 messages over 50 conversations, sent concurrently, each conversation alternating between
the two replicas and sending its last two messages to both at once: every conversation's
events must be complete, in order, never interleaved, and its slots right.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from genoptraening.settings import get_settings
from tests.e2e.stacks import (
    Stack,
    assistant_stack,
    needs_postgres,
    needs_redis,
    port,
)
from tests.genoptraening.ops.stores import scratch_database

pytestmark = [needs_postgres, needs_redis]

CONVERSATIONS = 50
#: (municipality as the citizen writes it, the slug the assistant keeps)
PLACES = [("Lejre", "lejre"), ("hjorring", "hjoerring"), ("Skanderborg", "skanderborg"),
          ("Rebild", "rebild"), ("Hedensted", "hedensted"), ("Aarhus", "aarhus")]
SCRIPT = [
    "Hej",
    "Jeg bor i {place}",
    "hvad koster det?",
    "hvordan søger jeg om genoptræning?",
    "hvor lang tid skal jeg vente?",
    "hvordan klager jeg over en afgørelse?",
    "kan jeg få kørsel til træningen?",
    "hvem kan få genoptræning?",
]
TOGETHER = ["hvad er jeres telefonnummer?", "tak for hjælpen"]


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the knowledge files that a test may edit as the staff console does."""
    copy = tmp_path_factory.mktemp("knowledge") / "knowledge"
    shutil.copytree(get_settings().knowledge_dir, copy)
    return copy


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, knowledge: Path) -> Iterator[Stack]:
    with scratch_database() as database_url, assistant_stack(
        tmp_path_factory.mktemp("replicas"), port(5305), port(5355), api_port=port(8305),
        replicas=2, database_url=database_url, redis_url="redis://127.0.0.1:6379/1",
        extra_env={"GENOPTRAENING_KNOWLEDGE_DIR": str(knowledge)},
    ) as stack:
        yield stack


async def _converse(client: httpx.AsyncClient, stack: Stack, number: int) -> list[list[dict]]:
    sender = f"replicas-{number}"
    place = PLACES[number % len(PLACES)][0]
    answers = []

    async def send(text: str, replica: int) -> list[dict]:
        response = await client.post(f"{stack.rasa_urls[replica]}/webhooks/rest/webhook",
                                      json={"sender": sender, "message": text})
        response.raise_for_status()
        return response.json()

    for step, text in enumerate(SCRIPT):
        answers.append(await send(text.format(place=place), (number + step) % 2))
    answers += await asyncio.gather(send(TOGETHER[0], 0), send(TOGETHER[1], 1))
    return answers


def _turns(events: list[dict]) -> list[tuple[str, list[dict]]]:
    """Split a conversation into (user text, what followed until the next user message)."""
    turns: list[tuple[str, list[dict]]] = []
    for event in events:
        if event["event"] == "user":
            turns.append((event["text"], []))
        elif turns:
            turns[-1][1].append(event)
    return turns


def test_500_messages_over_50_conversations_on_two_replicas(stack: Stack) -> None:
    async def main() -> list[list[list[dict]]]:
        limits = httpx.Limits(max_connections=CONVERSATIONS)
        async with httpx.AsyncClient(timeout=120, limits=limits) as client:
            return await asyncio.gather(*(_converse(client, stack, n)
                                          for n in range(CONVERSATIONS)))

    results = asyncio.run(main())
    assert sum(len(answers) for answers in results) == 500
    for number, answers in enumerate(results):
        assert all(answers), f"conversation {number}: a message got no reply"
        tracker = stack.tracker(f"replicas-{number}", replica=number % 2)
        place, slug = PLACES[number % len(PLACES)]
        turns = _turns(tracker["events"])
        sent = [text.format(place=place) for text in SCRIPT]
        assert [text for text, _ in turns[:len(SCRIPT)]] == sent, f"conversation {number}"
        assert sorted(text for text, _ in turns[len(SCRIPT):]) == sorted(TOGETHER)
        for text, followers in turns:
            # Each message's turn is whole before the next message starts (the Redis lock):
            # at least one reply, and the turn ends by listening again.
            names = [e.get("name") for e in followers if e["event"] == "action"]
            assert any(e["event"] == "bot" for e in followers), (number, text)
            assert names and names[-1] == "action_listen", (number, text, names)
        assert tracker["slots"]["municipality"] == slug, f"conversation {number}"


def test_an_edit_of_the_knowledge_is_answered_by_every_replica_within_5_s(
        stack: Stack, knowledge: Path) -> None:
    # What a save in the staff console does: the topic's answer rewritten in its file.
    path = knowledge / "lejre.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "I 2023 er taksten 41 kr. for ud- og hjemtransport.",
        "I 2023 er taksten 41 kr. for ud- og hjemtransport. Rettet af personalet."),
        encoding="utf-8")
    saved = time.monotonic()
    for replica in range(len(stack.rasa_urls)):
        while True:
            answer = " ".join(m.get("text", "") for m in stack.send(
                "hvad koster kørsel?", f"edit-{replica}-{time.monotonic()}", replica,
                municipality="Lejre"))
            if "Rettet af personalet." in answer:
                break
            assert time.monotonic() - saved < 5, answer
            time.sleep(0.2)


def test_the_api_spreads_messages_and_survives_a_replica_going_down(stack: Stack) -> None:
    assert stack.api_url is not None
    ready = httpx.get(f"{stack.api_url}/ready", timeout=10).json()
    assert ready["rasa_replicas"] == {url: True for url in stack.rasa_urls}
    session = None
    for text in ["Jeg bor i Lejre", "hvad koster det?", "hvordan søger jeg?", "kan jeg klage?"]:
        body: dict = {"message": text}
        if session:
            body["session_id"] = session
        response = httpx.post(f"{stack.api_url}/api/chat", json=body, timeout=30)
        assert response.status_code == 200, response.text
        session = response.json()["session_id"]
    # Both replicas served this conversation (the API sends to them in turn).
    tracker = stack.tracker(session)
    assert tracker["slots"]["municipality"] == "lejre"
    assert len([e for e in tracker["events"] if e["event"] == "user"]) == 4

    stack.services.stop_one("rasa-2")
    for text in ["hvad med transport?", "hvor lang er ventetiden?"]:
        response = httpx.post(f"{stack.api_url}/api/chat",
                              json={"message": text, "session_id": session}, timeout=30)
        assert response.status_code == 200, response.text
        assert "Lejre" in str(response.json())
    ready = httpx.get(f"{stack.api_url}/ready", timeout=10)
    assert ready.status_code == 200
    assert list(ready.json()["rasa_replicas"].values()) == [True, False]


def test_the_endpoints_file_holds_no_password(stack: Stack) -> None:
    text = next(stack.settings.data_dir.glob("endpoints-*.yml")).read_text()
    assert "url: ${GENOPTRAENING_DATABASE_URL}" in text
    assert "type: genoptraening.rasa_ext.locks.AtomicRedisLockStore" in text

"""Several Rasa replicas sharing PostgreSQL and the Redis lock store (Rasa's own scaling).

500 messages over 50 conversations, sent concurrently, each conversation alternating between
the two replicas and sending its last two messages to both at once: every conversation's
events must be complete, in order, never interleaved, and its slots right.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

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
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with scratch_database() as database_url, assistant_stack(
        tmp_path_factory.mktemp("replicas"), port(5305), port(5355), api_port=port(8305),
        replicas=2, database_url=database_url, redis_url="redis://127.0.0.1:6379/1",
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

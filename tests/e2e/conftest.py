"""The real assistant for end-to-end tests: the trained model, the action server and Rasa.

Started once per test session on ports of their own (so a running `make run` is not
disturbed), with a tracker store in a temporary folder; stopped at the end.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from genoptraening.services import HOST, Services, start_assistant, train

RASA_PORT = 5105
ACTIONS_PORT = 5155
_senders = itertools.count()


@pytest.fixture(scope="session")
def rasa_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    model = train()
    scratch = tmp_path_factory.mktemp("assistant")
    endpoints = _endpoints(scratch)
    with Services(log_dir=scratch / "logs") as services:
        start_assistant(services, model, RASA_PORT, ACTIONS_PORT, endpoints)
        services.wait_ready()
        yield f"http://{HOST}:{RASA_PORT}"


def _endpoints(scratch: Path) -> Path:
    path = scratch / "endpoints.yml"
    path.write_text(
        f'action_endpoint:\n  url: "http://{HOST}:{ACTIONS_PORT}/webhook"\n'
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {scratch / 'tracker.db'}\n"
        "lock_store:\n  type: in_memory\n",
        encoding="utf-8",
    )
    return path


Chat = Callable[..., list[dict]]


@pytest.fixture
def chat(rasa_url: str) -> Chat:
    """Return a function that sends one message of a fresh conversation (or a given one)."""
    sender = f"e2e-{next(_senders)}"

    def send(message: str, municipality: str | None = None, sender_id: str = sender) -> list[dict]:
        body: dict = {"sender": sender_id, "message": message}
        if municipality is not None:
            body["metadata"] = {"municipality": municipality}
        response = httpx.post(f"{rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    return send


def texts(replies: list[dict]) -> str:
    """Join the texts of a REST response."""
    return "\n\n".join(r.get("text", "") for r in replies)

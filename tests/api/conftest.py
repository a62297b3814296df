from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from genoptraening.api.deps import _feedback, _rasa_client
from genoptraening.api.limits import MemoryLimiter
from genoptraening.api.main import app
from genoptraening.api.rasa_client import RasaUnavailable

from genoptraening.ops.feedback import FeedbackStore


class FakeRasa:
    """Stands in for Rasa's REST channel in the API's own tests (the e2e tests use the real
    one): records what it was sent and answers like the actions do."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str | None]] = []
        self.down = False

    async def send(self, sender: str, message: str, municipality: str | None) -> list[dict]:
        if self.down:
            raise RasaUnavailable("connection refused")
        self.sent.append((sender, message, municipality))
        return [
            {"recipient_id": sender, "text": "Hej, jeg er Genoptræningsguiden."},
            {"recipient_id": sender,
             "text": "Træningen er gratis.\nKilde: Kvalitetsstandard, Lejre Kommune, afsnit »4«",
             "buttons": [{"title": "Hvordan søger jeg?", "payload": "/ask_apply"}]},
        ]

    async def close(self) -> None:
        pass


@pytest.fixture
def rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def client(rasa: FakeRasa, tmp_path) -> Iterator[TestClient]:
    store = FeedbackStore(tmp_path / "feedback.db")
    app.dependency_overrides[_rasa_client] = lambda: rasa
    app.dependency_overrides[_feedback] = lambda: store
    # A fresh limiter per test, high enough for the property tests' hundreds of requests.
    limiter, app.state.limiter = app.state.limiter, MemoryLimiter(limit=100_000)
    with TestClient(app) as test_client:
        test_client.feedback_store = store  # type: ignore[attr-defined]
        yield test_client
    app.dependency_overrides.clear()
    app.state.limiter = limiter

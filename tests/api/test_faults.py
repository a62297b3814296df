"""When the action server fails, the citizen gets an apology with the phone number."""

from __future__ import annotations

from fastapi.testclient import TestClient

SESSION = "0123456789abcdef0123456789abcdef"


class SilentRasa:
    """Rasa when the action server is down or slow: the turn ends without replies."""

    async def send(self, sender: str, message: str, municipality: str | None) -> list[dict]:
        return []

    async def close(self) -> None:
        pass


def test_no_reply_from_rasa_gives_an_apology_with_the_phone_number(client: TestClient) -> None:
    from genoptraening.api.deps import _rasa_client
    from genoptraening.api.main import app

    app.dependency_overrides[_rasa_client] = lambda: SilentRasa()
    response = client.post("/api/chat", json={"message": "hvad koster det?",
                                              "municipality": "Lejre"})
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert detail.startswith("Beklager")
    assert "Lejre Kommune" in detail and "92 43 43 48" in detail


def test_the_next_message_works_once_rasa_answers_again(client: TestClient, rasa) -> None:  # noqa: ANN001
    from genoptraening.api.deps import _rasa_client
    from genoptraening.api.main import app

    app.dependency_overrides[_rasa_client] = lambda: SilentRasa()
    assert client.post("/api/chat", json={"message": "hej", "session_id": SESSION}
                       ).status_code == 503
    app.dependency_overrides[_rasa_client] = lambda: rasa
    response = client.post("/api/chat", json={"message": "hej", "session_id": SESSION})
    assert response.status_code == 200
    assert response.json()["session_id"] == SESSION

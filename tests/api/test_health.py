from genoptraening.settings import get_settings


def test_health(client):
    assert client.get("/health").json() == {"status": "ok"}


def test_ready_reports_what_is_missing(client, monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "rasa_url", "http://127.0.0.1:9")
    monkeypatch.setattr(settings, "actions_url", "http://127.0.0.1:9")
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"rasa": False, "actions": False, "knowledge": True}


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/chat", "/api/feedback", "/api/municipalities", "/health", "/ready"} <= set(paths)


def test_unknown_path_is_404_in_danish(client):
    assert client.get("/nope").json() == {"detail": "Siden findes ikke."}

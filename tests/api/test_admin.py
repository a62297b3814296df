"""The admin routes: the token, reloading the knowledge base, the review, deleting a conversation,
and refusing to start in production with the placeholder token."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from genoptraening.api.deps import _knowledge
from genoptraening.api.main import app

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.settings import PLACEHOLDER_TOKEN, get_settings
from tests.genoptraening.staff.trackers import write_tracker_db

TOKEN = "en-lang-hemmelig-test-noegle"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NOW = time.time()
UNAUTHORIZED = "Du har ikke adgang. Send nøglen som »Authorization: Bearer <nøgle>«."


@pytest.fixture(scope="module")
def master_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tracker_db(tmp_path_factory.mktemp("tracker") / "tracker.db", NOW)


@pytest.fixture
def admin(client, monkeypatch, master_db, tmp_path):
    """The test client with an admin token set and a copy of the tracker store."""
    settings = get_settings()
    db = tmp_path / "tracker.db"
    db.write_bytes(master_db.read_bytes())
    monkeypatch.setattr(settings, "admin_token", TOKEN)
    monkeypatch.setattr(settings, "tracker_db", db)
    return client


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer forkert"},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": TOKEN},
])
@pytest.mark.parametrize("method,path", [
    ("POST", "/api/admin/reload"),
    ("GET", "/api/admin/review"),
    ("DELETE", "/api/admin/conversations/c-lejre"),
])
def test_without_the_right_token_401_in_danish(admin, headers, method, path):
    response = admin.request(method, path, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHORIZED}
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_nothing_is_deleted_without_the_token(admin):
    admin.delete("/api/admin/conversations/c-lejre", headers={"Authorization": "Bearer x"})
    assert admin.get("/api/admin/review", headers=AUTH).json()["conversations"] == 3


def test_placeholder_token_works_in_development_only_as_configured(client):
    # Development keeps the shipped token, so a developer can try the routes.
    assert get_settings().admin_token == PLACEHOLDER_TOKEN
    response = client.post("/api/admin/reload",
                           headers={"Authorization": f"Bearer {PLACEHOLDER_TOKEN}"})
    assert response.status_code == 200


def test_reload_reads_changed_files_now(admin, knowledge_copy):
    kb = KnowledgeBase(knowledge_copy, reload_interval=3600)  # would not look again for an hour
    app.dependency_overrides[_knowledge] = lambda: kb
    first = admin.post("/api/admin/reload", headers=AUTH).json()
    assert [m["slug"] for m in first["municipalities"]] == [
        "hedensted", "hjoerring", "lejre", "rebild", "skanderborg"]
    assert first["problems"] == [] and first["national"] is True
    assert first["detail"] == "Filerne er læst igen: 5 kommuner og 0 fejl."

    (knowledge_copy / "rebild.yml").unlink()
    (knowledge_copy / "odder.yml").write_text("municipality: [ikke gyldig\n", encoding="utf-8")
    response = admin.post("/api/admin/reload", headers=AUTH)
    assert response.status_code == 200
    data = response.json()
    assert "rebild" not in [m["slug"] for m in data["municipalities"]]
    assert {"slug": "lejre", "name": "Lejre",
            "title": "Kvalitetsstandard for genoptræning og vedligeholdende træning"} in (
        data["municipalities"])
    assert [p["file"] for p in data["problems"]] == ["odder.yml"]
    assert data["detail"] == "Filerne er læst igen: 4 kommuner og 1 fejl."


def test_review_as_json(admin):
    response = admin.get("/api/admin/review", headers=AUTH)
    assert response.status_code == 200
    data = response.json()
    assert (data["days"], data["conversations"], data["messages"], data["understood"]) == (
        30, 3, 9, 5)
    assert [m["text"] for m in data["fallbacks"]] == [
        "og hvad med Rebild?", "blablub [CPR]", "BLABLUB [CPR]"]
    assert [(m["text"], m["intent"]) for m in data["low_confidence"]] == [
        ("kan jeg få kørsel", "ask_transport")]
    assert "010203" not in response.text
    top = {t["municipality"]: [x["label"] for x in t["topics"]] for t in data["topics"]}
    assert top == {None: ["Sådan søger du", "Pris og egenbetaling"],
                   "lejre": ["Pris og egenbetaling"], "hjoerring": ["Pris og egenbetaling"]}


def test_review_for_one_municipality_and_window(admin):
    data = admin.get("/api/admin/review", params={"kommune": "Lejre"}, headers=AUTH).json()
    assert (data["municipality"], data["conversations"], data["messages"]) == ("lejre", 1, 3)
    data = admin.get("/api/admin/review", params={"days": 60, "include_staff": True},
                     headers=AUTH).json()
    assert (data["conversations"], data["messages"]) == (5, 11)
    data = admin.get("/api/admin/review", params={"threshold": 0.4}, headers=AUTH).json()
    assert data["understood"] == 6


def test_review_refuses_bad_input_in_danish(admin):
    response = admin.get("/api/admin/review", params={"kommune": "Paris"}, headers=AUTH)
    assert response.status_code == 422
    assert response.json() == {"detail": "Kommunen findes ikke."}
    response = admin.get("/api/admin/review", params={"days": 0}, headers=AUTH)
    assert response.status_code == 422
    assert response.json() == {"detail": "Forespørgslen kunne ikke forstås. Prøv igen."}


def test_review_without_a_tracker_store_503(admin, monkeypatch, tmp_path):
    monkeypatch.setattr(get_settings(), "tracker_db", tmp_path / "none.db")
    response = admin.get("/api/admin/review", headers=AUTH)
    assert response.status_code == 503
    assert response.json() == {"detail": "Kan ikke finde samtalerne. Databasen findes ikke."}


def test_delete_a_conversation(admin):
    response = admin.delete("/api/admin/conversations/c-lejre", headers=AUTH)
    assert response.status_code == 204
    assert response.content == b""
    data = admin.get("/api/admin/review", headers=AUTH).json()
    assert data["conversations"] == 2
    assert "blablub [CPR]" not in [m["text"] for m in data["fallbacks"]]

    again = admin.delete("/api/admin/conversations/c-lejre", headers=AUTH)
    assert again.status_code == 404
    assert again.json() == {"detail": "Samtalen findes ikke."}


def test_openapi_lists_the_admin_routes_with_bearer_auth(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/admin/reload", "/api/admin/review",
            "/api/admin/conversations/{sender_id}"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["Administratornøgle"]["scheme"] == "bearer"


# --- refusing to start -----------------------------------------------------------------------

def test_refuses_to_start_in_production_with_the_placeholder_token(monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "environment", "production")
    monkeypatch.setattr(settings, "admin_token", PLACEHOLDER_TOKEN)
    with pytest.raises(RuntimeError, match="GENOPTRAENING_ADMIN_TOKEN"), TestClient(app):
        pass
    monkeypatch.setattr(settings, "admin_token", "")
    with pytest.raises(RuntimeError, match="vil ikke starte"), TestClient(app):
        pass


def test_starts_in_production_with_a_real_token(monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "environment", "production")
    monkeypatch.setattr(settings, "admin_token", TOKEN)
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200


def test_uvicorn_exits_in_production_with_the_placeholder_token(tmp_path):
    env = {**os.environ, "GENOPTRAENING_ENVIRONMENT": "production",
           "GENOPTRAENING_DATA_DIR": str(tmp_path)}
    env.pop("GENOPTRAENING_ADMIN_TOKEN", None)
    uvicorn = Path(sys.executable).parent / "uvicorn"
    result = subprocess.run(
        [str(uvicorn), "genoptraening.api.main:app", "--host", "127.0.0.1", "--port", "0",
         "--ws", "none"],
        capture_output=True, text=True, timeout=120, env=env,
        cwd=Path(__file__).resolve().parents[2])
    assert result.returncode != 0
    assert "Nøglen til admin er stadig »change-me«" in result.stderr
    assert "Application startup failed" in result.stderr

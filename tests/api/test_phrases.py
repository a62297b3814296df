"""``GET /api/phrases/widget``: the widget's texts come from knowledge/phrases/da.yml."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from genoptraening.api.main import create_app
from genoptraening.api.routes.phrases import CACHE_CONTROL

from genoptraening.core.render import phrases
from genoptraening.settings import get_settings

WIDGET_JS = Path(__file__).resolve().parents[2] / "api" / "static" / "widget.js"
MUNICIPAL_SITE = "https://www.lejre.dk"


def test_the_widget_texts_are_the_phrase_file_s(client):
    response = client.get("/api/phrases/widget")
    assert response.status_code == 200
    body = response.json()
    assert body == phrases()["widget"]
    assert body["privacy"].startswith("Skriv ikke dit CPR-nummer")
    assert len(body["suggestions"]) == 3
    assert "".join(body["title"]) == "Genoptræningsguiden"


def test_the_texts_may_be_cached_briefly_and_keep_the_security_headers(client):
    response = client.get("/api/phrases/widget")
    assert response.headers["Cache-Control"] == CACHE_CONTROL == "public, max-age=300"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_the_placeholders_are_the_ones_widget_js_fills_in(client):
    body = client.get("/api/phrases/widget").json()
    found = {key: re.findall(r"\{(\w+)\}", " ".join([value] if isinstance(value, str) else value))
             for key, value in body.items()}
    assert {key: names for key, names in found.items() if names} == {
        "left": ["left"], "left_none": ["limit"], "passage_section": ["section"],
        "passage_municipality": ["municipality", "section"]}


def test_a_municipal_page_may_read_them(rasa, monkeypatch):
    # The widget embedded on a municipality's own site fetches them across origins.
    monkeypatch.setattr(get_settings(), "cors_origins", [MUNICIPAL_SITE])
    monkeypatch.setattr(get_settings(), "redis_url", None)
    client = TestClient(create_app())
    allowed = client.get("/api/phrases/widget", headers={"Origin": MUNICIPAL_SITE})
    assert allowed.headers["access-control-allow-origin"] == MUNICIPAL_SITE
    other = client.get("/api/phrases/widget", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_widget_js_fetches_them_and_keeps_no_danish_labels_of_its_own():
    source = WIDGET_JS.read_text(encoding="utf-8")
    assert "'api/phrases/widget'" in source
    assert "var T = {" not in source
    # The one Danish sentence left is shown when the texts cannot be fetched.
    assert source.count("Prøv igen") == 1

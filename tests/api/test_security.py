"""Security headers, the Content-Security-Policy and CORS."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from fastapi.testclient import TestClient
from genoptraening.api.deps import _rasa_client
from genoptraening.api.main import STATIC, create_app

from genoptraening.settings import get_settings

MUNICIPAL_SITE = "https://www.lejre.dk"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_demo_page_allows_only_its_own_inline_script_and_style(client):
    response = client.get("/")
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in
                  response.headers["Content-Security-Policy"].split(";"))
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert script and style
    assert policy["script-src"] == f"'self' {sha256(script.group(1))}"
    assert policy["style-src"] == f"'self' {sha256(style.group(1))}"
    assert policy["default-src"] == "'none'"
    assert policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/api/municipalities", "/widget.js", "/widget.css", "/health",
                                  "/nowhere"])
def test_everything_else_may_load_nothing_and_not_be_framed(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; frame-ancestors 'none'")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_the_api_docs_keep_working_without_a_policy(client):
    response = client.get("/docs")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


@pytest.fixture
def cors_client(rasa, monkeypatch) -> TestClient:
    """An app built with one municipal website allowed."""
    monkeypatch.setattr(get_settings(), "cors_origins", [MUNICIPAL_SITE])
    monkeypatch.setattr(get_settings(), "rate_limit", 3)
    monkeypatch.setattr(get_settings(), "redis_url", None)
    app = create_app()
    app.dependency_overrides[_rasa_client] = lambda: rasa
    return TestClient(app)


def test_cors_allows_the_municipal_origins_only(cors_client):
    allowed = cors_client.post("/api/chat", json={"message": "hej"},
                               headers={"Origin": MUNICIPAL_SITE})
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == MUNICIPAL_SITE
    other = cors_client.post("/api/chat", json={"message": "hej"},
                             headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_cors_preflight(cors_client):
    def preflight(origin: str):
        return cors_client.options("/api/chat", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})

    assert preflight(MUNICIPAL_SITE).headers["Access-Control-Allow-Origin"] == MUNICIPAL_SITE
    assert "Access-Control-Allow-Origin" not in preflight("https://evil.example").headers


def test_a_413_and_a_429_can_be_read_by_the_municipal_page(cors_client):
    headers = {"Origin": MUNICIPAL_SITE, "content-type": "application/json"}
    too_large = cors_client.post("/api/chat", content=b" " * 70_000, headers=headers)
    assert too_large.status_code == 413
    assert too_large.headers["Access-Control-Allow-Origin"] == MUNICIPAL_SITE
    statuses = [cors_client.post("/api/chat", json={"message": "hej"}, headers=headers)
                for _ in range(4)]
    assert statuses[-1].status_code == 429
    assert statuses[-1].headers["Access-Control-Allow-Origin"] == MUNICIPAL_SITE


def test_widget_js_is_served_as_one_script_with_its_helpers_first(client):
    from genoptraening.api.main import STATIC, WIDGET_SOURCES

    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    body = response.text
    parts = [(STATIC / name).read_text(encoding="utf-8") for name in WIDGET_SOURCES]
    assert body == "\n".join(parts)
    assert body.index("window.GenoptraeningsguidenLib =") < body.index("var lib = window.")
    again = client.get("/widget.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.content

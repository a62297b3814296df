"""``/health`` (the API is alive) and ``/ready`` (Rasa, actions and knowledge are usable)."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import KnowledgeDep, SettingsDep

router = APIRouter(tags=["health"])


@router.get("/health", summary="API'en kører")
async def health() -> dict[str, str]:
    """Say the API process is alive."""
    return {"status": "ok"}


@router.get("/ready", summary="Rasa, action-serveren og vidensbasen er klar")
async def ready(settings: SettingsDep, kb: KnowledgeDep) -> JSONResponse:
    """Check Rasa, the action server and the knowledge base; 503 with details if not.

    With several Rasa replicas the API is ready while one answers (it sends messages to those
    that do); ``rasa_replicas`` tells which.
    """
    replicas = {url: await _answers(f"{url}/") for url in settings.rasa_urls}
    checks: dict[str, Any] = {
        "rasa": any(replicas.values()),
        "actions": await _answers(f"{settings.actions_url}/health"),
        "knowledge": kb.is_ready() and not kb.problems,
    }
    body: dict[str, Any] = {"status": "ready" if all(checks.values()) else "not ready",
                            "checks": checks}
    if len(replicas) > 1:
        body["rasa_replicas"] = replicas
    if kb.problems:
        body["knowledge_problems"] = [str(p) for p in kb.problems]
    return JSONResponse(body, status_code=200 if all(checks.values()) else 503)


async def _answers(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2.0) as client:
            return (await client.get(url)).status_code < 500
    except httpx.HTTPError:
        return False

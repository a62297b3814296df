"""``/api/admin/…``: for operators, behind ``Authorization: Bearer <admin token>``.

Reload the knowledge base now, read the conversation review as JSON, and delete one
conversation (a citizen's request to be forgotten). The review is the same function as
``genoptraening review``; it and the deletion work on the tracker store Rasa uses
(PostgreSQL at ``settings.database_url`` when set, else SQLite at ``settings.tracker_db``).
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from genoptraening.ops import review as conversation_review
from genoptraening.ops.conversations import (
    ConversationStore,
    TrackerStoreMissing,
    TrackerStoreUnreachable,
)
from genoptraening.settings import PLACEHOLDER_TOKEN, Settings

from ..deps import KnowledgeDep, RegisterDep, SettingsDep
from ..errors import api_text, problem
from ..schemas import Problem

_bearer = HTTPBearer(auto_error=False, scheme_name="Administratornøgle",
                     description="GENOPTRAENING_ADMIN_TOKEN")


def require_admin(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    settings: SettingsDep,
) -> None:
    """Let the request through only with the admin token (401 in Danish otherwise)."""
    given = credentials.credentials.encode() if credentials else b""
    # Constant time, so the token cannot be guessed a character at a time.
    if not settings.admin_token or not secrets.compare_digest(
            given, settings.admin_token.encode()):
        raise HTTPException(401, detail=api_text("admin_unauthorized"),
                            headers={"WWW-Authenticate": "Bearer"})


def check_admin_token(settings: Settings) -> None:
    """Refuse to run outside development with the placeholder (or no) admin token.

    Raises:
        RuntimeError: With a Danish explanation of what to set.

    """
    if settings.environment != "development" and settings.admin_token in (PLACEHOLDER_TOKEN, ""):
        raise RuntimeError(api_text("admin_placeholder_token", token=PLACEHOLDER_TOKEN,
                                    environment=settings.environment))


router = APIRouter(prefix="/api/admin", tags=["admin"], dependencies=[Depends(require_admin)],
                   responses={401: {"model": Problem}})


@router.post("/reload", summary="Læs vidensbasen igen nu")
async def reload(kb: KnowledgeDep, register: RegisterDep) -> dict[str, Any]:
    """Reload the knowledge files now; return the municipalities loaded and any problems.

    Only the web API's copy is reloaded; the action server picks up changed files by itself
    within ``reload_interval``.
    """
    kb.refresh(force=True)
    standards = kb.standards()
    problems = kb.problems
    return {
        "detail": api_text("admin_reloaded", count=len(standards), problems=len(problems)),
        "municipalities": [
            {"slug": slug, "name": found.name if (found := register.by_slug(slug)) else slug,
             "title": standard.title}
            for slug, standard in standards.items()
        ],
        "national": kb.national is not None,
        "problems": [{"file": p.file, "path": p.path, "reason": p.reason} for p in problems],
    }


@router.get("/review", response_model=None, responses={422: {"model": Problem},
                                                        503: {"model": Problem}},
            summary="Gennemgang af samtalerne (som genoptraening review)")
def review(
    settings: SettingsDep,
    register: RegisterDep,
    days: Annotated[float, Query(gt=0, le=3650, description="Antal dage tilbage")] = 30,
    kommune: Annotated[str | None, Query(max_length=100, description="Kun én kommune")] = None,
    threshold: Annotated[float, Query(ge=0, le=1, description="Sikkerhed der tæller som "
                                                              "forstået")] = 0.5,
    include_staff: Annotated[bool, Query(description="Medtag personalets testsamtaler")] = False,
) -> dict[str, Any] | JSONResponse:
    """Return the review figures of the last ``days`` days as JSON (texts CPR-masked)."""
    slug = None
    if kommune:
        found = register.by_slug(kommune) or register.lookup(kommune)
        if found is None:
            return problem(422, "unknown_municipality")
        slug = found.slug
    try:
        result = conversation_review.load_review(ConversationStore.from_settings(settings), days,
                                                 slug, threshold, include_staff)
    except TrackerStoreMissing as exc:
        return _store_problem(exc)
    return {"days": days, **result.as_dict()}


@router.delete("/conversations/{sender_id}", status_code=204, response_class=Response,
               responses={404: {"model": Problem}, 503: {"model": Problem}},
               summary="Slet en samtale fra samtaledatabasen")
def delete_conversation(sender_id: str, settings: SettingsDep) -> Response:
    """Delete every event of one conversation; 404 when there is none."""
    try:
        deleted = ConversationStore.from_settings(settings).delete(sender_id)
    except TrackerStoreMissing as exc:
        return _store_problem(exc)
    if not deleted:
        return problem(404, "admin_conversation_missing")
    return Response(status_code=204)


def _store_problem(exc: TrackerStoreMissing) -> JSONResponse:
    """503 in Danish: the store is missing, or (PostgreSQL) cannot be reached right now."""
    unreachable = isinstance(exc, TrackerStoreUnreachable)
    return problem(503, "admin_tracker_unreachable" if unreachable else "admin_tracker_missing")

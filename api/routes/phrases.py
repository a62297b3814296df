"""``/api/phrases/widget``: the chat widget's own Danish texts (knowledge/phrases/da.yml)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from genoptraening.core.render import phrases

router = APIRouter(prefix="/api/phrases", tags=["phrases"])

#: The texts change only when an editor changes da.yml: a browser (or proxy) may keep them for
#: five minutes, so each page view does not ask again, and an edit shows soon after.
CACHE_CONTROL = "public, max-age=300"


@router.get("/widget", summary="Widgettens egne tekster")
async def widget_phrases() -> JSONResponse:
    """Return the widget's labels and messages ({placeholders} are filled in by widget.js)."""
    return JSONResponse(phrases()["widget"], headers={"Cache-Control": CACHE_CONTROL})

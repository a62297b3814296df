"""``/staff/…``: the staff console in the browser (server-rendered pages, no script).

Pages: login, Test (chat as a citizen, with why the assistant answered so), Knowledge (a
municipality's standard and its curated topics; edit, preview, save, history, revert), Import
(upload a standard, review its drafted facts), Gennemgang (messages not understood and answers
rated down, marked as training examples), Overblik (charts per week), Svartjek (the answer
checks run from the page) and Users (administrators). The domain is
``genoptraening.ops.console``; here are only HTTP, cookies and templates
(``api/templates/staff/``).
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from genoptraening.ops.console.db import ConsoleDatabaseError
from genoptraening.ops.console.texts import text

from . import auth, checks, imports, knowledge, overview, review, test, users
from .common import StaffProblem, redirect, render

router = APIRouter(prefix="/staff", include_in_schema=False)
router.include_router(auth.router)
router.include_router(test.router)
router.include_router(knowledge.router)
router.include_router(imports.router)
router.include_router(review.router)
router.include_router(overview.router)
router.include_router(checks.router)
router.include_router(users.router)
#: Paths that take a body over the API's limit: the upload of a standard.
LARGER_BODIES = {"/staff/import": (imports.UPLOAD_LIMIT, imports.too_large)}


async def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StaffProblem)
    if exc.location is not None:
        return redirect(exc.location)
    return render(request, "error.html", exc.status, message=text(exc.key or "forbidden"))


async def _database_down(request: Request, exc: Exception) -> Response:
    return render(request, "error.html", 503, message=text("database_down"))


def install(app: FastAPI) -> None:
    """Add the console's pages and its error pages to the web API."""
    app.include_router(router)
    app.add_exception_handler(StaffProblem, _problem)
    app.add_exception_handler(ConsoleDatabaseError, _database_down)

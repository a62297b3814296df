"""The FastAPI application: ``uvicorn api.main:app`` (``make run`` starts it on port 8000)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from genoptraening.ops import retention
from genoptraening.settings import get_settings

from . import limits
from .deps import _rasa_client, warm_up
from .errors import api_text
from .routes import admin, chat, health, municipalities, phrases, staff
from .security import SecurityHeadersMiddleware, page_csp

STATIC = Path(__file__).resolve().parent / "static"
_STATIC_FILES = {"/": "index.html", "/widget.js": "widget.js", "/widget.css": "widget.css"}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Check the admin token, then purge on a schedule while running; clean up on shutdown.

    Outside development the placeholder admin token is refused (a RuntimeError). Old
    conversations and ratings are deleted every ``purge_interval`` seconds (in a thread); on
    shutdown that schedule is cancelled and the connection to Rasa closed.
    """
    admin.check_admin_token(get_settings())
    _log_to_stderr()
    await asyncio.to_thread(warm_up)
    purge = retention.start_schedule(get_settings())
    yield
    await retention.stop_schedule(purge)
    await (await _rasa_client()).close()
    if app.state.limiter is not None:
        await app.state.limiter.close()


def _log_to_stderr() -> None:
    # uvicorn sets up its own loggers only; without this the service's INFO lines (knowledge
    # reloads, purges — never message text) would be lost. A configured root logger is kept.
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)-7s %(name)s - %(message)s")


def create_app() -> FastAPI:
    """Build the web API."""
    app = FastAPI(
        title="Genoptræningsguiden",
        description="Chat med assistenten om genoptræning og vedligeholdende træning, "
                    "kommunerne og deres kvalitetsstandarder.",
        version="0.1.0",
        lifespan=lifespan,
    )
    # Messages a minute per client on /api/chat and /api/feedback (429 beyond).
    app.state.limiter = limits.build_limiter(get_settings())
    app.include_router(chat.router, dependencies=[Depends(limits.rate_limit)])
    app.include_router(municipalities.router)
    app.include_router(phrases.router)
    app.include_router(health.router)
    app.include_router(admin.router)
    staff.install(app)
    for route, name in _STATIC_FILES.items():
        app.add_api_route(route, _static(name), methods=["GET"], include_in_schema=False)
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    # Innermost, so that a 413 still gets the CORS and security headers.
    app.add_middleware(limits.BodyLimitMiddleware, max_body=get_settings().max_body,
                       larger=staff.LARGER_BODIES)
    app.add_middleware(
        CORSMiddleware, allow_origins=get_settings().cors_origins,
        allow_methods=["GET", "POST"], allow_headers=["Content-Type"],
    )
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _static(name: str) -> Callable[..., Awaitable[Response]]:
    if name == "widget.js":
        return _widget_js

    async def serve() -> Response:
        path = STATIC / name
        headers = {"Content-Security-Policy": page_csp(path)} if name.endswith(".html") else None
        return FileResponse(path, headers=headers)

    return serve


#: The widget's sources, served as one script so that a municipal page embeds one tag.
WIDGET_SOURCES = ("widget-lib.js", "widget.js")


@lru_cache(maxsize=2)
def _widget_body(stamps: tuple[int, ...]) -> tuple[bytes, str]:
    """Return the joined sources and their ETag; read again only when a source changed."""
    body = "\n".join((STATIC / name).read_text(encoding="utf-8") for name in WIDGET_SOURCES)
    data = body.encode("utf-8")
    return data, f'"{hashlib.sha256(data).hexdigest()[:32]}"'


async def _widget_js(request: Request) -> Response:
    # Read once per change, not per page view; the ETag lets browsers keep their copy, as
    # the file response of a single widget.js did.
    stamps = tuple((STATIC / name).stat().st_mtime_ns for name in WIDGET_SOURCES)
    data, etag = _widget_body(stamps)
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(data, media_type="text/javascript; charset=utf-8", headers={"ETag": etag})


async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    # Say what is wrong in Danish; never echo the input (it may hold a CPR number).
    fields = {str(part) for error in exc.errors() for part in error.get("loc", ())}
    key = "invalid_session" if "session_id" in fields else "invalid_request"
    return JSONResponse({"detail": api_text(key)}, status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400 and exc.__cause__ is not None:
        # FastAPI could not decode the body (e.g. invalid UTF-8): answer as for invalid JSON.
        return JSONResponse({"detail": api_text("invalid_request")}, status_code=422)
    detail = api_text("not_found") if exc.status_code == 404 else str(exc.detail)
    # Keep the headers (WWW-Authenticate on a 401).
    return JSONResponse({"detail": detail}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


app = create_app()

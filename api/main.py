"""The FastAPI application: ``uvicorn api.main:app`` (``make run`` starts it on port 8000)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import _rasa_client
from api.routes import admin, chat, health, municipalities
from api.routes.chat import api_text
from genoptraening.settings import get_settings

STATIC = Path(__file__).resolve().parent / "static"
_STATIC_FILES = {"/": "index.html", "/widget.js": "widget.js", "/widget.css": "widget.css"}
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Check the admin token before starting; close the connection to Rasa on shutdown.

    Outside development the placeholder admin token is refused (a RuntimeError).
    """
    admin.check_admin_token(get_settings())
    yield
    await _rasa_client().close()


def create_app() -> FastAPI:
    """Build the web API."""
    app = FastAPI(
        title="Genoptræningsguiden",
        description="Chat med assistenten om genoptræning og vedligeholdende træning, "
                    "kommunerne og deres kvalitetsstandarder.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(chat.router)
    app.include_router(municipalities.router)
    app.include_router(health.router)
    app.include_router(admin.router)
    for route, name in _STATIC_FILES.items():
        app.add_api_route(route, _static(name), methods=["GET"], include_in_schema=False)
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_middleware(
        CORSMiddleware, allow_origins=get_settings().cors_origins,
        allow_methods=["GET", "POST"], allow_headers=["Content-Type"],
    )
    app.middleware("http")(_security_headers)
    return app


def _static(name: str) -> Callable[[], Awaitable[FileResponse]]:
    async def serve() -> FileResponse:
        return FileResponse(STATIC / name)

    return serve


async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    # Say what is wrong in Danish; never echo the input (it may hold a CPR number).
    fields = {str(part) for error in exc.errors() for part in error.get("loc", ())}
    key = "invalid_session" if "session_id" in fields else "invalid_request"
    return JSONResponse({"detail": api_text(key)}, status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = api_text("not_found") if exc.status_code == 404 else str(exc.detail)
    # Keep the headers (WWW-Authenticate on a 401).
    return JSONResponse({"detail": detail}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.update(_SECURITY_HEADERS)
    return response


app = create_app()

"""Logging in and out of the staff console, and its style sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, Response

from genoptraening.ops.console import audit
from genoptraening.ops.console.texts import ConsoleRefusal

from ...deps import SettingsDep
from .common import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    CheckedSession,
    ConsoleDep,
    OptionalSession,
    client_ip,
    new_token,
    redirect,
    render,
    same_token,
    set_cookie,
)

router = APIRouter()
STATIC = Path(__file__).resolve().parents[2] / "static"


@router.get("/staff.css")
async def style_sheet() -> FileResponse:
    """Serve the console's style sheet."""
    return FileResponse(STATIC / "staff.css", media_type="text/css")


@router.get("/")
async def start(session: OptionalSession) -> Response:
    """Send the visitor on: to the Test page, or to the login page."""
    return redirect("/staff/test" if session else "/staff/login")


def _login_page(request: Request, settings: SettingsDep, status: int = 200,
                message: str | None = None, username: str = "") -> Response:
    token = new_token()
    response = render(request, "login.html", status, login_csrf=token, message=message,
                      username=username, expired=request.query_params.get("udlobet") == "1",
                      logged_out=request.query_params.get("ud") == "1")
    set_cookie(response, request, settings, LOGIN_COOKIE, token)
    return response


@router.get("/login")
def login_page(request: Request, settings: SettingsDep, session: OptionalSession) -> Response:
    """Show the login form (a fresh CSRF token in a cookie and in the form)."""
    if session is not None:
        return redirect("/staff/test")
    return _login_page(request, settings)


@router.post("/login")
def login(request: Request, settings: SettingsDep, console: ConsoleDep,
          username: Annotated[str, Form(max_length=200)] = "",
          password: Annotated[str, Form(max_length=1000)] = "",
          csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    """Check the name and password; start a session (303 to the Test page)."""
    if not same_token(csrf, request.cookies.get(LOGIN_COOKIE)):
        return _login_page(request, settings, 403, str(ConsoleRefusal("csrf")), username)
    try:
        user = console.accounts.authenticate(username, password, client_ip(request))
    except ConsoleRefusal as exc:
        status = 429 if exc.key == "login_limited" else 401
        return _login_page(request, settings, status, str(exc), username)
    token, _ = console.sessions.start(user)
    response = redirect("/staff/test")
    set_cookie(response, request, settings, SESSION_COOKIE, token)
    response.delete_cookie(LOGIN_COOKIE, path="/staff")
    return response


@router.post("/logout")
def logout(request: Request, console: ConsoleDep, session: CheckedSession) -> Response:
    """End the session; back to the login page."""
    console.sessions.end(session)
    audit.log(console.db, console.accounts.clock(), session.user.username, "logout",
              ip=client_ip(request))
    response = redirect("/staff/login?ud=1")
    response.delete_cookie(SESSION_COOKIE, path="/staff")
    return response

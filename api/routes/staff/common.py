"""What every page of the staff console shares.

The console's services, the logged-in session, the CSRF check, the cookies and the rendering
of a template with its security headers.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, get_args

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from genoptraening.core.knowledge.schema import DeadlineEvent, DeadlineKind, DeadlineUnit
from genoptraening.core.render import law_label, phrases, topic_label
from genoptraening.ops.console import audit
from genoptraening.ops.console.accounts import Accounts
from genoptraening.ops.console.check_runs import CheckRuns
from genoptraening.ops.console.db import ConsoleDatabase
from genoptraening.ops.console.drafts import DraftReview
from genoptraening.ops.console.examples import Examples
from genoptraening.ops.console.history import TopicEditor
from genoptraening.ops.console.sessions import Session, Sessions, tokens_match
from genoptraening.ops.console.texts import text, texts
from genoptraening.settings import Settings

from ...deps import SettingsDep

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[2] / "templates"))
TEMPLATES.env.globals.update(t=text, texts=texts, topic_label=topic_label, law_label=law_label)
TEMPLATES.env.filters["datetime"] = lambda at: time.strftime("%d-%m-%Y kl. %H:%M",
                                                            time.localtime(float(at)))
#: The session cookie and, before login, the login form's CSRF cookie (double submit).
SESSION_COOKIE = "gtg_staff"
LOGIN_COOKIE = "gtg_staff_login"
COOKIE_PATH = "/staff"
#: The console's pages: their own style sheet, no script, forms to the console only.
STAFF_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
             "frame-ancestors 'none'; base-uri 'none'")


@dataclass
class Console:
    """The console's services over one database and one knowledge folder."""

    db: ConsoleDatabase
    accounts: Accounts
    sessions: Sessions
    editor: TopicEditor
    drafts: DraftReview
    examples: Examples
    checks: CheckRuns


@lru_cache(maxsize=4)
def _console_for(url: str, knowledge_dir: Path, seeds_dir: Path, idle: float,
                 lifetime: float) -> Console:
    db = ConsoleDatabase(url)
    accounts = Accounts(db)
    return Console(db, accounts, Sessions(db, accounts, idle, lifetime),
                   TopicEditor(db, knowledge_dir, seeds_dir),
                   DraftReview(db, knowledge_dir, seeds_dir), Examples(db), CheckRuns(db))


def console_of(settings: Settings) -> Console:
    """Return the console of these settings (one per database and folder, kept)."""
    db = ConsoleDatabase.from_settings(settings)
    return _console_for(db.url, settings.knowledge_dir, settings.seeds_dir,
                        settings.staff_session_idle, settings.staff_session_lifetime)


async def _console(settings: SettingsDep) -> Console:
    return console_of(settings)


ConsoleDep = Annotated[Console, Depends(_console)]


class StaffProblem(Exception):
    """A request the console answers with a page of its own: a redirect or a refusal."""

    def __init__(self, status: int, key: str | None = None, location: str | None = None):
        super().__init__(key or location or str(status))
        self.status = status
        self.key = key
        self.location = location


def secure_cookies(request: Request, settings: Settings) -> bool:
    """Whether cookies are Secure: always, except in development over plain http."""
    return settings.environment != "development" or request.url.scheme == "https"


def set_cookie(response: Response, request: Request, settings: Settings, name: str,
               value: str) -> None:
    """Set one of the console's cookies: HttpOnly, SameSite=Strict, Secure but on dev http."""
    response.set_cookie(name, value, path=COOKIE_PATH, httponly=True, samesite="strict",
                        secure=secure_cookies(request, settings))


def client_ip(request: Request) -> str:
    """Return the client's address (the proxy's, unless uvicorn runs with --proxy-headers)."""
    return request.client.host if request.client else "?"


def _session(request: Request, console: ConsoleDep) -> Session | None:
    return console.sessions.get(request.cookies.get(SESSION_COOKIE))


def require_session(request: Request, console: ConsoleDep) -> Session:
    """Return the logged-in session; a redirect to the login page without one."""
    session = _session(request, console)
    if session is None:
        expired = "?udlobet=1" if request.cookies.get(SESSION_COOKIE) else ""
        raise StaffProblem(303, location=f"/staff/login{expired}")
    request.state.staff_session = session
    return session


StaffSession = Annotated[Session, Depends(require_session)]
OptionalSession = Annotated[Session | None, Depends(_session)]


def require_csrf(session: StaffSession, csrf: Annotated[str, Form()] = "") -> Session:
    """Return the session of a form posted with its CSRF token (403 otherwise)."""
    if not session.csrf_ok(csrf):
        raise StaffProblem(403, "csrf")
    return session


def require_admin(session: StaffSession) -> Session:
    """Return the session of an administrator (403 otherwise)."""
    if not session.user.is_admin:
        raise StaffProblem(403, "forbidden")
    return session


CheckedSession = Annotated[Session, Depends(require_csrf)]
AdminSession = Annotated[Session, Depends(require_admin)]


def check_admin_form(session: AdminSession, csrf: Annotated[str, Form()] = "") -> Session:
    """Return the session of an administrator's form with its CSRF token."""
    return require_csrf(session, csrf)


AdminForm = Annotated[Session, Depends(check_admin_form)]


def refuse_edit(console: Console, session: Session, slug: str, request: Request) -> None:
    """Refuse (403, logged) a change to a municipality the user may not edit."""
    if not session.user.can_edit(slug):
        audit.log(console.db, console.accounts.clock(), session.user.username, "forbidden",
                  municipality=slug, target=request.url.path, ip=client_ip(request))
        raise StaffProblem(403, "forbidden")


def refuse_reader(console: Console, session: Session, request: Request) -> None:
    """Refuse (403, logged) a change by an account that may change nothing (a reader)."""
    if session.user.role not in ("admin", "editor"):
        audit.log(console.db, console.accounts.clock(), session.user.username, "forbidden",
                  target=request.url.path, ip=client_ip(request))
        raise StaffProblem(403, "forbidden")


def deadline_choices() -> dict[str, list[tuple[str, str]]]:
    """Return the choices of a deadline's kind, unit and event, as the forms show them."""
    return {"kinds": [(k, text(f"deadline_kinds.{k}")) for k in get_args(DeadlineKind)],
            "units": [(u, u) for u in get_args(DeadlineUnit)],
            "events": [(e, phrases()["events"][e]) for e in get_args(DeadlineEvent)]}


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a console page with the session's user and CSRF token, and its headers."""
    session: Session | None = getattr(request.state, "staff_session", None)
    response = TEMPLATES.TemplateResponse(request, f"staff/{name}", {
        "user": session.user if session else None,
        "csrf": session.csrf if session else context.pop("login_csrf", ""),
        **context,
    }, status_code=status)
    no_store(response)
    return response


def no_store(response: Response) -> Response:
    """Give a console response its policy and keep it out of caches."""
    response.headers["Content-Security-Policy"] = STAFF_CSP
    response.headers["Cache-Control"] = "no-store"
    return response


def redirect(location: str) -> RedirectResponse:
    """Return a 303 to another page of the console (after a form: the browser GETs it)."""
    return no_store(RedirectResponse(location, status_code=303))  # type: ignore[return-value]


def new_token() -> str:
    """Return a random token for a cookie or a form."""
    return secrets.token_urlsafe(32)


def same_token(given: str | None, expected: str | None) -> bool:
    """Compare two tokens in constant time."""
    return tokens_match(given, expected)

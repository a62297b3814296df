"""The Users page, for administrators: the accounts, a new one, roles, removal, the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from genoptraening.ops.console import audit
from genoptraening.ops.console.accounts import ROLES
from genoptraening.ops.console.texts import ConsoleRefusal

from ...deps import KnowledgeDep, RegisterDep
from .common import AdminForm, AdminSession, ConsoleDep, client_ip, redirect, render

router = APIRouter(prefix="/brugere")
#: Audit log entries shown on the page.
AUDIT_SHOWN = 100


def _page(request: Request, console: ConsoleDep, register: RegisterDep, kb: KnowledgeDep,
          status: int = 200, **context: object) -> Response:
    names = {m.slug: m.name for m in register.municipalities}
    return render(request, "users.html", status, page="brugere",
                  users=console.accounts.list(), roles=ROLES,
                  names=names, standards=sorted(kb.standards()),
                  log=audit.recent(console.db, AUDIT_SHOWN), **context)


@router.get("")
def users(request: Request, session: AdminSession, console: ConsoleDep,
          register: RegisterDep, kb: KnowledgeDep) -> Response:
    """Show the accounts, the form for a new one, and the audit log."""
    done = request.query_params.get("ok")
    return _page(request, console, register, kb, done=done)


@router.post("")
def add(request: Request, session: AdminForm, console: ConsoleDep, register: RegisterDep,
        kb: KnowledgeDep, username: Annotated[str, Form(max_length=64)] = "",
        role: Annotated[str, Form(max_length=16)] = "",
        kommune: Annotated[list[str] | None, Form()] = None,
        password: Annotated[str, Form(max_length=1000)] = "") -> Response:
    """Create an account (the administrator gives its first password)."""
    try:
        console.accounts.add(username, role, kommune or [], password, session.user.username,
                             client_ip(request))
    except ConsoleRefusal as exc:
        return _page(request, console, register, kb, 422, error=str(exc), field=exc.field,
                     entered={"username": username, "role": role, "kommune": kommune or []})
    return redirect("/staff/brugere?ok=added")


@router.post("/{username}/rolle")
def change(request: Request, username: str, session: AdminForm, console: ConsoleDep,
           register: RegisterDep, kb: KnowledgeDep,
           role: Annotated[str, Form(max_length=16)] = "",
           kommune: Annotated[list[str] | None, Form()] = None) -> Response:
    """Change an account's role and municipalities."""
    try:
        console.accounts.update(username, role, kommune or [], session.user.username,
                                client_ip(request))
    except ConsoleRefusal as exc:
        return _page(request, console, register, kb, 422, error=str(exc))
    return redirect("/staff/brugere?ok=changed")


@router.post("/{username}/slet")
def remove(request: Request, username: str, session: AdminForm, console: ConsoleDep,
           register: RegisterDep, kb: KnowledgeDep) -> Response:
    """Delete an account (not the last administrator)."""
    try:
        console.accounts.remove(username, session.user.username, client_ip(request))
    except ConsoleRefusal as exc:
        return _page(request, console, register, kb, 422, error=str(exc))
    return redirect("/staff/brugere?ok=removed")

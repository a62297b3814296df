"""The Test page: chat as a citizen of one or two municipalities, side by side."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from genoptraening.core.register import Register
from genoptraening.ops.console.sessions import Session
from genoptraening.ops.console.testing import MAX_TURNS, ask
from genoptraening.ops.services import rasa_token

from ...deps import KnowledgeDep, RegisterDep, SettingsDep
from .common import CheckedSession, ConsoleDep, StaffSession, redirect, render

router = APIRouter()
#: The two panels' municipalities when the page is first opened.
DEFAULTS = ("lejre", "")


def _sender() -> str:
    # "staff-": the conversation review leaves the staff's own test conversations out.
    return f"staff-{uuid.uuid4().hex[:12]}"


def _panels(session: Session) -> list[dict[str, Any]]:
    panels = session.data.get("test", {}).get("panels")
    if not isinstance(panels, list) or len(panels) != 2:
        panels = [{"slug": slug, "sender": _sender(), "turns": []} for slug in DEFAULTS]
    return panels


def municipality_choices(register: Register, with_standard: set[str]) -> dict[str, Any]:
    """Return the municipalities to choose from: those with a standard first, then the others."""
    every = sorted(register.municipalities, key=lambda m: m.name)
    return {"standard": [m for m in every if m.slug in with_standard],
            "other": [m for m in every if m.slug not in with_standard]}


@router.get("/test")
def test_page(request: Request, session: StaffSession, register: RegisterDep,
              kb: KnowledgeDep) -> Response:
    """Show both panels with their conversations so far."""
    return render(request, "test.html", page="test", panels=_panels(session),
                  choices=municipality_choices(register, set(kb.standards())),
                  names={m.slug: m.name for m in register.municipalities})


@router.post("/test")
async def send(session: CheckedSession, console: ConsoleDep, settings: SettingsDep,
               register: RegisterDep,
               message: Annotated[str, Form(max_length=1000)] = "",
               kommune_a: Annotated[str, Form(max_length=64)] = "",
               kommune_b: Annotated[str, Form(max_length=64)] = "") -> Response:
    """Send the message to each panel with a municipality (a changed one starts anew)."""
    panels = _panels(session)
    for panel, chosen in zip(panels, (kommune_a, kommune_b), strict=True):
        slug = chosen if register.by_slug(chosen) else ""
        if slug != panel["slug"]:
            panel.update(slug=slug, sender=_sender(), turns=[])
    text = message.strip()
    if text:
        token = await run_in_threadpool(rasa_token)
        active = [(panel, found) for panel in panels
                  if (found := register.by_slug(panel["slug"])) is not None]
        turns = await asyncio.gather(*(  # both panels at once
            run_in_threadpool(ask, settings.rasa_urls[0], token, panel["sender"], text,
                              found.name) for panel, found in active))
        for (panel, _), turn in zip(active, turns, strict=True):
            panel["turns"] = [*panel["turns"], turn][-MAX_TURNS:]
    session.data["test"] = {"panels": panels}
    await run_in_threadpool(console.sessions.save_data, session)
    return redirect("/staff/test#seneste")


@router.post("/test/forfra")
def start_over(session: CheckedSession, console: ConsoleDep) -> Response:
    """Start new conversations in both panels, with the same municipalities."""
    panels = _panels(session)
    for panel in panels:
        panel.update(sender=_sender(), turns=[])
    session.data["test"] = {"panels": panels}
    console.sessions.save_data(session)
    return redirect("/staff/test")

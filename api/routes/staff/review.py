"""The Gennemgang page: what citizens asked that was not understood, and answers rated down.

Everyone sees the messages (CPR numbers masked, the newest first, filtered by municipality and
period); an administrator, or the editor of the municipality the conversation was about, marks
the topic a message should have been, which keeps it as a training example in the console's
database. The collected examples download as Rasa NLU training data (``data/nlu/`` format).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from genoptraening.ops.console.examples import intents, key_of
from genoptraening.ops.console.review_items import items
from genoptraening.ops.console.testing import percent
from genoptraening.ops.console.texts import ConsoleRefusal, text
from genoptraening.ops.conversations import TrackerStoreMissing

from ...deps import FeedbackDep, KnowledgeDep, RegisterDep, SettingsDep
from .common import (
    CheckedSession,
    ConsoleDep,
    StaffProblem,
    StaffSession,
    client_ip,
    no_store,
    redirect,
    refuse_edit,
    refuse_reader,
    render,
)
from .filters import ReviewFilter, municipalities, read_filter, window_of

router = APIRouter(prefix="/gennemgang")
#: Lines shown at most on the page.
SHOWN = 200


@router.get("")
async def review_page(request: Request, session: StaffSession, settings: SettingsDep,
                      register: RegisterDep, kb: KnowledgeDep, feedback: FeedbackDep,
                      console: ConsoleDep, chosen: ReviewFilter) -> Response:
    """List the messages not understood and the answers rated down, newest first."""
    context: dict[str, Any] = {}
    try:
        window = await run_in_threadpool(window_of, settings, feedback, chosen)
        found = items(window)
        context.update(items=found[:SHOWN], more=max(0, len(found) - SHOWN),
                       review=window.review,
                       down=sum(r.rating == "down" for r, _ in window.ratings))
    except TrackerStoreMissing as exc:
        context.update(items=[], more=0, review=None, down=0,
                       problem=text("store_missing", problem=exc))
    examples = await run_in_threadpool(console.examples.list)
    marked = await run_in_threadpool(console.examples.marked)
    names = {m.slug: m.name for m in register.municipalities}
    return render(request, "review.html", page="gennemgang", **context, **chosen.as_context(),
                  choices=municipalities(register, set(kb.standards())), names=names,
                  intents=intents(settings.bot_dir), marked=marked, key_of=key_of,
                  percent=percent, examples=examples,
                  done=request.query_params.get("ok", ""))


@router.post("/marker")
async def mark(request: Request, session: CheckedSession, settings: SettingsDep,
               register: RegisterDep, console: ConsoleDep, feedback: FeedbackDep,
               samtale: Annotated[str, Form(max_length=255)] = "",
               tid: Annotated[float, Form()] = 0.0,
               intent: Annotated[str, Form(max_length=64)] = "",
               slags: Annotated[str, Form(max_length=16)] = "",
               tilbage: Annotated[str, Form(max_length=400)] = "") -> Response:
    """Keep a message as a training example of the topic chosen."""
    refuse_reader(console, session, request)
    day = dt.date.fromtimestamp(tid) if tid > 0 else dt.date.today()
    around = read_filter(register, "", day.isoformat(), day.isoformat(), 1)
    try:
        window = await run_in_threadpool(window_of, settings, None, around)
    except TrackerStoreMissing as exc:
        return render(request, "error.html", 503, message=text("store_missing", problem=exc))
    message = next((m for m in window.review.messages
                    if m.sender_id == samtale and abs(m.timestamp - tid) < 0.001), None)
    if message is None:
        raise StaffProblem(404, "version_unknown")
    refuse_edit(console, session, message.municipality or "", request)  # none: admin only
    known = {name for name, _ in intents(settings.bot_dir)}
    try:
        await run_in_threadpool(console.examples.mark, session.user, message.text, intent,
                                known, message.municipality, slags, message.timestamp,
                                client_ip(request))
    except ConsoleRefusal as exc:
        raise StaffProblem(403 if exc.key == "forbidden" else 422, exc.key) from exc
    return redirect(f"/staff/gennemgang?{_back(tilbage)}&ok=markeret")


def _back(query: str) -> str:
    """Return the page's own filter to go back to (nothing else)."""
    from urllib.parse import parse_qsl, urlencode

    kept = {k: v for k, v in parse_qsl(query) if k in ("kommune", "fra", "til")}
    return urlencode(kept)


@router.post("/eksempler/{example}/slet")
def remove(request: Request, example: int, session: CheckedSession,
           console: ConsoleDep) -> Response:
    """Delete a collected example."""
    refuse_reader(console, session, request)
    try:
        console.examples.remove(session.user, example, client_ip(request))
    except ConsoleRefusal as exc:
        raise StaffProblem(403 if exc.key == "forbidden" else 404, exc.key) from exc
    return redirect("/staff/gennemgang?ok=slettet#eksempler")


@router.get("/eksempler.yml")
def export(session: StaffSession, console: ConsoleDep) -> Response:
    """Download every collected example as Rasa NLU training data."""
    body, _ = console.examples.export()
    name = f"traeningseksempler-{dt.date.today().isoformat()}.yml"
    return no_store(Response(body, media_type="application/x-yaml; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{name}"'}))

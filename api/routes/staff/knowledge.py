"""The Knowledge pages: a municipality's standard, its topics, and a topic's edit form.

The standard by section and the curated topics; the edit form with validation beside each
field, a preview, save, history, compare and revert.

Every change is refused with 403 (and logged) before anything is read from the form when the
user may not edit the municipality: an editor of Lejre cannot change Hjørring, whatever the
page showed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from genoptraening.core.knowledge.schema import (
    LAWS,
    TOPICS,
    Topic,
)
from genoptraening.ops.console.history import Checked, Conflict, Version, diff
from genoptraening.ops.console.preview import preview
from genoptraening.ops.console.texts import ConsoleRefusal, text
from genoptraening.ops.console.topic_file import Place, fingerprint, topic_json
from genoptraening.ops.console.topic_form import TopicForm, form_from_fields, form_of

from ...deps import KnowledgeDep, RegisterDep
from .common import (
    CheckedSession,
    ConsoleDep,
    StaffProblem,
    StaffSession,
    client_ip,
    deadline_choices,
    redirect,
    refuse_edit,
    render,
)

router = APIRouter(prefix="/viden")
LawQuery = Annotated[str, Query(alias="lov", max_length=16)]


def _place(kb: KnowledgeDep, slug: str, topic: str, law: str = "") -> Place:
    if slug not in kb.standards() or topic not in TOPICS or (law and law not in LAWS):
        raise StaffProblem(404, "topic_unknown")
    return Place(slug, topic, law or None)


def _url(place: Place, page: str = "") -> str:
    law = f"?lov={place.law}" if place.law else ""
    return f"/staff/viden/{place.slug}/emne/{place.topic}{page}{law}"


@router.get("")
def overview(request: Request, session: StaffSession, kb: KnowledgeDep) -> Response:
    """List the municipalities with a standard; the user's own first."""
    standards = sorted(kb.standards().values(),
                       key=lambda s: (not session.user.can_edit(s.slug), s.municipality))
    return render(request, "knowledge.html", page="viden", standards=standards)


@router.get("/{slug}")
def municipality(request: Request, slug: str, session: StaffSession, kb: KnowledgeDep,
                 console: ConsoleDep) -> Response:
    """Show a municipality's standard by section, and its curated topics."""
    standard = kb.standard(slug)
    if standard is None:
        raise StaffProblem(404, "topic_unknown")
    topics = [(law, topic, entry, _url(Place(slug, topic, law)))
              for law, topic, entry in standard.iter_topics()]
    return render(request, "municipality.html", page="viden", standard=standard, topics=topics,
                  text=kb.text(slug), can_edit=session.user.can_edit(slug))


def _form_page(request: Request, kb: KnowledgeDep, place: Place, session: Any,
               form: TopicForm, base: str, status: int = 200, **context: Any) -> Response:
    text_file = kb.text(place.slug)
    headings = [(h, h) for h in dict.fromkeys(text_file.headings())] if text_file else []
    standard = kb.standard(place.slug)
    return render(
        request, "topic.html", status, page="viden", place=place,
        form=form.with_blank_rows(), base=base,
        headings=headings, standard=standard, can_edit=session.user.can_edit(place.slug),
        url=_url(place), history_url=_url(place, "/historik"),
        **deadline_choices(),
        errors=context.pop("errors", {}), general=context.pop("general", []), **context)


@router.get("/{slug}/emne/{topic}")
def topic_page(request: Request, slug: str, topic: str, session: StaffSession,
               kb: KnowledgeDep, console: ConsoleDep, law: LawQuery = "") -> Response:
    """Show a topic's form (read-only for those who may not edit it)."""
    place = _place(kb, slug, topic, law)
    current = _load(console, place)
    saved = request.query_params.get("gemt", "")
    message = text("saved", version=saved) if saved.isdigit() else None
    return _form_page(request, kb, place, session, form_of(current), fingerprint(current),
                      message=message)


def _load(console: ConsoleDep, place: Place) -> Topic:
    try:
        return console.editor.load(place)
    except ConsoleRefusal as exc:
        raise StaffProblem(404, exc.key) from exc


@router.post("/{slug}/emne/{topic}")
async def topic_post(request: Request, slug: str, topic: str, session: CheckedSession,
                     kb: KnowledgeDep, register: RegisterDep, console: ConsoleDep,
                     law: LawQuery = "") -> Response:
    """Preview (``handling=vis``) or save (``handling=gem``) the posted form."""
    place = _place(kb, slug, topic, law)
    refuse_edit(console, session, slug, request)  # before the form is even read
    fields = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    form = form_from_fields(fields)
    base = fields.get("base", "")
    if fields.get("handling") != "gem":
        checked = console.editor.check(place, form)
        return _with_preview(request, kb, register, place, session, form, base, checked)
    try:
        result = console.editor.save(session.user, place, form, base, client_ip(request))
    except Conflict as exc:
        return _form_page(request, kb, place, session, form, fingerprint(exc.current), 409,
                          conflict=str(exc), current=exc.current)
    except ConsoleRefusal as exc:
        raise StaffProblem(403 if exc.key == "forbidden" else 409, exc.key) from exc
    if isinstance(result, Version):
        return redirect(f"{_url(place)}{'&' if place.law else '?'}gemt={result.version}")
    return _with_preview(request, kb, register, place, session, form, base, result, 422)


def _with_preview(request: Request, kb: KnowledgeDep, register: RegisterDep, place: Place,
                  session: Any, form: TopicForm, base: str, checked: Checked,
                  status: int | None = None) -> Response:
    shown = None
    found = register.by_slug(place.slug)
    if checked.ok and checked.standard is not None and found is not None:
        shown = preview(kb, found, place, checked.standard)
    return _form_page(request, kb, place, session, form, base,
                      status or (200 if checked.ok else 422), preview=shown,
                      errors=checked.errors, general=checked.general,
                      message=None if checked.ok else text("not_saved"))


@router.get("/{slug}/emne/{topic}/historik")
def history(request: Request, slug: str, topic: str, session: StaffSession, kb: KnowledgeDep,
            console: ConsoleDep, law: LawQuery = "",
            fra: Annotated[int | None, Query(ge=0)] = None,
            til: Annotated[int | None, Query(ge=0)] = None) -> Response:
    """Every save of a topic with what it changed; compare two versions; revert."""
    place = _place(kb, slug, topic, law)
    current = _load(console, place)
    versions = console.editor.history(place)
    contents = {v.version: v.after for v in versions}
    if versions:
        contents[0] = versions[-1].before
    now = topic_json(current)
    compared = None
    if fra is not None or til is not None:
        left = contents.get(fra, now) if fra is not None else now
        right = contents.get(til, now) if til is not None else now
        compared = diff(left, right)
    return render(request, "history.html", page="viden", place=place, versions=versions,
                  standard=kb.standard(slug),
                  changes={v.version: diff(v.before, v.after) for v in versions},
                  base=fingerprint(current), compared=compared, fra=fra, til=til,
                  can_edit=session.user.can_edit(slug), url=_url(place),
                  history_url=_url(place, "/historik"), revert_url=_url(place, "/gendan"),
                  message=_reverted(request))


def _reverted(request: Request) -> str | None:
    to, version = request.query_params.get("til_version"), request.query_params.get("ny")
    if to and version and to.isdigit() and version.isdigit():
        return text("reverted", to=to, version=version)
    return None


@router.post("/{slug}/emne/{topic}/gendan")
def revert(request: Request, slug: str, topic: str, session: CheckedSession, kb: KnowledgeDep,
           console: ConsoleDep, version: Annotated[int, Form(ge=0)],
           base: Annotated[str, Form(max_length=64)] = "", law: LawQuery = "") -> Response:
    """Make the topic what it was at ``version``."""
    place = _place(kb, slug, topic, law)
    refuse_edit(console, session, slug, request)
    try:
        result = console.editor.revert(session.user, place, version, base, client_ip(request))
    except ConsoleRefusal as exc:
        raise StaffProblem(403 if exc.key == "forbidden" else 409,
                           "conflict_file" if isinstance(exc, Conflict) else exc.key) from exc
    if isinstance(result, Checked):
        raise StaffProblem(422, "not_saved")
    glue = "&" if place.law else "?"
    return redirect(f"{_url(place, '/historik')}{glue}til_version={version}&ny={result.version}")

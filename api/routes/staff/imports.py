"""The Import pages: upload a municipality's standard, and review the facts drafted from it.

Each drafted fact is shown with its quote marked in the standard's text; an administrator or
the municipality's editor approves, corrects (a form, checked before anything is written) or
rejects it. Every change is refused with 403 (and logged) before the form is read when the user
may not edit the municipality. The work is ``genoptraening.ops.console.drafts`` over the same
domain functions as ``genoptraening kb import/review/approve/reject``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.types import Scope

from genoptraening.core.knowledge.onboarding.document import MAX_BYTES
from genoptraening.core.knowledge.onboarding.messages import ImportRefused, say
from genoptraening.core.knowledge.schema import LAWS
from genoptraening.core.register import Municipality
from genoptraening.core.render import law_label
from genoptraening.ops.console.texts import ConsoleRefusal, text

from ...deps import KnowledgeDep, RegisterDep
from .common import (
    TEMPLATES,
    CheckedSession,
    ConsoleDep,
    StaffProblem,
    StaffSession,
    client_ip,
    deadline_choices,
    no_store,
    redirect,
    refuse_edit,
    render,
)

router = APIRouter(prefix="/import")
#: The largest upload body: the largest file an import reads, and room for the form around it.
UPLOAD_LIMIT = MAX_BYTES + 1024 * 1024
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


def too_large(scope: Scope, size: int) -> Response:
    """Refuse an upload over the limit with the import's own message (before it is read)."""
    message = say("file_too_large", file="du valgte", mb=round(size / 2**20),
                  max_mb=MAX_BYTES // 2**20)
    response = TEMPLATES.TemplateResponse(Request(scope), "staff/error.html",
                                          {"user": None, "csrf": "", "message": message},
                                          status_code=413)
    return no_store(response)


def _choices(session: Any, register: RegisterDep) -> list[Municipality]:
    every = sorted(register.municipalities, key=lambda m: m.name)
    return [m for m in every if session.user.can_edit(m.slug)]


def _start_page(request: Request, session: Any, kb: KnowledgeDep, register: RegisterDep,
                status: int = 200, **context: Any) -> Response:
    imported = sorted((s for s in kb.standards().values() if s.imported is not None),
                      key=lambda s: (not session.user.can_edit(s.slug), s.municipality))
    return render(request, "imports.html", status, page="import", imported=imported,
                  choices=_choices(session, register), **context)


@router.get("")
def start(request: Request, session: StaffSession, kb: KnowledgeDep,
          register: RegisterDep) -> Response:
    """List the imported standards, and the upload form (for those who may import)."""
    return _start_page(request, session, kb, register)


@router.post("")
async def upload(request: Request, session: CheckedSession, kb: KnowledgeDep,
                 register: RegisterDep, console: ConsoleDep,
                 kommune: Annotated[str, Form(max_length=64)] = "",
                 erstat: Annotated[str, Form(max_length=8)] = "",
                 fil: Annotated[UploadFile | None, File()] = None) -> Response:
    """Import an uploaded PDF, Word or text file for a municipality."""
    found = register.by_slug(kommune) or register.lookup(kommune)
    refuse_edit(console, session, found.slug if found else kommune, request)
    entered = {"kommune": kommune, "erstat": bool(erstat)}
    if fil is None or not fil.filename:
        return _start_page(request, session, kb, register, 422, entered=entered,
                           error=text("import_no_file"))
    name = _SAFE_NAME.sub("_", Path(fil.filename).name).strip(" .") or "standard"
    with tempfile.TemporaryDirectory(prefix="gtg-import-") as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            await run_in_threadpool(shutil.copyfileobj, fil.file, out)
        try:
            done = await run_in_threadpool(console.drafts.import_file, session.user, path,
                                           kommune, register, bool(erstat), client_ip(request))
        except (ImportRefused, ConsoleRefusal) as exc:
            if isinstance(exc, ConsoleRefusal) and exc.key == "forbidden":
                raise StaffProblem(403, "forbidden") from exc
            hint = f" {text('import_exists_hint')}" if exc.key == "exists" else ""
            return _start_page(request, session, kb, register, 422, entered=entered,
                               error=f"{exc}{hint}")
    kb.refresh(force=True)
    return redirect(f"/staff/import/{done.municipality.slug}?ok=importeret"
                    f"&afsnit={len(done.text.sections)}&fakta={len(done.standard.drafts)}")


def _municipality(register: RegisterDep, slug: str) -> Municipality:
    found = register.by_slug(slug)
    if found is None:
        raise StaffProblem(404, "topic_unknown")
    return found


def _notice(request: Request, municipality: Municipality) -> str | None:
    query = request.query_params
    done, facts = query.get("ok", ""), query.get("fakta", "")
    if done == "importeret" and facts.isdigit() and query.get("afsnit", "").isdigit():
        return text("import_done", municipality=municipality.official,
                    sections=query["afsnit"], facts=facts, file="filen")
    shown = [f for f in facts.split(",") if re.fullmatch(r"[\w-]{1,64}", f)]
    if done == "godkendt":
        return text("drafts_approved", count=len(shown), facts=", ".join(shown)) if shown \
            else text("drafts_none")
    if done == "afvist" and shown:
        return text("drafts_rejected", count=len(shown), facts=", ".join(shown))
    if done == "rettet" and shown:
        return text("draft_corrected", fact=shown[0])
    return None


def _review_page(request: Request, session: Any, console: ConsoleDep,
                 municipality: Municipality, status: int = 200, **context: Any) -> Response:
    try:
        reviewed, views = console.drafts.review(municipality)
    except ImportRefused as exc:
        raise StaffProblem(404, "topic_unknown") from exc
    drafts = reviewed.drafts
    counts = {s: sum(d.status == s for d in drafts) for s in ("draft", "approved", "rejected")}
    return render(request, "import_review.html", status, page="import",
                  municipality=municipality, standard=reviewed.standard, views=views,
                  counts=counts, can_edit=session.user.can_edit(municipality.slug),
                  laws=[(law, law_label(law)) for law in LAWS],
                  message=_notice(request, municipality),
                  errors=context.pop("errors", {}), failed=context.pop("failed", None),
                  **deadline_choices(), **context)


@router.get("/{slug}")
def drafts(request: Request, slug: str, session: StaffSession, console: ConsoleDep,
           register: RegisterDep) -> Response:
    """Show every drafted fact of an imported standard, its quote marked in the text."""
    return _review_page(request, session, console, _municipality(register, slug))


@router.post("/{slug}/{action}")
def set_status(request: Request, slug: str, action: str, session: CheckedSession,
               console: ConsoleDep, register: RegisterDep, kb: KnowledgeDep,
               fakta: Annotated[list[str] | None, Form()] = None) -> Response:
    """Approve (``godkend``) or reject (``afvis``) facts; approve without ids: every clean one."""
    if action not in ("godkend", "afvis"):
        raise StaffProblem(404, "topic_unknown")
    municipality = _municipality(register, slug)
    refuse_edit(console, session, slug, request)  # before the form is even used
    ids = [f for f in fakta or [] if f]
    status = "approved" if action == "godkend" else "rejected"
    try:
        changed = console.drafts.set_status(session.user, municipality, ids, status,
                                            client_ip(request))
    except ImportRefused as exc:
        return render(request, "error.html", 422, message=str(exc))
    except ConsoleRefusal as exc:
        raise StaffProblem(403 if exc.key == "forbidden" else 409, exc.key) from exc
    kb.refresh(force=True)
    done = "godkendt" if status == "approved" else "afvist"
    return redirect(f"/staff/import/{slug}?ok={done}&fakta={','.join(changed)}")


@router.post("/{slug}/ret/{fact}")
async def correct(request: Request, slug: str, fact: str, session: CheckedSession,
                  console: ConsoleDep, register: RegisterDep, kb: KnowledgeDep) -> Response:
    """Correct a fact's value and approve it; the form again with messages when it is wrong."""
    municipality = _municipality(register, slug)
    refuse_edit(console, session, slug, request)
    fields = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        errors = await run_in_threadpool(console.drafts.correct, session.user, municipality,
                                         fact, fields, client_ip(request))
    except ImportRefused as exc:
        return render(request, "error.html", 422, message=str(exc))
    except ConsoleRefusal as exc:
        raise StaffProblem(403 if exc.key == "forbidden" else 409, exc.key) from exc
    if errors:
        return _review_page(request, session, console, municipality, 422, errors=errors,
                            failed=fact, entered=fields)
    kb.refresh(force=True)
    return redirect(f"/staff/import/{slug}?ok=rettet&fakta={fact}#{fact}")

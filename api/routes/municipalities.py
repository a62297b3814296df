"""``/api/municipalities``: the register, and what each standard holds, with sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from genoptraening.core.render import law_label, topic_label

from ..deps import KnowledgeDep, RegisterDep
from ..errors import problem
from ..schemas import MunicipalityOut, Problem

router = APIRouter(prefix="/api/municipalities", tags=["municipalities"])


@router.get("", response_model=list[MunicipalityOut], summary="Alle 98 kommuner")
async def municipalities(register: RegisterDep) -> list[MunicipalityOut]:
    """List the 98 municipalities, each with whether its standard is on file."""
    return [
        MunicipalityOut(slug=m.slug, name=m.name, official=m.official, code=m.code,
                        has_standard=m.has_standard)
        for m in register.municipalities
    ]


@router.get("/{slug}", responses={404: {"model": Problem}}, response_model=None,
            summary="En kommunes kvalitetsstandard: emner og fakta med kilder")
async def municipality(slug: str, register: RegisterDep,
                       kb: KnowledgeDep) -> dict[str, Any] | JSONResponse:
    """Return a municipality and, when on file, its standard's topics with facts and sources."""
    found = register.by_slug(slug) or register.lookup(slug)
    if found is None:
        return problem(404, "unknown_municipality")
    out: dict[str, Any] = MunicipalityOut(
        slug=found.slug, name=found.name, official=found.official, code=found.code,
        has_standard=found.has_standard).dict()
    standard = kb.standard(found.slug)
    if standard is None:
        out["standard"] = None
        return out
    out["standard"] = {
        "title": standard.title,
        "seed_file": standard.seed_file,
        "approved_by": standard.approved_by,
        "approved_on": standard.approved_on.isoformat() if standard.approved_on else None,
        "laws": {law: law_label(law) for law in standard.laws},
        "topics": [
            {"topic": name, "label": topic_label(name), "law": law, "answer": entry.answer,
             "facts": entry.facts.dict(exclude_defaults=True),
             "sources": [s.dict(exclude_none=True) for s in entry.sources]}
            for law, name, entry in standard.iter_topics()
        ],
    }
    return out

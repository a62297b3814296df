"""``kb import``: a municipality's published standard in, three files out, nothing half-written.

For municipality ``<slug>`` the import writes, beside the curated knowledge:

- ``knowledge/sources/<slug>.txt`` — the text as extracted (the standard's "seed");
- ``knowledge/standards/<slug>.md`` — the text by section, checked against the source;
- ``knowledge/<slug>.yml`` — an imported standard: no curated topics, the drafted facts.

Before anything is written the input is checked: a file of a known kind with a text layer, a
training standard (it speaks of training and of the law or a quality standard), of the
municipality named (not one that names another municipality more than its own), and no files
of that municipality on file unless ``replace``. Each file is written to a temporary name
beside it and moved into place only once all three are ready; the knowledge file last, since
that is the one that makes the municipality live.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from genoptraening.core.knowledge.onboarding.artefacts import remove_artefacts
from genoptraening.core.knowledge.onboarding.document import Document, read_document
from genoptraening.core.knowledge.onboarding.drafting import draft_facts
from genoptraening.core.knowledge.onboarding.layout import lay_out, markdown
from genoptraening.core.knowledge.onboarding.messages import ImportRefused, say
from genoptraening.core.knowledge.schema import DraftFact, Standard
from genoptraening.core.knowledge.seeds import SOURCES_DIR
from genoptraening.core.knowledge.standards import (
    STANDARDS_DIR,
    StandardText,
    StandardTextError,
    parse_standard_text,
    seed_mismatch,
)
from genoptraening.core.register import Municipality, Register

_TRAINING = re.compile(r"træning", re.IGNORECASE)
_LAW = re.compile(r"kvalitetsstandard|servicelov|sundhedslov|§\s*86|§\s*140|"
                  r"lov om social service", re.IGNORECASE)
_MIN_TRAINING = 5
#: A heading that names the document itself (its title).
_QUALITY_STANDARD = re.compile(r"kvalitetsstandard", re.IGNORECASE)


@dataclass(frozen=True)
class Prepared:
    """An import ready to be written (or written): the three files' texts and what they hold."""

    municipality: Municipality
    source: str
    markdown: str
    knowledge: str
    text: StandardText
    standard: Standard
    kind: str  # "pdf", "docx" or "text"
    removed: int


def files_of(knowledge_dir: Path, slug: str) -> tuple[Path, Path, Path]:
    """Return the source text, the standard's text and the knowledge file of a municipality."""
    return (knowledge_dir / SOURCES_DIR / f"{slug}.txt",
            knowledge_dir / STANDARDS_DIR / f"{slug}.md", knowledge_dir / f"{slug}.yml")


def import_standard(path: Path, kommune: str, knowledge_dir: Path, register: Register,
                    replace: bool = False, today: dt.date | None = None) -> Prepared:
    """Import a standard and write its three files.

    Args:
        path: The PDF, Word or text file.
        kommune: The municipality's name as staff write it ("Vejle", "hjoerring").
        knowledge_dir: The knowledge folder to write to.
        register: The 98 municipalities.
        replace: Overwrite the municipality's files if there are any (approvals of facts
            that are unchanged are kept).
        today: The import's date (for the knowledge file).

    Raises:
        ImportRefused: with a Danish message; nothing was written.

    """
    municipality = register.lookup(kommune)
    if municipality is None:
        raise ImportRefused("unknown_municipality", name=kommune)
    existing = [p for p in files_of(knowledge_dir, municipality.slug) if p.exists()]
    if existing and not replace:
        raise ImportRefused("exists", municipality=municipality.official,
                            files=", ".join(str(p.relative_to(knowledge_dir)) for p in existing))
    prepared = prepare(read_document(path), path.name, municipality, register,
                       today or dt.date.today())
    knowledge = files_of(knowledge_dir, municipality.slug)[2]
    if replace and knowledge.is_file():
        prepared = _keep_reviews(prepared, knowledge)
    texts = (prepared.source, prepared.markdown, prepared.knowledge)
    write_together(dict(zip(files_of(knowledge_dir, municipality.slug), texts, strict=True)))
    return prepared


def prepare(document: Document, file_name: str, municipality: Municipality,
            register: Register, today: dt.date) -> Prepared:
    """Check a document and make the three files' texts (nothing is written).

    Raises:
        ImportRefused: when the document is no training standard or names another
            municipality, or its text could not be laid out so that it checks.

    """
    source = document.source
    if len(_TRAINING.findall(source)) < _MIN_TRAINING or not _LAW.search(source):
        raise ImportRefused("not_a_standard", file=file_name)
    _check_named(source, municipality, register)
    cleaned = remove_artefacts(document)
    sections = lay_out(cleaned.lines, document.has_layout)
    slug = municipality.slug
    title = _title(heading for heading, _ in sections)
    meta = {"municipality": municipality.official, "slug": slug, "seed_file": f"{slug}.txt",
            "title": title, "removed": list(cleaned.removed)}
    text_md = markdown(meta, sections)
    try:
        text = parse_standard_text(text_md, f"{slug}.md")
    except StandardTextError as exc:
        raise ImportRefused("layout_failed", reason=exc) from exc
    mismatch = seed_mismatch(text, source)
    if mismatch:
        raise ImportRefused("layout_failed", reason=mismatch)
    drafts = draft_facts(text, source)
    data = {"municipality": municipality.official, "slug": slug, "title": title,
            "seed_file": f"{slug}.txt", "imported": {"file": file_name, "date": today},
            "laws": [], "topics": {}, "drafts": [_plain(d) for d in drafts]}
    standard = Standard.parse_obj(data)
    return Prepared(municipality, source + "\n", text_md, knowledge_text(data), text, standard,
                    document.kind, len(cleaned.removed))


def _title(headings: Iterable[str]) -> str:
    """Return the standard's title: its first heading that names the quality standard.

    The first heading alone is no title when it is a section's ("1. Indledning") or one
    law's part ("Genoptræning efter sygehusindlæggelse"); every answer's source names the
    title, so it is "Kvalitetsstandard" then.
    """
    return next((h for h in headings if _QUALITY_STANDARD.search(h)), "Kvalitetsstandard")


def knowledge_text(data: Mapping[str, object]) -> str:
    """Write an imported standard's knowledge file, with a header for the editor."""
    header = "".join(f"# {line}\n" for line in say("file_header").splitlines())
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"{header}{body}"


class _Dumper(yaml.SafeDumper):
    """Block style, but a short list of numbers on one line ("days: [0, 1, 2, 3, 4]")."""


def _list(dumper: yaml.SafeDumper, data: list[object]) -> yaml.Node:
    flow = not data or all(isinstance(item, int | float) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _list)


def _plain(draft: DraftFact) -> dict[str, object]:
    return dict(draft.dict(exclude_none=True))


def _check_named(source: str, municipality: Municipality, register: Register) -> None:
    """Refuse a document that names another municipality more than the one given."""
    counts: Counter[str] = Counter()
    for other in register.municipalities:
        name = re.escape(other.name)
        domain = re.escape(other.slug.replace("-", ""))
        pattern = rf"\b{name}s?\s+kommunes?\b|\b{name}s?\s+byråd|\b{domain}\.dk\b"
        counts[other.slug] = len(re.findall(pattern, source, re.IGNORECASE))
    own = counts.pop(municipality.slug, 0)
    if not counts:
        return
    slug, most = counts.most_common(1)[0]
    if most >= 2 and most > own:
        found = register.by_slug(slug)
        raise ImportRefused("other_municipality", other=found.official if found else slug,
                            name=found.name if found else slug, count=most,
                            municipality=municipality.official)


def _keep_reviews(prepared: Prepared, knowledge: Path) -> Prepared:
    """Keep the review of every fact that is unchanged (same value, section and quote)."""
    try:
        old = yaml.safe_load(knowledge.read_text(encoding="utf-8")) or {}
        reviewed = {_same(DraftFact.parse_obj(d)): d["status"] for d in old.get("drafts") or []
                    if d.get("status", "draft") != "draft"}
    except (OSError, yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError):
        return prepared
    if not reviewed:
        return prepared
    drafts = [draft.copy(update={"status": reviewed.get(_same(draft), draft.status)})
              for draft in prepared.standard.drafts]
    data = yaml.safe_load(prepared.knowledge)
    data["drafts"] = [_plain(d) for d in drafts]
    standard = prepared.standard.copy(update={"drafts": drafts})
    return Prepared(prepared.municipality, prepared.source, prepared.markdown,
                    knowledge_text(data), prepared.text, standard, prepared.kind,
                    prepared.removed)


def _same(draft: DraftFact) -> tuple[str, str, str, str]:
    return draft.kind, repr(draft.value), draft.section, draft.quote


def write_together(files: dict[Path, str]) -> None:
    """Write several files so that none is half-written: all to temporary names, then moved.

    The files are moved in the order given; a temporary file left by a failure is removed.
    """
    moves: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temporary.write_text(text, encoding="utf-8")
            moves.append((temporary, path))
        for temporary, path in moves:
            os.replace(temporary, path)
    finally:
        for temporary, _ in moves:
            temporary.unlink(missing_ok=True)

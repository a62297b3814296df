"""The Import page's domain: import a standard, and review its drafted facts in the browser.

The work is the domain's own (``genoptraening.core.knowledge.onboarding``: ``import_standard``,
``review`` and ``set_status``, the functions behind ``genoptraening kb import/review/approve/
reject``); here each fact is shown with its quote found and marked in the standard's text, a
fact's value is corrected from a form (checked by the knowledge's schema and against its quote
before anything is written), and every change is made under the console's knowledge lock with
its entry in the audit log. Only an administrator or an editor of the municipality may change
anything (``ConsoleRefusal("forbidden")`` otherwise, nothing written).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from genoptraening.core.knowledge.onboarding.evidence import quoted
from genoptraening.core.knowledge.onboarding.importer import (
    Prepared,
    files_of,
    import_standard,
    write_together,
)
from genoptraening.core.knowledge.onboarding.messages import ImportRefused
from genoptraening.core.knowledge.onboarding.review import Reviewed, review, set_status
from genoptraening.core.knowledge.schema import LAWS, DraftFact, Facts, Standard, Topic
from genoptraening.core.knowledge.standards import STANDARDS_DIR, StandardText, StandardTextError
from genoptraening.core.knowledge.standards import load_standard_text as _load_text
from genoptraening.core.register import Municipality, Register
from genoptraening.ops.console import audit
from genoptraening.ops.console.accounts import User
from genoptraening.ops.console.history import KnowledgeWork, knowledge_lock
from genoptraening.ops.console.texts import ConsoleRefusal, text
from genoptraening.ops.console.topic_form import GROUPS, form_from_fields, form_of, topic_data
from genoptraening.ops.fact_lines import value_lines

#: The form group of each kind of value that the topic form already knows.
KIND_GROUP = {"phone": "phones", "email": "emails", "address": "addresses", "price": "prices",
              "deadline": "deadlines"}
#: The field a problem with a kind's value as a whole is shown beside.
MAIN_FIELD = {"phone": "phones-0-number", "email": "emails-0-address",
              "address": "addresses-0-name", "price": "prices-0-amount",
              "deadline": "deadlines-0-number", "covers": "covers",
              "complaint_to": "complaint_to", "approval": "approval-by"}
#: A piece of a paragraph of the standard: its text, and whether it is the quote.
Piece = tuple[str, bool]


@dataclass(frozen=True)
class DraftView:
    """One drafted fact as the Import page shows it."""

    draft: DraftFact
    lines: tuple[str, ...]  # the value, as staff read it
    problems: tuple[str, ...]  # what the checks say (empty: in order)
    paragraphs: tuple[tuple[Piece, ...], ...]  # its section, the quote marked
    marked: bool  # whether the quote was found in the section's text
    fields: dict[str, str]  # the correction form's fields, filled in


def fields_of(draft: DraftFact) -> dict[str, str]:
    """Return a drafted fact's value as the correction form's fields."""
    group = KIND_GROUP.get(draft.kind)
    if group is not None:
        row = form_of(_topic_of(group, draft.value)).rows[group][0]
        return {f"{group}-0-{name}": value for name, value in row.items()}
    if draft.approval is not None:
        when = draft.approval.date
        return {"approval-by": draft.approval.by,
                "approval-date": f"{when:%d.%m.%Y}" if when else ""}
    return {draft.kind: str(draft.value)}


def _topic_of(group: str, value: object) -> Topic:
    """Return a topic holding only this value, as the topic form reads and writes one."""
    return Topic.construct(answer="", facts=Facts.parse_obj({group: [value]}), sources=[])


def _pattern(quote: str) -> re.Pattern[str] | None:
    words = quote.split()
    if not words:
        return None
    # Any white space, a list item's "- " or a hyphenation between the words of the quote.
    return re.compile(r"(?:\s+(?:-\s+)?|-\s*)".join(re.escape(w) for w in words), re.IGNORECASE)


def marked_paragraphs(standard_text: StandardText | None, section: str,
                      quote: str) -> tuple[tuple[tuple[Piece, ...], ...], bool]:
    """Return a section's paragraphs with the quote marked, and whether it was found.

    The quote is looked for in the sections with its heading; under the standard's title (an
    approval line) anywhere. When it is not found, the section is returned unmarked.
    """
    if standard_text is None:
        return (), False
    sections = standard_text.sections_named(section) or (
        standard_text.sections if section == standard_text.title else ())
    pattern = _pattern(quote)
    shown: list[tuple[Piece, ...]] = []
    found = False
    for part in sections:
        for paragraph in part.paragraphs:
            match = pattern.search(paragraph) if pattern and not found else None
            if match is None:
                shown.append(((paragraph, False),))
                continue
            found = True
            shown.append(tuple((piece, mark) for piece, mark in (
                (paragraph[:match.start()], False), (match.group(0), True),
                (paragraph[match.end():], False)) if piece))
    if section == standard_text.title and len(sections) > 1:
        shown = [p for p in shown if any(mark for _, mark in p)]  # not the whole standard
    return tuple(shown), found


class DraftReview(KnowledgeWork):
    """Imports and the review of drafted facts, for the staff console."""

    def review(self, municipality: Municipality) -> tuple[Reviewed, list[DraftView]]:
        """Return the imported standard and each drafted fact with its quote marked.

        Raises:
            ImportRefused: when the municipality has no imported standard.

        """
        reviewed = review(self.knowledge_dir, self.seeds_dir, municipality)
        try:
            standard_text = _load_text(self.knowledge_dir / STANDARDS_DIR
                                       / f"{municipality.slug}.md")
        except (StandardTextError, OSError):
            standard_text = None
        views = []
        for draft in reviewed.drafts:
            paragraphs, marked = marked_paragraphs(standard_text, draft.section, draft.quote)
            views.append(DraftView(draft, tuple(line.strip() for line in value_lines(draft)),
                                   tuple(reviewed.problems[draft.id]), paragraphs, marked,
                                   fields_of(draft)))
        return reviewed, views

    def set_status(self, user: User, municipality: Municipality, ids: list[str], status: str,
                   ip: str | None = None) -> list[str]:
        """Approve or reject facts (every clean draft when approving without ids).

        Returns:
            The ids whose status changed.

        Raises:
            ConsoleRefusal: ``forbidden``, or ``installed``.
            ImportRefused: for an unknown fact or a municipality without an import.

        """
        _allowed(user, municipality.slug)
        assert status in ("approved", "rejected"), status
        with knowledge_lock(self.knowledge_dir), self.db.begin() as connection:
            reviewed = review(self.knowledge_dir, self.seeds_dir, municipality)
            changed = set_status(reviewed, ids, status)
            if changed:
                audit.record(connection, self.clock(), user.username,
                             "draft_approved" if status == "approved" else "draft_rejected",
                             municipality=municipality.slug, target=", ".join(changed), ip=ip)
        return changed

    def correct(self, user: User, municipality: Municipality, fact: str,
                fields: Mapping[str, str], ip: str | None = None) -> dict[str, str]:
        """Correct a fact's value from the form and approve it.

        Returns:
            Messages by form field; empty when the fact was saved.

        Raises:
            ConsoleRefusal: ``forbidden``, or ``installed``.
            ImportRefused: for an unknown fact or a municipality without an import.

        """
        _allowed(user, municipality.slug)
        with knowledge_lock(self.knowledge_dir):
            reviewed = review(self.knowledge_dir, self.seeds_dir, municipality)
            draft = next((d for d in reviewed.drafts if d.id == fact), None)
            if draft is None:
                raise ImportRefused("unknown_fact", fact=fact,
                                    municipality=reviewed.standard.municipality,
                                    slug=municipality.slug)
            value, errors = read_value(draft, fields)
            if errors:
                return errors
            data = {**draft.dict(exclude_none=True), "status": "approved", draft.kind: value}
            try:
                corrected = DraftFact.parse_obj(data)
            except ValidationError as exc:
                return _schema_errors(exc, draft.kind)
            if not quoted(corrected):
                return {MAIN_FIELD[draft.kind]: text("draft_not_in_quote")}
            new_text = replace_entry(reviewed.path.read_text(encoding="utf-8"), fact,
                                     corrected.dict(exclude_none=True))
            Standard.parse_obj(yaml.safe_load(new_text))  # the file as a whole still loads
            with self.db.begin() as connection:
                audit.record(connection, self.clock(), user.username, "draft_corrected",
                             municipality=municipality.slug, target=fact,
                             detail={"value": [line.strip() for line in value_lines(corrected)]},
                             ip=ip)
                write_together({reviewed.path: new_text})  # committed only once written
        return {}

    def import_file(self, user: User, path: Path, kommune: str, register: Register,
                    replace: bool = False, ip: str | None = None) -> Prepared:
        """Import an uploaded standard for a municipality (as ``kb import``).

        A standard written by hand is never replaced from the console (only its own
        ``kb import --replace`` does that): its curated topics would be lost.

        Raises:
            ConsoleRefusal: ``forbidden``, ``installed`` or ``import_curated``.
            ImportRefused: with the same Danish message as ``kb import``; nothing written.

        """
        municipality = register.lookup(kommune)
        if municipality is None:
            raise ImportRefused("unknown_municipality", name=kommune)
        _allowed(user, municipality.slug)
        with knowledge_lock(self.knowledge_dir):
            knowledge = files_of(self.knowledge_dir, municipality.slug)[2]
            if replace and knowledge.is_file() and not _imported(knowledge):
                raise ConsoleRefusal("import_curated", municipality=municipality.official)
            with self.db.begin() as connection:
                done = import_standard(path, municipality.slug, self.knowledge_dir, register,
                                       replace=replace)
                audit.record(connection, self.clock(), user.username, "standard_imported",
                             municipality=municipality.slug, target=path.name,
                             detail={"facts": len(done.standard.drafts), "replace": replace},
                             ip=ip)
        return done


def _allowed(user: User, slug: str) -> None:
    if not user.can_edit(slug):
        raise ConsoleRefusal("forbidden")


def _imported(knowledge: Path) -> bool:
    try:
        data = yaml.safe_load(knowledge.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and bool(data.get("imported"))


def read_value(draft: DraftFact, fields: Mapping[str, str]) -> tuple[Any, dict[str, str]]:
    """Read a fact's new value from the posted fields; return it and messages by field."""
    kind = draft.kind
    group = KIND_GROUP.get(kind)
    if group is not None:
        posted = {name: value for name, value in fields.items()
                  if name.startswith(f"{group}-0-")} | {f"{group}-0-origin": "0"}
        form = form_from_fields(posted)
        if not form.rows.get(group):
            return None, {MAIN_FIELD[kind]: text("form.required")}
        data, errors = topic_data(form, _topic_of(group, draft.value))
        value = data.get("facts", {}).get(group, [{}])[0]
        if kind == "phone" and draft.phone and value.get("hours") != draft.phone.hours:
            value.pop("open", None)  # the opening hours read from the old text no longer fit
        return value, errors
    if kind == "approval":
        by = fields.get("approval-by", "").strip()
        if not by:
            return None, {"approval-by": text("form.required")}
        when = fields.get("approval-date", "").strip()
        if not when:
            return {"by": by}, {}
        for form_of_date in ("%d.%m.%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                return {"by": by, "date": dt.datetime.strptime(when, form_of_date).date()}, {}
            except ValueError:
                continue
        return None, {"approval-date": text("form.date")}
    value = fields.get(kind, "").strip()
    if not value:
        return None, {kind: text("form.required")}
    if kind == "covers" and value not in LAWS:
        return None, {kind: text("form.choose")}
    return value, {}


def _schema_errors(exc: ValidationError, kind: str) -> dict[str, str]:
    group = KIND_GROUP.get(kind)
    errors: dict[str, str] = {}
    for error in exc.errors():
        loc = [str(part) for part in error["loc"] if part != "__root__"]
        name = MAIN_FIELD[kind]
        if group and len(loc) > 1 and loc[0] == kind and loc[1] in GROUPS[group]:
            name = f"{group}-0-{loc[1]}"
        elif kind == "approval" and len(loc) > 1 and loc[1] == "date":
            name = "approval-date"
        kind_of_error = str(error["type"])
        message = (text("form.required") if kind_of_error.endswith("missing")
                   or kind_of_error == "type_error.none.not_allowed"
                   else text("form.choose") if kind_of_error.startswith("value_error.const")
                   else str(error["msg"]))
        errors[name] = f"{errors[name]} {message}" if name in errors else message
    return errors


def replace_entry(file_text: str, fact: str, data: dict[str, Any]) -> str:
    """Replace one drafted fact's entry (``- id: …`` and its lines) in a knowledge file.

    The rest of the file stays as it was; the entry is written as ``kb import`` writes one.

    Raises:
        ImportRefused: ``edit_failed`` when the entry cannot be found.

    """
    head = re.search(rf"^(?P<indent>[ \t]*)- id: ['\"]?{re.escape(fact)}['\"]?[ \t]*$",
                     file_text, re.MULTILINE)
    if head is None:
        raise ImportRefused("edit_failed", fact=fact, file="")
    indent = head["indent"]
    end = len(file_text)
    offset = head.end() + 1
    for line in file_text[offset:].splitlines(keepends=True):
        stripped = line.lstrip(" \t")
        if stripped.strip() and not stripped.startswith("#") \
                and len(line) - len(stripped) <= len(indent):
            end = offset
            break
        offset += len(line)
    dumped = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)
    entry = "".join(f"{indent}{line}" if line.strip() else line
                    for line in dumped.splitlines(keepends=True))
    return file_text[:head.start()] + entry + file_text[end:]

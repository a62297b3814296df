"""The review of an imported standard: its drafted facts with what the checks say, approval.

``review`` lists every drafted fact of ``knowledge/<slug>.yml`` with the problems the checks
of ``kb validate`` find in it (the quote not in the source or not in its section, the value
not in the quote). ``set_status`` approves or rejects facts by id by changing their ``status``
line in the file, so that the editor's own changes and comments stay; the result is checked
against the schema before it replaces the file. A running assistant reads it within a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from genoptraening.core.knowledge.onboarding.importer import write_together
from genoptraening.core.knowledge.onboarding.messages import ImportRefused
from genoptraening.core.knowledge.schema import DraftFact, Standard
from genoptraening.core.knowledge.seeds import source_folder
from genoptraening.core.knowledge.standards import STANDARDS_DIR, StandardTextError
from genoptraening.core.knowledge.standards import load_standard_text as _load_text
from genoptraening.core.knowledge.validate import (
    KnowledgeFileError,
    check_drafts,
    check_sections,
    check_sources,
    parse_file,
)
from genoptraening.core.register import Municipality


@dataclass(frozen=True)
class Reviewed:
    """An imported standard and, per drafted fact, what the checks found."""

    standard: Standard
    path: Path
    problems: dict[str, list[str]]  # fact id → problems (empty: in order)

    @property
    def drafts(self) -> list[DraftFact]:
        """The drafted facts, in the file's order."""
        return self.standard.drafts


def review(knowledge_dir: Path, seeds_dir: Path | None, municipality: Municipality) -> Reviewed:
    """Read a municipality's imported standard and check each drafted fact.

    Raises:
        ImportRefused: when the municipality has no knowledge file, or one without drafts.

    """
    path = knowledge_dir / f"{municipality.slug}.yml"
    if not path.is_file():
        raise ImportRefused("no_standard", municipality=municipality.official,
                            name=municipality.name)
    try:
        standard = parse_file(path)
    except KnowledgeFileError as exc:
        raise ImportRefused("edit_failed", fact="—", file=f"{path.name}: {exc}") from exc
    if standard.imported is None:
        raise ImportRefused("not_imported", municipality=municipality.official)
    found = check_drafts(path.name, standard)
    folder = source_folder(knowledge_dir, seeds_dir, standard.seed_file or "")
    if folder is not None:
        found += check_sources(path.name, standard, folder)
    try:
        text = _load_text(knowledge_dir / STANDARDS_DIR / f"{municipality.slug}.md")
        found += check_sections(path.name, standard, text)
    except StandardTextError:
        pass  # kb validate reports a broken text file on its own
    problems: dict[str, list[str]] = {draft.id: [] for draft in standard.drafts}
    for problem in found:
        match = re.match(r"^drafts\[(\d+)\]$", problem.path)
        if match:
            problems[standard.drafts[int(match.group(1))].id].append(problem.reason)
    return Reviewed(standard, path, problems)


def set_status(reviewed: Reviewed, ids: list[str], status: str) -> list[str]:
    """Set the status of the facts named (all clean drafts when none is named).

    Returns:
        The ids whose status was changed.

    Raises:
        ImportRefused: for an unknown id, or when the file's entry cannot be found.

    """
    known = {draft.id: draft for draft in reviewed.drafts}
    for fact in ids:
        if fact not in known:
            raise ImportRefused("unknown_fact", fact=fact,
                                municipality=reviewed.standard.municipality,
                                slug=reviewed.standard.slug)
    wanted = ids or [d.id for d in reviewed.drafts
                     if d.status == "draft" and not reviewed.problems[d.id]]
    changed = [fact for fact in wanted if known[fact].status != status]
    if not changed:
        return []
    text = reviewed.path.read_text(encoding="utf-8")
    for fact in changed:
        text = _with_status(text, fact, status, reviewed.path.name)
    try:
        Standard.parse_obj(yaml.safe_load(text))
    except (yaml.YAMLError, ValueError) as exc:
        raise ImportRefused("edit_failed", fact=", ".join(changed),
                            file=reviewed.path.name) from exc
    write_together({reviewed.path: text})
    return changed


def _with_status(text: str, fact: str, status: str, file: str) -> str:
    """Change one fact's ``status:`` line (or add one under its ``- id:`` line)."""
    head = re.search(rf"^(?P<indent>[ \t]*)- id: ['\"]?{re.escape(fact)}['\"]?[ \t]*$", text,
                     re.MULTILINE)
    if head is None:
        raise ImportRefused("edit_failed", fact=fact, file=file)
    indent = head["indent"]
    following = re.search(rf"^{re.escape(indent)}- ", text[head.end():], re.MULTILINE)
    end = head.end() + following.start() if following else len(text)
    entry = text[head.end():end]
    line = re.compile(rf"^({re.escape(indent)}  status:)[ \t]*\S+[ \t]*$", re.MULTILINE)
    if line.search(entry):
        entry = line.sub(rf"\g<1> {status}", entry, count=1)
    else:
        entry = f"\n{indent}  status: {status}{entry}"
    return text[:head.end()] + entry + text[end:]

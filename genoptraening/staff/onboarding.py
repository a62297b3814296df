"""A new municipality, for staff: import its standard, review the drafted facts, approve them.

The work is done in the domain (``genoptraening.core.knowledge.onboarding``); this prints it
for the console and turns a refusal into its Danish message and exit code 1. The messages are
in ``knowledge/phrases/onboarding.yml``.
"""

from __future__ import annotations

from pathlib import Path

from genoptraening.core.knowledge.onboarding.messages import ImportRefused, say
from genoptraening.core.register import Municipality
from genoptraening.ops.fact_lines import value_lines


def _knowledge_dir() -> Path:
    from genoptraening.settings import BUNDLED, get_settings

    folder = get_settings().knowledge_dir
    if folder.resolve().is_relative_to(BUNDLED):
        raise ImportRefused("installed", folder=folder)
    return folder


def _municipality(kommune: str) -> Municipality:
    from genoptraening.core.register import get_register

    found = get_register().lookup(kommune)
    if found is None:
        raise ImportRefused("unknown_municipality", name=kommune)
    return found


def import_file(file: Path, kommune: str, replace: bool = False) -> int:
    """Import a standard for a municipality and say what was written; return the exit code."""
    from genoptraening.core.knowledge.onboarding.importer import files_of, import_standard
    from genoptraening.core.register import get_register

    try:
        knowledge_dir = _knowledge_dir()
        done = import_standard(file, kommune, knowledge_dir, get_register(), replace=replace)
    except ImportRefused as refused:
        print(refused)
        return 1
    municipality = done.municipality
    print(say("imported", municipality=municipality.official, sections=len(done.text.sections),
              facts=len(done.standard.drafts), file=file.name, kind=done.kind,
              removed=done.removed))
    print(say("imported_files", files=", ".join(
        str(p.relative_to(knowledge_dir)) for p in files_of(knowledge_dir, municipality.slug))))
    print(say("imported_next", municipality=municipality.official, slug=municipality.slug))
    return 0


def show_review(kommune: str) -> int:
    """Print every drafted fact with its quote and what the checks say; return the exit code."""
    from genoptraening.core.knowledge.onboarding.review import review
    from genoptraening.settings import get_settings

    try:
        reviewed = review(_knowledge_dir(), get_settings().seeds_dir, _municipality(kommune))
    except ImportRefused as refused:
        print(refused)
        return 1
    standard, drafts = reviewed.standard, reviewed.drafts
    imported = standard.imported
    print(say("review_header", municipality=standard.municipality,
              drafts=sum(d.status == "draft" for d in drafts),
              approved=sum(d.status == "approved" for d in drafts),
              rejected=sum(d.status == "rejected" for d in drafts),
              file=imported.file if imported else standard.seed_file,
              on=imported.date if imported else "—"))
    for draft in drafts:
        print(f"\n{draft.id}  [{say('status_' + draft.status)}]  {draft.topic}"
              + (f" ({draft.law})" if draft.law else ""))
        for line in value_lines(draft):
            print(line)
        print(f"  Afsnit »{draft.section}«: »{draft.quote}«")
        problems = reviewed.problems[draft.id]
        print("  " + (say("review_problem", problem="; ".join(problems)) if problems
                      else say("review_ok")))
    print()
    print(say("review_next", slug=standard.slug))
    return 0


def set_status(kommune: str, facts: list[str], status: str) -> int:
    """Approve (or reject) drafted facts; return the exit code."""
    from genoptraening.core.knowledge.onboarding import review as reviewing
    from genoptraening.settings import get_settings

    try:
        reviewed = reviewing.review(_knowledge_dir(), get_settings().seeds_dir,
                                    _municipality(kommune))
        changed = reviewing.set_status(reviewed, facts, status)
    except ImportRefused as refused:
        print(refused)
        return 1
    municipality = reviewed.standard.municipality
    if not changed:
        print(say("nothing_to_approve", municipality=municipality))
    elif status == "approved":
        print(say("approved", count=len(changed), municipality=municipality,
                  facts=", ".join(changed)))
    else:
        print(say("rejected", count=len(changed), municipality=municipality,
                  facts=", ".join(changed)))
    if not facts and status == "approved":
        skipped = [d.id for d in reviewed.drafts
                   if d.status == "draft" and reviewed.problems[d.id]]
        if skipped:
            print(say("skipped", facts=", ".join(skipped)))
    return 0

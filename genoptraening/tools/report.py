"""docs/nlu-evaluation.md is written by four measurements; each replaces only its section."""

from __future__ import annotations

from pathlib import Path

from genoptraening.settings import CHECKOUT

REPORT = CHECKOUT / "docs" / "nlu-evaluation.md"
#: The sections below the NLU figures, each written by its own tool.
RETRIEVAL_HEADING = "## Passage retrieval"
CONVERSATIONS_HEADING = "## Held-out conversations"
FACTS_HEADING = "## Story facts"
SECTIONS = (RETRIEVAL_HEADING, CONVERSATIONS_HEADING, FACTS_HEADING)


def replace_section(section: str, path: Path = REPORT) -> None:
    """Put ``section`` (it starts with its "## " heading) in place of the one of that name.

    The section runs to the next "## " heading or the end; a new one is added at the end.
    """
    heading = section.split("\n", 1)[0]
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if heading not in old:
        path.write_text(f"{old.rstrip()}\n\n{section}" if old.strip() else section,
                        encoding="utf-8")
        return
    head, rest = old.split(heading, 1)
    tail = rest[rest.index("\n## ") + 1:] if "\n## " in rest else ""
    path.write_text(f"{head}{section.rstrip()}\n\n{tail}".rstrip() + "\n", encoding="utf-8")


def kept_sections(path: Path = REPORT) -> str:
    """Return the report from its first tool-written section on (the NLU figures are above)."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    starts = [old.index(h) for h in SECTIONS if h in old]
    return old[min(starts):] if starts else ""

"""What PDF extraction leaves that is not the standard's text: taken out, and listed.

- page numbers ("Side 5", "Side 8 af 9", "5/9", a bare "5" at the top or bottom of a page);
- running headers and footers: a line at the top or bottom of most pages (digits aside);
- link lines: a line that is nothing but a web or mail address (the target of a link, which
  extraction prints after the link's text).

Each line taken out is listed, in order, as the standard's ``removed`` (the check against the
source text takes them out of it again, each the next line equal to it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from genoptraening.core.knowledge.onboarding.document import Document, Line

_PAGE_NUMBER = re.compile(
    r"^(?:(?:side|page|s\.)\s*)?\d{1,3}(?:\s*(?:af|of|/)\s*\d{1,3})?$|^[-–]\s*\d{1,3}\s*[-–]$",
    re.IGNORECASE)
#: Recognised anywhere, also without pages (a text file): "Side 5", "Side 8 af 9".
_NAMED_PAGE = re.compile(r"^(?:side|page)\s*\d{1,3}(?:\s*(?:af|of|/)\s*\d{1,3})?$", re.IGNORECASE)
_LINK = re.compile(r"^(?:https?://|www\.|mailto:)\S+$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
#: How many lines at the top and at the bottom of a page count as its edge.
_EDGE = 2


@dataclass(frozen=True)
class Cleaned:
    """The lines that are the standard's text, and the lines taken out (in order)."""

    lines: tuple[Line, ...]
    removed: tuple[str, ...]


def _edges(lines: tuple[Line, ...]) -> set[int]:
    """Return the indexes of the lines at the top or bottom of their page."""
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(index)
    return {i for indexes in by_page.values() for i in indexes[:_EDGE] + indexes[-_EDGE:]}


def _running(lines: tuple[Line, ...], edges: set[int], pages: int) -> set[str]:
    """Return the lines (digits masked) that stand at the edge of most pages."""
    if pages < 2:
        return set()
    seen = {(lines[i].page, _key(lines[i].text)) for i in edges}
    per_text = Counter(key for _, key in seen)
    return {key for key, count in per_text.items()
            if count >= max(2, 0.5 * pages) and any(ch.isalnum() for ch in key)}


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()).lower())


def is_artefact(line: Line, at_edge: bool, running: set[str]) -> bool:
    """Tell whether a line is a page number, a running header or footer, or a link line."""
    text = line.text.strip()
    if _NAMED_PAGE.match(text) or _LINK.match(text):
        return True
    return at_edge and (bool(_PAGE_NUMBER.match(text)) or _key(text) in running)


def remove_artefacts(document: Document) -> Cleaned:
    """Take the extraction's artefacts out of a document's lines."""
    lines = document.lines
    edges = _edges(lines) if document.kind == "pdf" else set()
    running = _running(lines, edges, document.pages) if document.kind == "pdf" else set()
    flagged = [is_artefact(line, i in edges, running) for i, line in enumerate(lines)]
    _keep_what_the_check_would_take(lines, flagged)
    # A paragraph broken by a page break goes on: a removed line starts nothing.
    return Cleaned(tuple(line for line, f in zip(lines, flagged, strict=True) if not f),
                   tuple(line.text.strip() for line, f in zip(lines, flagged, strict=True) if f))


def _keep_what_the_check_would_take(lines: tuple[Line, ...], flagged: list[bool]) -> None:
    """Unflag a removed line whose text a kept line before it has.

    The check against the source takes out, for each removed line, the *next* line with its
    text: a kept line with the same text before it would be taken instead.
    """
    changed = True
    while changed:
        changed = False
        queue = [i for i, f in enumerate(flagged) if f]
        position = 0
        for index, line in enumerate(lines):
            if position >= len(queue):
                break
            if line.text.strip() == lines[queue[position]].text.strip():
                if index != queue[position]:
                    flagged[queue[position]] = False
                    changed = True
                    break
                position += 1

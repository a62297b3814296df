"""The published standards as text, by section: ``knowledge/standards/<slug>.md``.

Each file holds one municipality's quality standard as printed, in a small Markdown dialect:
a YAML front matter (municipality, slug, seed file, title, the PDF artefacts left out), then
``## `` headings as printed and, under each, blocks separated by blank lines. A block is one
paragraph on one line, possibly followed by ``- `` list items (the list it introduces), or
short lines such as an address. ``seed_mismatch`` checks that the text holds every word of
its seed document in order, so a section can be quoted and shown with confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from genoptraening.core.knowledge import seeds

#: The folder under the knowledge folder that holds the standards as text.
STANDARDS_DIR = "standards"

_FRONT_MATTER = "---"
_REQUIRED = ("municipality", "slug", "seed_file", "title")
_OPTIONAL = ("removed",)
_HEADING = re.compile(r"^(#+)\s*(.*)$")
_LIST_ITEM = re.compile(r"^- (.*)$")

# Bullets as PDF extraction leaves them ("•", the Symbol font's private-use "\uf0b7", …).
_BULLET_CHARS = "•\uf0b7▪◦●■"
_LINE_BULLET = re.compile(rf"^[ \t]*(?:[{_BULLET_CHARS}]|-|o)(?=[ \t]|$)", re.MULTILINE)
_ANY_BULLET = re.compile(rf"[{_BULLET_CHARS}]")
# "13.00-\n14.00" stays "13.00- 14.00" after normalising; the text says "13.00-14.00".
_RANGE_BREAK = re.compile(r"(?<=\d)-\s+(?=\d)")
_CONTEXT = 40


class StandardTextError(ValueError):
    """A standard's text file cannot be read or does not follow the format.

    Attributes:
        file: The file's name ("lejre.md").
        line: The line the problem is on (1-based), or None for the whole file.
        reason: What is wrong, in Danish.

    """

    def __init__(self, file: str, line: int | None, reason: str):
        self.file = file
        self.line = line
        self.reason = reason
        where = ", ".join(part for part in (file, f"linje {line}" if line else "") if part)
        super().__init__(f"{where}: {reason}" if where else reason)

    @property
    def where(self) -> str:
        """The line as a path for problem reports ("linje 3"), or "" for the whole file."""
        return f"linje {self.line}" if self.line else ""


@dataclass(frozen=True)
class Section:
    """One section of a standard: its heading as printed and its blocks."""

    heading: str  # "" for text before the first heading
    paragraphs: tuple[str, ...]  # a block with list items keeps its "- " lines joined by "\n"
    index: int  # position in the standard, 0-based

    @property
    def text(self) -> str:
        """The blocks joined by blank lines, as in the file."""
        return "\n\n".join(self.paragraphs)

    def plain_text(self) -> str:
        """Return the blocks without list markup, joined by blank lines."""
        return "\n\n".join(_plain(block) for block in self.paragraphs)


@dataclass(frozen=True)
class StandardText:
    """A municipality's standard as printed, by section."""

    slug: str
    municipality: str
    seed_file: str
    title: str
    sections: tuple[Section, ...]
    removed: tuple[str, ...]

    def section(self, heading: str) -> Section | None:
        """Return the first section with this heading, if there is one."""
        return next((s for s in self.sections if s.heading == heading), None)

    def sections_named(self, heading: str) -> tuple[Section, ...]:
        """Return every section with this heading (a part per law may repeat a heading)."""
        return tuple(s for s in self.sections if s.heading == heading)

    def headings(self) -> tuple[str, ...]:
        """Return the headings in order (repeated headings as often as they occur)."""
        return tuple(s.heading for s in self.sections if s.heading)

    def plain_text(self) -> str:
        """Return headings and blocks in order, without markup ("## ", "- ")."""
        parts: list[str] = []
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(_plain(block) for block in section.paragraphs)
        return "\n\n".join(parts)

    def contains(self, heading: str, quote: str) -> bool:
        """Tell whether ``quote`` stands in a section with this heading (both compared).

        The heading counts as part of its section, as it does on the printed page. A quote
        cited under the standard's title (the approval line, printed at the very end) may
        stand anywhere in the standard.
        """
        wanted = comparable(quote)
        if heading == self.title:
            return wanted in comparable("\n".join(
                f"{s.heading}\n{s.plain_text()}" for s in self.sections))
        return any(
            wanted in comparable(f"{s.heading}\n{s.plain_text()}")
            for s in self.sections_named(heading)
        )


def _plain(block: str) -> str:
    return "\n".join(
        match.group(1) if (match := _LIST_ITEM.match(line)) else line
        for line in block.split("\n")
    )


def comparable(text: str) -> str:
    """Bring a text to the form that texts, seeds and quotes are compared in.

    Bullets are dropped, words hyphenated at line ends joined and white space folded
    (``seeds.normalise``), and a range broken over two lines ("13.00-" / "14.00") closed up,
    so that layout and the extraction's ragged spacing do not count as differences.
    """
    text = _ANY_BULLET.sub(" ", _LINE_BULLET.sub("", text))
    return _RANGE_BREAK.sub("-", seeds.normalise(text))


def _front_matter(lines: list[str], name: str) -> tuple[dict[str, Any], int]:
    """Read the front matter; return it and the index of the first body line."""
    if not lines or lines[0].strip() != _FRONT_MATTER:
        raise StandardTextError(
            name, 1, "mangler front matter: filen skal begynde med en linje '---' efterfulgt af "
            "municipality, slug, seed_file og title"
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == _FRONT_MATTER), None)
    if end is None:
        raise StandardTextError(name, 1, "front matter slutter ikke: mangler linjen '---'")
    try:
        raw = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        raise StandardTextError(name, 2, f"front matter er ikke gyldig YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise StandardTextError(name, 2, "front matter skal være en YAML-mapping")
    for key in raw:
        if key not in _REQUIRED + _OPTIONAL:
            raise StandardTextError(
                name, _key_line(lines, key, end), f"ukendt felt {key!r} i front matter; "
                f"kendte felter: {', '.join(_REQUIRED + _OPTIONAL)}"
            )
    for key in _REQUIRED:
        value = raw.get(key)
        if value is None:
            raise StandardTextError(name, 1, f"front matter mangler feltet {key!r}")
        if not isinstance(value, str) or not value.strip():
            raise StandardTextError(
                name, _key_line(lines, key, end), f"feltet {key!r} skal være en ikke-tom tekst"
            )
    removed = raw.get("removed", [])
    if not isinstance(removed, list) or not all(isinstance(r, str) for r in removed):
        raise StandardTextError(
            name, _key_line(lines, "removed", end),
            "feltet 'removed' skal være en liste af de fjernede linjer (tekst)",
        )
    return raw, end + 1


def _key_line(lines: list[str], key: str, end: int) -> int:
    return next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 1)


def _check_slug(slug: str, name: str, line: int) -> None:
    from genoptraening.core.register import get_register  # local: only needed to parse

    if get_register().by_slug(slug) is None:
        raise StandardTextError(name, line, f"ukendt slug {slug!r}: ikke en kommunes slug")
    if name and Path(name).stem != slug:
        raise StandardTextError(name, line, f"slug {slug!r} passer ikke til filnavnet")


def _body(lines: list[str], start: int, name: str) -> Iterator[tuple[str, list[str]]]:
    """Yield (heading, blocks) for the body, from line index ``start`` on."""
    heading = ""
    blocks: list[str] = []
    block: list[str] = []
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.strip()
        match = _HEADING.match(line)
        if match:
            if block:
                blocks.append("\n".join(block))
            if heading or blocks:
                yield heading, blocks
            if match.group(1) != "##":
                raise StandardTextError(
                    name, number, f"kun overskrifter på formen '## Overskrift' er tilladt: {line!r}"
                )
            if not match.group(2).strip():
                raise StandardTextError(name, number, "tom overskrift")
            heading, blocks, block = match.group(2).strip(), [], []
        elif not line:
            if block:
                blocks.append("\n".join(block))
                block = []
        else:
            if line == "-" or (_LIST_ITEM.match(line) and not line[2:].strip()):
                raise StandardTextError(name, number, "tomt punkt i en liste")
            block.append(re.sub(r"\s+", " ", line))
    if block:
        blocks.append("\n".join(block))
    if heading or blocks:
        yield heading, blocks


def parse_standard_text(text: str, name: str = "") -> StandardText:
    """Parse a standard's text file.

    Args:
        text: The file's content.
        name: The file's name, for messages and the check that the slug matches it.

    Raises:
        StandardTextError: with a Danish message naming the file, the line and the problem.

    """
    lines = text.splitlines()
    meta, start = _front_matter(lines, name)
    slug = meta["slug"].strip()
    _check_slug(slug, name, _key_line(lines, "slug", start - 1))
    sections = tuple(
        Section(heading=heading, paragraphs=tuple(blocks), index=index)
        for index, (heading, blocks) in enumerate(_body(lines, start, name))
    )
    if not any(s.paragraphs for s in sections):
        raise StandardTextError(name, None, "filen har ingen tekst efter front matter")
    if not any(s.heading for s in sections):
        raise StandardTextError(
            name, None, "filen har ingen overskrifter: afsnittene skal stå under '## Overskrift'"
        )
    return StandardText(
        slug=slug,
        municipality=meta["municipality"].strip(),
        seed_file=meta["seed_file"].strip(),
        title=meta["title"].strip(),
        sections=sections,
        removed=tuple(r.strip() for r in meta.get("removed", [])),
    )


def load_standard_text(path: Path) -> StandardText:
    """Read and parse one standard's text file.

    Raises:
        StandardTextError: when the file cannot be read or does not follow the format.

    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StandardTextError(path.name, None, f"filen kan ikke læses: {exc}") from exc
    return parse_standard_text(text, path.name)


def standard_files(knowledge_dir: Path) -> list[Path]:
    """List the standards' text files under a knowledge folder, sorted by name."""
    return sorted((knowledge_dir / STANDARDS_DIR).glob("*.md"))


def _without_removed(seed_raw: str, removed: tuple[str, ...]) -> tuple[str, str | None]:
    """Take the removed lines out of the seed, in order; name the first one not found."""
    wanted = list(removed)
    kept = []
    for line in seed_raw.splitlines():
        if wanted and line.strip() == wanted[0]:
            wanted.pop(0)
            continue
        kept.append(line)
    missing = f"den fjernede linje {wanted[0]!r} findes ikke (i den rækkefølge) i kilden" \
        if wanted else None
    return "\n".join(kept), missing


def _excerpt(text: str, at: int) -> str:
    start, end = max(0, at - _CONTEXT), at + _CONTEXT
    return f"{'…' if start else ''}{text[start:end]}{'…' if end < len(text) else ''}"


def _section_at(standard: StandardText, text: str, at: int) -> str | None:
    """Name the last heading that stands before position ``at`` of the compared text."""
    best, found = -1, None
    for section in standard.sections:
        if section.heading:
            position = text.rfind(comparable(section.heading), 0, at + 1)
            if position > best:
                best, found = position, section.heading
    return found


def seed_mismatch(standard: StandardText, seed_raw: str) -> str | None:
    """Tell where a standard's text differs from its seed document.

    Both are compared without bullets and markup, normalised the same way (``comparable``),
    with the ``removed`` lines (PDF artefacts) taken out of the seed: each takes out the next
    seed line that equals it (leading and trailing white space aside), in order.

    Returns:
        None when the text holds the seed's text, else a short Danish description of the
        first difference with about 40 characters of context on either side.

    """
    seed, missing = _without_removed(seed_raw, standard.removed)
    if missing:
        return missing
    expected, actual = comparable(seed), comparable(standard.plain_text())
    if expected == actual:
        return None
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
        min(len(expected), len(actual)),
    )
    heading = _section_at(standard, actual, at)
    where = f" i afsnittet {heading!r}" if heading else ""
    if at >= len(actual):
        return f"teksten slutter for tidligt{where}; kilden fortsætter: {_excerpt(expected, at)!r}"
    if at >= len(expected):
        return f"teksten har mere end kilden{where}: {_excerpt(actual, at)!r}"
    while at > 0 and not expected[at - 1].isspace():
        at -= 1  # from the start of the word that differs
    return (
        f"teksten afviger fra kilden{where}: teksten har {_excerpt(actual, at)!r}, "
        f"kilden har {_excerpt(expected, at)!r}"
    )

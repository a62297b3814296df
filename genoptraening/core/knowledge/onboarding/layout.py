"""A standard's lines laid out as sections: headings, paragraphs, lists, short lines.

Headings come from the format where it marks them (Word's heading styles; bold or larger type
in a PDF), else from the shape of the text: a numbered line ("2.1 Genoptræning"), a short line
without a full stop between paragraphs, or the left column of a table layout ("Lovgrundlag
Servicelovens § 86 …"). A paragraph is joined onto one line, its line-end hyphenation joined
as the check against the source joins it (``seeds.normalise``); bullets become ``- `` items
under the sentence that introduces them; short lines (an address, a phone list) keep their own
lines. The result is written in the form of ``knowledge/standards/<slug>.md``.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any

import yaml

from genoptraening.core.knowledge.onboarding.document import Line
from genoptraening.core.knowledge.seeds import normalise

_BULLET = re.compile(r"^\s*(?:[•\uf0b7▪◦●■➢✓]|[-–o](?=\s))\s*")
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÆØÅa-zæøå]")
_ENDS_SENTENCE = re.compile(r"[.!?:;]\s*$")
_TABLE_LABEL = re.compile(r"^(?P<label>[A-ZÆØÅ][\w/ ,-]{1,40}?[\wæøå])\s{3,}(?P<rest>\S.*)$")
_NOT_A_HEADING = re.compile(r"^\d{4}\s+\w|@|^\S+:\s*\d|\d{2} \d{2} \d{2} \d{2}|https?://")
#: Words a heading broken over two lines may end with ("… efter" / "Serviceloven").
_GOES_ON = {"og", "eller", "efter", "for", "til", "i", "af", "med", "om", "på", "samt", "ved",
            "fra", "uden", "under", "mellem", "hvis", "der", "som", "at"}
_MAX_HEADING = 200
_MAX_HEADING_WORDS = 12


@dataclass
class _Section:
    heading: str
    blocks: list[list[str]] = field(default_factory=list)


def lay_out(lines: tuple[Line, ...], has_layout: bool) -> list[tuple[str, list[str]]]:
    """Return the sections as (heading, blocks), each block its Markdown lines in one string.

    Args:
        lines: The document's lines, artefacts taken out.
        has_layout: The format marks headings (use it rather than the text's shape).

    """
    lines = tuple(_split_table_labels(lines)) if not has_layout else lines
    body_size = _body_size(lines)
    width = _width(lines)
    sections: list[_Section] = []
    paragraph: list[str] = []
    previous: Line | None = None
    numbers: list[tuple[int, ...]] = []  # the numbered headings so far ("12.2." → (12, 2))

    def flush() -> None:
        if paragraph:
            _current(sections).blocks[-1].append(_joined(paragraph))
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        if _BULLET.fullmatch(line.text):
            index += 1  # a bullet with nothing after it (the check drops bullets)
            continue
        if _is_heading(lines, index, has_layout, body_size, previous, numbers) or (
                index == 0 and len(line.text.strip()) <= _MAX_HEADING // 2):
            # The first line is the title, whatever its type says.
            flush()
            heading, index = _heading_from(lines, index, has_layout)
            sections.append(_Section(heading))
            if (number := _number(heading)) is not None:
                numbers.append(number)
            previous = None
            continue
        text = line.text.strip()
        bullet = _BULLET.match(text) if not line.kept_break else None
        section = _current(sections)
        if bullet or line.list_item:
            flush()
            last = section.blocks[-1][-1] if section.blocks and section.blocks[-1] else ""
            if not (last.endswith(":") or last.startswith("- ")):
                section.blocks.append([])
            paragraph.append("- " + text[bullet.end():] if bullet else "- " + text)
        elif previous is None or _starts_block(line, previous, width):
            flush()
            section.blocks.append([])
            paragraph.append(text)
        elif _own_line(line, previous, width, paragraph):
            flush()
            paragraph.append(text)
        else:
            paragraph.append(text)
        previous = line
        index += 1
    flush()
    return [(s.heading, ["\n".join(b) for b in s.blocks if b]) for s in sections]


def _joined(lines: list[str]) -> str:
    """Join a paragraph's (or a list item's) lines; keep the "- " of an item."""
    if lines[0].startswith("- "):
        return "- " + normalise("\n".join([lines[0][2:], *lines[1:]]))
    return normalise("\n".join(lines))


def _current(sections: list[_Section]) -> _Section:
    if not sections:  # text before the first heading (a long first line): no heading
        sections.append(_Section(""))
    return sections[-1]


def _body_size(lines: tuple[Line, ...]) -> float:
    sizes = [line.size for line in lines if line.size and len(line.text) > 40]
    return statistics.median(sizes) if sizes else 0.0


def _width(lines: tuple[Line, ...]) -> int:
    lengths = sorted(len(line.text.strip()) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 80


def _split_table_labels(lines: tuple[Line, ...]) -> list[Line]:
    """Split "Målgruppe     Borgere med …" (a two-column table) into a label and its text."""
    out = []
    for line in lines:
        match = _TABLE_LABEL.match(line.text.strip())
        if match and len(match["label"].split()) <= 4 and not _BULLET.match(line.text):
            out.append(Line(match["label"], line.page, new_block=True, heading=True))
            out.append(Line(match["rest"], line.page, new_block=True))
        else:
            out.append(line)
    return out


def _is_heading(lines: tuple[Line, ...], index: int, has_layout: bool, body_size: float,
                previous: Line | None, numbers: list[tuple[int, ...]]) -> bool:
    line = lines[index]
    text = line.text.strip()
    if line.heading is not None:
        return line.heading
    if (len(text) > _MAX_HEADING or _BULLET.match(text) or line.list_item
            or _NOT_A_HEADING.search(text) or not any(ch.isalpha() for ch in text)):
        return False
    if has_layout:
        larger = bool(body_size) and line.size >= 1.12 * body_size
        bold = line.bold and (not text.endswith(".") or bool(_NUMBERED.match(text)))
        return larger or (bold and len(text.split()) <= 2 * _MAX_HEADING_WORDS)
    return _looks_like_heading(lines, index, previous, numbers)


def _number(text: str) -> tuple[int, ...] | None:
    match = re.match(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s", text)
    return tuple(int(n) for n in match.group(1).split(".")) if match else None


def _follows(number: tuple[int, ...], numbers: list[tuple[int, ...]]) -> bool:
    """Tell whether a heading number comes next after the last one ("12.2." → "12.3.")."""
    if not numbers:
        return False
    last = numbers[-1]
    return number in (last[:-1] + (last[-1] + 1,), last + (1,), (last[0] + 1,),
                      (last[0] + 1, 1)) and number not in numbers


def _looks_like_heading(lines: tuple[Line, ...], index: int, previous: Line | None,
                        numbers: list[tuple[int, ...]]) -> bool:
    """Without layout: a numbered line or a short line that stands between paragraphs."""
    text = lines[index].text.strip()
    number = _number(text)
    if number is not None and _follows(number, numbers) and len(text) <= 120:
        return True  # the next number of the standard's own numbering, wherever it stands
    following = index + 1
    while following < len(lines) and _continues_heading(lines[following].text):
        following += 1  # "Hvad kan" / "indsatsen" / "indeholde?": a narrow table column
    after = lines[following].text.strip() if following < len(lines) else ""
    ended = previous is None or lines[index].new_block or bool(
        _ENDS_SENTENCE.search(previous.text)) and not previous.text.rstrip().endswith(":")
    if not ended or not after:
        return False
    if _NUMBERED.match(text) and len(text) <= 120 and text[0] != "0":
        return not re.match(r"^\d+\s+(?:år|dage|uger|gange|kr)", text)
    short = len(text.split()) <= 8 and len(text) <= 70
    return (short and text[0].isupper() and not re.search(r"[.,;:]$", text)
            and (after[0].isupper() or after[0].isdigit() or bool(_BULLET.match(after))))


def _continues_heading(text: str) -> bool:
    text = text.strip()
    return bool(text) and text[0].islower() and len(text.split()) <= 3 and len(text) <= 30


def _heading_from(lines: tuple[Line, ...], index: int, has_layout: bool) -> tuple[str, int]:
    """Return a heading (its lines joined) and the index of the first line after it."""
    parts = [lines[index].text.strip()]
    first = lines[index]
    index += 1
    while index < len(lines) and len(" ".join(parts)) < _MAX_HEADING:
        line, text = lines[index], lines[index].text.strip()
        last = parts[-1]
        if _ENDS_SENTENCE.search(last) or _NUMBERED.match(text) or _BULLET.match(text):
            break
        if has_layout:
            same = (line.bold, line.size) == (first.bold, first.size) and not line.new_block
            if not (same and line.heading is not False and first.heading is None):
                break
        elif not (text[:1].islower() or last.endswith("-")
                  or last.split()[-1].lower() in _GOES_ON):
            break
        parts.append(text)
        index += 1
    return normalise("\n".join(parts)), index


def _starts_block(line: Line, previous: Line, width: int) -> bool:
    """Tell whether a line starts a new paragraph."""
    before, text = previous.text.rstrip(), line.text.strip()
    if text[:1].islower() and not re.search(r"[.!?]$", before):
        return False  # the sentence goes on, whatever space the extraction put between
    if before.split() and before.split()[-1].lower() in _GOES_ON:
        return False  # "… fastsættes årligt af" / "Skanderborg Kommunes Byråd …": it goes on
    if line.new_block and not line.kept_break:
        return True
    if text[:1].islower():
        return False
    if len(before) < 0.5 * width and not before.endswith(("-", ",")) and len(text) >= 0.6 * width:
        return True  # a paragraph after short lines (an address)
    return bool(re.search(r"[.!?]$", before)) and len(before) < 0.7 * width


def _own_line(line: Line, previous: Line, width: int, paragraph: list[str]) -> bool:
    """Tell whether a line keeps its own line in the block (an address, a phone list)."""
    if line.kept_break:
        return True
    if paragraph and paragraph[0].startswith("- "):
        return False  # an item's next line goes on the item
    before = previous.text.rstrip()
    if before.endswith(("-", ",")) or line.text.strip()[:1].islower():
        return False
    short = len(before) < 0.5 * width and len(line.text.strip()) < 0.6 * width
    return before.endswith(":") and len(line.text.strip()) < 0.6 * width or short


def markdown(meta: dict[str, Any], sections: list[tuple[str, list[str]]]) -> str:
    """Write the sections in the form of ``knowledge/standards/<slug>.md``."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    body = []
    for heading, blocks in sections:
        if heading:
            body.append(f"## {heading}")
        body.extend(blocks)
    return f"---\n{front}---\n\n" + "\n\n".join(body) + "\n"

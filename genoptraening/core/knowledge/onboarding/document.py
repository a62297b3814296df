"""A published standard read into lines: a PDF's text layer, a Word file or plain text.

Each line keeps what its format says about it: the page, whether it is set in bold or a larger
size (a PDF), its paragraph style (Word), whether a new paragraph starts with it. The source
text (``Document.source``) is the text as extracted, line by line; it is kept beside the
knowledge (``knowledge/sources/<slug>.txt``) and the standard's text is checked against it.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from genoptraening.core.knowledge.onboarding.messages import ImportRefused

#: Largest file read, in bytes (the five standards are 0.1-2 MB as PDFs).
MAX_BYTES = 25 * 1024 * 1024
#: Most pages read.
MAX_PAGES = 300
#: Most characters of text (about 300 dense pages).
MAX_CHARS = 1_500_000
#: Fewer letters than this a page: the PDF has no text layer (a scan).
MIN_LETTERS_PER_PAGE = 40
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift|title|titel)", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|punkt|opstilling", re.IGNORECASE)
#: A new paragraph when the space above a line is this much more than the usual line pitch.
_GAP = 1.3


@dataclass(frozen=True)
class Line:
    """One line of a document, with what its format says about it."""

    text: str
    page: int = 1
    bold: bool = False
    size: float = 0.0  # font size (0: not known)
    new_block: bool = False  # the format starts a paragraph here
    heading: bool | None = None  # the format says it is (not) a heading; None: not known
    list_item: bool = False  # the format says it is a list item
    kept_break: bool = False  # the format broke the line on purpose (Word's line break)


@dataclass(frozen=True)
class Document:
    """A document as lines, with its source text and what kind of file it was."""

    lines: tuple[Line, ...]
    source: str
    pages: int
    kind: str  # "pdf", "docx" or "text"

    @property
    def has_layout(self) -> bool:
        """Tell whether the format marks headings (Word styles, or bold or larger PDF type)."""
        marked = [line for line in self.lines if line.text.strip()]
        if any(line.heading is not None for line in marked):
            return True
        emphasised = sum(1 for line in marked if line.bold or _larger(line, marked))
        return 0 < emphasised < 0.5 * len(marked)


def _larger(line: Line, lines: list[Line]) -> bool:
    sizes = [other.size for other in lines if other.size]
    return bool(sizes) and line.size >= 1.12 * statistics.median(sizes)


def read_document(path: Path) -> Document:
    """Read a PDF, a Word file (.docx) or a plain text file.

    Raises:
        ImportRefused: when the file is missing, empty, too large, not one of the three kinds,
            broken, encrypted, or a PDF without a text layer (a scan).

    """
    try:
        size = path.stat().st_size
        head = path.open("rb").read(8)
    except OSError as exc:
        raise ImportRefused("file_unreadable", file=path.name, error=exc.strerror or exc) from exc
    if size == 0:
        raise ImportRefused("file_empty", file=path.name)
    if size > MAX_BYTES:
        raise ImportRefused("file_too_large", file=path.name, mb=round(size / 2**20),
                            max_mb=MAX_BYTES // 2**20)
    if head.startswith(b"%PDF"):
        document = _read_pdf(path)
    elif head.startswith(b"PK"):
        document = _read_docx(path)
    elif head.startswith(b"\xd0\xcf\x11\xe0") or path.suffix.lower() in (".doc", ".odt", ".rtf"):
        raise ImportRefused("file_kind", file=path.name)
    else:
        document = _read_text(path)
    letters = sum(ch.isalpha() for ch in document.source)
    if not letters:
        raise ImportRefused("scanned" if document.kind == "pdf" else "file_empty",
                            file=path.name)
    if document.kind == "pdf" and letters < MIN_LETTERS_PER_PAGE * document.pages:
        raise ImportRefused("scanned", file=path.name)
    if len(document.source) > MAX_CHARS:
        raise ImportRefused("file_too_long", file=path.name, chars=len(document.source))
    return document


def _clean(text: str) -> str:
    """NFC, no control characters but tabs, no soft hyphens, no trailing white space."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\r", "")
    return "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch)[0] != "C"
                   or ch == "\uf0b7").rstrip()


def _read_text(path: Path) -> Document:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ImportRefused("file_kind", file=path.name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    pages = text.split("\f")
    lines: list[Line] = []
    spaced = _double_spaced(text)
    for number, page in enumerate(pages, 1):
        blanks = 0
        for raw_line in page.split("\n"):
            line = _clean(raw_line)
            if not line.strip():
                blanks += 1
                continue
            lines.append(Line(line, number, new_block=blanks >= (2 if spaced else 1)))
            blanks = 0
    source = "\n".join(_clean(line) for line in text.replace("\f", "\n").split("\n"))
    return Document(tuple(lines), source, len(pages), "text")


def _double_spaced(text: str) -> bool:
    """Tell whether most lines of a text are followed by a blank line (a blank means nothing)."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines[:-1]) if line.strip()]
    followed = sum(1 for i in filled if not lines[i + 1].strip())
    return bool(filled) and followed > 0.6 * len(filled)


def _read_pdf(path: Path) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused("pdf_encrypted", file=path.name)
        if len(reader.pages) > MAX_PAGES:
            raise ImportRefused("too_many_pages", file=path.name, pages=len(reader.pages),
                                max_pages=MAX_PAGES)
        pages = [list(_pdf_page_lines(page, number))
                 for number, page in enumerate(reader.pages, 1)]
    except ImportRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ImportRefused("file_broken", file=path.name, error=exc) from exc
    lines = _pdf_blocks([line for page in pages for line in page if line[1] is not None])
    source = "\n".join(line.text for page in pages for line, _ in page)
    return Document(tuple(line for line in lines if line.text.strip()), source, len(pages), "pdf")


def _pdf_page_lines(page: Any, number: int) -> Iterator[tuple[Line, float | None]]:
    """Yield a page's lines as pypdf extracts them, each with its height on the page."""
    parts: list[tuple[str, bool, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        name = str(font.get("/BaseFont", "")) if font else ""
        scale = math.hypot(tm[2], tm[3]) * (math.hypot(cm[2], cm[3]) or 1.0)
        height = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        parts.append((text, bool(_BOLD.search(name)), float(size or 0) * scale, height))

    page.extract_text(visitor_text=visit)
    line: list[tuple[str, bool, float, float]] = []
    for text, bold, size, height in parts:
        for index, piece in enumerate(text.split("\n")):
            if index:
                yield _pdf_line(line, number)
                line = []
            if piece:
                line.append((piece, bold, size, height))
    if line:
        yield _pdf_line(line, number)


def _pdf_line(parts: list[tuple[str, bool, float, float]], page: int) -> tuple[Line, float | None]:
    text = _clean("".join(p[0] for p in parts))
    inked = [p for p in parts if p[0].strip()]
    if not inked:
        return Line(text, page), None
    return Line(text, page, bold=all(p[1] for p in inked),
                size=round(max(p[2] for p in inked), 1)), inked[0][3]


def _pdf_blocks(lines: list[tuple[Line, float | None]]) -> list[Line]:
    """Mark where a new paragraph starts: the space above a line is larger than usual."""

    def ratio(index: int) -> float | None:
        (above, up), (line, here) = lines[index - 1], lines[index]
        if up is None or here is None or line.page != above.page or not line.size:
            return None
        return (up - here) / max(line.size, above.size or 1)

    ratios = [None, *(ratio(index) for index in range(1, len(lines)))]
    usual = statistics.median([r for r in ratios if r is not None and r > 0] or [1.2])
    return [replace(line, new_block=index == 0 or (
        (r := ratios[index]) is not None and (r > _GAP * usual or r < 0)))
        for index, (line, _) in enumerate(lines)]


def _read_docx(path: Path) -> Document:
    from zipfile import BadZipFile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        paragraphs = list(_docx_paragraphs(document))
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ImportRefused("file_kind", file=path.name) from exc
    lines: list[Line] = []
    for paragraph in paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        runs = [run for run in paragraph.runs if run.text.strip()]
        bold = bool(runs) and all(run.bold or (run.style and run.style.font.bold) for run in runs)
        heading = True if _HEADING_STYLE.match(style) else None
        for index, text in enumerate(_clean(paragraph.text).split("\n")):
            if text.strip():
                lines.append(Line(text, 1, bold=bool(bold), new_block=index == 0,
                                  heading=heading, list_item=index == 0 and (
                                      numbered or bool(_LIST_STYLE.search(style))),
                                  kept_break=index > 0))
    source = "\n".join(line.text for line in lines)
    return Document(tuple(lines), source, 1, "docx")


def _docx_paragraphs(document: Any) -> Iterator[Any]:
    """Yield the body's paragraphs in order, a table's cell by cell (merged cells once)."""
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        yield from cell.paragraphs
        else:
            yield item

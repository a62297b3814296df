"""A standard's text made into the documents a municipality publishes: a PDF and a Word file.

For measuring the import (``import_eval``) and for its tests. The PDF is set as a word
processor sets one: headings in bold and larger, paragraphs wrapped to the page, lists with
bullets, a running header with the municipality's name and "Side N af M" at the foot of every
page. The Word file uses Word's own heading and list styles. Both hold every word of the text.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from genoptraening.core.knowledge.standards import StandardText

#: Where a Unicode font is found: matplotlib (a dependency of Rasa) ships DejaVu Sans.
_FONT_DIRS = ("mpl-data/fonts/ttf", "/usr/share/fonts/truetype/dejavu")


def _font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    places = [Path(p) / _FONT_DIRS[0] for p in (spec.submodule_search_locations or [])] if (
        spec) else []
    for place in [*places, Path(_FONT_DIRS[1])]:
        if (place / "DejaVuSans.ttf").is_file():
            return place
    raise RuntimeError("DejaVuSans.ttf findes ikke (matplotlib eller fonts-dejavu)")


def _printable(text: str) -> str:
    return text.replace("\uf0b7", "•")


def write_pdf(text: StandardText, path: Path) -> None:
    """Write a standard's text as a PDF with a running header and page numbers."""
    from fpdf import FPDF

    fonts = _font_dir()
    header = f"{text.municipality} – kvalitetsstandard"

    class _Pdf(FPDF):
        def header(self) -> None:
            self.set_font("body", "", 8)
            self.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
            self.ln(3)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("body", "", 8)
            self.cell(0, 5, f"Side {self.page_no()} af {{nb}}", align="C")

    pdf = _Pdf()
    pdf.add_font("body", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("body", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for section in text.sections:
        if section.heading:
            pdf.set_font("body", "B", 13)
            _cell(pdf, section.heading, 7)
            pdf.ln(1)
        pdf.set_font("body", "", 10.5)
        for block in section.paragraphs:
            for line in block.split("\n"):
                if line.startswith("- "):
                    pdf.set_x(pdf.l_margin + 5)
                    _cell(pdf, "• " + line[2:], 5.5)
                else:
                    _cell(pdf, line, 5.5)
            pdf.ln(3)
    pdf.output(str(path))


def _cell(pdf: Any, text: str, height: float) -> None:
    pdf.multi_cell(0, height, _printable(text), align="L", new_x="LMARGIN", new_y="NEXT")


def write_docx(text: StandardText, path: Path) -> None:
    """Write a standard's text as a Word file with heading and list styles."""
    import docx

    document = docx.Document()
    for section in text.sections:
        if section.heading:
            document.add_heading(_printable(section.heading), level=2)
        for block in section.paragraphs:
            plain: list[str] = []
            for line in block.split("\n"):
                if line.startswith("- "):
                    if plain:
                        document.add_paragraph("\n".join(plain))
                        plain = []
                    document.add_paragraph(_printable(line[2:]), style="List Bullet")
                else:
                    plain.append(_printable(line))
            if plain:
                document.add_paragraph("\n".join(plain))
    document.save(str(path))

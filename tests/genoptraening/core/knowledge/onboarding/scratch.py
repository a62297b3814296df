"""A scratch knowledge folder in which Hjørring is a new municipality, and its documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from genoptraening.core.knowledge.standards import load_standard_text
from genoptraening.tools.import_documents import write_docx, write_pdf
from tests.conftest import KNOWLEDGE, SEEDS

HJOERRING_SEED = SEEDS / "001_f4a1c6cfc55bc51b.txt"


def without_hjoerring(tmp_path: Path) -> Path:
    """Copy the knowledge folder without Hjørring's curated files."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    (target / "hjoerring.yml").unlink()
    (target / "standards" / "hjoerring.md").unlink()
    return target


def documents(tmp_path: Path) -> dict[str, Path]:
    """Hjørring's standard as a PDF, a Word file and its seed text."""
    text = load_standard_text(KNOWLEDGE / "standards" / "hjoerring.md")
    out = {"pdf": tmp_path / "hjoerring.pdf", "docx": tmp_path / "hjoerring.docx",
           "text": tmp_path / "hjoerring.txt"}
    write_pdf(text, out["pdf"])
    write_docx(text, out["docx"])
    shutil.copy(HJOERRING_SEED, out["text"])
    return out

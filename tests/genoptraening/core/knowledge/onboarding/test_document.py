import pytest
from fpdf import FPDF

from genoptraening.core.knowledge.onboarding import document
from genoptraening.core.knowledge.onboarding.document import read_document
from genoptraening.core.knowledge.onboarding.messages import ImportRefused
from tests.genoptraening.core.knowledge.onboarding.scratch import documents


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return documents(tmp_path_factory.mktemp("docs"))


def test_pdf_lines_carry_bold_headings_and_pages(files):
    doc = read_document(files["pdf"])
    assert doc.kind == "pdf" and doc.pages >= 2 and doc.has_layout
    heading = next(line for line in doc.lines if line.text.startswith("Lovgrundlag"))
    assert heading.bold and heading.size > 11
    assert "Side 1 af" in doc.source


def test_docx_headings_come_from_word_styles(files):
    doc = read_document(files["docx"])
    assert doc.kind == "docx"
    headings = [line.text for line in doc.lines if line.heading]
    assert "Målgruppe" in headings and "Ansøgning" in headings
    assert any(line.list_item and line.text == "Undersøgelse" for line in doc.lines)


def test_text_keeps_its_lines_as_the_source(files):
    doc = read_document(files["text"])
    assert doc.kind == "text"
    assert "traeningsenhed@hjoerring.dk" in doc.source


def test_a_scanned_pdf_is_refused(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 100, 100, style="F")  # a page with ink but no text layer
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(ImportRefused) as refused:
        read_document(tmp_path / "scan.pdf")
    assert refused.value.key == "scanned"
    assert "scannet PDF uden tekst" in str(refused.value)


def test_empty_huge_missing_and_foreign_files_are_refused(tmp_path, monkeypatch):
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"x" * 100)
    (tmp_path / "blank.txt").write_text("   \n\n")
    (tmp_path / "big.txt").write_text("træning " * 100)
    cases = {"empty.pdf": "file_empty", "old.doc": "file_kind", "blank.txt": "file_empty",
             "missing.pdf": "file_unreadable"}
    for name, key in cases.items():
        with pytest.raises(ImportRefused) as refused:
            read_document(tmp_path / name)
        assert refused.value.key == key, name
    monkeypatch.setattr(document, "MAX_BYTES", 100)
    with pytest.raises(ImportRefused) as refused:
        read_document(tmp_path / "big.txt")
    assert refused.value.key == "file_too_large" and "for stor" in str(refused.value)


def test_a_broken_pdf_is_refused(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(ImportRefused) as refused:
        read_document(tmp_path / "broken.pdf")
    assert refused.value.key in ("file_broken", "scanned")

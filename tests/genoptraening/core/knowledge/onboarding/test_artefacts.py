from genoptraening.core.knowledge.onboarding.artefacts import remove_artefacts
from genoptraening.core.knowledge.onboarding.document import Document, Line


def _pdf(pages):
    lines = tuple(Line(text, page) for page, texts in enumerate(pages, 1) for text in texts)
    return Document(lines, "\n".join(line.text for line in lines), len(pages), "pdf")


def test_running_header_page_numbers_and_link_lines_go():
    doc = _pdf([["Vejle Kommune – kvalitetsstandard", "Tekst på side et.", "Side 1 af 3"],
                ["Vejle Kommune – kvalitetsstandard", "https://www.vejle.dk/x", "Mere tekst.",
                 "Side 2 af 3"],
                ["Vejle Kommune – kvalitetsstandard", "Sidste tekst.", "3"]])
    cleaned = remove_artefacts(doc)
    assert [line.text for line in cleaned.lines] == ["Tekst på side et.", "Mere tekst.",
                                                     "Sidste tekst."]
    assert cleaned.removed[:3] == ("Vejle Kommune – kvalitetsstandard", "Side 1 af 3",
                                   "Vejle Kommune – kvalitetsstandard")
    assert len(cleaned.removed) == 7  # three headers, three page numbers, one link


def test_a_line_the_check_would_take_first_is_kept():
    # The header's text stands earlier as body text: removing the header would make the
    # check against the source take the body line instead, so it stays.
    doc = _pdf([["Intro", "x", "Genoptræning", "y", "slut."], ["Genoptræning", "Tekst."],
                ["Genoptræning", "Mere."]])
    cleaned = remove_artefacts(doc)
    assert [line.text for line in cleaned.lines].count("Genoptræning") == 3
    assert cleaned.removed == ()


def test_a_text_file_loses_only_named_page_numbers_and_links():
    lines = (Line("Side 5"), Line("5"), Line("mailto:a@b.dk"), Line("Tekst."))
    cleaned = remove_artefacts(Document(lines, "", 1, "text"))
    assert [line.text for line in cleaned.lines] == ["5", "Tekst."]

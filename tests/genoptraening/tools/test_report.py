"""The evaluation report: each tool replaces only its own section."""

from genoptraening.tools.report import kept_sections, replace_section

NLU = "# NLU\n\naccuracy 0.9\n"


def test_a_section_is_added_then_replaced_and_the_others_stay(tmp_path):
    path = tmp_path / "report.md"
    path.write_text(NLU, encoding="utf-8")
    replace_section("## Passage retrieval\n\nold\n", path)
    replace_section("## Held-out conversations\n\n1 of 2\n", path)
    replace_section("## Passage retrieval\n\nnew\n", path)
    text = path.read_text(encoding="utf-8")
    assert text == (NLU + "\n## Passage retrieval\n\nnew\n\n"
                    "## Held-out conversations\n\n1 of 2\n")
    assert kept_sections(path).startswith("## Passage retrieval")

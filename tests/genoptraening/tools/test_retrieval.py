"""Measuring passage retrieval: the labelled sets, recall, the threshold's cost, the report."""

from __future__ import annotations

from pathlib import Path

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.passages import PassageSearch
from genoptraening.tools import retrieval as tool

KNOWLEDGE = Path(__file__).parents[3] / "knowledge"


def test_the_labelled_sets_are_large_enough_and_cover_every_municipality():
    heldout = tool.load_items(tool.HELDOUT)
    assert len(heldout) >= 250
    for slug in ("lejre", "hjoerring", "skanderborg", "rebild", "hedensted"):
        assert sum(item.slug == slug for item in heldout) >= 40
    calibration = tool.load_items(tool.CALIBRATION)
    assert any(item.section is None for item in calibration)  # questions it must refuse
    assert not {item.question for item in heldout} & {item.question for item in calibration}


def test_headings_compare_without_white_space_or_danish_letters():
    assert tool.same_heading("Omfang og  varighed", "omfang og varighed")
    assert tool.same_heading("Hvilke udgifter kan du have", "Hvilke udgifter kan du have")
    assert not tool.same_heading("Formål", "Målgruppe")


def test_recall_counts_the_labelled_section_among_the_first_three():
    items = [tool.Item("a", "hjoerring", "kan forløbet forlænges ud over 3 måneder",
                       "Omfang og varighed",
                       "Et træningsforløb har en varighed på op til 3 måneder.", "detail"),
             tool.Item("b", "hjoerring", "hvad bliver vejret", None, None, "off_topic")]
    result = tool.evaluate(items, PassageSearch(KnowledgeBase(KNOWLEDGE)))
    assert (result.overall.total, result.overall.at1, result.overall.at3) == (1, 1, 1)
    assert result.by_municipality["hjoerring"].total == 1


def test_a_wrong_passage_shown_costs_twice_a_right_one_missed():
    found = [tool.Outcome(0.9, True, True), tool.Outcome(0.5, True, False),
             tool.Outcome(0.2, False, False)]
    assert tool.cost(found, 0.95) == 1  # the right one missed
    assert tool.cost(found, 0.4) == 2  # the wrong one shown
    assert tool.cost(found, 0.1) == 4  # both wrong ones shown
    threshold, figures = tool.calibrate(found)
    assert 0.5 < threshold <= 0.9 and figures["precision"] == 1.0


def test_a_detail_counts_as_given_quoted_or_paraphrased():
    quote = "Taksten reguleres én gang årligt ved årets udgang."
    assert tool.detail_given(["Det står: »Taksten reguleres én gang årligt ved årets udgang.«"],
                             quote)
    assert tool.detail_given(["Taksten bliver reguleret én gang om året ved årets udgang."],
                             quote)
    assert not tool.detail_given(["Kørsel koster 41 kr."], quote)


def test_the_report_section_replaces_only_itself(tmp_path):
    report = tmp_path / "nlu-evaluation.md"
    report.write_text("# NLU\n\nintent accuracy: 0.9\n\n## Passage retrieval\n\nold\n",
                      encoding="utf-8")
    tool.write_report("## Passage retrieval\n\nnew\n", report)
    assert report.read_text(encoding="utf-8") == (
        "# NLU\n\nintent accuracy: 0.9\n\n## Passage retrieval\n\nnew\n")

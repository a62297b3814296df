"""What a section of an imported standard is about: its heading's topics and its law's part."""

from __future__ import annotations

import pytest

from genoptraening.core.knowledge.onboarding.section_topics import (
    TEXT_SURE,
    heading_topics,
    section_laws,
    text_topics,
)
from genoptraening.core.knowledge.standards import Section


@pytest.mark.parametrize(("heading", "topics"), [
    ("Målgruppe", ["target_group"]),
    ("1. Du kan få træning, hvis du har mistet færdigheder", ["target_group"]),
    ("Hvad indeholder et genoptræningsforløb", ["content"]),
    ("Hvilke udgifter kan du have", ["cost", "transport"]),
    ("Tidsperspektiv", ["scope", "deadlines"]),
    ("8. Hvad kan du forvente af dem, som skal træne med dig?", ["staff"]),
    ("Klagemuligheder", ["complaint_decision"]),
])
def test_a_heading_names_its_topics(heading, topics):
    assert heading_topics(heading) == topics


def test_the_documents_own_name_is_no_topic():
    # "Kvalitetsstandard for …" is the title, not a section on quality follow-up.
    assert heading_topics("Kvalitetsstandard for genoptræning og vedligeholdende træning") == []
    assert heading_topics("Kvalitetsmål") == ["follow_up"]


def test_a_paragraph_read_surely_as_a_topic_answers_it():
    sections = [Section("3. Genoptræning", ("Træningen foregår på centret.", "Det varer 3 "
                                            "måneder.", "Vi gør vores bedste.", "  "), 1)]
    readings = {"Træningen foregår på centret.": ("ask_location", TEXT_SURE),
                "Det varer 3 måneder.": ("ask_scope", TEXT_SURE - 0.01),
                "Vi gør vores bedste.": ("greet", 1.0)}  # no topic

    def rank(texts):
        return [[readings[text]] for text in texts]

    assert text_topics(sections, rank) == {"Træningen foregår på centret.": "location"}


def _sections(*rows: tuple[str, int]) -> list[Section]:
    return [Section(heading, tuple(f"Tekst {n}." for n in range(paragraphs)), index)
            for index, (heading, paragraphs) in enumerate(rows)]


def test_each_law_has_its_part_and_repeats_its_headings():
    sections = _sections(
        ("Genoptræning efter sygehusindlæggelse", 0), ("Kriterier", 2), ("Formål", 0),
        ("Formålet med genoptræningen er at", 1), ("Tidsperspektiv", 1),
        ("Lovgrundlag", 0), ("Sundhedslovens § 140", 0), ("Klagemuligheder", 2),
        ("Genoptræning", 0), ("Kriterier", 1), ("Tidsperspektiv", 3), ("Klagemuligheder", 2),
        ("Vedligeholdelsestræning", 0), ("Kriterier", 3), ("Formålet med træningen er", 1),
        ("Tidsperspektiv", 3))
    laws = section_laws(sections)
    assert [laws[i] for i in (1, 3, 4, 7)] == ["sul_140"] * 4  # an empty "Formål" goes on
    assert [laws[i] for i in (9, 10, 11)] == ["sel_86_1"] * 3
    assert [laws[i] for i in (13, 14, 15)] == ["sel_86_2"] * 3


def test_an_unnumbered_part_ends_at_what_the_parts_before_it_are_not_about():
    laws = section_laws(_sections(
        ("Genoptræning uden sygehusindlæggelse", 1), ("Målgruppe", 1), ("Indhold", 3),
        ("Vedligeholdelsestræning", 1), ("Målgruppe", 1), ("Indhold", 3),
        ("Hvem behandler ansøgningen?", 2), ("Svarfrist", 1)))
    assert [laws[i] for i in range(8)] == [
        "sel_86_1", "sel_86_1", "sel_86_1", "sel_86_2", "sel_86_2", "sel_86_2", None, None]


def test_a_numbered_part_ends_at_the_next_heading_of_its_level():
    laws = section_laws(_sections(
        ("2.1 Genoptræning", 0), ("Hvem kan få genoptræning", 1), ("Serviceniveau", 1),
        ("2.2 Vedligeholdende Træning", 0), ("Hvem kan få vedligeholdende træning", 1),
        ("3. Hvem kan du kontakte?", 3)))
    assert [laws[i] for i in range(6)] == [
        "sel_86_1", "sel_86_1", "sel_86_1", "sel_86_2", "sel_86_2", None]


def test_a_title_that_names_one_law_makes_no_parts():
    # Hjørring's "Genoptræning og træning" stands over the whole standard.
    laws = section_laws(_sections(("KVALITETSSTANDARD", 0), ("Genoptræning og træning", 0),
                                  ("Målgruppe", 1), ("Ansøgning", 2)))
    assert set(laws.values()) == {None}

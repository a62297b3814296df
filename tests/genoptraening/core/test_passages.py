"""Passage search in a municipality's own standard."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.passages import THRESHOLD, Hit, PassageSearch

KNOWLEDGE = Path(__file__).parents[3] / "knowledge"
SYNONYMS = KNOWLEDGE / "vocabulary" / "synonyms.yml"
NLU = KNOWLEDGE.parent / "data" / "nlu"


@pytest.fixture(scope="module")
def search() -> PassageSearch:
    return PassageSearch(KnowledgeBase(KNOWLEDGE), SYNONYMS)


@pytest.mark.parametrize(("slug", "question", "section"), [
    ("lejre", "skal jeg selv betale for kørslen hver gang",
     "9. Transport til genoptræning eller træning"),
    ("lejre", "skal jeg lufte ud før terapeuten kommer hjem til mig",
     "7. Hjemmet som arbejdsplads"),
    ("hjoerring", "kan forløbet forlænges ud over 3 måneder", "Omfang og varighed"),
    ("rebild", "kan jeg vælge en anden leverandør", "Frit leverandørvalg"),
    ("skanderborg", "hvad skal jeg selv betale for", "Hvilke udgifter kan du have"),
])
def test_the_passage_that_answers_is_found_in_the_own_standard(search, slug, question, section):
    hits = search.search(slug, question, k=3)
    assert hits[0].passage.section == section
    assert hits[0].score >= search.threshold
    assert {hit.passage.slug for hit in hits} == {slug}


def test_spellings_without_danish_letters_find_the_same(search):
    plain = search.search("lejre", "skal jeg selv betale for kørslen hver gang", k=1)[0]
    folded = search.search("lejre", "skal jeg selv betale for koerslen hver gang", k=1)[0]
    assert plain.passage == folded.passage


def test_an_off_topic_question_is_not_confident(search):
    hits = search.search("rebild", "hvad bliver vejret i morgen", k=1)
    assert not hits or hits[0].score < THRESHOLD


def test_nothing_for_an_empty_question_or_a_municipality_without_text(search):
    assert search.search("lejre", "", k=3) == []
    assert search.search("aarhus", "hvad koster det", k=3) == []


def test_sections_count_a_repeated_heading_once(search):
    hits = search.index("rebild").sections("hvad sker der hvis jeg aflyser", k=3)
    headings = [hit.passage.section for hit in hits]
    assert len(headings) == len(set(headings)) == 3


def test_a_long_passage_is_quoted_by_its_best_whole_sentences(search):
    index = search.index("lejre")
    long = max(index.passages, key=lambda p: len(p.text) if "\n- " not in p.text else 0)
    assert len(long.text) > 320
    quote = index.quote(Hit(long, 1.0), long.text.split(". ")[-1])
    assert quote in long.text or all(part in long.text for part in quote.split(". "))
    assert len(quote) < len(long.text)
    assert quote.endswith((".", "?", "!", "«", ")"))


def test_a_changed_text_is_searched_without_restart(tmp_path):
    shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    kb = KnowledgeBase(tmp_path / "knowledge", reload_interval=0)
    search = PassageSearch(kb, tmp_path / "knowledge" / "vocabulary" / "synonyms.yml")
    assert search.search("hjoerring", "må jeg tage min hund med til træning", k=1)[0].score < 0.3
    path = tmp_path / "knowledge" / "standards" / "hjoerring.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n## Hunde\n\nDu må gerne tage din hund med til træning.\n",
                    encoding="utf-8")
    time.sleep(0.01)
    hit = search.search("hjoerring", "må jeg tage min hund med til træning", k=1)[0]
    assert hit.passage.section == "Hunde" and hit.score >= search.threshold


def test_sections_read_as_the_words_citizens_use_for_them():
    from genoptraening.core.knowledge.examples import intent_examples
    from genoptraening.core.passages import section_vocabulary

    kb = KnowledgeBase(KNOWLEDGE)
    vocabulary = section_vocabulary(kb.standard("lejre"), intent_examples(NLU))
    transport = vocabulary["9. Transport til genoptræning eller træning"]
    assert "41 kr." in transport  # the curated answer
    assert "taxa" in transport.lower()  # how citizens ask (data/nlu/transport.yml)


def test_a_section_is_found_by_its_citizens_words_only_with_the_vocabulary(tmp_path):
    kb = KnowledgeBase(KNOWLEDGE)
    plain = PassageSearch(kb, SYNONYMS)
    expanded = PassageSearch(kb, SYNONYMS, nlu_dir=NLU)
    question = "hvor lang tid går der før jeg hører fra jer"
    deadlines = {"5. Hvornår kan du forvente at starte dit forløb?",
                 "11. Hvornår kan du forvente, at vi har truffet afgørelse?"}
    assert expanded.index("lejre").sections(question, k=1)[0].passage.section in deadlines
    assert plain.index("lejre").sections(question, k=1)[0].passage.section not in deadlines

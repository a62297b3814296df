"""An imported standard answers from its passages and its approved facts, never from drafts."""

from pathlib import Path

import pytest

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.knowledge.onboarding.importer import import_standard
from genoptraening.core.knowledge.onboarding.review import review, set_status
from genoptraening.core.passages import PassageSearch
from genoptraening.core.register import load_register
from genoptraening.core.render import answer_topic
from genoptraening.core.situation import Situation
from genoptraening.dialogue.deps import Deps
from genoptraening.dialogue.engine import respond
from genoptraening.dialogue.model import State, Turn
from genoptraening.settings import CHECKOUT
from tests.conftest import SEEDS
from tests.genoptraening.core.knowledge.onboarding.scratch import documents, without_hjoerring


@pytest.fixture
def knowledge(tmp_path):
    folder = without_hjoerring(tmp_path)
    register = load_register(with_standard=frozenset())
    import_standard(documents(tmp_path)["pdf"], "Hjørring", folder, register)
    return folder


def _ask(kb: KnowledgeBase, text: str, intent: str) -> list:
    register = load_register(with_standard=frozenset(kb.standards()))
    search = PassageSearch(kb, kb.directory / "vocabulary" / "synonyms.yml",
                           nlu_dir=CHECKOUT / "data" / "nlu")
    replies, _ = respond("answer_topic", Turn(text=text, intent=intent, confidence=0.95,
                                              situation=Situation(),
                                              metadata={"municipality": "Hjørring"}),
                         State(), Deps(kb=kb, register=register, passages=search))
    return replies


def test_before_review_drafted_facts_are_never_stated(knowledge):
    kb = KnowledgeBase(knowledge, reload_interval=0)
    municipality = load_register(with_standard=frozenset()).by_slug("hjoerring")
    answer = answer_topic(kb, municipality, "contact")
    assert "72 33 58 50" not in answer.text and answer.general
    assert answer.text.startswith("Jeg har ikke et godkendt svar om kontakt og åbningstider "
                                  "fra Hjørring Kommunes kvalitetsstandard endnu.")
    assert "siger ikke noget om genoptræning efter" not in answer_topic(
        kb, municipality, "scope", "sul_140").text


def test_before_review_the_standards_own_text_answers(knowledge):
    replies = _ask(KnowledgeBase(knowledge, reload_interval=0), "hvad koster det?", "ask_cost")
    assert replies[0].passage["section"] == "Omkostninger for borgeren"
    assert replies[0].text.startswith("Det står i Hjørring Kommunes kvalitetsstandard")


def test_after_approval_the_facts_answer_without_a_restart(knowledge):
    kb = KnowledgeBase(knowledge, reload_interval=0)
    reviewed = review(knowledge, SEEDS, load_register(with_standard=frozenset()).by_slug(
        "hjoerring"))
    set_status(reviewed, ["telefon-1", "lov-1", "lov-2"], "approved")
    standard = kb.standard("hjoerring")
    assert standard.laws == ["sel_86_1", "sel_86_2"]
    contact = standard.topics["contact"]
    assert contact.answer.startswith("Du kan ringe til Træningsenheden på 72 33 58 50.")
    assert contact.facts.phones[0].open[0].days == [0, 1, 2, 3, 4]
    assert contact.sources[0].section == "Ansøgning"
    assert "email" not in contact.answer  # the e-mail is still a draft
    replies = _ask(kb, "hvad er telefonnummeret?", "ask_contact")
    assert any("72 33 58 50" in r.text for r in replies)
    assert "Kilde: KVALITETSSTANDARD Genoptræning og træning, Hjørring Kommune, afsnit " \
           "»Ansøgning«" in {c.text for r in replies for c in r.citations}


def test_curated_topics_win_over_approved_facts(knowledge):
    path = Path(knowledge) / "hjoerring.yml"
    text = path.read_text().replace("topics: {}", "topics:\n  contact:\n    answer: Ring til os."
                                    "\n    sources:\n    - {section: Ansøgning, quote: "
                                    "'på telefon 72 33 58 50'}")
    path.write_text(text.replace("status: draft", "status: approved"))
    standard = KnowledgeBase(knowledge).standard("hjoerring")
    assert standard.topics["contact"].answer == "Ring til os."
    assert "deadlines" in standard.topics


def test_a_clear_topic_is_answered_from_the_section_the_imported_headings_give_it(knowledge):
    # "Omfang og varighed" is about the scope: the passage there needs a lower score, as a
    # curated topic's own sections do (its score alone is not confident enough).
    replies = _ask(KnowledgeBase(knowledge, reload_interval=0),
                   "Hvor mange forløb kan man få om året?", "ask_scope")
    passages = [r.passage for r in replies if r.passage]
    assert passages and passages[0]["section"] == "Omfang og varighed"

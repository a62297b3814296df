import datetime as dt
import re

import pytest

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.knowledge.schema import TOPICS
from genoptraening.core.register import get_register
from genoptraening.core.render import answer_topic, deadlines_of, due_dates_text
from tests.conftest import KNOWLEDGE

FIVE = ["lejre", "hjoerring", "skanderborg", "rebild", "hedensted"]
PHONE = re.compile(r"\b\d{2} \d{2} \d{2} \d{2}\b")


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase(KNOWLEDGE)


def municipality(slug):
    return get_register().by_slug(slug)


def test_answer_comes_from_the_standard_with_its_section(kb):
    answer = answer_topic(kb, municipality("lejre"), "contact")
    assert "92 43 43 48" in answer.text
    assert not answer.general
    assert "Lejre Kommune" in answer.source_text
    assert "afsnit »2. Du skal søge om træning«" in answer.source_text
    assert answer.full_text().endswith(answer.source_text)


def test_law_specific_topics_are_labelled_per_law(kb):
    answer = answer_topic(kb, municipality("rebild"), "deadlines")
    assert "Genoptræning efter sygehusindlæggelse (Sundhedsloven § 140)" in answer.text
    assert "Vedligeholdende træning (Serviceloven § 86, stk. 2)" in answer.text
    narrowed = answer_topic(kb, municipality("rebild"), "deadlines", law="sul_140")
    assert "Sundhedsloven § 140):" not in narrowed.text
    assert "7 dage" in narrowed.text


def test_silent_topic_gives_the_general_rule_marked_as_general(kb):
    # Rebild's standard says nothing about the price of training.
    answer = answer_topic(kb, municipality("rebild"), "cost")
    assert answer.general
    assert answer.text.startswith("Rebild Kommunes kvalitetsstandard siger ikke noget om")
    assert "Det er den generelle regel" in answer.text
    assert all(c.general for c in answer.citations)
    assert "Kilde: Generel regel" in answer.source_text


def test_silent_topic_never_borrows_another_municipality(kb):
    # Hjørring's standard has no complaint section; Lejre's phone 46 46 46 46 must not appear.
    answer = answer_topic(kb, municipality("hjoerring"), "complaint_decision")
    assert answer.general
    assert "Ankestyrelsen" in answer.text
    for other in ["Lejre", "Skanderborg", "Rebild", "Hedensted", "46 46 46 46"]:
        assert other not in answer.full_text()


def test_on_a_silent_topic_the_municipalitys_own_phone_says_whom_to_ask(kb):
    answer = answer_topic(kb, municipality("hjoerring"), "complaint_decision")
    assert answer.text.endswith("Du kan spørge kommunen: ring på 72 33 58 50 (Træningsenheden).")
    sections = {c.section for c in answer.citations if not c.general}
    assert sections == {"Ansøgning"}  # the number's own section is its source
    # Rebild's standard gives no number: where every municipality's stands, and no number.
    text = answer_topic(kb, municipality("rebild"), "cost").text
    assert "ring på" not in text
    assert text.endswith("på kommunens hjemmeside eller hos borgerservice.")
    assert "kommunens hjemmeside" in answer_topic(kb, municipality("rebild"), "contact").text
    assert "hjemmeside" not in answer_topic(kb, municipality("lejre"), "contact").text


def test_municipality_without_standard_is_named_and_gets_the_general_rule(kb):
    answer = answer_topic(kb, municipality("vejle"), "cost")
    assert answer.text.startswith("Jeg har ikke Vejle Kommunes kvalitetsstandard endnu,")
    assert "gratis" in answer.text
    assert answer.general
    assert not PHONE.search(answer.full_text())


def test_topic_without_any_rule_points_to_the_municipality(kb):
    answer = answer_topic(kb, municipality("vejle"), "home_workplace")
    assert answer.text.count("Kontakt Vejle Kommune") == 1  # said once, not twice
    assert answer.citations == []


def test_law_not_covered_by_the_standard(kb):
    answer = answer_topic(kb, municipality("lejre"), "target_group", law="sul_140")
    assert "siger ikke noget om genoptræning efter sygehusindlæggelse" in answer.text
    assert "sygehuset" in answer.text  # the general rule for § 140


def test_unknown_topic_is_an_error(kb):
    with pytest.raises(KeyError):
        answer_topic(kb, municipality("lejre"), "parking")


@pytest.mark.parametrize("slug", FIVE)
@pytest.mark.parametrize("topic", list(TOPICS))
def test_every_topic_answers_only_with_own_phone_numbers(kb, slug, topic):
    own = {p.number for _, _, e in kb.standard(slug).iter_topics() for p in e.facts.phones}
    answer = answer_topic(kb, municipality(slug), topic)
    assert answer.text
    assert set(PHONE.findall(answer.full_text())) <= own


def test_due_dates_from_an_application_date(kb):
    answer = answer_topic(kb, municipality("rebild"), "deadlines", law="sel_86_1")
    text = due_dates_text(deadlines_of(answer), "application", dt.date(2026, 12, 18))
    assert "tirsdag den 22. december 2026" in text
    assert "(2 hverdage)." in text


def test_due_dates_ignore_deadlines_from_other_events(kb):
    answer = answer_topic(kb, municipality("lejre"), "deadlines")
    text = due_dates_text(deadlines_of(answer), "application", dt.date(2026, 11, 3))
    assert "17. november 2026" in text  # afgørelse senest 14 dage efter ansøgningen
    assert "kontakter dig" not in text  # the 7 kalenderdage run from the grant
    assert text.startswith(
        "Hvis kommunen fik din henvendelse eller ansøgning tirsdag den 3. november")


def test_the_nearest_phone_is_the_towns_own_line_else_the_first():
    from genoptraening.core.knowledge.schema import Phone
    from genoptraening.core.render import nearest_phone

    phones = [Phone(number="87 94 84 16", label="Galten"), Phone(number="87 94 88 38", label="Ry")]
    assert nearest_phone(phones, "ry").number == "87 94 88 38"
    assert nearest_phone(phones, "Skovby").number == "87 94 84 16"  # no line of its own
    assert nearest_phone(phones, None).number == "87 94 84 16"


def test_a_silent_standard_gets_only_the_general_rules_of_its_own_laws(kb):
    # Skanderborg's standard is on § 86 only: the free choice after a hospital stay (§ 140)
    # is not its citizen's general rule.
    answer = answer_topic(kb, municipality("skanderborg"), "free_choice")
    assert answer.text.startswith("Skanderborg Kommunes kvalitetsstandard siger ikke noget om")
    assert "udvidet frit valg" not in answer.text
    assert "87 94" in answer.text  # whom to ask

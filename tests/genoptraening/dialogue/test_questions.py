"""Every question of a message: cutting it into questions, and finding each one's topic."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genoptraening.core.knowledge.loader import get_knowledge_base
from genoptraening.dialogue import questions
from genoptraening.dialogue.engine import HANDLERS


@pytest.mark.parametrize(("text", "parts"), [
    ("Hvordan klager hun, og hvad koster kørsel?", ["Hvordan klager hun", "hvad koster kørsel?"]),
    ("hvor længe varer et forløb og hvor mange gange om ugen træner man?",
     ["hvor længe varer et forløb", "hvor mange gange om ugen træner man?"]),
    ("Jeg er faldet. Kan jeg få træning? Og hvad koster det?",
     ["Kan jeg få træning?", "Og hvad koster det?"]),
    ("hvad koster det", ["hvad koster det"]),
    ("min far og jeg vil vide hvad det koster", ["min far og jeg vil vide hvad det koster"]),
    ("Hvad? Hvem? Hvor? Hvornår?", ["Hvad?", "Hvem?", "Hvor?"]),  # three at the most
])
def test_a_message_is_cut_into_its_questions(text, parts):
    assert questions.split_questions(text) == parts


def test_one_question_in_a_story_is_the_message_unless_asked_for_alone():
    story = "Min mor er faldet. Hun kan ikke gå. Hvordan søger vi?"
    assert questions.split_questions(story) == [story]
    assert questions.split_questions(story, always=True) == ["Hvordan søger vi?"]
    assert questions.told_and_asked(story)
    assert not questions.told_and_asked("Hvordan søger vi?")
    assert not questions.told_and_asked("Min mor er faldet.")
    assert questions.holds_question("hvad koster det") and not questions.holds_question("tak")


def test_a_section_goes_to_the_topic_whose_answer_is_most_about_it():
    lejre = get_knowledge_base().standard("lejre")
    assert lejre is not None
    # Lejre's cost answer cites the transport section once, its transport answer only it.
    assert questions.topic_of_section(lejre, "9. Transport til genoptræning eller træning") == \
        "transport"
    assert questions.topic_of_section(lejre, "12.1. Hvis du vil klage over afgørelsen") == \
        "complaint_decision"
    assert questions.topic_of_section(lejre, "No such section") is None


def test_two_questions_are_answered_in_the_order_asked(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Hvordan klager hun, og hvad koster kørsel?", "ask_transport",
          confidence=0.9)
    topics = [r.answered_by.get("topic") for r in c.replies]
    assert topics[:2] == ["complaint_decision", "transport"]
    assert c.state.last_topic == "transport"  # NLU's topic is the one a switch repeats


def test_a_second_question_the_standard_does_not_answer_adds_nothing(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "hvad koster det, og hvad med hende?", "ask_cost", confidence=0.9)
    assert {r.answered_by.get("topic") for r in c.replies} == {"cost"}


# The fixture is the Conversation class: a new conversation is made for each input.
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), kind=st.sampled_from(
    ["answer_topic", "clarify", "health", "eligibility", "set_municipality"]))
def test_any_text_gets_replies_and_never_an_error(conversation, text, kind):
    assert kind in HANDLERS
    c = conversation(municipality="lejre")
    c.say(kind, text, "ask_cost" if kind == "answer_topic" else "nlu_fallback", confidence=0.5)
    assert c.replies

"""When to call: a contact question naming a day or a time gets yes or no from the hours."""

from genoptraening.core.intent_reader import Question
from genoptraening.core.knowledge.loader import get_knowledge_base
from genoptraening.core.register import get_register
from genoptraening.dialogue import State, Turn
from genoptraening.dialogue.context import build_context
from genoptraening.dialogue.deps import Deps
from genoptraening.dialogue.hours import when_to_call


def test_friday_afternoon_in_hedensted_is_closed_and_friday_s_hours_are_given(conversation):
    c = conversation(municipality="hedensted")
    text = c.say("answer_topic", "kan jeg ringe fredag eftermiddag efter frokost?",
                 "ask_contact", confidence=0.9)
    assert text.startswith("Nej, fredag om eftermiddagen er telefonen lukket.")
    assert "Fredag er der åbent kl. 08.00-12.00." in text
    assert "79 91 82 50" in text and "Kilde:" in text
    assert c.state.last_topic == "contact"


def test_a_time_the_line_is_open_gets_yes(conversation):
    c = conversation(municipality="hedensted")
    text = c.say("answer_topic", "kan jeg ringe mandag kl. 13.30?", "ask_contact",
                 confidence=0.9)
    assert text.startswith("Ja, mandag kl. 13.30 er telefonen åben.")


def test_the_messages_other_question_is_answered_after_when_to_call(conversation):
    c = conversation(municipality="hedensted")
    asked = "får man kørsel?"
    text = c.say("answer_topic", f"Hvornår kan jeg ringe fredag, og {asked}", "ask_contact",
                 confidence=0.99, questions=(Question("Hvornår kan jeg ringe fredag",
                                                      "ask_contact", 0.99),
                                             Question(asked, "ask_transport", 0.99)))
    assert text.startswith("Ja, fredag er telefonen åben.")
    assert [r.answered_by.get("topic") for r in c.replies][-1] == "transport"
    assert "selv sørge for transport" in text


def test_without_a_time_or_structured_hours_the_contact_answer_is_given(conversation):
    c = conversation(municipality="hedensted")
    assert "Ring til Sundhedshuset" in c.say("answer_topic", "hvad er telefonnummeret?",
                                             "ask_contact", confidence=0.9)
    c = conversation(municipality="rebild")  # its standard gives no opening hours
    assert not c.say("answer_topic", "kan jeg ringe lørdag?", "ask_contact",
                     confidence=0.9).startswith(("Ja", "Nej"))


def test_nothing_when_the_message_names_no_time():
    deps = Deps(get_knowledge_base(), get_register())
    context = build_context(deps, Turn(text="hvad koster det"), State(municipality="lejre"))
    assert when_to_call(context) == []


def test_a_time_outside_a_question_about_the_line_is_not_when_to_call(conversation):
    c = conversation(municipality="hjoerring")
    told = c.say("answer_topic", "Jeg har snakket med ham i dag, og han siger, det er i orden. "
                 "Hvordan kontakter jeg jer så?", "ask_contact", confidence=0.9)
    assert not told.startswith(("Ja", "Nej")) and "72 33 58 50" in told
    mail = c.say("answer_topic", "Hvis jeg sender en mail i aften, hvornår kan jeg så regne "
                 "med at høre noget?", "ask_contact", confidence=0.9)
    assert not mail.startswith(("Ja", "Nej"))
    assert c.say("answer_topic", "Er I åbne i morgen formiddag?", "ask_contact",
                 confidence=0.9).startswith(("Ja", "Nej"))

"""Every question of a message: cutting it into questions, and finding each one's topic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genoptraening.core.intent_reader import Question
from genoptraening.core.knowledge.loader import get_knowledge_base
from genoptraening.core.situation import Situation
from genoptraening.dialogue import Turn, questions
from genoptraening.dialogue.engine import HANDLERS


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


def test_nlu_s_reading_of_each_question_gives_its_topic(conversation):
    c = conversation(municipality="hjoerring")
    # Worded so that the standard's text finds no passage for the second question.
    c.say("answer_topic", "Er det gratis? Og hvad skal jeg give for at blive kørt derhen?",
          "ask_cost", confidence=0.8, questions=(
              Question("Er det gratis?", "ask_cost", 0.9),
              Question("Og hvad skal jeg give for at blive kørt derhen?", "ask_transport", 0.6)))
    topics = [r.answered_by.get("topic") for r in c.replies]
    assert list(dict.fromkeys(topics)) == ["cost", "transport"]


def test_a_question_nlu_reads_as_no_topic_adds_none(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Hvad koster det, og kan jeg få træning?", "ask_cost", confidence=0.9,
          questions=(Question("Hvad koster det", "ask_cost", 0.9),
                     Question("kan jeg få træning?", "check_eligibility", 0.8)))
    assert {r.answered_by.get("topic") for r in c.replies} == {"cost"}


def test_without_a_standard_the_questions_nlu_is_sure_of_are_answered_generally(conversation):
    c = conversation(municipality="odense")
    c.say("answer_topic", "Hvad koster det, og hvordan klager jeg?", "ask_cost", confidence=0.9,
          questions=(Question("Hvad koster det", "ask_cost", 0.9),
                     Question("hvordan klager jeg?", "ask_complaint_decision", 0.7)))
    text = "\n".join(r.text for r in c.replies)
    assert "Ankestyrelsen" in text


def test_a_question_is_found_by_its_words_or_by_its_place():
    read = (Question("Hvad koster det", "ask_cost", 0.9),
            Question("kan jeg blive kort?", "ask_transport", 0.8))  # typos corrected by NLU
    turn = Turn(text="Hvad koster det, og kan jeg blive kørt?", questions=read)
    assert turn.asked("Hvad koster det") is read[0]
    assert turn.asked("kan jeg blive kørt?") is read[1]
    assert turn.asked("noget andet") is None
    assert Turn(text="hvad koster det").asked("hvad koster det") is None


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


def test_a_health_question_beside_another_gets_both_answers_in_order(conversation):
    c = conversation(municipality="hedensted")
    asked = (Question("Hjælper det at tage glukosamin for mine knæ?", "ask_health", 0.9),
             Question("Og kan jeg få træning i Hedensted?", "check_eligibility", 0.8))
    text = c.say("eligibility", " ".join(q.text for q in asked), "check_eligibility",
                 confidence=0.8, questions=asked)
    assert c.replies[0].text.startswith("Jeg kan ikke give råd om helbred")
    assert "træning" in text.split("\n\n", 1)[1]


def test_a_health_question_asked_second_comes_after_the_answer(conversation):
    c = conversation(municipality="lejre")
    asked = (Question("Hvad koster træningen?", "ask_cost", 0.9),
             Question("Og må jeg tage smertestillende før?", "ask_health", 0.8))
    c.say("answer_topic", " ".join(q.text for q in asked), "ask_cost", confidence=0.9,
          questions=asked)
    assert c.replies[0].answered_by.get("topic") == "cost"
    assert c.replies[-1].text.startswith("Jeg kan ikke give råd om helbred")


def test_before_the_municipality_is_known_no_question_is_answered_from_a_guess(conversation):
    c = conversation()
    c.say("clarify", "Hvad koster det, og hvordan klager jeg?", "nlu_fallback", confidence=0.3,
          questions=(Question("Hvad koster det", "ask_cost", 0.9),
                     Question("hvordan klager jeg?", "ask_complaint_decision", 0.9)))
    assert not any(r.answered_by.get("topic") for r in c.replies)


def test_a_storys_one_question_is_not_read_alone_as_a_health_question(conversation):
    c = conversation(municipality="skanderborg")
    story = "Min far vil gerne have, at jeg er med, når han træner. Må jeg det?"
    c.say("answer_topic", story, "ask_cooperation", confidence=0.5,
          questions=(Question("Må jeg det?", "ask_health", 0.7),))
    assert not any(r.text.startswith("Jeg kan ikke give råd om helbred") for r in c.replies)
    # The standard's own sentence on a relative joining, then the cooperation answer.
    assert c.replies[0].answered_by.get("detail") == "relative_joins"
    assert c.replies[1].answered_by.get("topic") == "cooperation"


def test_one_topic_asked_under_two_laws_is_answered_under_each(conversation):
    c = conversation(municipality="rebild")
    first = "hvor mange uger kan man få genoptræning uden indlæggelse"
    second = "hvor mange uger vedligeholdende træning?"
    text = c.say("answer_topic", f"{first}, og {second}", "ask_scope", confidence=0.9,
                 questions=(Question(first, "ask_scope", 0.95),
                            Question(second, "ask_scope", 0.95)))
    assert "6 uger" in text and "12 uger" in text


def test_a_storys_one_question_read_as_another_topic_is_answered_first(conversation):
    story = ("Min mor har Parkinson. Hun har givet mig lov til at tage mig af det. Kan jeg "
             "sende en almindelig mail med hendes cpr-nummer?")
    question = "Kan jeg sende en almindelig mail med hendes cpr-nummer?"
    c = conversation(municipality="skanderborg")
    c.say("answer_topic", story, "ask_on_behalf", confidence=0.69,
          questions=(Question(question, "ask_contact", 0.7),))
    topics = [r.answered_by.get("topic") for r in c.replies]
    assert topics[:2] == ["contact", "on_behalf"]
    assert "personfølsomme" in c.replies[0].text
    # NLU sure of the whole message: its reading is the answer.
    c = conversation(municipality="skanderborg")
    c.say("answer_topic", story, "ask_on_behalf", confidence=0.9,
          questions=(Question(question, "ask_contact", 0.7),))
    assert [r.answered_by.get("topic") for r in c.replies][:1] == ["on_behalf"]


def test_a_further_question_whose_detail_an_answer_of_the_turn_states_adds_nothing(
        conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("answer_topic", "Personalet var uforskammet. Hvem skal jeg klage til, og er "
                 "der en frist?", "ask_complaint_staff", confidence=0.9)
    assert "teamlederen" in text and "Der er ingen frist for at klage" in text
    assert "4 uger" not in text  # not the deadline of a complaint about a decision
    assert {r.answered_by.get("topic") for r in c.replies} == {"complaint_staff"}


def test_a_detail_another_question_asks_does_not_move_the_first_question(conversation):
    c = conversation(municipality="skanderborg")
    c.say("answer_topic", "Jeg har svært ved at komme ud. Kan træningen foregå over en skærm "
          "derhjemme? Og hvor mange gange om ugen træner man?", "ask_location", confidence=0.99,
          questions=(Question("Kan træningen foregå over en skærm derhjemme?", "ask_location",
                              0.99),
                     Question("Og hvor mange gange om ugen træner man?", "ask_scope", 0.99)))
    topics = [r.answered_by.get("topic") for r in c.replies]
    assert list(dict.fromkeys(topics)) == ["location", "scope"]
    assert "skærm" in c.replies[0].text


def test_a_message_that_is_one_question_with_its_story_is_read_as_nlus_topic(conversation):
    c = conversation()
    text = c.say("clarify", "hvordan soger man genoptraening i hjoring kommune, min ryg og "
                 "mine ben er blevet darlige efter influenza", "nlu_fallback", confidence=0.3,
                 ranking=(("nlu_fallback", 0.3), ("ask_apply", 0.48),
                          ("check_eligibility", 0.48)),
                 situation=Situation(new_loss=True))
    assert "72 33 58 50" in text  # how to apply in Hjørring, before the question on a stay
    assert text.rstrip().endswith("Har du været indlagt på sygehuset for det, du skal træne "
                                  "efter?")


def test_a_detail_whose_words_span_two_questions_of_two_topics_is_not_asked(conversation):
    c = conversation(municipality="hjoerring")
    text = c.say("answer_topic", "Skal jeg betale noget for genoptræning, og kan jeg få "
                 "kørsel?", "ask_cost", confidence=0.74,
                 questions=(Question("Skal jeg betale noget for genoptræning", "ask_cost", 0.99),
                            Question("kan jeg få kørsel?", "ask_transport", 0.99)))
    topics = [r.answered_by.get("topic") for r in c.replies]
    assert list(dict.fromkeys(topics)) == ["cost", "transport"]
    assert "Træningen er gratis" in text  # not "… oplyser ikke noget om, hvad kørslen koster"


def test_each_of_several_questions_is_looked_up_by_its_own_words(conversation):
    c = conversation(municipality="rebild")
    text = c.say("answer_topic", "Hvor længe kan man få vedligeholdelsestræning, og foregår det "
                 "på hold eller alene?", "ask_scope", confidence=0.54,
                 questions=(Question("Hvor længe kan man få vedligeholdelsestræning", "ask_scope",
                                     0.98),
                            Question("foregår det på hold eller alene?", "ask_content", 0.99)))
    assert "12 uger" in text  # the scope of maintenance training, not a passage on teams


def test_a_short_question_pointing_back_to_the_story_is_no_health_question(conversation):
    c = conversation(municipality="rebild")
    asked = (Question("Er det normalt", "ask_health", 0.99),
             Question("hvad kan han gøre?", "check_eligibility", 0.87))
    text = c.say("eligibility", "Min far blev udskrevet med en genoptræningsplan for ti dage "
                 "siden og har ikke fået en tid. Er det normalt, og hvad kan han gøre?",
                 "check_eligibility", questions=asked,
                 situation=Situation(hospital_stay=True, has_plan=True))
    assert "Jeg kan ikke give råd om helbred" not in text
    assert "7 dage" in text


def test_questions_each_asking_their_own_topic_are_answered_not_nlu_s_unsure_whole(conversation):
    c = conversation(municipality="rebild", law="sel_86_2")
    text = c.say("answer_topic", "Jeg bor i Rebild Kommune og skal til at have "
                 "vedligeholdelsestræning. Foregår det kun på hverdage, og kan man få det hjemme?",
                 "ask_target_group", confidence=0.64,
                 questions=(Question("Foregår det kun på hverdage", "ask_location", 0.5),
                            Question("kan man få det hjemme?", "ask_location", 0.95)))
    assert "afholdes på hverdage" in text  # the first question's passage
    assert "I særlige tilfælde kan du træne i dit eget hjem" in text  # the second's answer
    assert "særlige sociale problemer" not in text  # not who may get it, which nobody asked
    assert c.state.last_topic == "location"


def test_a_second_question_asking_on_from_the_first_is_read_as_its_follow_up(conversation):
    c = conversation(municipality="lejre")
    text = c.say("answer_topic", "Jeg fik afslag. Min søn siger, jeg skal klage. Hvordan gør jeg "
                 "det, og hvor lang tid har jeg?", "ask_complaint_decision", confidence=0.99,
                 questions=(Question("Jeg fik afslag. Min søn siger, jeg skal klage. Hvordan gør "
                                     "jeg det", "ask_complaint_decision", 0.99),
                            Question("hvor lang tid har jeg?", "ask_deadlines", 0.99)))
    assert "fire uger" in text  # the complaint's own deadline
    assert "14 dage" not in text  # not how long the municipality takes to decide
    assert [r.answered_by.get("topic") for r in c.replies if r.answered_by.get("topic")] == [
        "complaint_decision"]


def test_a_relative_asking_whether_to_call_themselves_gets_how_to_apply_and_consent(
        conversation):
    c = conversation(municipality="hedensted", relative="mor")
    text = c.say("answer_topic", "skal hun selv ringe eller kan jeg gøre det for min mor?",
                 "ask_apply", confidence=0.62,
                 ranking=(("ask_on_behalf", 0.33), ("ask_health", 0.02)))
    assert "79 91 82 50" in text  # how to apply
    assert "samtykke" in text  # and whether the relative may


def test_the_writer_asking_how_to_apply_gets_no_consent_line(conversation):
    c = conversation(municipality="hedensted")
    text = c.say("answer_topic", "skal jeg selv ringe?", "ask_apply", confidence=0.62,
                 ranking=(("ask_on_behalf", 0.33),))
    assert "samtykke" not in text

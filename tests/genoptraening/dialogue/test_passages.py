"""Answers from the standard's own text: when a passage answers, and when the curated topic does."""

from __future__ import annotations

import pytest

from genoptraening.core.intent_reader import Question
from genoptraening.dialogue.model import PAYLOAD_KIND

#: A detail of Hedensted's standard that its curated answer on cooperation leaves out.
QUESTION = "hvem lægger målene for mit træningsforløb"
SECTION = "Genoptræning og vedligeholdelsestræning"


def test_a_detail_only_the_text_holds_is_quoted_with_its_section(conversation):
    c = conversation(municipality="lejre")
    text = c.say("clarify", "skal mit hjem være ryddet når terapeuten kommer", "nlu_fallback",
                 confidence=0.3)
    reply = c.replies[0]
    assert reply.answered_by["kind"] == "passage"
    assert reply.passage["section"] == "7. Hjemmet som arbejdsplads"
    assert "luftet ud inden" in text
    assert "»7. Hjemmet som arbejdsplads«" in text
    assert ("Kilde: Kvalitetsstandard for genoptræning og vedligeholdende træning, Lejre Kommune, "
            "afsnit »7. Hjemmet som arbejdsplads«") in text
    assert c.state.misses == 0


def test_no_passage_without_confidence_then_mente_du(conversation):
    c = conversation(municipality="lejre")
    text = c.say("clarify", "hvad bliver vejret i morgen", "nlu_fallback", confidence=0.3)
    assert "Mente du" in text
    assert c.replies[0].passage is None


def test_a_clear_topic_whose_answer_holds_the_detail_stays_curated(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "skal jeg selv betale for kørslen hver gang", "ask_transport",
          confidence=0.95)
    assert [r.answered_by["kind"] for r in c.replies] == ["topic"]
    assert "41 kr." in c.replies[0].text
    assert c.replies[0].answered_by["score"] >= 0.32  # the passage was found, and not needed


def test_a_clear_topic_missing_the_detail_gets_the_passage_first_then_the_topic(conversation):
    c = conversation(municipality="hedensted")
    c.say("answer_topic", QUESTION, "ask_cooperation", confidence=0.9)
    kinds = [r.answered_by["kind"] for r in c.replies]
    assert kinds == ["topic+passage", "topic"]
    assert "tidsafgrænset periode" in c.replies[0].text
    assert c.replies[0].passage["section"] == SECTION
    assert "Du planlægger træningen sammen med terapeuten" in c.replies[1].text


def test_a_clear_topic_is_not_second_guessed_by_a_passage_elsewhere(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "hvad er telefonnummeret til genoptræningen", "ask_contact",
          confidence=0.95)
    assert [r.answered_by["kind"] for r in c.replies] == ["topic"]
    assert "46 46 46 46" not in c.replies[0].text  # the complaint section's number


def test_an_unsure_topic_gets_the_passage_alone_with_the_topic_one_tap_away(conversation):
    c = conversation(municipality="hedensted")
    c.say("answer_topic", QUESTION, "ask_cooperation", confidence=0.5)
    assert [r.answered_by["kind"] for r in c.replies] == ["passage"]
    assert [b.payload for b in c.replies[0].buttons] == ["/ask_cooperation"]


@pytest.mark.parametrize("slug", ["lejre", "hjoerring", "skanderborg", "rebild", "hedensted"])
@pytest.mark.parametrize("question", [
    "hvad sker der hvis jeg aflyser", "kan jeg vælge en anden leverandør",
    "hvad koster det at blive kørt", "hvordan klager jeg over afgørelsen",
])
def test_a_passage_is_never_from_another_municipality(conversation, slug, question):
    c = conversation(municipality=slug)
    c.say("clarify", question, "nlu_fallback", confidence=0.2)
    municipality = c.state.municipality
    for reply in c.replies:
        if reply.passage is not None:
            assert municipality == slug
            assert reply.passage["municipality"] == reply.citations[0].municipality
            assert reply.passage["municipality"] == c.deps.kb.standard(slug).municipality


def test_a_municipality_without_a_standard_gets_no_passage(conversation):
    c = conversation(municipality="aarhus")
    c.say("clarify", "hvordan klager jeg over afgørelsen", "nlu_fallback", confidence=0.2)
    assert all(r.passage is None for r in c.replies)


def test_the_waiting_question_is_searched_once_the_municipality_is_known(conversation):
    c = conversation()
    c.say("answer_topic", QUESTION, "ask_cooperation", confidence=0.9)
    assert c.state.pending_question == QUESTION
    c.say("set_municipality", "Hedensted", "inform_municipality", confidence=0.9)
    assert c.replies[0].passage["section"] == SECTION
    assert c.state.pending_question is None


def test_without_passages_the_curated_answer_is_given_as_before(conversation):
    c = conversation(municipality="hedensted", passages=False)
    c.say("answer_topic", QUESTION, "ask_cooperation", confidence=0.9)
    assert [r.answered_by["kind"] for r in c.replies] == ["topic"]


def test_each_reply_carries_its_structure(conversation):
    c = conversation(municipality="skanderborg")
    c.say("handover", "jeg vil tale med et menneske", "human_handoff")
    payload = c.replies[-1].payload()
    assert payload["kind"] == PAYLOAD_KIND and payload["version"] == 1
    assert payload["text"] == c.replies[-1].text and "Kilde:" not in payload["text"]
    assert payload["sources"][0]["municipality"] == "Skanderborg Kommune"
    assert len(payload["phones"]) > 1
    assert all(p["tel"].startswith("+45") and " " not in p["tel"] for p in payload["phones"])
    assert payload["answered_by"]["intent"] == "human_handoff"


def test_the_law_s_own_rule_is_not_replaced_by_a_passage_on_another_law(conversation):
    # Skanderborg's standard is on § 86 only; after a stay with a plan, its passage on how to
    # apply is not the answer: the law's rule (you do not apply) is, said to be general.
    c = conversation(municipality="skanderborg", law="sul_140")
    text = c.say("answer_topic", "Skal vi søge om træningen hos jer?", "ask_apply",
                 confidence=0.9)
    assert "skal du ikke selv søge" in text
    assert "Generel regel" in text and "»Sådan søger du om genoptræning«" not in text


def test_a_storys_one_question_finds_its_own_passage_not_the_storys(conversation):
    # The story's words ("genoptræningsplan fra sygehuset") match Rebild's passage on chronic
    # patients; the question NLU is sure of asks where to train: its topic's answer.
    c = conversation(municipality="rebild")
    asked = "Kan jeg selv vælge hvor jeg skal træne?"
    text = c.say("answer_topic", f"Jeg har fået en genoptræningsplan med hjem fra sygehuset. "
                 f"{asked}", "ask_free_choice", confidence=0.73,
                 questions=(Question(asked, "ask_free_choice", 0.99),))
    assert "frit vælge mellem kommunens godkendte leverandører" in text
    assert not text.startswith("Det står i")


def test_a_detail_named_before_a_storys_one_question_is_still_answered(conversation):
    c = conversation(municipality="lejre")
    asked = "Skal den lukkes inde når terapeuten kommer?"
    text = c.say("answer_topic", "Jeg skal have genoptræning hjemme. Jeg har en stor "
                 f"schæferhund. {asked}", "ask_home_workplace", confidence=0.9,
                 questions=(Question(asked, "ask_home_workplace", 0.95),))
    assert text.startswith("Lejre Kommunes kvalitetsstandard oplyser ikke noget om husdyr")


def test_who_may_apply_for_someone_is_the_law_s_rule_not_a_passage_elsewhere(conversation):
    c = conversation(municipality="rebild", relative="mor")
    text = c.say("answer_topic", "kan jeg så søge for hende?", "ask_on_behalf")
    assert "samtykke" in text and "Forvaltningsloven § 8" in text
    assert "Tidsperspektiv" not in text

"""End to end through the REST channel: the real Rasa server, action server and knowledge.

For each of the five municipalities and every topic its standard covers, a natural question
is asked and the answer must hold the knowledge base's text and cite the standard.
"""

from __future__ import annotations

import re

import pytest

from genoptraening.core.knowledge.loader import KnowledgeBase
from tests.conftest import KNOWLEDGE
from tests.e2e.conftest import texts

KB = KnowledgeBase(KNOWLEDGE)
NAMES = {"lejre": "Lejre", "hjoerring": "Hjørring", "skanderborg": "Skanderborg",
         "rebild": "Rebild", "hedensted": "Hedensted"}

QUESTIONS = {
    "cost": "hvad koster genoptræning i {m}?",
    "transport": "kan jeg få kørsel til træningen i {m}?",
    "apply": "hvordan søger jeg om genoptræning i {m}?",
    "contact": "hvad er telefonnummeret til genoptræningen i {m}?",
    "on_behalf": "må min datter søge om træning for mig i {m}?",
    "deadlines": "hvor lang tid går der før jeg får svar på min ansøgning i {m}?",
    "scope": "hvor mange gange om ugen træner man i {m} og hvor længe varer forløbet?",
    "location": "hvor foregår træningen i {m}?",
    "content": "hvad laver man til træningen i {m}?",
    "staff": "hvem er det der træner mig i {m}, er det fysioterapeuter?",
    "free_choice": "kan jeg selv vælge en anden leverandør af træningen i {m}?",
    "cancellation": "hvad gør jeg hvis jeg er syg og må aflyse træningen i {m}?",
    "home_workplace": "må jeg ryge når terapeuten kommer hjem til mig i {m}?",
    "complaint_decision": "jeg har fået afslag, hvordan klager jeg over afgørelsen i {m}?",
    "complaint_treatment": "jeg er utilfreds med den faglige behandling, hvor klager jeg i {m}?",
    "complaint_staff": "jeg vil klage over personalets opførsel i {m}",
    "citizen_adviser": "hvordan kontakter jeg borgerrådgiveren i {m}?",
    "legal_basis": "hvad er lovgrundlaget for genoptræning i {m}?",
    "target_group": "hvem kan få genoptræning i {m}?",
    "purpose": "hvad er formålet med genoptræningen i {m}?",
    "cooperation": "hvad forventer kommunen af mig under forløbet i {m}?",
    "follow_up": "hvad sker der når mit træningsforløb slutter i {m}?",
    "approval": "hvornår er kvalitetsstandarden for genoptræning godkendt i {m}?",
}
CASES = [
    (slug, topic)
    for slug in NAMES
    for topic in QUESTIONS
    if KB.standard(slug).covers(topic)
]


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


@pytest.mark.parametrize("slug,topic", CASES, ids=[f"{s}-{t}" for s, t in CASES])
def test_every_topic_of_every_standard(chat, slug, topic):
    standard = KB.standard(slug)
    reply = texts(chat(QUESTIONS[topic].format(m=NAMES[slug])))
    entries = [standard.topic(topic)] if topic in standard.topics else list(
        standard.topic_by_law(topic).values())
    for entry in entries:
        assert first_sentence(entry.answer) in reply
    assert f"Kilde: {standard.title}, {standard.municipality}, afsnit »" in reply


def test_unknown_municipality_gets_general_rule_and_no_foreign_facts(chat):
    reply = texts(chat("hvad koster genoptræning i Vejle?"))
    assert "Jeg har ikke Vejle Kommunes kvalitetsstandard endnu" in reply
    assert "Kilde: Generel regel" in reply
    assert not re.search(r"\b\d{2} \d{2} \d{2} \d{2}\b", reply)


def test_municipality_is_asked_for_then_the_question_answered(chat):
    reply = texts(chat("hvad koster kørsel til træning?"))
    assert "Hvilken kommune bor du i?" in reply
    reply = texts(chat("lejre"))
    assert "41 kr." in reply


def test_metadata_municipality_is_case_and_spelling_tolerant(chat):
    reply = texts(chat("hvad er jeres telefonnummer?", municipality="HJOERRING kommune"))
    assert "72 33 58 50" in reply


def test_switch_municipality(chat):
    texts(chat("hvad er telefonnummeret i Lejre?"))
    reply = texts(chat("og hvad med Hedensted?"))
    assert "79 91 82 50" in reply and "92 43 43 48" not in reply


def test_not_a_municipality_is_not_accepted(chat):
    texts(chat("hvad koster træning?"))
    reply = texts(chat("Paris"))
    assert "Det kender jeg ikke som en dansk kommune" in reply


def test_eligibility_after_a_fall_is_answered_at_once(chat):
    reply = texts(chat("min mor er faldet derhjemme og har ikke været indlagt, kan hun få "
                       "genoptræning i Hedensted?"))
    assert "din mor" in reply.lower()
    assert "serviceloven § 86, stk. 1" in reply
    assert "individuel vurdering" in reply


def test_eligibility_asks_what_the_story_leaves_open_after_saying_what_it_sounds_like(chat):
    reply = texts(chat("min far har haft lungebetændelse og kan næsten ikke gå, kan han få "
                       "træning i Lejre?"))
    assert reply.index("serviceloven § 86, stk. 1") < reply.index("Har din far været indlagt")
    reply = texts(chat("nej"))
    assert "individuel vurdering" in reply and "Genoptræningen" in reply


def test_eligibility_path_after_hospital(chat):
    reply = texts(chat("jeg har været indlagt og har fået en genoptræningsplan, bor i Rebild"))
    assert "sundhedsloven § 140" in reply


def test_relative_is_answered_then_reminded_of_consent(chat):
    reply = texts(chat("hvad koster genoptræning for min far i Lejre?"))
    assert "gratis" in reply
    assert reply.index("gratis") < reply.index("når din far har givet dig lov til det")


def test_cpr_number_is_not_echoed(chat):
    reply = texts(chat("mit cpr nummer er 010203-1234, hvad koster træning i lejre"))
    assert "010203" not in reply and "1234" not in reply
    assert "CPR-nummer" in reply


def test_emergency_says_112_first(chat):
    replies = chat("min mand er faldet og ligger på gulvet og bløder")
    body = [r["text"] for r in replies
            if "text" in r and not r["text"].startswith("Hej, jeg er")]  # not the payloads
    assert body[0].startswith("Ring 112 nu")


def test_handover_after_two_misses(chat):
    texts(chat("hvad koster det i hedensted"))
    # The payload form sets the intent exactly, as a low-confidence guess would.
    reply = texts(chat("/nlu_fallback"))
    assert "Mente du" in reply
    reply = texts(chat("/nlu_fallback"))
    assert "Ring til Hedensted Kommune på 79 91 82 50." in reply
    assert re.search(r"Der er (åbent|lukket) lige nu\.", reply)


def test_human_handoff(chat):
    reply = texts(chat("jeg vil gerne tale med et menneske", municipality="Lejre"))
    assert "92 43 43 48" in reply

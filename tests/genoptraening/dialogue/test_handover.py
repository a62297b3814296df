import re

PHONE = re.compile(r"\b\d{2} \d{2} \d{2} \d{2}\b")


def test_second_miss_hands_over_with_phone_and_hours(conversation):
    c = conversation(municipality="lejre")
    c.say("clarify", "xqzt", "nlu_fallback",
          ranking=(("nlu_fallback", 0.4), ("ask_cost", 0.3), ("greet", 0.2), ("ask_scope", 0.1)))
    assert c.buttons == ["Pris og egenbetaling", "Hyppighed, varighed og forlængelse",
                         "Noget andet"]
    text = c.say("clarify", "xqzt", "nlu_fallback")
    assert "Ring til Lejre Kommune på 92 43 43 48." in text
    assert "7.30-9.00" in text
    assert re.search(r"Der er (åbent|lukket) lige nu\.", text)
    assert c.state.misses == 0


def test_handover_without_phone_in_the_standard_says_so(conversation):
    c = conversation(municipality="rebild")
    text = c.say("handover", "jeg vil tale med et menneske", "human_handoff")
    assert "oplyser ikke et telefonnummer" in text
    assert not PHONE.search(text)


def test_a_health_question_gets_no_advice_but_the_doctor_the_therapist_and_the_number(
        conversation):
    c = conversation(municipality="lejre")
    text = c.say("health", "skal jeg bruge varme eller is på mit ømme knæ?", "ask_health",
                 confidence=0.9)
    assert "Jeg kan ikke give råd om helbred" in text
    assert "læge" in text and "terapeut" in text
    assert "92 43 43 48" in text and "Kilde:" in text


def test_a_health_question_from_a_relative_is_about_the_relative(conversation):
    c = conversation(municipality="rebild", relative="mor")
    text = c.say("health", "må min mor træne med feber?", "ask_health", confidence=0.9)
    assert "den terapeut, din mor træner med" in text
    assert "Rebild Kommune" in text  # Rebild's standard gives no phone number: said plainly


def test_a_health_question_without_a_municipality_asks_for_it_for_the_number(conversation):
    c = conversation()
    text = c.say("health", "er det normalt at have ondt dagen efter?", "ask_health",
                 confidence=0.9)
    assert "læge" in text and "Skriv, hvilken kommune du bor i" in text


def test_where_a_standard_prints_no_number_the_body_it_names_is_whom_to_ask(conversation):
    # Rebild's standard names its myndighedsfunktion, and no phone number.
    c = conversation(municipality="rebild", law="sel_86_1")
    c.say("answer_topic", "kan jeg få kørsel?", "ask_transport")
    text = c.say("answer_topic", "hvad koster det?", "ask_cost")
    assert "oplyser ikke noget om, hvad kørslen koster" in text
    assert "Du kan henvende dig til Rebild Kommunes myndighedsfunktion." in text
    assert "kommunens hjemmeside" in text
    assert not PHONE.search(text)

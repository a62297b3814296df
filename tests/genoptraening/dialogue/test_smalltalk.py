"""The turns that are not about a topic, and the in-domain questions hidden in them."""


def test_a_detail_the_classifier_calls_off_topic_is_answered_from_the_standard(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("smalltalk", "Kan jeg få min træning om aftenen?", "out_of_scope",
                 confidence=0.63)
    assert "dagtimerne på hverdage" in text
    assert "Skanderborg Kommune" in text


def test_whether_to_send_a_cpr_number_by_mail_gets_the_standards_way_to_write(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("smalltalk", "må jeg sende mit cpr nummer på mail?", "ask_privacy",
                 confidence=0.9)
    assert text.startswith("Jeg har kun brug for at vide, hvilken kommune du bor i.")
    assert "digitale postkasse på borger.dk" in text and "»3. Hvem kan du kontakte?«" in text
    assert conversation().say("smalltalk", "gemmer I det jeg skriver?", "ask_privacy",
                              confidence=0.9).count("\n\n") == 0

def test_an_age_under_the_limit_told_as_a_follow_up_gets_the_limit(conversation):
    c = conversation(municipality="rebild")
    c.say("answer_topic", "Hvor lang tid varer genoptræning uden indlæggelse?", "ask_scope")
    text = c.say("answer_topic", "og hvad hvis det er min søn på 17?", "ask_cooperation")
    assert text.startswith("Rebild Kommunes standard siger, at man skal være over 18 år")
    assert "din søn" in text


def test_an_age_over_the_limit_is_answered_as_read(conversation):
    c = conversation(municipality="rebild")
    c.say("answer_topic", "Hvor lang tid varer genoptræning uden indlæggelse?", "ask_scope")
    text = c.say("answer_topic", "hvad koster det for min mor på 80?", "ask_cost")
    assert "over 18 år" not in text


def test_a_standard_without_an_age_limit_answers_as_read(conversation):
    c = conversation(municipality="lejre")
    c.say("answer_topic", "Hvor lang tid varer træningen?", "ask_scope")
    text = c.say("answer_topic", "og hvis det er min søn på 17?", "ask_scope")
    assert "år for at få" not in text


def test_a_topic_nlu_is_sure_of_is_answered_after_the_limit(conversation):
    c = conversation(municipality="rebild")
    c.say("answer_topic", "Hvor lang tid varer genoptræning uden indlæggelse?", "ask_scope")
    text = c.say("answer_topic", "hvad koster kørsel for min søn på 16?", "ask_transport",
                 confidence=0.95)
    assert text.index("over 18 år") < text.index("Kilde:")
    assert c.replies[1].answered_by.get("topic") == "transport"

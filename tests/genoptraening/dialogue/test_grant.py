def test_asked_to_grant_says_the_municipality_decides_then_how_to_apply(conversation):
    c = conversation(municipality="skanderborg")
    text = c.say("grant", "Kan du ikke bare bevilge mig genoptræning to gange om ugen med det "
                 "samme?", "ask_grant", confidence=0.99)
    assert text.startswith("Jeg kan ikke se sager, bevilge træning eller love dig noget.")
    assert "individuel vurdering" in text
    assert "87 94 86 92" in text  # how to apply, with the municipality's number
    assert c.state.last_topic == "apply"


def test_asked_to_grant_for_a_relative_speaks_of_the_relative(conversation):
    c = conversation(municipality="lejre", relative="mor")
    text = c.say("grant", "kan du love min mor at hun får træning", "ask_grant",
                 confidence=0.99)
    assert "love hende noget" in text and "hvordan din mor søger" in text


def test_asked_to_grant_without_a_municipality_asks_where_then_how_to_apply(conversation):
    c = conversation()
    text = c.say("grant", "kan du godkende min ansøgning", "ask_grant", confidence=0.99)
    assert "Hvilken kommune" in text
    text = c.say("set_municipality", "Lejre", "inform_municipality")
    assert "92 43 43 48" in text

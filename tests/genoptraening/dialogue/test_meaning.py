from genoptraening.core.situation import Situation


def test_what_the_last_answer_named_is_explained_by_its_section(conversation):
    c = conversation(municipality="rebild", law="sul_140")
    c.say("answer_topic", "Hvad sker der, hvis kommunen ikke kan starte træningen inden for 7 "
          "dage?", "ask_free_choice")
    # NLU reads the follow-up as a question about the law; it asks what the term means.
    text = c.say("answer_topic", "Hvad betyder det?", "ask_law")
    assert "»Udvidet frit valg«" in text
    assert "kontrakt med KL" in text
    assert "Sundhedslovens § 140" not in text


def test_without_a_term_the_question_is_answered_as_read(conversation):
    c = conversation(municipality="rebild")
    text = c.say("answer_topic", "Hvad betyder det?", "ask_law")
    assert "Lovgrundlag" in text  # no last answer: the law, as NLU read it


def test_a_long_message_is_not_a_question_of_meaning(conversation):
    c = conversation(municipality="rebild", law="sul_140")
    c.say("answer_topic", "Hvad sker der, hvis kommunen ikke kan starte inden for 7 dage?",
          "ask_free_choice")
    text = c.say("answer_topic", "Hvad betyder det for prisen, hvis jeg vælger en privat "
                 "leverandør i stedet for kommunen?", "ask_cost")
    assert "»Udvidet frit valg«:" not in text


def test_a_term_of_any_answer_in_a_storys_result_is_explained(conversation):
    c = conversation(municipality="rebild")
    c.say("eligibility", "Jeg fik en genoptræningsplan med fra sygehuset for 9 dage siden. Hvad "
          "kan jeg gøre?", "check_eligibility",
          situation=Situation(hospital_stay=True, has_plan=True))
    # The result's deadlines end with "udvidet frit valg"; the result is who may get it.
    text = c.say("answer_topic", "hvad betyder det helt præcist?", "ask_law")
    assert "»Udvidet frit valg«" in text and "kontrakt med KL" in text

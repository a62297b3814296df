from genoptraening.core.intent_reader import Question
from genoptraening.core.situation import Situation
from genoptraening.dialogue.beside_result import WHETHER


def test_a_storys_other_question_is_answered_beside_the_result(conversation):
    c = conversation(municipality="lejre")
    asked = "hvad koster det?"
    text = c.say("eligibility", f"Jeg faldt og var ikke på sygehuset. Kan jeg få træning, og "
                 f"{asked}", "check_eligibility",
                 situation=Situation(hospital_stay=False, new_loss=True, lasting=False),
                 questions=(Question("Kan jeg få træning", "check_eligibility", 0.9),
                            Question(asked, "ask_cost", 0.95)))
    assert text.startswith("Det lyder som genoptræning efter serviceloven § 86, stk. 1.")
    assert "cost" in {r.answered_by.get("topic") for r in c.replies}


def test_whether_one_can_get_training_is_the_results_question():
    assert WHETHER.search("kan min mor få træning?")
    assert not WHETHER.search("hvad koster kørslen?")


def test_a_short_question_beside_a_story_goes_on_from_the_last_answer(conversation):
    c = conversation(municipality="rebild")
    c.say("answer_topic", "Kan jeg selv vælge, hvem der træner mig?", "ask_free_choice")
    asked = "også i en anden kommune?"
    text = c.say("eligibility", f"{asked} jeg er lige kommet hjem fra sygehuset med en "
                 "genoptræningsplan", "check_eligibility",
                 situation=Situation(hospital_stay=True, has_plan=True),
                 questions=(Question(asked, "inform_municipality", 0.74),))
    assert "sundhedsloven § 140" in text
    assert "anden kommune" in text and "myndighedsfunktion" in text


def test_a_detail_asked_beside_a_story_is_answered_though_it_opens_like_whether(
        conversation):
    c = conversation(municipality="lejre")
    asked = "Kan jeg få træningen efter kl. 17 eller i weekenden?"
    text = c.say("eligibility", f"Efter en lang omgang helvedesild har jeg mistet en del "
                 f"kræfter. {asked}", "check_eligibility",
                 situation=Situation(new_loss=True),
                 questions=(Question(asked, "ask_scope", 0.35),))
    assert "oplyser ikke noget om, at træningen kan ligge om aftenen eller i weekenden" in text
    assert "92 43 43 48" in text


def test_who_may_apply_for_a_relative_beside_a_story_ends_with_whom_to_call(conversation):
    # Nothing told of what the law turns on, and nothing asked of whether: the question is
    # answered, with the municipality's number, and no yes/no is asked.
    c = conversation(municipality="hjoerring")
    asked = "kan hjemmeplejen søge om træning for hende, eller skal vi gøre det?"
    text = c.say("eligibility", f"min svigermor bor i Sindal og får hjemmehjælp. {asked}",
                 "check_eligibility", confidence=0.61, situation=Situation(),
                 questions=(Question(asked, "ask_on_behalf", 0.5),))
    assert "on_behalf" in {r.answered_by.get("topic") for r in c.replies}
    assert "72 33 58 50" in text
    assert c.state.eligibility_question is None

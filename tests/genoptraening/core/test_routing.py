"""What the message itself says corrects the classifier's intent."""

import pytest

from genoptraening.core.register import get_register
from genoptraening.core.routing import reread


@pytest.mark.parametrize("text", ["hjoerring", "og hvad med Rebild?", "jeg bor i Lejre"])
def test_a_message_that_only_names_a_place_informs_the_municipality(text):
    ranking, unsure = reread(text, [("ask_cancellation", 0.6), ("inform_municipality", 0.3)],
                             False, get_register())
    assert ranking[0] == ("inform_municipality", 1.0) and not unsure
    assert [i for i, _ in ranking].count("inform_municipality") == 1


def test_an_unsure_reading_as_a_place_is_made_sure():
    # Below the fallback's threshold it would be "Mente du …?" for "og hvad med Hedensted?".
    ranking, _ = reread("og hvad med Hedensted?",
                        [("inform_municipality", 0.23), ("ask_law", 0.22)], False, get_register())
    assert ranking == [("inform_municipality", 1.0), ("ask_law", 0.22)]


@pytest.mark.parametrize("text", ["hvad koster det i Lejre?",
                                  "jeg var indlagt på Aalborg Universitetshospital"])
def test_a_place_with_more_is_left_to_the_classifier(text):
    ranking = [("ask_cost", 0.9), ("inform_municipality", 0.05)]
    assert reread(text, ranking, False, get_register()) == (ranking, False)


def test_a_misheard_emergency_gives_way_to_the_next_best_reading():
    ranking = [("emergency", 0.7), ("nlu_fallback", 0.2), ("check_eligibility", 0.25)]
    reread_ranking, unsure = reread("kan ikke komme ud af sengen, kan hun få træning?",
                                    ranking, False, get_register())
    assert reread_ranking[0] == ("check_eligibility", 0.25) and unsure
    assert all(intent != "emergency" for intent, _ in reread_ranking)


def test_a_misheard_emergency_without_a_sure_enough_next_reading_falls_back():
    ranking, unsure = reread("skal jeg lufte ud", [("emergency", 0.9), ("ask_cost", 0.05)],
                             False, get_register())
    assert ranking[0] == ("nlu_fallback", 0.9) and unsure


def test_a_real_emergency_stays_one():
    ranking = [("emergency", 0.9), ("ask_cost", 0.05)]
    assert reread("min mor ligger på gulvet og bløder", ranking, True, get_register()) == (
        ranking, False)


STORY = ("Min mand har Parkinson og går til vederlagsfri fysioterapi hos en fysioterapeut i "
         "byen. Kan han også få vedligeholdende træning?")


def test_an_unsure_story_takes_its_one_sure_questions_reading():
    ranking = [("ask_free_choice", 0.52), ("ask_target_group", 0.3)]
    reread_ranking, unsure = reread(STORY, ranking, False, get_register(),
                                    ("ask_target_group", 0.91))
    assert reread_ranking == [("ask_target_group", 0.91)]
    assert not unsure


def test_a_story_read_much_less_surely_than_its_question_gives_way_to_it():
    # "Min mand har sklerose og får vederlagsfri fysioterapi … Kan han samtidig få
    # vedligeholdende træning af kommunen?" read 80 % as free choice of provider as a whole.
    ranking = [("ask_free_choice", 0.8), ("check_eligibility", 0.2)]
    assert reread(STORY, ranking, False, get_register(), ("check_eligibility", 0.99))[0] == [
        ("check_eligibility", 0.99)]


def test_a_consent_told_beside_a_question_gives_way_to_the_question():
    text = "Min mor har givet mig fuldmagt. Hvad koster træningen for hende?"
    ranking = [("ask_on_behalf", 0.99), ("ask_cost", 0.005)]
    assert reread(text, ranking, False, get_register(), ("ask_cost", 0.95), consent=True) == (
        [("ask_cost", 0.95)], False)
    # Without a consent told, asking to act for her is what the message asks.
    assert reread(text, ranking, False, get_register(), ("ask_cost", 0.95)) == (ranking, False)


@pytest.mark.parametrize(("ranking", "question"), [
    ([("ask_free_choice", 0.85)], ("ask_target_group", 0.91)),  # the story is read surely
    ([("ask_free_choice", 0.7)], ("ask_target_group", 0.82)),  # and its question not much more
    ([("ask_free_choice", 0.52)], ("ask_target_group", 0.6)),  # the question is not
    ([("ask_free_choice", 0.52)], ("greet", 0.95)),  # not a question for an answer
])
def test_a_story_keeps_its_own_reading_otherwise(ranking, question):
    assert reread(STORY, ranking, False, get_register(), question) == (ranking, False)

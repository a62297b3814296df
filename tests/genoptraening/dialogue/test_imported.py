"""An imported standard with no fact approved answers from its own text, quoted with its section."""

from __future__ import annotations

import pytest

from genoptraening.core.knowledge.loader import get_knowledge_base
from genoptraening.core.passages import get_passage_search
from genoptraening.core.register import get_register
from genoptraening.core.situation import Situation
from genoptraening.dialogue.deps import Deps
from tests.genoptraening.dialogue.imported_kb import Talk

NO_APPROVED = "Jeg har ikke et godkendt svar om"


def test_a_topic_question_gets_the_section_about_it_quoted_whole(imported):
    talk = Talk(imported["hjoerring"], "hjoerring")
    text = talk.say("answer_topic", "hvad koster det?", "ask_cost")
    assert talk.kinds == ["passage"]
    assert text.startswith("Det står i Hjørring Kommunes kvalitetsstandard, i afsnittet "
                           "»Omkostninger for borgeren«")
    assert "uden økonomiske omkostninger" in text and "bevilges kørsel" in text
    assert NO_APPROVED not in text
    assert talk.replies[0].answered_by["topic"] == "cost"


def test_deadlines_in_two_sections_are_both_quoted(imported):
    talk = Talk(imported["hjoerring"], "hjoerring")
    text = talk.say("answer_topic", "Hvor hurtigt hører man fra jer, og hvornår går træningen "
                    "i gang?", "ask_deadlines")
    # Then where to ask when it takes longer: the passage with the number.
    assert [r.passage["section"] for r in talk.replies] == ["Sagsbehandlingstid", "Kvalitetsmål",
                                                            "Ansøgning"]
    assert "3 hverdage" in text and "4 uger" in text and "72 33 58 50" in text


def test_the_story_s_law_picks_that_law_s_part_of_the_standard(imported):
    talk = Talk(imported["rebild"], "rebild")
    text = talk.say("answer_topic", "hvor lang tid kan man få vedligeholdende træning?",
                    "ask_scope")
    assert "maksimalt 12 uger" in text and "maksimalt 6 uger" not in text
    text = talk.say("answer_topic", "og genoptræning uden indlæggelse?", "ask_law")
    assert "maksimalt 6 uger" in text and "12 uger" not in text


def test_after_a_hospital_stay_the_law_comes_first_then_that_part_of_the_standard(imported):
    talk = Talk(imported["rebild"], "rebild")
    text = talk.say("answer_topic", "jeg har en genoptræningsplan fra sygehuset. skal jeg selv "
                    "ringe?", "ask_apply", situation=Situation(hospital_stay=True, has_plan=True))
    assert talk.kinds == ["topic", "passage"]
    assert "skal du ikke selv søge" in talk.replies[0].text
    assert "senest 4 dage efter at Rebild Kommune har modtaget din genoptræningsplan" in text


def test_a_standard_that_names_other_laws_is_not_quoted_for_this_one(imported):
    # Lejre's drafted laws are § 86, stk. 1 and 2: its start deadline runs from a grant, not
    # from a hospital's plan.
    talk = Talk(imported["lejre"], "lejre")
    talk.state.law = "sul_140"
    text = talk.say("answer_topic", "hvornår starter min træning?", "ask_deadlines")
    assert "14 dage" not in text
    assert text.startswith(NO_APPROVED)


def test_the_result_of_a_story_quotes_who_may_get_it_and_how_to_apply_with_the_number(imported):
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("eligibility", "jeg er faldet derhjemme og har ikke været indlagt, kan jeg "
                    "få genoptræning", "check_eligibility",
                    situation=Situation(hospital_stay=False, new_loss=True))
    assert text.startswith("Det lyder som genoptræning efter serviceloven § 86, stk. 1.")
    assert NO_APPROVED not in text
    assert "Du kan få genoptræning, hvis du har haft et sygdomsforløb" in text
    assert "Vedligeholdende træning er et tilbud" not in text  # the other law's paragraph
    assert "Sådan søger du: Det står i Lejre Kommunes kvalitetsstandard" in text
    assert "ansøgningsskema" in text and "92 43 43 48" in text


def test_a_drafted_fact_is_never_said_as_a_fact(imported):
    talk = Talk(imported["hedensted"], "hedensted")
    text = talk.say("answer_topic", "hvad er telefonnummeret?", "ask_contact")
    assert "79 91 82 50" in text
    assert talk.kinds == ["passage"]
    assert "Du kan ringe til" not in text  # the approved fact's sentence
    assert "»" in text and "afsnittet »Hvem behandler ansøgningen?«" in text


@pytest.mark.parametrize("slug", ["lejre", "hedensted"])
def test_the_curated_standard_is_answered_as_before(slug):
    talk = Talk(Deps(get_knowledge_base(), get_register(), passages=get_passage_search()), slug)
    text = talk.say("answer_topic", "hvad koster det?", "ask_cost")
    assert "topic" in talk.kinds[0] and "gratis" in text


def test_where_to_train_prefers_the_passage_naming_the_citizens_town(imported):
    talk = Talk(imported["hedensted"], "hedensted")
    text = talk.say("answer_topic", "Jeg bor i Juelsminde. Kan jeg træne et sted tæt på?",
                    "ask_location", confidence=0.95)
    assert "Juelsminde Rådhus" in text


def test_a_passage_under_a_heading_naming_another_topic_comes_after_the_others(imported):
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("answer_topic", "Kan træningen foregå hjemme hos mig? Jeg har svært ved at "
                    "komme ud", "ask_location", confidence=0.95)
    # Where to train, not »7. Hjemmet som arbejdsplads« (the home as the staff's workplace).
    assert "faglige grunde" in text
    assert not text.startswith("Det står i Lejre Kommunes kvalitetsstandard, i afsnittet "
                               "»7. Hjemmet som arbejdsplads«")


def test_where_to_train_finds_the_section_whose_text_says_it_though_its_heading_does_not(
        imported):
    # »3. Genoptræning og vedligeholdende træning« names no topic; its paragraphs read as
    # where training takes place. Not »8. Hvad kan du forvente af dem, som skal træne med dig?«.
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("answer_topic", "Min far bor stadig hjemme og vil gerne holde fast i det, "
                    "han kan. Hvor kommer han til at træne?", "ask_location", confidence=0.95)
    assert text.startswith("Det står i Lejre Kommunes kvalitetsstandard, i afsnittet "
                           "»3. Genoptræning og vedligeholdende træning«")
    assert "genoptræningscenter" in text and "uniform" not in text


def test_a_section_repeated_for_each_law_is_quoted_once(imported):
    # Rebild's »Hvordan sikres kvaliteten af hjælpen« stands in each law's part, word for word.
    talk = Talk(imported["rebild"], "rebild")
    text = talk.say("answer_topic", "Hvad sker der, når min genoptræning efter "
                    "sygehusindlæggelsen slutter?", "ask_follow_up", confidence=0.95)
    assert "vejlede dig" in text
    quoted = [line for line in text.splitlines() if line.startswith("»")]
    assert len(quoted) == len(set(quoted))


def test_a_follow_up_on_the_ride_gets_the_rides_passage_not_the_one_its_words_find(imported):
    talk = Talk(imported["lejre"], "lejre")
    talk.say("answer_topic", "Hvad koster kørsel til træningen?", "ask_transport")
    text = talk.say("answer_topic", "er det hver vej?", "ask_staff", confidence=0.4)
    assert "»9. Transport til genoptræning eller træning«" in text and "ud- og hjem" in text


def test_a_plan_told_to_an_imported_standard_ends_with_the_passage_holding_the_number(
        imported):
    talk = Talk(imported["hedensted"], "hedensted")
    text = talk.say("eligibility", "jeg var indlagt og fik en genoptræningsplan med hjem, men "
                    "jeg har ikke hørt noget og ved ikke hvem jeg skal ringe til",
                    "check_eligibility", situation=Situation(hospital_stay=True, has_plan=True))
    assert "sundhedsloven § 140" in text and "79 91 82 50" in text


def test_a_detail_named_by_the_no_approved_answers_topic_label_is_still_said_to_be_absent(
        imported):
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("answer_topic", "Hvad sker der hvis jeg bliver forhindret og ikke kan komme "
                    "til en træningstid?", "ask_cancellation")
    assert text.startswith("Lejre Kommunes kvalitetsstandard oplyser ikke noget om, hvad der "
                           "sker, hvis du melder afbud eller ikke kommer.")


def test_how_to_send_the_form_safely_quotes_the_standards_sentence_on_it(imported):
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("answer_topic", "Jeg har fundet ansøgningsskemaet, men hvordan sender vi det "
                    "sikkert tilbage", "ask_apply")
    assert text.startswith("Det står i Lejre Kommunes kvalitetsstandard")
    assert "af sikkerhedshensyn sender det som digital post" in text.split("Kilde")[0]


def test_a_short_follow_up_is_searched_with_its_topic_s_name(imported):
    talk = Talk(imported["rebild"], "rebild")
    talk.say("answer_topic", "Hvad gør jeg, hvis jeg ikke kan komme til min træning?",
             "ask_cancellation")
    # "glemmer" is not the standard's word; "Aflysning og udeblivelse" finds its sentence.
    text = talk.say("answer_topic", "og hvis jeg bare glemmer det?", "ask_cancellation")
    assert "Ved 2 udeblivelser fra træning afsluttes forløbet" in text


def test_a_short_question_whose_topic_name_finds_nothing_keeps_its_own_words(imported):
    talk = Talk(imported["hedensted"], "hedensted")
    text = talk.say("answer_topic", "i hvor mange uger", "ask_scope")
    assert "8-12 uger" in text

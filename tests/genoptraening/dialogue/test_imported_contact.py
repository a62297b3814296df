"""Where to turn, from an imported standard: its own passages with its phone number and address."""

from __future__ import annotations

import shutil

from genoptraening.core.situation import Situation
from tests.genoptraening.dialogue.imported_kb import Talk, deps_on


def test_no_approved_answer_is_followed_by_the_passage_with_the_phone_number(imported):
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("answer_topic", "kan I hjælpe med at finde en hjemmehjælper til rengøring?",
                    "ask_cooperation", confidence=0.9)
    assert talk.kinds[-1] == "passage"
    assert talk.replies[-1].text.startswith(
        "Du kan spørge kommunen. Det står i Lejre Kommunes kvalitetsstandard, i afsnittet "
        "»2. Du skal søge om træning«")
    assert "92 43 43 48" in text and "46 46 46 46" not in text  # not the complaint's number


def test_a_misunderstanding_is_handed_over_with_the_standard_s_own_words(imported):
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("handover", "jeg vil gerne tale med et menneske", "human_handoff")
    assert text.startswith("Jeg kan desværre ikke hjælpe dig godt nok her. Det står i Lejre")
    assert "7.30-9.00" in text and "92 43 43 48" in text
    assert "oplyser ikke et telefonnummer" not in text


def test_without_a_drafted_number_the_standard_is_not_said_to_lack_one(imported):
    talk = Talk(imported["rebild"], "rebild")
    text = talk.say("handover", "jeg vil gerne tale med et menneske", "human_handoff")
    assert text == ("Jeg kan desværre ikke hjælpe dig godt nok her. Kontakt Rebild Kommune via "
                    "kommunens hjemmeside eller borgerservice.")


def test_a_health_question_gets_the_number_to_ask_about_the_training(imported):
    talk = Talk(imported["hedensted"], "hedensted")
    text = talk.say("health", "hjælper glukosamin for mine knæ?", "ask_health")
    assert text.startswith("Jeg kan ikke give råd om helbred")
    assert "79 91 82 50" in text and "»Hvem behandler ansøgningen?«" in text


def test_the_place_the_citizen_names_picks_the_number_and_its_hours_come_along(imported):
    talk = Talk(imported["skanderborg"], "skanderborg")
    text = talk.say("answer_topic", "jeg bor i Ry. hvilket nummer skal jeg ringe til?",
                    "ask_contact")
    assert "Ry: 87 94 88 38" in text and "8.00 – 9.00" in text


def test_a_follow_up_asks_for_the_last_answer_s_own_address(imported):
    talk = Talk(imported["lejre"], "lejre")
    talk.say("answer_topic", "jeg har fået afslag, hvordan klager jeg?", "ask_complaint_decision")
    assert talk.replies[0].passage["section"] == "12.1. Hvis du vil klage over afgørelsen"
    text = talk.say("answer_topic", "hvad er adressen hvis jeg vil sende et brev?", "ask_contact")
    assert "Møllebjergvej 4" in text and "Bøgebakken" not in text
    assert talk.replies[0].answered_by["topic"] == "complaint_decision"


def test_how_to_apply_comes_with_the_number_when_its_passage_has_none(imported):
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("eligibility", "min far er faldet og har ikke været indlagt. Kan han få "
                    "træning?", "check_eligibility",
                    situation=Situation(hospital_stay=False, new_loss=True))
    how = next(i for i, r in enumerate(talk.replies) if r.text.startswith("Sådan søger"))
    assert "ansøgningsskema" in talk.replies[how].text
    assert "92 43 43 48" in talk.replies[how + 1].text and "92 43 43 48" in text


def test_a_rejected_draft_is_never_quoted(imported, tmp_path):
    folder = tmp_path / "kb"
    shutil.copytree(imported["hedensted"].kb.directory, folder)
    path = folder / "hedensted.yml"
    path.write_text(path.read_text().replace("status: draft", "status: rejected"))
    talk = Talk(deps_on(folder, imported["hedensted"].register), "hedensted")
    text = talk.say("handover", "jeg vil gerne tale med et menneske", "human_handoff")
    assert "79 91 82 50" not in text and "oplyser ikke" not in text


def test_a_detail_the_imported_standard_is_silent_on_ends_with_the_number_quoted(imported):
    talk = Talk(imported["lejre"], "lejre")
    text = talk.say("answer_topic", "Jeg har en stor schæferhund. Skal den lukkes inde, når "
                    "terapeuten kommer hjem til mig?", "ask_home_workplace", confidence=0.9)
    assert "oplyser ikke noget om husdyr" in text
    assert talk.replies[-1].text.startswith("Du kan spørge kommunen.")
    assert "92 43 43 48" in text


def test_a_detail_of_a_topic_no_sentence_states_is_said_absent_from_the_whole_text(imported):
    # Every topic of an imported standard is unreviewed ("general"); whether the text states
    # the ride's price is read from all of it, as for a curated standard.
    talk = Talk(imported["hjoerring"], "hjoerring")
    text = talk.say("answer_topic", "Hvor meget koster kørsel til træning pr. gang?",
                    "ask_transport", confidence=0.95)
    assert "oplyser ikke noget om, hvad kørslen koster i kroner" in text
    assert "72 33 58 50" in text


def test_how_long_it_takes_ends_with_where_to_ask(imported):
    talk = Talk(imported["hjoerring"], "hjoerring")
    text = talk.say("answer_topic", "Min far fik et brev for to uger siden, men der er ikke sket "
                    "mere. Hvornår skal han til den første samtale?", "ask_deadlines",
                    confidence=0.95)
    assert "20 kalenderdage" in text and "72 33 58 50" in text


def test_a_standard_printing_no_number_is_said_to_give_none(imported):
    talk = Talk(imported["rebild"], "rebild")
    text = talk.say("answer_topic", "Hvad er telefonnummeret til genoptræningen?", "ask_contact",
                    confidence=0.95)
    assert text.startswith("Rebild Kommunes kvalitetsstandard oplyser ikke et telefonnummer.")
    talk = Talk(imported["lejre"], "lejre")  # Lejre's text has its number: quoted
    assert "92 43 43 48" in talk.say("answer_topic", "Hvad er telefonnummeret?", "ask_contact",
                                     confidence=0.95)

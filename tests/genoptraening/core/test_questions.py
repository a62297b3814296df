"""Cutting a message into its questions."""

import pytest

from genoptraening.core.questions import (
    compares_laws,
    holds_question,
    mentioned_law,
    opens_with_yes_or_no,
    split_questions,
    told_and_asked,
)


@pytest.mark.parametrize(("text", "parts"), [
    ("Hvordan klager hun, og hvad koster kørsel?", ["Hvordan klager hun", "hvad koster kørsel?"]),
    ("hvor længe varer et forløb og hvor mange gange om ugen træner man?",
     ["hvor længe varer et forløb", "hvor mange gange om ugen træner man?"]),
    ("Jeg er faldet. Kan jeg få træning? Og hvad koster det?",
     ["Kan jeg få træning?", "Og hvad koster det?"]),
    ("hvad koster det", ["hvad koster det"]),
    ("min far og jeg vil vide hvad det koster", ["min far og jeg vil vide hvad det koster"]),
    ("Hvad? Hvem? Hvor? Hvornår?", ["Hvad?", "Hvem?", "Hvor?"]),  # three at the most
    # A verb before its subject asks too, without "?".
    ("hvordan søger man om træning i hjørring og koster det noget",
     ["hvordan søger man om træning i hjørring", "koster det noget"]),
    ("hun faldt og tager det nu roligt", ["hun faldt og tager det nu roligt"]),
    ("Hvornår kan jeg starte, og træner man alene eller sammen med andre?",
     ["Hvornår kan jeg starte", "træner man alene eller sammen med andre?"]),
    ("hvad koster det og hvor lang tid går der?", ["hvad koster det", "hvor lang tid går der?"]),
    ("Jeg faldt, og går nu dårligt.", ["Jeg faldt, og går nu dårligt."]),
    ("Hvor foregår vedligeholdelsestræning, og er den gratis?",
     ["Hvor foregår vedligeholdelsestræning", "er den gratis?"]),
    ("Hvilken paragraf skal jeg søge efter, og foregår træningen på hold?",
     ["Hvilken paragraf skal jeg søge efter", "foregår træningen på hold?"]),
    # Widened by "også hvis …": the question, and the question widened.
    ("Hvad koster det så, også hvis hun skal køres derhen?",
     ["Hvad koster det så", "Hvad koster det så, også hvis hun skal køres derhen?"]),
])
def test_a_message_is_cut_into_its_questions(text, parts):
    assert split_questions(text) == parts


def test_one_question_in_a_story_is_the_message_unless_asked_for_alone():
    story = "Min mor er faldet. Hun kan ikke gå. Hvordan søger vi?"
    assert split_questions(story) == [story]
    assert split_questions(story, always=True) == ["Hvordan søger vi?"]
    assert told_and_asked(story)
    assert not told_and_asked("Hvordan søger vi?")
    assert not told_and_asked("Min mor er faldet.")
    assert holds_question("hvad koster det") and not holds_question("tak")


def test_a_question_word_after_og_in_a_message_without_marks_asks():
    text = "min far har parkinsson kan han fa vedligeholdene traening og hvad koster det"
    assert holds_question(text)
    assert split_questions(text, always=True) == ["hvad koster det"]
    # A story told with "og" and no question word asks nothing.
    assert not holds_question("min far faldt og han har det skidt")


def test_mentioned_law():
    assert mentioned_law("hvad koster vedligeholdende træning") == "sel_86_2"
    assert mentioned_law("efter indlæggelse") == "sul_140"
    assert mentioned_law("skal jeg selv søge, når jeg kommer hjem fra sygehuset?") == "sul_140"
    assert mentioned_law("serviceloven § 86 stk. 1") == "sel_86_1"
    assert mentioned_law("og genoptræning uden indlæggelse?") == "sel_86_1"
    assert mentioned_law("genoptræning uden forudgående sygehusindlæggelse") == "sel_86_1"
    assert mentioned_law("hvad koster genoptræning") is None
    # What maintenance is for names it: "for at holde sig i gang", "så han ikke bliver værre".
    assert mentioned_law("Kan han få træning for at holde sig i gang?") == "sel_86_2"
    assert mentioned_law("kan hun få noget træning, så hun ikke bliver dårligere") == "sel_86_2"
    assert mentioned_law("Hvad er forskellen på genoptræning og vedligeholdende træning?") is None
    assert mentioned_law("er det genoptræning eller vedligeholdende træning jeg skal have") is None


def test_a_question_led_in_with_a_colon_is_the_question_alone():
    assert split_questions("Min kone har bedt mig om at spørge: skal vi selv søge kommunen om "
                           "træning?", always=True) == ["skal vi selv søge kommunen om træning?"]
    assert split_questions("Spørgsmål: hvad koster det og hvor foregår det?", always=True) == [
        "hvad koster det", "hvor foregår det?"]


def test_a_short_follow_up_naming_a_law_asks_under_it():
    from genoptraening.core.questions import law_follow_up

    assert law_follow_up("og genoptræning uden indlæggelse?") == "sel_86_1"
    assert law_follow_up("og vedligeholdende træning?") == "sel_86_2"
    assert law_follow_up("hvad siger loven om vedligeholdende træning for mig?") is None  # long
    assert law_follow_up("og hvad koster det?") is None


def test_a_question_about_being_discharged_names_the_law_after_a_stay():
    assert mentioned_law("skal man selv søge, når man bliver udskrevet fra sygehuset?") == (
        "sul_140")


@pytest.mark.parametrize(("text", "said"), [
    ("nej, kun hos lægen", "deny"), ("Ja det var han", "affirm"), ("nej tak", "deny"),
    ("jo, hun var indlagt", "affirm"), ("jamen hvad koster det", None), ("Nejsomhed", None),
])
def test_a_message_opening_with_yes_or_no_is_read_as_such(text, said):
    assert opens_with_yes_or_no(text) == said


def test_what_to_do_now_is_read_with_what_was_just_told():
    text = ("Der er gået ti dage, og jeg har ikke hørt noget. Hvad gør jeg nu, og skal jeg "
            "betale for træningen?")
    assert split_questions(text) == [
        "Der er gået ti dage, og jeg har ikke hørt noget. Hvad gør jeg nu",
        "skal jeg betale for træningen?"]
    assert split_questions("Hvad gør jeg nu?", always=True) == ["Hvad gør jeg nu?"]
    assert split_questions("Jeg faldt. Hvad koster det?", always=True) == ["Hvad koster det?"]


def test_how_to_do_what_was_just_told_is_read_with_it():
    text = "Min søn siger, jeg skal klage. Hvordan gør jeg det, og hvor lang tid har jeg?"
    assert split_questions(text) == [
        "Min søn siger, jeg skal klage. Hvordan gør jeg det", "hvor lang tid har jeg?"]
    # Without something told before it, it is read as it stands.
    assert split_questions("Hvordan gør jeg det?", always=True) == ["Hvordan gør jeg det?"]


def test_questions_listed_with_commas_are_each_a_question():
    assert split_questions("Hvad kan kommunen tilbyde mig, hvad koster det, og hvor skal jeg "
                           "træne?") == ["Hvad kan kommunen tilbyde mig", "hvad koster det",
                                         "hvor skal jeg træne?"]
    # A clause asking nothing of its own ("hvad det koster": subject before verb) is not cut.
    assert split_questions("Kan du sige, hvad det koster?") == ["Kan du sige, hvad det koster?"]


def test_what_follows_from_what_was_told_is_read_with_it():
    text = ("Hun er udeblevet én gang, fordi taxaen ikke kom. Hvad sker der, hvis det sker "
            "igen?")
    assert split_questions(text, always=True) == [text]
    assert split_questions("Jeg faldt. Hvad sker der nu?", always=True) == [
        "Jeg faldt. Hvad sker der nu?"]
    # A question that says what it asks is read alone.
    assert split_questions("Jeg faldt. Hvad sker der, hvis jeg ikke møder op?", always=True) == [
        "Hvad sker der, hvis jeg ikke møder op?"]


def test_two_kinds_of_training_under_one_law_are_not_the_laws_compared():
    assert compares_laws("Hvad er forskellen på genoptræning og vedligeholdende træning?")
    assert compares_laws("hvad er forskellen?")
    assert not compares_laws("hvad er forskellen paa basalt og avanseret genoptræning")
    assert not compares_laws("forskellen mellem basal og avanceret genoptræning")


def test_two_questions_told_not_asked_are_two_questions():
    text = ("nu går jeg dårligere, min søn siger jeg skal spørge jer om jeg kan få noget "
            "træning igen og om det koster noget for jeg har ikke mange penge")
    assert split_questions(text, always=True) == [
        "om jeg kan få noget træning igen", "om det koster noget for jeg har ikke mange penge"]
    assert holds_question(text)
    # One such clause is the message's own question: nothing is cut out of it.
    assert split_questions("jeg vil gerne vide om jeg kan få træning") == [
        "jeg vil gerne vide om jeg kan få træning"]

"""An answer written to the citizen, said about the relative asked about."""

import pytest

from genoptraening.core.voice import Person, about

MOR = Person("din mor", "hun", "hende", "hendes")
FORAELDRE = Person("dine forældre", "de", "dem", "deres")


@pytest.mark.parametrize(("written", "said"), [
    ("Du træner i Sundhedshuset. Kan du ikke komme ud, træner du hjemme.",
     "Din mor træner i Sundhedshuset. Kan hun ikke komme ud, træner hun hjemme."),
    ("Træningen er gratis for dig, når du er visiteret til den.",
     "Træningen er gratis for din mor, når hun er visiteret til den."),
    ("Dit behov vurderes. Kommunen kontakter dig.",
     "Din mors behov vurderes. Kommunen kontakter hende."),
    ("Du får råd, så du kan bruge træningen i din hverdag.",
     "Din mor får råd, så hun kan bruge træningen i sin hverdag."),
    ("Du får svar. Terapeuten vurderer dit behov.",
     "Din mor får svar. Terapeuten vurderer hendes behov."),
    ("Dine pårørende må gerne være med.", "Din mors pårørende må gerne være med."),
])
def test_an_answer_to_du_is_said_about_the_relative(written, said):
    assert about(written, MOR) == said


def test_the_standards_own_words_are_kept_to_the_letter():
    assert about("Der står: »Du skal selv søge«. Kommunen kontakter dig.", MOR) == (
        "Der står: »Du skal selv søge«. Kommunen kontakter din mor.")


def test_parents_are_they():
    assert about("Du skal selv søge, og kommunen ringer til dig og dine pårørende.",
                 FORAELDRE) == ("Dine forældre skal selv søge, og kommunen ringer til dem og "
                                "deres pårørende.")
    assert about("Du kan hjælpe dig selv.", FORAELDRE) == "Dine forældre kan hjælpe sig selv."


def test_text_without_du_is_unchanged():
    assert about("Træningen er gratis. Ring på 92 43 43 48.", MOR) == (
        "Træningen er gratis. Ring på 92 43 43 48.")


def test_the_subjects_own_object_is_reflexive():
    assert about("Du søger ved at henvende dig til centret. Kommunen kontakter dig.", MOR) == (
        "Din mor søger ved at henvende sig til centret. Kommunen kontakter hende.")


def test_the_writers_own_telling_stays_theirs():
    assert about("Ud fra det, du fortæller, lyder det som genoptræning. Du søger selv.", MOR) == (
        "Ud fra det, du fortæller, lyder det som genoptræning. Din mor søger selv.")
    # What the writer wrote stays theirs: "det, du skrev" is not "det, din mor skrev".
    assert about("Jeg kan ikke regne en dato ud fra det, du skrev.", MOR) == (
        "Jeg kan ikke regne en dato ud fra det, du skrev.")


def test_the_relative_already_named_is_kept_and_the_rest_follows_it():
    from genoptraening.core.voice import Person, about

    person = Person("din far", "han", "ham", "hans")
    text = about("Så skal din far ikke selv søge. Du får et brev.", person)
    assert text == "Så skal din far ikke selv søge. Han får et brev."

import pytest

from genoptraening.core.relatives import (
    Relative,
    consent_given,
    find_relative,
    kept_words,
    relative_named,
)


@pytest.mark.parametrize("text,noun,pronoun,obj", [
    ("min mor er faldet", "mor", "hun", "hende"),
    ("mor er faldet", "mor", "hun", "hende"),
    ("jeg søger for min far", "far", "han", "ham"),
    ("kan far få træning", "far", "han", "ham"),
    ("mors dag", "mor", "hun", "hende"),
    ("min mors genoptræning", "mor", "hun", "hende"),
    ("min kære gamle mand", "mand", "han", "ham"),
    ("min 84-årige mor bor alene", "mor", "hun", "hende"),
    ("min kone", "kone", "hun", "hende"),
    ("min hustru", "hustru", "hun", "hende"),
    ("vores datter", "datter", "hun", "hende"),
    ("min soen", "søn", "han", "ham"),
    ("min søns hofte", "søn", "han", "ham"),
    ("min bror", "bror", "han", "ham"),
    ("min soster", "søster", "hun", "hende"),
    ("min svigermoar har parkinson", "svigermor", "hun", "hende"),
    ("min svigerfar", "svigerfar", "han", "ham"),
    ("min bedstmor", "bedstemor", "hun", "hende"),
    ("min bedstefar", "bedstefar", "han", "ham"),
    ("farmor har ondt", "farmor", "hun", "hende"),
    ("hjælp til farfar", "farfar", "han", "ham"),
    ("min mormor", "mormor", "hun", "hende"),
    ("min morfar", "morfar", "han", "ham"),
    ("mine forældre", "forældre", "de", "dem"),
    ("mine foraeldres hus", "forældre", "de", "dem"),
    ("min kæreste er faldet, hun har ondt", "kæreste", "hun", "hende"),
    ("min kaereste, han er syg", "kæreste", "han", "ham"),
    ("min samlever", "samlever", "de", "dem"),
    ("min søster og hendes mand", "søster", "hun", "hende"),
    ("mor og far er syge", "mor", "hun", "hende"),
    # A friend or the one next door is asked for as a relative is: consent is needed too.
    ("min veninde Birthe er faldet", "veninde", "hun", "hende"),
    ("min ven er faldet, han kan ikke gå", "ven", "han", "ham"),
    ("Jeg bor ved siden af en ældre dame i Tårs. Hun er faldet.", "nabo", "hun", "hende"),
    ("jeg bor over for en mand på 90, der er faldet", "nabo", "han", "ham"),
])
def test_relatives(text, noun, pronoun, obj):
    assert find_relative(text) == Relative(noun, pronoun, obj)


@pytest.mark.parametrize("text", [
    "naboen er faldet", "en ven", "min læge", "hendes mand er syg", "jeg bor ved siden af skolen",
    "naboens søn", "en mand på 80", "manden fra kommunen", "hvad får jeg", "hun får ondt",
    "hvis jeg flytter ned til min søn i Juelsminde, hvordan er det så?",
    "jeg bor hos min datter i Ry. Kan jeg få træning?",
    "kan jeg få træning", "",
])
def test_not_relatives(text):
    assert find_relative(text) is None


def test_relative_phrases():
    mor = find_relative("min mor")
    assert mor is not None
    assert (mor.your, mor.possessive, mor.plural) == ("din mor", "hendes", False)
    parents = find_relative("mine forældre")
    assert parents is not None
    assert (parents.your, parents.possessive, parents.plural) == (
        "dine forældre", "deres", True)
    assert Relative("far", "han", "ham").possessive == "hans"
    partner = find_relative("min samlever")
    assert partner is not None
    assert (partner.your, partner.plural) == ("din samlever", False)


@pytest.mark.parametrize(("text", "said"), [
    ("Må jeg ringe til jer om min fars træning? Han har sagt ja til det.", True),
    ("hun har givet mig lov", True),
    ("jeg har fuldmagt til min mor", True),
    ("min mor har bedt mig spørge", True),
    # Told before the question it leads in: "… har bedt mig om at spørge: skal vi …?"
    ("Min kone har bedt mig om at spørge: skal vi selv søge kommunen om træning?", True),
    ("Spørgsmål: skal hun give samtykke?", False),
    ("hun har ikke givet lov", False),             # negated
    ("skal hun give samtykke?", False),            # asked, not said
    ("Har han sagt ja til at jeg ringer? Hvad koster det", False),
    ("må jeg søge for min far", False),
    # "ok" said as a yes: "har sagt ok til", "er ok med, at jeg skriver".
    ("Min mor i Hørning har sagt ok til, at jeg skriver for hende.", True),
    ("Far er ok med, at jeg skriver for ham.", True),
    ("Hun har givet sit ok.", True),
    ("Hun har ikke sagt ok.", False),
    ("Jeg er enig i, at det er svært.", False),
    (None, False),
])
def test_consent_given(text, said):
    assert consent_given(text) is said


@pytest.mark.parametrize("text", [
    "kan min søn ringe til kommunen for mig om genoptræning?",
    "min datter hjælper mig med at søge",
    "min søn søger på mine vegne",
    "Min nabo siger, at jeg selv skal skrive til Træningsenheden. Er det rigtigt?",
    "min datter mener jeg burde søge om træning",
    # A relative who has died: the writer's own story.
    "Min kone døde i foråret, og hun stod altid for maden. Så fik jeg hjertesvigt.",
    "min mand er død, og nu er jeg alene. kan jeg få træning?",
    # Told of a rule a relative heard: nobody's training.
    "Min nabo siger, at man kun kan få genoptræning, hvis man har været indlagt. Passer det?",
    # Told of a relative who cannot drive the writer: the writer's own training.
    "Jeg har aldrig haft kørekort, og min søn bor i Aalborg, så han kan ikke køre mig.",
])
def test_a_relative_who_acts_for_the_writer_is_not_the_one_asked_about(text):
    assert find_relative(text) is None


@pytest.mark.parametrize(("text", "noun", "pronoun"), [
    ("Min lillesøster på 74 har haft covid to gange", "lillesøster", "hun"),
    ("min storebror er faldet", "storebror", "han"),
    ("mit barnebarn har brækket benet, hun kan ikke gå", "barnebarn", "hun"),
    ("min svoger har haft en blodprop", "svoger", "han"),
])
def test_siblings_in_law_and_grandchildren_are_relatives(text, noun, pronoun):
    relative = find_relative(text)
    assert relative is not None and (relative.noun, relative.pronoun) == (noun, pronoun)


@pytest.mark.parametrize(("text", "noun"), [
    ("Min søn her. Min mor bor i Lejre. Hvad koster det for hende?", "mor"),
    ("min mor og min far er gamle, og han er faldet", "far"),
    ("min datter siger at min mor skal søge", "datter"),  # no pronoun after: the first
])
def test_of_several_relatives_the_one_the_message_goes_on_about(text, noun):
    relative = find_relative(text)
    assert relative is not None and relative.noun == noun


@pytest.mark.parametrize("text", [
    "Jeg passer mit barnebarn om formiddagen. Kan min genoptræning ligge om aftenen?",
    "Kan jeg træne om aftenen? Jeg passer mit barnebarn om dagen.",
    "min datter kører mig, men kan jeg få vedligeholdende træning hos jer?",
    "Jeg er 84 og bor med min mand, som har demens. Kan I komme hjem til mig?",
])
def test_a_relative_only_mentioned_by_a_writer_asking_for_their_own_training(text):
    assert find_relative(text) is None


def test_a_relative_spoken_of_again_is_asked_about_even_beside_the_writers_training():
    relative = find_relative("Min far vil have, at jeg er med, når han træner. Må jeg det?")
    assert relative is not None and relative.noun == "far"
    assert find_relative("Min mor er faldet. Kan jeg søge om træning for hende?").noun == "mor"


def test_a_grandchild_is_named_in_the_neuter():
    assert find_relative("mit barnebarn er faldet").your == "dit barnebarn"
    assert find_relative("mit oldebarn er faldet").your == "dit oldebarn"


def test_a_neighbour_who_writes_for_someone_is_as_a_relative():
    found = find_relative("Jeg er nabo til en ældre herre i Osted. Han er 90. Kan jeg søge om "
                          "træning for ham?")
    assert found is not None and found.your == "din nabo" and found.pronoun == "han"
    assert find_relative("Min nabo sagde, det var gratis. Hvad koster min træning?") is None


def test_a_relative_of_either_sex_keeps_the_pronoun_the_message_gave():
    told = find_relative("Jeg hjælper min gamle nabo Erik, han er 87 og bor alene i Stouby.")
    assert told is not None and kept_words(told) == "nabo han"
    assert relative_named(kept_words(told)) == told  # the next turn says "han", not "de"
    mother = find_relative("min mor er 80")
    assert mother is not None and kept_words(mother) == "mor"


def test_a_relative_the_writer_lives_with_is_asked_about_when_spoken_of_again():
    assert find_relative("Jeg bor sammen med min mor, hun er faldet.").noun == "mor"
    assert find_relative("min datter siger, at hun ikke kan gå").noun == "datter"


@pytest.mark.parametrize(("text", "noun"), [
    ("Jeg er datter til en mand på 86, der bor i Hørning. Han vil gerne have, at jeg søger.",
     "far"),
    ("Jeg er søn af en kvinde på 80. Hun er faldet.", "mor"),
    ("jeg er barnebarn til en dame på 90 i Lejre", "bedstemor"),
])
def test_a_writer_who_names_their_own_kinship_asks_about_the_parent(text, noun):
    relative = find_relative(text)
    assert relative is not None and relative.noun == noun


def test_a_relative_just_after_the_training_word_is_the_one_it_is_for():
    relative = find_relative("kan jeg søge genoptræning til min far?")
    assert relative is not None and relative.noun == "far"


def test_a_relative_in_the_writers_own_story_is_not_asked_about():
    assert find_relative(
        "jeg fik en ny hofte for 2 uger siden, jeg bor alene og min datter arbejder hele "
        "dagen, hvordan kommer jeg frem og tilbage til træningen") is None


def test_a_relative_who_only_tells_what_the_municipality_offers_is_not_asked_about():
    assert find_relative("Jeg er 79 og bor alene. Min søster siger at kommunen har træning. "
                         "Kan de komme herhjemme til mig?") is None
    found = find_relative("Min søster siger, at hun ikke kan gå. Kan hun få træning?")
    assert found is not None and found.noun == "søster"

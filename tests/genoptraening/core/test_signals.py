import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genoptraening.core.signals import (
    Relative,
    consent_given,
    find_relative,
    is_emergency,
    looks_english,
)

# --- Emergencies ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "min mand er faldet og bløder fra hovedet",
    "min mor ligger på gulvet og kan ikke komme op",
    "jeg er faldet og kan ikke rejse mig, jeg tror hoften er brækket",
    "min far er faldet ned ad trappen og svarer ikke",
    "hun er lige faldet og hoften ser forkert ud, hun skriger af smerte",
    "han er faldet og jeg kan ikke få ham op, han har meget ondt i armen",
    "hun er faldet og jeg tror hun har brækket armen",
    "min bedstemor er faldet i badet og kan ikke komme op",
    "mormor er faldet og kan ikke komme op",
    "far faldt lige og slog hovedet",
    "min mor faldt i nat og kan ikke rejse sig",
    "min mor er faldt og kan ik rejse sig",  # colloquial "ik"
    "min mor er fadlet og kan ikke komme op",  # typo
    "min mor faldt for 3 uger siden. Nu ligger hun på gulvet og kan ikke komme op!",
    "jeg har ondt i brystet",
    "min kone har voldsomme smerter i brystet lige nu",
    "jeg har brystsmerter",
    "jeg har brystsmærter",
    "min svigermor er bevidstløs",
    "min far er bevidstlos",
    "hun vaagner ikke",
    "min mor reagerer ikke når jeg taler til hende",
    "min mand er kold og bleg og reagerer ikke",
    "hjælp min far er besvimet",
    "han svarer ikke og trækker ikke vejret ordentligt",
    "jeg kan ikke få luft",
    "han har svært ved at trække vejret og er blå i ansigtet",
    "min far kan pludselig ikke tale og den ene side af munden hænger",
    "min mand har en hængende mundvinkel",
    "jeg tror min mand har fået en blodprop",
    "jeg tror han har fået et hjertestop",
    "det bløder meget og jeg kan ikke stoppe det",
    "der er blod overalt",
    "ring 112",
    "skal jeg ringe 112?",
    "send en ambulance",
    "akut hjælp",
    "nødsituation",
    "hjælp hjælp",
    "jeg ved ikke om hun er bevidstløs",  # doubt is not a negation
    "Hej. Jeg sidder her med min far, han er lige faldet ude på badeværelset og siger at han "
    "ikke kan mærke sit ben og han kan ikke rejse sig, hvad skal jeg gøre",
    "Help, someone has fallen and is bleeding",
    "help my husband fell and is bleeding",
    "my mother is unconscious",
    # The stroke signs as people write them (face, arm, speech), suddenly.
    "Min mand har pludselig fået skæv mund og kan ikke løfte armen, og han taler sløret.",
    "min mor taler utydeligt og munden er blevet skæv",
])
def test_emergencies(text):
    assert is_emergency(text)


@pytest.mark.parametrize("text", [
    "Min far kan ikke løfte armen over hovedet. Kan han få træning?",  # a story's weak arm
    "Efter blodproppen sidste år kan hun ikke løfte armen, kan hun få træning?",
    "min mor faldt for tre uger siden og har svært ved at gå, kan hun få genoptræning?",
    "jeg er faldet derhjemme i sidste måned",
    "jeg er faldet i januar og kan ikke komme op af stolen uden hjælp",
    "jeg er 79 og er faldet to gange i år, nu tør jeg ikke gå ud, kan jeg få noget træning",
    "min mor faldt på badeværelset for 14 dage siden, hun brækkede ikke noget men hun kan "
    "næsten ikke gå nu, kan hun få hjælp til at træne",
    "jeg faldt på isen i januar og slog hoften, var ikke indlagt, men nu halter jeg stadig",
    "min mor er faldet og har brækket hoften, hun er blevet opereret og kommer hjem på fredag",
    "jeg har haft en blodprop i hjertet sidste år og vil gerne træne",
    "jeg har haft en blodprop i hjertet og vil gerne træne",
    "min mand har haft en blodprop i hjernen og var indlagt i 3 uger, nu er han hjemme",
    "min far har fået en blodprop og er kommet hjem fra sygehuset, kan han få genoptræning",
    "min mand fik en blodprop for to år siden og kan ikke tale ordentligt",
    "Hjælp! Jeg har haft en blodprop for 2 år siden, hvad kan jeg få af træning?",
    "jeg er lige kommet hjem fra sygehuset, jeg har haft en blodprop",
    "Can I get rehabilitation? I had a stroke last year",
    "er det normalt at have ondt når man træner",
    "jeg har ondt i knæet efter træningen, er det normalt",
    "jeg har ondt i brystet når jeg træner, er det normalt?",
    "hvad gør jeg hvis min mor falder",
    "jeg er bange for at falde",
    "min far har parkinson og falder tit",
    "hun har ikke ondt i brystet",
    "hun bløder ikke",
    "min mand er ikke bevidstløs",
    "kommunen svarer ikke på min ansøgning",
    "min mor svarer ikke når jeg ringer",
    "jeg kan ikke tale med kommunen",
    "min bedstemor kan næsten ikke rejse sig fra stolen",
    "min mand har feber, hvem skal vi ringe til for at aflyse hans træning i dag",
    "jeg har KOL og bliver hurtigt forpustet, kan jeg få træning for det",
    "jeg fandt min mors papirer fra sygehuset",
    "hej", "", "112 43", "Hovedgaden 112",
])
def test_not_emergencies(text):
    assert not is_emergency(text)


# --- English --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "How much does rehabilitation cost in Lejre?",
    "my mother fell, can she get training",
    "Can I get rehabilitation? I had a stroke last year",
    "I live in Nyborg",
    "I want to talk to a real person",
    "is transport included",
    "thank you",
])
def test_english(text):
    assert looks_english(text)


@pytest.mark.parametrize("text", [
    "hej", "ok", "tak", "ok tak", "hi", "yes", "",
    "kan jeg faa genoptraening i Lejre",
    "min mor er faldet, kan hun få træning?",
    "hej, jeg går til fitness og training på mit job, er det ok?",
    "jeg vil gerne have hjælp til min app",
    "for min far i Aarhus",
])
def test_danish(text):
    assert not looks_english(text)


# --- Relatives ------------------------------------------------------------------------------


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
])
def test_relatives(text, noun, pronoun, obj):
    assert find_relative(text) == Relative(noun, pronoun, obj)


@pytest.mark.parametrize("text", [
    "naboen er faldet", "en ven", "min læge", "min veninde", "hendes mand er syg",
    "naboens søn", "en mand på 80", "manden fra kommunen", "hvad får jeg", "hun får ondt",
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


# --- Never raises ---------------------------------------------------------------------------

_ANY_TEXT = st.text() | st.text(alphabet="æøåÆØÅ aeoikn.,!?-0123456789\n", max_size=300)


@settings(deadline=None, max_examples=300)
@given(_ANY_TEXT)
def test_readers_never_raise(text):
    assert isinstance(is_emergency(text), bool)
    assert isinstance(looks_english(text), bool)
    relative = find_relative(text)
    assert relative is None or relative.your.startswith("din")


@pytest.mark.parametrize("value", [None, 42, b"010203-1234", ["min mor"], "x" * 50_000])
def test_readers_accept_anything(value):
    assert is_emergency(value) is False
    assert looks_english(value) is False
    assert find_relative(value) is None


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
    # Told of a relative who cannot drive the writer: the writer's own training.
    "Jeg har aldrig haft kørekort, og min søn bor i Aalborg, så han kan ikke køre mig.",
])
def test_a_relative_who_acts_for_the_writer_is_not_the_one_asked_about(text):
    assert find_relative(text) is None


def test_all_signals_are_read_once_and_survive_nlu_s_output():
    from genoptraening.core.signals import Signals, read_signals

    read = read_signals("Min far er faldet og bløder. Han har sagt ja til, at jeg skriver.")
    assert read.emergency and read.consent and not read.english
    assert read.relative is not None and read.relative.pronoun == "han"
    assert Signals.from_dict(read.as_dict()) == read
    assert read_signals(None) == Signals() == read_signals("")
    for bad in (None, [], {"emergency": "ja", "english": False, "consent": False},
                {"emergency": False, "english": False, "consent": False, "relative": 3}):
        assert Signals.from_dict(bad) is None


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
    from genoptraening.core.signals import kept_words, relative_named

    told = find_relative("Jeg hjælper min gamle nabo Erik, han er 87 og bor alene i Stouby.")
    assert told is not None and kept_words(told) == "nabo han"
    assert relative_named(kept_words(told)) == told  # the next turn says "han", not "de"
    mother = find_relative("min mor er 80")
    assert mother is not None and kept_words(mother) == "mor"


def test_a_relative_the_writer_lives_with_is_asked_about_when_spoken_of_again():
    assert find_relative("Jeg bor sammen med min mor, hun er faldet.").noun == "mor"
    assert find_relative("min datter siger, at hun ikke kan gå").noun == "datter"

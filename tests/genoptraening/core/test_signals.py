import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genoptraening.core.signals import (
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

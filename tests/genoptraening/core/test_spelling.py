"""The typo corrector: the assistant's own words corrected, everything else left as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from genoptraening.core.spelling import Speller, closest, knowledge_texts

VOCABULARY = [
    "hvordan klager jeg over afgørelsen", "hvad koster kørsel til træning",
    "kan jeg få genoptræning", "vederlagsfri fysioterapi", "vederlagsfri vederlagsfri",
    "klage klage klage",
    "hvem kan få træning i Hjørring Kommune", "genoptræningsplan fra sygehuset",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller.from_texts(VOCABULARY)


@pytest.mark.parametrize(("written", "read"), [
    ("hvordan klagr jeg i rebild", "hvordan klage jeg i rebild"),
    ("hvad koster trænig i hjørring", "hvad koster træning i hjørring"),
    ("hvad kåster det i lejre", "hvad koster det i lejre"),
    ("hvordn søger jeg vedlagsfri fysioterapi", "hvordan søger jeg vederlagsfri fysioterapi"),
    ("kan jeg faa genoptraening", "kan jeg få genoptræning"),
    ("Hvordn klager jeg?", "Hvordan klager jeg?"),
    ("Tak. Trænig i Lejre?", "Tak. Træning i Lejre?"),
])
def test_typos_in_its_own_words_are_corrected(speller, written, read):
    assert speller.correct(written) == read


@pytest.mark.parametrize("text", [
    "min far kaster op",                         # a Danish word as written is never changed
    "min CPR er [CPR]",                          # the mask, in capitals
    "Jeg bor i Trænig hos Kirsten",              # a capitalised word inside a sentence is a name
    "ring på 12345678 eller 2klagr",             # numbers, and letters that touch a digit
    "jeg har ondt i ryggen og er træt",          # ordinary Danish words
    "kan jeg få det",                            # words under four letters
    "min svigerdatter har knæoperationen bag sig",  # nothing near enough in the vocabulary
])
def test_everything_else_is_left_as_written(speller, text):
    assert speller.correct(text) == text
    assert speller.corrections(text) == []


def test_corrections_lists_each_change_in_order(speller):
    assert speller.corrections("hvordn klagr jeg") == [("hvordn", "hvordan"), ("klagr", "klage")]


def test_the_most_used_of_equally_near_words_wins(speller):
    # "klagr" is one typo from both "klage" (3 uses) and "klager" (2 uses).
    assert speller.suggest("klagr") == "klage"


def test_two_typos_only_in_long_words(speller):
    assert speller.suggest("vedrlagsfi") == "vederlagsfri"
    assert speller.suggest("kstr") is None  # 4 letters: one typo at most, and none is near


@pytest.mark.parametrize("bad", [None, 3, b"bytes"])
def test_anything_but_text_reads_as_empty(speller, bad):
    assert speller.correct(bad) == ""  # type: ignore[arg-type]


def test_closest_returns_all_equally_near_in_choice_order():
    assert closest("klagr", ["klager", "klage", "kaste"], 1) == ["klager", "klage"]
    assert closest("xyz", ["klage"], 1) == []


def test_knowledge_texts_reads_every_string_and_skips_broken_files(tmp_path: Path):
    (tmp_path / "a.yml").write_text("topics:\n  cost:\n    answer: Kørsel er gratis\n"
                                    "    list: [Egenbetaling]\n", encoding="utf-8")
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "b.md").write_text("# Klageadgang\n", encoding="utf-8")
    (tmp_path / "broken.yml").write_text("a: [unclosed\n", encoding="utf-8")
    (tmp_path / "bytes.yml").write_bytes(b"\xff\xfe")
    assert sorted(knowledge_texts(tmp_path)) == ["# Klageadgang\n", "Egenbetaling",
                                                 "Kørsel er gratis"]


def test_a_word_met_once_in_the_examples_is_not_trusted():
    # The training data holds deliberate typos; one of them must not become a spelling.
    speller = Speller.from_texts(["hvad kostr det", "hvad koster det", "koster", "koster"])
    assert speller.suggest("kostr") == "koster"
    assert speller.correct("hvad kostr det") == "hvad koster det"


def test_editors_words_are_trusted_from_one_use():
    speller = Speller.from_texts([], trusted=["Befordringsgodtgørelse"])
    assert speller.suggest("befordringsgodtgorelse") == "befordringsgodtgørelse"
    assert speller.suggest("befordringsgodtgørelsse") == "befordringsgodtgørelse"


def test_ae_oe_aa_are_read_as_the_danish_letters_when_that_gives_a_known_word(speller):
    # "foer" folds like "for", but written with ø it is "før".
    assert speller.correct("hvor lang tid går der foer jeg kan starte") == \
        "hvor lang tid går der før jeg kan starte"
    assert speller.correct("poeten") == "poeten"


def test_a_nearer_word_with_another_first_letter_is_another_word():
    speller = Speller.from_texts(["kortere kortere kortere"])
    assert speller.suggest("sorteres") is None
    assert speller.suggest("kortrere") == "kortere"


def test_the_vocabulary_survives_saving_and_bad_data_is_refused():
    speller = Speller({"klage": 5, "koster": 3})
    assert Speller.from_bytes(speller.to_bytes()).counts == speller.counts
    with pytest.raises(ValueError):
        Speller.from_bytes(b"[1, 2]")


def test_old_spellings_of_far_more_used_words_get_their_danish_letters():
    speller = Speller.from_texts(["hvad koster træning"] * 3)
    assert speller.correct("hun er saa daarlig paa benene, kan hun faa traening") == (
        "hun er så dårlig på benene, kan hun få træning")
    assert speller.correct("Jae det er ok") == "Jae det er ok"


def test_a_very_common_short_word_missing_its_last_letter_is_restored():
    speller = Speller.from_texts(["hvad koster træning"] * 3)
    assert speller.correct("har ikk været på sygehus og ska ogs søge") == (
        "har ikke været på sygehus og skal også søge")
    # Other short words stay as written, words one letter from a rarer word too.
    assert speller.correct("min mor har det ok, hun kan gå") == "min mor har det ok, hun kan gå"

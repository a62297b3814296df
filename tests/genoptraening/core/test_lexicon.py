"""Danish words from spaCy's data, read without importing spaCy."""

import sys

from genoptraening.core.lexicon import danish_words, lemma, stop_words


def test_lemmas_are_folded_and_inflections_found():
    assert lemma("korslen") == "korsel"
    assert lemma("ergoterapeuter") == "ergoterapeut"
    assert lemma("hjalpemidler") == "hjalpemiddel"
    assert lemma("xyzzy") == "xyzzy"


def test_ordinary_words_are_known_and_made_up_ones_are_not():
    words = danish_words()
    assert "skrive" in words
    assert "qwrtz" not in words


def test_stop_words_are_spacys_list_folded():
    stops = stop_words()
    assert {"hvad", "jeg", "og", "pa"} <= stops  # "på" folded
    assert "traening" not in stops


def test_spacy_itself_is_not_imported():
    stop_words()
    assert "spacy" not in sys.modules or "spacy.lang.da" not in sys.modules

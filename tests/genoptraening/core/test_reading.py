import subprocess
import sys

import pytest

from genoptraening.core.reading import raw_sentences, sentences


@pytest.mark.parametrize("first", ["genoptraening.core.signals", "genoptraening.core.situation",
                                   "genoptraening.core.reading"])
def test_typo_correction_does_not_depend_on_which_reader_was_imported_first(first):
    # A fresh interpreter: only one module imported before the first message is read.
    code = (f"import {first}\n"
            "from genoptraening.core.reading import sentences\n"
            "print(sentences('min mor er bevidslos og svigermoar ringer efter en ambulanse'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "bevidstlos" in out and "svigermor" in out and "ambulance" in out


def test_clauses_are_cut_at_commas_and_men():
    assert sentences("Hun faldt, men hun er ikke indlagt. Hvad nu?") == (
        ("hun faldt", "hun er ikke indlagt"), ("hvad nu",))


def test_anything_but_a_string_reads_as_empty():
    assert sentences(None) == () and sentences(42) == ()


def test_raw_sentences_keep_the_marks_that_end_them():
    assert raw_sentences("Min mor er faldet.  Kan hun få træning?! og hvad koster det") == [
        "Min mor er faldet.", "Kan hun få træning?!", "og hvad koster det"]
    assert raw_sentences("") == [] and raw_sentences(" \n ") == []


def test_the_word_lists_load_before_the_first_message():
    from genoptraening.core.reading import canon, warm_up

    warm_up()
    assert canon.cache_info().currsize >= 1

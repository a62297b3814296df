"""The learned fact reader: its features, its training data, training, reading, saving."""

import pytest

from genoptraening.core.fact_reader import (
    FACTS,
    Example,
    FactReader,
    load_examples,
    split,
)
from genoptraening.settings import get_settings

_TINY = [
    Example("hun var indlagt i en uge", {"hospital_stay": True}),
    Example("han lå på sygehuset i fem dage", {"hospital_stay": True}),
    Example("hun var ikke indlagt", {"hospital_stay": False}),
    Example("han har aldrig været på sygehuset", {"hospital_stay": False}),
    Example("hvad koster det", {}),
    Example("hvordan klager jeg", {}),
    Example("hun fik en genoptræningsplan", {"has_plan": True}),
    Example("hun faldt i haven", {"new_loss": True}),
    Example("han har parkinson", {"lasting": True}),
    Example("hun kan selv træne", {"can_train_alone": True}),
    Example("han får vederlagsfri fysioterapi", {"vederlagsfri": True}),
]


def test_messages_are_read_by_sentences_and_their_clauses():
    assert split("Hun faldt. Var hun indlagt? nej\nok") == [
        "Hun faldt.", "Var hun indlagt?", "nej", "ok"]
    assert split("") == []
    # A sentence of clauses is read whole and clause by clause.
    assert split("Jeg er faldet, men var ikke indlagt. Kan jeg få træning?") == [
        "Jeg er faldet, men var ikke indlagt.", "Jeg er faldet", "var ikke indlagt.",
        "Kan jeg få træning?"]


def test_a_fact_said_in_one_sentence_beats_one_denied_in_another():
    reader = FactReader.train(_TINY)
    said = reader.read("Hun var ikke indlagt første gang. Nu var hun indlagt i en uge.")
    assert said["hospital_stay"] is True
    assert reader.read("hun var ikke indlagt")["hospital_stay"] is False
    assert reader.read("hvad koster det") == dict.fromkeys(FACTS)


@pytest.mark.parametrize("value", [None, 42, b"hun var indlagt", ["x"]])
def test_anything_but_text_says_nothing(value):
    assert FactReader.train(_TINY).read(value) == dict.fromkeys(FACTS)


def test_a_saved_reader_reads_the_same():
    reader = FactReader.train(_TINY)
    again = FactReader.from_bytes(reader.to_bytes())
    text = "min mor faldt og var indlagt. hun har parkinson"
    assert again.read(text) == reader.read(text)


def test_training_needs_every_fact_said_somewhere():
    with pytest.raises(ValueError, match="Ingen mærkede"):
        FactReader.train([])
    with pytest.raises(ValueError, match="vederlagsfri"):
        FactReader.train(_TINY[:-1])


@pytest.mark.parametrize("row", [
    '{text: "x", facts: {indlagt: true}}',
    '{text: "x", facts: {hospital_stay: "ja"}}',
    '{facts: {}}',
])
def test_a_wrong_label_is_named_with_its_file_and_sentence(tmp_path, row):
    (tmp_path / "bad.yml").write_text(f"sentences:\n  - {{text: ok, facts: {{}}}}\n  - {row}\n",
                                      encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yml, sætning 2"):
        load_examples(tmp_path)


def test_the_assistants_sentences_label_every_fact_both_ways():
    examples = load_examples(get_settings().training_data_dir / "facts")
    assert len(examples) > 1000
    for fact in FACTS:
        values = [e.facts.get(fact) for e in examples]
        assert values.count(True) >= 20 and values.count(False) >= 15, fact
    assert sum(not e.facts for e in examples) > len(examples) / 5  # plenty that say nothing


@pytest.mark.parametrize("content", ["sentences: [", "- a list", "sentences:\n  - just text\n",
                                     "sentences:\n  - {text: x, facts: [1]}\n"])
def test_a_broken_file_is_named_not_a_traceback(tmp_path, content):
    (tmp_path / "broken.yml").write_text(content, encoding="utf-8")
    if content == "- a list":
        assert load_examples(tmp_path) == []  # no sentences: nothing to learn, nothing wrong
        return
    with pytest.raises(ValueError, match="broken.yml"):
        load_examples(tmp_path)

"""The NLU training examples read as data."""

from pathlib import Path

from genoptraening.core.knowledge.examples import intent_examples

NLU = Path(__file__).parents[4] / "data" / "nlu"


def test_each_intent_has_its_examples_with_annotations_removed(tmp_path):
    (tmp_path / "a.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: ask_cost\n  examples: |\n    - hvad koster det\n'
        '    - hvad koster det i [Lejre](municipality)\n'
        '    - min [mor]{"entity": "relative"} spørger\n'
        '- lookup: municipality\n  examples: |\n    - Lejre\n', encoding="utf-8")
    assert intent_examples(tmp_path) == {
        "ask_cost": ("hvad koster det", "hvad koster det i Lejre", "min mor spørger")}


def test_a_broken_or_missing_folder_gives_nothing(tmp_path):
    assert intent_examples(tmp_path / "none") == {}
    (tmp_path / "bad.yml").write_text("nlu: [", encoding="utf-8")
    assert intent_examples(tmp_path) == {}


def test_the_shipped_training_data_has_examples_for_every_topic_intent():
    from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT

    examples = intent_examples(NLU)
    assert all(len(examples.get(intent, ())) >= 10 for intent in TOPIC_OF_INTENT)

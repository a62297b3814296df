"""The intent reader as the NLU pipeline's intent classifier: intents, ranking and questions."""

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from genoptraening.rasa_ext.intents import QUESTIONS, IntentClassifier

_EXAMPLES = {
    "ask_cost": ["hvad koster det", "er det gratis", "skal jeg betale", "hvad er prisen"],
    "ask_transport": ["hvordan kommer jeg derhen", "kan jeg blive kørt", "får jeg kørsel",
                      "hvem betaler taxaen"],
    "greet": ["hej", "goddag", "godmorgen", "hejsa"],
}


def _classifier(tmp_path):  # noqa: ANN001, ANN202
    (tmp_path / "model").mkdir()
    storage = LocalModelStorage(tmp_path / "model")
    resource = Resource("intents")
    context = ExecutionContext(GraphSchema({}), "test")
    return storage, resource, context, IntentClassifier.create({}, storage, resource, context)


def test_trained_on_the_nlu_examples_and_sets_intent_ranking_and_questions(tmp_path):
    storage, resource, context, classifier = _classifier(tmp_path)
    data = TrainingData([Message({TEXT: text, INTENT: intent})
                         for intent, texts in _EXAMPLES.items() for text in texts])
    classifier.train(data)
    assert classifier.process_training_data(data) is data

    loaded = IntentClassifier.load({"ranking_length": 2}, storage, resource, context)
    two, one, button = loaded.process([
        Message({TEXT: "Hvad koster det, og kan jeg blive kørt derhen?"}),
        Message({TEXT: "hvad koster det?"}), Message({TEXT: "/greet"})])
    output = two.as_dict(only_output_properties=True)
    assert output[INTENT]["name"] in _EXAMPLES
    assert len(output[INTENT_RANKING_KEY]) == 2
    assert [(q["text"], q["intent"]) for q in output[QUESTIONS]] == [
        ("Hvad koster det", "ask_cost"), ("kan jeg blive kørt derhen?", "ask_transport")]
    assert one.get(INTENT)["name"] == "ask_cost" and one.get(QUESTIONS) is None
    assert button.get(QUESTIONS) is None


def test_its_code_is_part_of_the_fingerprint(monkeypatch):
    before = IntentClassifier.fingerprint_addon({})
    assert before == IntentClassifier.fingerprint_addon({})
    # Another version of the reader's code (here: a module fewer) retrains it.
    monkeypatch.setattr(IntentClassifier, "CODE", IntentClassifier.CODE[:-1])
    assert IntentClassifier.fingerprint_addon({}) != before


def test_a_model_without_the_reader_adds_nothing(tmp_path):
    storage, resource, context, _ = _classifier(tmp_path)
    loaded = IntentClassifier.load({}, storage, resource, context)
    (message,) = loaded.process([Message({TEXT: "hvad koster det"})])
    assert message.get(INTENT) is None

"""The fact reader as an NLU component: trained from its own sentences, read into each message."""

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from genoptraening.rasa_ext.facts import SITUATION, FactExtractor

_SENTENCES = """\
version: 1
sentences:
  - {text: "hun var indlagt i en uge", facts: {hospital_stay: true}}
  - {text: "han lå på sygehuset", facts: {hospital_stay: true}}
  - {text: "hun var ikke indlagt", facts: {hospital_stay: false}}
  - {text: "han har aldrig været på sygehuset", facts: {hospital_stay: false}}
  - {text: "hvad koster det", facts: {}}
  - {text: "hun fik en genoptræningsplan", facts: {has_plan: true}}
  - {text: "hun faldt i haven", facts: {new_loss: true}}
  - {text: "han har parkinson", facts: {lasting: true}}
  - {text: "hun kan selv træne", facts: {can_train_alone: true}}
  - {text: "han får vederlagsfri fysioterapi", facts: {vederlagsfri: true}}
"""


def _extractor(tmp_path, folder):  # noqa: ANN001, ANN202
    storage = LocalModelStorage(tmp_path / "model")
    resource = Resource("facts")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {"data": str(folder)}
    return storage, resource, context, FactExtractor.create(config, storage, resource, context)


def test_trained_with_the_assistant_and_read_into_each_message(tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "a.yml").write_text(_SENTENCES, encoding="utf-8")
    (tmp_path / "model").mkdir()
    storage, resource, context, extractor = _extractor(tmp_path, folder)
    data = TrainingData([Message({TEXT: "hej", "intent": "greet"})])
    extractor.train(data)
    assert extractor.process_training_data(data) is data

    loaded = FactExtractor.load({"data": str(folder)}, storage, resource, context)
    story, button = loaded.process([Message({TEXT: "Hun var indlagt i en uge. Hun er 84 år."}),
                                    Message({TEXT: "/affirm"})])
    situation = story.as_dict(only_output_properties=True)[SITUATION]
    assert situation["hospital_stay"] is True and situation["age"] == 84
    assert set(situation) >= {"has_plan", "new_loss", "lasting", "can_train_alone",
                              "vederlagsfri"}
    assert button.get(SITUATION) is None


def test_an_edit_of_the_sentences_changes_the_fingerprint(tmp_path):
    (tmp_path / "a.yml").write_text(_SENTENCES, encoding="utf-8")
    config = {"data": str(tmp_path)}
    before = FactExtractor.fingerprint_addon(config)
    assert before == FactExtractor.fingerprint_addon(config)
    (tmp_path / "a.yml").write_text(_SENTENCES + "  - {text: ja, facts: {}}\n", encoding="utf-8")
    assert FactExtractor.fingerprint_addon(config) != before


def test_a_model_without_the_reader_adds_nothing(tmp_path):
    (tmp_path / "model").mkdir()
    storage, resource, context, _ = _extractor(tmp_path, tmp_path)
    loaded = FactExtractor.load({}, storage, resource, context)
    (message,) = loaded.process([Message({TEXT: "hun var indlagt"})])
    assert message.get(SITUATION) is None

"""The signal reader as an NLU component: each message carries its signals."""

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from genoptraening.rasa_ext.signals import SIGNALS, SignalReader


def test_each_message_carries_its_signals_and_a_button_none(tmp_path):
    reader = SignalReader.create({}, LocalModelStorage(tmp_path), Resource("signals"),
                                 ExecutionContext(GraphSchema({}), "test"))
    story, english, button = reader.process([
        Message({TEXT: "Min mor har sagt ja til, at jeg spørger. Hvad koster det?"}),
        Message({TEXT: "how much does the training cost for my mother?"}),
        Message({TEXT: "/affirm"})])
    assert story.as_dict(only_output_properties=True)[SIGNALS] == {
        "emergency": False, "english": False, "relative": "mor", "consent": True,
        "emergency_unsure": False}
    assert english.get(SIGNALS)["english"] is True
    assert button.get(SIGNALS) is None

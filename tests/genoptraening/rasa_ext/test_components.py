"""Our Rasa components: the Danish spaCy loader (CPR mask as blanks) and the typo corrector."""

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from genoptraening.rasa_ext.components import DanishSpacyNLP, SpellingCorrector
from genoptraening.rasa_ext.spacy_da import load_danish
from genoptraening.settings import get_settings


def test_masked_cpr_gives_no_tokens_and_keeps_offsets():
    language, name = load_danish(None)
    model = SpacyModel(model=language, model_name=name)
    component = DanishSpacyNLP(model, {"case_sensitive": False})
    text = "mit cpr er [CPR], hvad koster det i Lejre?"
    (message,) = component.process([Message({TEXT: text})], model)
    tokens = SpacyTokenizer(SpacyTokenizer.get_default_config()).tokenize(message, TEXT)
    words = [t.text for t in tokens]
    assert "[" not in words and "]" not in words and words.count("cpr") == 1
    assert all(text[t.start:t.end].lower() == t.text for t in tokens)
    assert message.get(TEXT) == text  # the dialogue still sees the mask


def test_text_without_a_mask_is_only_lower_cased():
    component = DanishSpacyNLP(None, {"case_sensitive": False})  # type: ignore[arg-type]
    assert component._preprocess_text("Hvad koster det i Lejre?") == "hvad koster det i lejre?"
    assert component._preprocess_text(None) == ""
    assert component._preprocess_text("[CPR]") == "     "


# --- SpellingCorrector ---------------------------------------------------------------------


def _corrector(tmp_path, knowledge=False):  # noqa: ANN001, ANN202
    storage = LocalModelStorage(tmp_path)
    resource = Resource("spelling")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {"knowledge": knowledge}
    return storage, resource, context, SpellingCorrector.create(config, storage, resource, context)


def test_corrector_learns_its_words_at_training_and_keeps_the_examples(tmp_path):
    storage, resource, context, corrector = _corrector(tmp_path)
    examples = [Message({TEXT: "hvordan klager jeg", INTENT: "complain"}),
                Message({TEXT: "hvad koster kørsel", INTENT: "ask_cost"})]
    data = TrainingData(examples, lookup_tables=[{"name": "municipality",
                                                  "elements": ["Hjørring"]}])
    corrector.train(data)
    assert corrector.process_training_data(data).training_examples[0].get(TEXT) == \
        "hvordan klager jeg"

    loaded = SpellingCorrector.load({}, storage, resource, context)
    (message,) = loaded.process([Message({TEXT: "hvordn klagr jeg i hjøring"})])
    assert message.get(TEXT) == "hvordan klager jeg i hjørring"
    assert message.as_dict(only_output_properties=True)["spelling"] == [
        {"written": "hvordn", "read": "hvordan"}, {"written": "klagr", "read": "klager"},
        {"written": "hjøring", "read": "hjørring"}]


def test_corrector_learns_the_knowledge_files_when_asked(tmp_path, monkeypatch):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "x.yml").write_text("answer: Befordring efter reglerne\n", encoding="utf-8")
    monkeypatch.setenv("GENOPTRAENING_KNOWLEDGE_DIR", str(knowledge))
    get_settings.cache_clear()
    try:
        (tmp_path / "model").mkdir()
        _, _, _, corrector = _corrector(tmp_path / "model", knowledge=True)
        corrector.train(TrainingData([Message({TEXT: "hej", INTENT: "greet"})]))
    finally:
        get_settings.cache_clear()
    (message,) = corrector.process([Message({TEXT: "hvad med befodring"})])
    assert message.get(TEXT) == "hvad med befordring"


def test_corrector_keeps_the_registers_towns_as_written(tmp_path):
    _, _, _, corrector = _corrector(tmp_path)
    corrector.train(TrainingData([Message({TEXT: "min mor har brug for træning",
                                           INTENT: "check_eligibility"})]))
    # "gevninge" is a town in Lejre, not a typo of "genvinde".
    (message,) = corrector.process([Message({TEXT: "min mor i gevninge har brug for traening"})])
    assert message.get(TEXT) == "min mor i gevninge har brug for træning"


def test_corrector_without_a_vocabulary_changes_nothing(tmp_path):
    storage, resource, context, corrector = _corrector(tmp_path)
    (message,) = corrector.process([Message({TEXT: "hvordn klagr jeg"})])
    assert message.get(TEXT) == "hvordn klagr jeg"
    # A model saved without the file (or with a broken one) loads and corrects nothing.
    loaded = SpellingCorrector.load({}, storage, resource, context)
    message, empty = loaded.process([Message({TEXT: "hvordn klagr jeg"}), Message({TEXT: ""})])
    assert message.get(TEXT) == "hvordn klagr jeg"
    assert "spelling" not in message.as_dict(only_output_properties=True)
    assert empty.get(TEXT) == ""

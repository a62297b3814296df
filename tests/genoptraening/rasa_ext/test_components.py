"""The Danish spaCy component reads a masked CPR number as blanks."""

from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from genoptraening.rasa_ext.components import DanishSpacyNLP
from genoptraening.rasa_ext.spacy_da import load_danish


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

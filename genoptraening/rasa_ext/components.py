"""Rasa components for Danish (referenced by their module path in ``bot/config.yml``)."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from genoptraening.core.privacy import CPR_MASK
from genoptraening.core.register import get_register, place_names
from genoptraening.core.spelling import Speller, knowledge_texts
from genoptraening.rasa_ext.learned import LearnedComponent
from genoptraening.rasa_ext.spacy_da import PREFERRED_MODEL, load_danish
from genoptraening.settings import get_settings

# Importing this module changes nothing in Rasa: the patches (speed-ups, action timeout) are
# installed by the launcher, genoptraening.rasa_ext.launch, before Rasa starts.


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="DanishSpacyNLP",
)
class DanishSpacyNLP(SpacyNLP):
    """Rasa's ``SpacyNLP`` with Danish model resolution (see ``genoptraening.rasa_ext.spacy_da``).

    ``model`` names the preferred spaCy model; when it is not installed the local Danish
    lookup pipeline is used. ``SpacyTokenizer`` accepts this component as its ``SpacyNLP``.

    The mask of a CPR number ("[CPR]", put there by the REST channel) is read as blanks of the
    same length: it gives no tokens, so it neither sways the intent (the word "cpr" leans
    towards ``ask_privacy``) nor moves the offsets of the other tokens and entities. The
    message text itself keeps the mask, and the dialogue warns about it.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the default config: prefer ``da_core_news_sm``, case-insensitive."""
        return {"case_sensitive": False, "model": PREFERRED_MODEL}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DanishSpacyNLP:
        """Load the Danish pipeline and wrap it for Rasa."""
        merged = {**cls.get_default_config(), **config}
        language, name = load_danish(merged.get("model"))
        model = SpacyModel(model=language, model_name=name)
        cls.ensure_proper_language_model(model.model)
        return cls(model, merged)

    def _preprocess_text(self, text: str | None) -> str:
        """Blank out masked CPR numbers, then lower-case as ``SpacyNLP`` does."""
        if text:
            text = text.replace(CPR_MASK, " " * len(CPR_MASK))
        return super()._preprocess_text(text)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=True,
)
class SpellingCorrector(LearnedComponent[Speller]):
    """Corrects typos in the assistant's own words before anything else reads the message.

    Placed first in the pipeline. Its vocabulary is learnt at training: the words of the
    training examples and lookup tables and, with ``knowledge: true``, of the knowledge files
    (``genoptraening.core.spelling`` says what is corrected and what never is). The message's
    ``text`` becomes the corrected text, so the tracker's ``parse_data``, ``rasa test`` and the
    actions all see what was understood; the event keeps the text as written, and
    ``spelling`` lists the corrections. Training examples are never changed.
    """

    MODEL_FILE = "vocabulary.json"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the default config: learn the knowledge files' words too."""
        return {"knowledge": True}

    @classmethod
    def reader_from_bytes(cls, data: bytes) -> Speller:
        """Load the vocabulary saved at training, and the Danish word list with it."""
        Speller.warm_up()
        return Speller.from_bytes(data)

    def train_reader(self, training_data: TrainingData) -> Speller:
        """Count the words of the training data (and the knowledge files)."""
        examples = [str(m.get(TEXT) or "") for m in training_data.training_examples]
        trusted = [str(e) for table in training_data.lookup_tables
                   for e in table.get("elements", [])]
        if self._config.get("knowledge"):
            trusted += knowledge_texts(get_settings().knowledge_dir)
        # Towns are names too: "min mor i gevninge" must not become "genvinde".
        trusted += place_names(get_register())
        return Speller.from_texts(examples, trusted)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave the training examples as written."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Correct each message's text; list what was corrected under ``spelling``."""
        if self._reader is None:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                continue
            corrected, changes = self._reader.rewrite(text)
            if changes:
                message.set(TEXT, corrected)
                message.set("spelling", [{"written": a, "read": b} for a, b in changes],
                            add_to_output=True)
        return messages

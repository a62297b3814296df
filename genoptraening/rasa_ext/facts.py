"""The story's facts as an NLU component: read once, where Rasa reads the message.

``bot/config.yml`` names :class:`FactExtractor` after the intent classifier. It trains the
learned fact reader (:mod:`genoptraening.core.fact_reader`) with the assistant, from the
labelled sentences in ``data/facts``, and keeps it in the model. Each message then carries
``situation``: the facts it states (True, False or None each, and the age), so that the
tracker's ``parse_data``, ``rasa test`` and the staff tools see what was understood and the
dialogue reads them from there instead of reading the text again.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from genoptraening.core import fact_reader, features
from genoptraening.core.fact_reader import FactReader, train_from
from genoptraening.core.situation import read_situation
from genoptraening.rasa_ext.learned import LearnedComponent
from genoptraening.settings import get_settings

#: The key of the parse data the facts are found under.
SITUATION = "situation"


def _folder(config: dict[str, Any]) -> Path:
    configured = config.get("data")
    settings = get_settings()
    return settings.home / configured if configured else settings.training_data_dir / "facts"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True,
)
class FactExtractor(LearnedComponent[FactReader]):
    """Reads the facts of a story with classifiers trained from labelled sentences.

    Config: ``data``, the folder of labelled sentences relative to the assistant's home
    (default: ``facts`` in the training data), read at training; the NLU examples are not used.
    """

    MODEL_FILE = "facts.pickle"
    CODE = (fact_reader, features)

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the default config: the labelled sentences of the assistant's home."""
        return {"data": None}

    @classmethod
    def reader_from_bytes(cls, data: bytes) -> FactReader:
        """Load the fact reader."""
        return FactReader.from_bytes(data)

    @classmethod
    def own_data(cls, config: dict[str, Any]) -> list[tuple[str, bytes]]:
        """Return the labelled sentences: an edit there retrains the reader."""
        return [(path.name, path.read_bytes()) for path in sorted(_folder(config).glob("*.yml"))]

    def train_reader(self, training_data: TrainingData) -> FactReader:
        """Train the reader on the labelled sentences (the NLU examples are not used)."""
        return train_from([_folder(self._config)])

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the facts each message states under ``situation``."""
        if self._reader is None:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text and not text.startswith("/"):
                situation = read_situation(text, self._reader)
                message.set(SITUATION, asdict(situation), add_to_output=True)
        return messages

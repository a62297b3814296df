"""The story's facts as an NLU component: read once, where Rasa reads the message.

``bot/config.yml`` names :class:`FactExtractor` after the intent classifier. It trains the
learned fact reader (:mod:`genoptraening.core.fact_reader`) with the assistant, from the
labelled sentences in ``data/facts``, and keeps it in the model. Each message then carries
``situation``: the facts it states (True, False or None each, and the age), so that the
tracker's ``parse_data``, ``rasa test`` and the staff tools see what was understood and the
dialogue reads them from there instead of reading the text again.
"""

from __future__ import annotations

import hashlib
import inspect
import pickle
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from genoptraening.core import fact_reader
from genoptraening.core.fact_reader import FactReader, train_from
from genoptraening.core.situation import read_situation
from genoptraening.settings import get_settings

_MODEL = "facts.pickle"
#: The key of the parse data the facts are found under.
SITUATION = "situation"


def _folder(config: dict[str, Any]) -> Path:
    configured = config.get("data")
    settings = get_settings()
    return settings.home / configured if configured else settings.training_data_dir / "facts"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True,
)
class FactExtractor(GraphComponent):
    """Reads the facts of a story with classifiers trained from labelled sentences.

    Config: ``data``, the folder of labelled sentences relative to the assistant's home
    (default: ``facts`` in the training data), read at training; the NLU examples are not used.
    """

    def __init__(self, config: dict[str, Any], reader: FactReader | None,
                 model_storage: ModelStorage, resource: Resource) -> None:
        """Keep the config and the reader (None until trained)."""
        self._config = config
        self._reader = reader
        self._storage = model_storage
        self._resource = resource

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the default config: the labelled sentences of the assistant's home."""
        return {"data": None}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> FactExtractor:
        """Create an untrained extractor."""
        return cls({**cls.get_default_config(), **config}, None, model_storage, resource)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> FactExtractor:
        """Load the reader trained with the model; without one, add nothing to messages."""
        try:
            with model_storage.read_from(resource) as folder:
                reader: FactReader | None = FactReader.from_bytes((folder / _MODEL).read_bytes())
        except (ValueError, OSError, pickle.UnpicklingError, AttributeError, ImportError):
            reader = None  # a model trained without this component, or by another version
        return cls({**cls.get_default_config(), **config}, reader, model_storage, resource)

    @staticmethod
    def required_packages() -> list[str]:
        """Name scikit-learn, so that its version is part of the model's fingerprint."""
        return ["sklearn"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Fingerprint the sentences and the reader's code: a change in either retrains it."""
        digest = hashlib.sha256(inspect.getsource(fact_reader).encode())
        for path in sorted(_folder(config).glob("*.yml")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def train(self, training_data: TrainingData) -> Resource:
        """Train the reader on the labelled sentences and keep it in the model."""
        self._reader = train_from([_folder(self._config)])
        with self._storage.write_to(self._resource) as folder:
            (folder / _MODEL).write_bytes(self._reader.to_bytes())
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave the NLU training examples alone: the facts are learnt from their own data."""
        return training_data

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

"""What the assistant's own learned NLU components share: training, saving and loading a reader.

A reader (:mod:`genoptraening.core.fact_reader`, :mod:`genoptraening.core.intent_reader`) is a
domain object that trains from examples and serialises to bytes. Its component keeps it in the
Rasa model, retrains it when its data or its code changes (the fingerprint), and without a
trained reader (a model trained without the component) adds nothing to messages.
"""

from __future__ import annotations

import hashlib
import inspect
import pickle
from types import ModuleType
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.training_data import TrainingData


class Reader(Protocol):
    """A trained reader that can be kept in a model."""

    def to_bytes(self) -> bytes:
        """Serialise the reader."""


R = TypeVar("R", bound=Reader)


class LearnedComponent(GraphComponent, Generic[R]):
    """Base of a component that trains a reader with the assistant and keeps it in the model.

    Subclasses name the file, the modules whose code the reader depends on, and how the
    reader is trained and loaded.
    """

    #: The reader's file in the model's storage.
    MODEL_FILE: ClassVar[str]
    #: The modules whose code shapes the trained reader: a change retrains it.
    CODE: ClassVar[tuple[ModuleType, ...]] = ()

    def __init__(self, config: dict[str, Any], reader: R | None,
                 model_storage: ModelStorage, resource: Resource) -> None:
        """Keep the config and the reader (None until trained)."""
        self._config = config
        self._reader = reader
        self._storage = model_storage
        self._resource = resource

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LearnedComponent[R]:
        """Create an untrained component."""
        return cls({**cls.get_default_config(), **config}, None, model_storage, resource)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LearnedComponent[R]:
        """Load the reader trained with the model; without one, add nothing to messages."""
        try:
            with model_storage.read_from(resource) as folder:
                reader: R | None = cls.reader_from_bytes((folder / cls.MODEL_FILE).read_bytes())
        except (ValueError, OSError, pickle.UnpicklingError, AttributeError, ImportError):
            reader = None  # a model trained without this component, or by another version
        return cls({**cls.get_default_config(), **config}, reader, model_storage, resource)

    @classmethod
    def reader_from_bytes(cls, data: bytes) -> R:
        """Load the reader from what its ``to_bytes`` wrote."""
        raise NotImplementedError

    @staticmethod
    def required_packages() -> list[str]:
        """Name scikit-learn, so that its version is part of the model's fingerprint."""
        return ["sklearn"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Fingerprint the reader's code and its own data: a change in either retrains it."""
        digest = hashlib.sha256()
        for module in cls.CODE:
            digest.update(inspect.getsource(module).encode())
        for name, data in cls.own_data(config):
            digest.update(name.encode() + b"\0" + data)
        return digest.hexdigest()

    @classmethod
    def own_data(cls, config: dict[str, Any]) -> list[tuple[str, bytes]]:
        """Return the data the reader learns from besides Rasa's training data (name, bytes)."""
        return []

    def train(self, training_data: TrainingData) -> Resource:
        """Train the reader and keep it in the model."""
        reader = self.train_reader(training_data)
        self._reader = reader
        with self._storage.write_to(self._resource) as folder:
            (folder / self.MODEL_FILE).write_bytes(reader.to_bytes())
        return self._resource

    def train_reader(self, training_data: TrainingData) -> R:
        """Train a new reader."""
        raise NotImplementedError

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave the training examples alone."""
        return training_data

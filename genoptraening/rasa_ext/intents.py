"""What a message asks, as the NLU pipeline's intent classifier: the message and each question.

``bot/config.yml`` names :class:`IntentClassifier` where DIET stood. It trains the learned
intent reader (:mod:`genoptraening.core.intent_reader`) on the NLU training examples and sets
each message's ``intent`` and ``intent_ranking`` as any Rasa intent classifier does (the
fallback classifier after it decides when it is unsure). A message of several questions, or a
story with a question, also carries ``questions``: each question's words, intent and
confidence, so that the dialogue answers every question in order and the tracker, ``rasa
test`` and the staff tools see how the message was read.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from genoptraening.core import features, intent_reader, questions
from genoptraening.core.intent_reader import IntentReader
from genoptraening.rasa_ext.learned import LearnedComponent

#: The key of the parse data the questions are found under.
QUESTIONS = "questions"
#: The key of what a story's told sentences ask for without a question (transport).
IMPLIED = "implied"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True,
)
class IntentClassifier(LearnedComponent[IntentReader]):
    """Classifies intents with the learned intent reader, and each question of a message.

    Config: ``ranking_length``, how many intents the ranking keeps (default 10).
    """

    MODEL_FILE = "intents.pickle"
    CODE = (intent_reader, features, questions)

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the default config."""
        return {"ranking_length": 10}

    @classmethod
    def reader_from_bytes(cls, data: bytes) -> IntentReader:
        """Load the intent reader."""
        return IntentReader.from_bytes(data)

    def train_reader(self, training_data: TrainingData) -> IntentReader:
        """Train the reader on the NLU examples that have an intent."""
        examples = [(str(m.get(TEXT)), str(m.get(INTENT))) for m in training_data.intent_examples
                    if m.get(TEXT)]
        return IntentReader.train(examples)

    def process(self, messages: list[Message]) -> list[Message]:
        """Set each message's intent and ranking, and its questions when it holds several."""
        if self._reader is None:
            return messages
        texts = [m.get(TEXT) if isinstance(m.get(TEXT), str) else "" for m in messages]
        length = int(self._config.get("ranking_length") or 10)
        for message, text, ranking in zip(messages, texts, self._reader.rank(texts, length),
                                          strict=True):
            ranked = [{"name": name, "confidence": confidence} for name, confidence in ranking]
            message.set(INTENT, ranked[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranked, add_to_output=True)
            if text and not text.startswith("/"):
                asked = self._reader.questions(text)
                if asked:
                    message.set(QUESTIONS, [q.as_dict() for q in asked], add_to_output=True)
                implied = self._reader.implied(text)
                if implied:
                    message.set(IMPLIED, [q.as_dict() for q in implied], add_to_output=True)
        return messages

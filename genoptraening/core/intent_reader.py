"""The learned reader of what a message asks: its intent, and the intent of each question in it.

One logistic regression over the NLU training examples (``data/nlu``), seeing a text as
:mod:`genoptraening.core.features` does. It reads the whole message, as the NLU pipeline's
intent classifier (``genoptraening.rasa_ext.intents.IntentClassifier``), and each question of
a message of several (:mod:`genoptraening.core.questions`): "Hvordan klager hun, og hvad koster
kørsel?" is ask_complaint_decision and ask_transport, so that both are answered.

Measured on the held-out NLU set (``genoptraening nlu evaluate``) it reads more messages
right than DIET did (docs/nlu-evaluation.md), trains in seconds instead of a minute and reads a
message in a few milliseconds. scikit-learn is a library, not a framework: the domain may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from genoptraening.core import features
from genoptraening.core.questions import split_questions, told_beside_a_question
from genoptraening.core.reading import MAX_CHARS

#: The inverse of the regularisation (scikit-learn's ``C``), chosen by 5-fold cross-validation
#: on the training examples alone: 0.773 at 16, 0.776 at 32, 0.778 at 64 and at 128.
STRENGTH = 64.0
#: The power the probabilities are raised to before they are normalised again. A logistic
#: regression's probabilities are calibrated (of the cross-validated readings at 0.5 or more,
#: 91 % are right); the dialogue's thresholds (the fallback's 0.3, a clear topic's 0.8) were
#: set for DIET's sharper ones. Raising to a power keeps the order and sharpens the spread.
SHARPNESS = 2.0
#: Below this share of a message's letter groups that the reader has seen in training, its
#: confidence is scaled down in proportion: a linear model gives text it has never seen
#: ("asdf", "xqzv blorp") to whichever intent its intercept favours, confidently. Measured on
#: the training vocabulary: gibberish shares 0.11-0.15, real messages with typos and unknown
#: names 0.5 ("Paris") and up.
KNOWN = 0.5
#: What a told sentence may ask for without a question ("Han har ingen bil og kan ikke tage
#: bussen": transport), and how sure the reader must be. Statements read as other topics were
#: too often the story itself ("jeg er faldet i haven" reads as an emergency).
IMPLIED_INTENTS = frozenset({"ask_transport"})
IMPLIED_SURE = 0.95


@dataclass(frozen=True)
class Question:
    """One question of a message, with the intent it asks and the reader's confidence."""

    text: str
    intent: str
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        """Return the question as NLU's output carries it."""
        return {"text": self.text, "intent": self.intent, "confidence": self.confidence}

    @classmethod
    def from_dict(cls, data: object) -> Question | None:
        """Read a question from NLU's output; anything malformed is None."""
        if not isinstance(data, dict):
            return None
        text, intent, confidence = data.get("text"), data.get("intent"), data.get("confidence")
        if not (isinstance(text, str) and isinstance(intent, str)
                and isinstance(confidence, (int, float))):
            return None
        return cls(text, intent, float(confidence))


class IntentReader(features.LearnedReader):
    """Reads intents with a classifier learnt from the NLU training examples."""

    @classmethod
    def train(cls, examples: Sequence[tuple[str, str]], strength: float = STRENGTH
              ) -> IntentReader:
        """Learn the intents from (text, intent) examples.

        Raises:
            ValueError: Fewer than two intents to tell apart.

        """
        from sklearn.linear_model import LogisticRegression

        if len({intent for _, intent in examples}) < 2:
            raise ValueError("Der skal være eksempler på mindst to intents at lære af.")
        vectorizer = features.vectorizer()
        matrix = vectorizer.fit_transform([text for text, _ in examples])
        model = LogisticRegression(C=strength, max_iter=3000, class_weight="balanced")
        model.fit(matrix, [intent for _, intent in examples])
        return cls(vectorizer, model)

    @property
    def intents(self) -> list[str]:
        """The intents the reader knows."""
        return [str(intent) for intent in self._model.classes_]

    def rank(self, texts: Sequence[str], length: int = 10) -> list[list[tuple[str, float]]]:
        """Return, per text, its ``length`` likeliest intents with their probability."""
        if not texts:
            return []
        odds = self._model.predict_proba(self._vectorizer.transform(
            [t[:MAX_CHARS] if isinstance(t, str) else "" for t in texts]))
        names = self.intents
        ranked = []
        odds = odds ** SHARPNESS
        odds /= odds.sum(axis=1, keepdims=True)
        for row, text in zip(odds, texts, strict=True):
            row *= min(1.0, self._known(text) / KNOWN)
        for row in odds:
            order = row.argsort()[::-1][:length]
            ranked.append([(names[i], float(row[i])) for i in order])
        return ranked

    @cached_property
    def _letters(self) -> tuple[Callable[[str], list[str]], dict[str, int]]:
        """The letter-group analyzer and the groups seen in training (built once)."""
        letters = dict(self._vectorizer.transformer_list)["letters"]
        return letters.build_analyzer(), letters.vocabulary_

    def _known(self, text: object) -> float:
        """Return the share of a text's letter groups seen in training (1 for no text)."""
        analyze, seen = self._letters
        groups = analyze(text[:MAX_CHARS] if isinstance(text, str) else "")
        if not groups:
            return 1.0
        return sum(group in seen for group in groups) / len(groups)

    def implied(self, text: object) -> list[Question]:
        """Return what a message's told sentences ask for without a question, if sure.

        "Min mor kan ikke tage bussen. Kan hun få træning?": the first sentence asks how she
        gets there. Only the topics of ``IMPLIED_INTENTS``, read at ``IMPLIED_SURE`` or
        more, in a message that asks something too; a statement alone is its own intent.
        """
        if not isinstance(text, str):
            return []
        told = told_beside_a_question(text[:MAX_CHARS])
        return [Question(sentence, *ranking[0])
                for sentence, ranking in zip(told, self.rank(told), strict=True)
                if ranking[0][0] in IMPLIED_INTENTS and ranking[0][1] >= IMPLIED_SURE]

    def questions(self, text: object) -> list[Question]:
        """Return the questions of a message, each with the intent it asks.

        A message that is one question and nothing else, or holds none, gives none: its
        intent is the message's. A story with one question gives that question.
        """
        if not isinstance(text, str):
            return []
        parts = split_questions(text[:MAX_CHARS], always=True)
        if parts == [text[:MAX_CHARS]]:
            return []
        return [Question(part, *ranking[0]) for part, ranking in zip(parts, self.rank(parts),
                                                                      strict=True)]

"""How the learned readers see a text: folded words, word pairs, negated words, letter groups.

The fact reader (:mod:`genoptraening.core.fact_reader`) and the intent reader
(:mod:`genoptraening.core.intent_reader`) see a text the same way: its words folded as
:func:`genoptraening.core.text.skeleton` does (lower case, æ/ø/å and ae/oe/aa alike), each
word and each pair of neighbouring words, the words after a negation marked ("ikke_indlagt",
so that "ikke indlagt" differs from "indlagt" wherever the negation stands in the clause), and
the letter groups within words (compounds, typos, a missing æ/ø/å), all weighted by TF-IDF.
"""

from __future__ import annotations

import pickle
import re
from typing import Any, TypeVar

from genoptraening.core.text import skeleton

L = TypeVar("L", bound="LearnedReader")

_WORD = re.compile(r"[a-z0-9]+|[?,]")
_NEGATORS = frozenset("ikke ik ikk aldrig ingen intet uden hverken nej not never".split())
#: How many words after a negation it may reach ("har ikke rigtig været indlagt").
_SCOPE = 5
_CLAUSE_BREAKS = frozenset({",", "?", "men", "og", "da", "fordi", "selvom"})


def words(sentence: str) -> list[str]:
    """Return the features of a sentence's words: words, pairs and negated words.

    "hun har ikke været indlagt" gives, besides the words and pairs, "ikke_varet" and
    "ikke_indlagt": the negation reaches the next few words of its clause.
    """
    marked = _WORD.findall(skeleton(sentence))
    tokens = [t for t in marked if t != ","]
    features = list(tokens)
    features += [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    reach = 0
    for token in marked:
        if token in _NEGATORS:
            reach = _SCOPE
        elif token in _CLAUSE_BREAKS:
            reach = 0
        elif reach:
            features.append(f"ikke_{token}")
            reach -= 1
    return features


def vectorizer() -> Any:
    """Return an unfitted scikit-learn transformer of texts into the features above."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("words", TfidfVectorizer(analyzer=words, sublinear_tf=True)),
        ("letters", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                    preprocessor=skeleton, sublinear_tf=True)),
    ])


class LearnedReader:
    """A reader made of fitted features and a model, kept in the Rasa model as bytes."""

    def __init__(self, vectorizer: Any, model: Any) -> None:
        """Keep the fitted features (:func:`vectorizer`) and what was learnt on them."""
        self._vectorizer = vectorizer
        self._model = model

    def to_bytes(self) -> bytes:
        """Serialise the trained reader (for the Rasa model's storage)."""
        return pickle.dumps((self._vectorizer, self._model))

    @classmethod
    def from_bytes(cls: type[L], data: bytes) -> L:
        """Load a reader written by :meth:`to_bytes` (only ever the assistant's own model)."""
        vectorizer, model = pickle.loads(data)  # noqa: S301 - our own trained model
        return cls(vectorizer, model)

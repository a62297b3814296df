"""The learned reader of a story's facts: one small classifier per fact, trained on sentences.

The facts (:data:`FACTS`: a hospital stay, a training plan, a new loss, a lasting condition,
training on one's own, vederlagsfri fysioterapi) are how people tell a story, which a growing
set of patterns never caught up with. Each is learnt instead from labelled sentences kept in
``data/facts/*.yml`` (written by separate authors, see ``data/facts/README.md``) and trained
with the assistant (``genoptraening.rasa_ext.facts.FactExtractor``, in the NLU pipeline).

A sentence is read as :mod:`genoptraening.core.features` sees it (folded words and pairs, the
words after a negation marked, letter groups within words). For each fact a logistic
regression tells "said", "denied" or "not said" (an asked or hypothetical fact is "not said";
so is one it is unsure of). A message is read by its sentences and their clauses
(:func:`split`): a sentence speaks for itself where it says something, its clauses where it
says nothing; a fact is said when one sentence says it, else denied when one denies it. One
more classifier tells a piece about an episode long ago (:data:`EARLIER`), so that "indlagt for
tre år siden …, men nu er jeg blevet svag" is a new loss without a stay.

scikit-learn is a library, not a framework: the domain may use it. Training takes a few
seconds; reading a message a few milliseconds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from genoptraening.core import features
from genoptraening.core.reading import MAX_CHARS

#: The facts learnt, as named in :class:`genoptraening.core.situation.Situation`.
FACTS = ("hospital_stay", "has_plan", "new_loss", "lasting", "can_train_alone", "vederlagsfri")
#: Read beside the facts but not told on: a piece that tells of an episode long ago ("indlagt
#: for tre år siden"). A stay or plan told only there does not decide today's law when the
#: present says a new loss or a lasting condition.
EARLIER = "earlier"
_PRESENT = ("new_loss", "lasting")
_LABELS = (*FACTS, EARLIER)
_CLASSES = {True: "yes", False: "no", None: "none"}
_VALUES = {label: value for value, label in _CLASSES.items()}
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*")
_CLAUSE = re.compile(r",|\bmen\b", re.IGNORECASE)
#: How sure a classifier must be to say a fact is said or denied. A wrong fact leads to the
#: wrong law, a missing one only to a question. Measured across authors (``genoptraening facts
#: evaluate``): sentences and clauses read at 0.7 invented no more facts than whole sentences
#: at 0.6 and read more right (0.955 against 0.951); on the development conversations 0.55
#: gained one conversation for half again as many invented facts.
_SURE = 0.7


@dataclass(frozen=True)
class Example:
    """A labelled sentence: its text and the facts it states (True said, False denied)."""

    text: str
    facts: dict[str, bool]


def load_examples(folder: Path, names: Iterable[str] | None = None) -> list[Example]:
    """Read the ``*.yml`` files of labelled sentences in ``folder`` (sorted by name).

    Args:
        folder: The folder of labelled sentences.
        names: Only these files of it; every file when None.

    Raises:
        ValueError: A file is not YAML of labelled sentences, or a sentence has no text, names
            a fact that does not exist or labels it with a non-boolean (in Danish, with the
            file and the sentence's number).

    """
    examples = []
    wanted = None if names is None else set(names)
    for path in sorted(folder.glob("*.yml")):
        if wanted is not None and path.name not in wanted:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ValueError(f"{path.name}: ikke gyldig YAML ({error})") from error
        rows = data.get("sentences") if isinstance(data, dict) else None
        for n, row in enumerate(rows or [], start=1):
            row = row if isinstance(row, dict) else {}
            raw = row.get("facts") or {}
            facts = raw if isinstance(raw, dict) else {"facts": raw}
            wrong = [str(f) for f, v in facts.items()
                     if f not in _LABELS or not isinstance(v, bool)]
            if wrong or not isinstance(row.get("text"), str):
                raise ValueError(f"{path.name}, sætning {n}: ugyldig mærkning ({', '.join(wrong)})")
            examples.append(Example(row["text"], dict(facts)))
    return examples


def split(text: str) -> list[str]:
    """Cut a message into the pieces it is read by: its sentences and their clauses.

    Sentences end at . ! ? ; and line breaks; a sentence of several clauses (at commas and
    "men") is read whole and clause by clause, so that a question or a second fact beside a
    fact does not hide it ("jeg er faldet derhjemme, kan jeg få genoptræning").
    """
    return [piece for sentence in _pieces(text) for piece in sentence]


def _pieces(text: str) -> list[list[str]]:
    """Return each sentence of a message followed by its clauses (none for a single clause)."""
    pieces = []
    for sentence in _SENTENCE.findall(text[:MAX_CHARS]):
        if sentence.strip():
            clauses = [c.strip() for c in _CLAUSE.split(sentence) if c.strip(" .!?;\n")]
            pieces.append([sentence.strip(), *(clauses if len(clauses) > 1 else [])])
    return pieces


class FactReader(features.LearnedReader):
    """Reads the facts of a message with one classifier per fact (its model: fact → classifier)."""

    @classmethod
    def train(cls, examples: Sequence[Example], strength: float = 16.0,
              balance: float = 1.0) -> FactReader:
        """Learn one classifier per fact from labelled sentences.

        Args:
            examples: The labelled sentences.
            strength: The inverse of the regularisation (scikit-learn's ``C``).
            balance: How far the rare labels are weighted up (1: as much as the common one
                in all; 0: not at all). Measured across authors, 1 read best.

        Raises:
            ValueError: No examples, or a fact never said in them.

        """
        from sklearn.linear_model import LogisticRegression

        if not examples:
            raise ValueError("Ingen mærkede sætninger at lære af.")
        vectorizer = features.vectorizer()
        matrix = vectorizer.fit_transform([e.text for e in examples])
        classifiers = {}
        for fact in _LABELS:
            labels = [_CLASSES[e.facts.get(fact)] for e in examples]
            if "yes" not in labels and fact == EARLIER:
                continue  # optional: read when labelled
            if "yes" not in labels:
                raise ValueError(f"Ingen sætning siger {fact}.")
            model = LogisticRegression(C=strength, max_iter=2000,
                                       class_weight=_weights(labels, balance))
            classifiers[fact] = model.fit(matrix, labels)
        return cls(vectorizer, classifiers)

    def read_sentences(self, sentences: Sequence[str]) -> list[dict[str, bool | None]]:
        """Return, per sentence, what it says of each fact (True, False or None)."""
        if not sentences:
            return []
        matrix = self._vectorizer.transform(list(sentences))
        read: list[dict[str, bool | None]] = [{} for _ in sentences]
        for fact, model in self._model.items():
            for said, odds in zip(read, model.predict_proba(matrix), strict=True):
                best = int(odds.argmax())
                said[fact] = _VALUES[str(model.classes_[best])] if odds[best] >= _SURE else None
        return read

    def read(self, text: object) -> dict[str, bool | None]:
        """Return what a message says of each fact; anything but a string says nothing."""
        found: dict[str, bool | None] = dict.fromkeys(FACTS)
        if not isinstance(text, str):
            return found
        present: set[str] = set()  # facts told of today, not of an episode long ago
        for sentence in _pieces(text):
            whole, *clauses = self.read_sentences(sentence)
            for fact in FACTS:
                # The finest pieces that tell a fact tell which time it is of; a stay told in a
                # sentence about long ago is of long ago ("For to år siden …, var indlagt"), a
                # loss only when its own clause is ("…, men nu er jeg blevet svag").
                tellers = [c for c in clauses if c[fact]] or ([whole] if whole[fact] else [])
                inherited = whole.get(EARLIER) and fact not in _PRESENT
                if any(not (piece.get(EARLIER) or inherited) for piece in tellers):
                    present.add(fact)
                # The whole sentence has the context a clause lacks ("lå hjemme …, men blev
                # ikke indlagt"): its clauses speak only where it says nothing.
                value = whole[fact]
                if value is None:
                    said = {c[fact] for c in clauses} - {None}
                    value = True if True in said else (False if said else None)
                if value is True or (value is False and found[fact] is None):
                    found[fact] = value
        if not present & {"hospital_stay", "has_plan"}:
            # A stay or plan told only of long ago does not decide today's law: "indlagt for
            # tre år siden …, men nu er jeg blevet svag" needs none; with nothing told of today,
            # whether today's need follows a stay is still to ask.
            if found["hospital_stay"]:
                found["hospital_stay"] = False if present & set(_PRESENT) else None
            if found["has_plan"]:
                found["has_plan"] = None
        return found


def _weights(labels: list[str], balance: float) -> dict[str, float]:
    counts = Counter(labels)
    return {label: (len(labels) / (len(counts) * n)) ** balance for label, n in counts.items()}


def train_from(folders: Iterable[Path]) -> FactReader:
    """Train a reader on the labelled sentences of the given folders."""
    return FactReader.train([e for folder in folders for e in load_examples(folder)])

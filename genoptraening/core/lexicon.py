"""Danish words from maintained data: spaCy's lemma table and its stop-word list.

Both ship in packages the project installs anyway (``spacy-lookups-data`` and ``spacy``), so
nothing is downloaded. They are read as data files, without importing spaCy itself (which
would pull in TensorFlow through Rasa's plugins and cost seconds at start). Everything is
folded with :func:`genoptraening.core.text.skeleton`, the form texts are compared in, and
loaded on first use.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import KeysView
from functools import lru_cache
from pathlib import Path

from genoptraening.core.text import skeleton


def _read_table() -> dict[str, str]:
    """Read spaCy's Danish lookup table as published: word → lemma ("kørslen" → "kørsel")."""
    try:
        import spacy_lookups_data
        import srsly

        path = Path(spacy_lookups_data.__file__).parent / "data" / "da_lemma_lookup.json.gz"
        return dict(srsly.read_gzip_json(path))
    except (ImportError, OSError, ValueError):
        return {}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """Return the table folded (word → lemma, both folded) and its exceptions.

    Folding merges a few spellings ("træne" and "trane", "får" and "far"): the first seen
    keeps its lemma in the folded table, and each other spelling whose lemma differs is kept
    as written in the exceptions. The table as published is not kept (it doubled the
    memory).
    """
    folded: dict[str, str] = {}
    exceptions: dict[str, str] = {}
    for word, lemma_ in _read_table().items():
        key, value = skeleton(word), skeleton(str(lemma_))
        if folded.setdefault(key, value) != value:
            exceptions[word] = value
    return folded, exceptions


def _lemma_table() -> dict[str, str]:
    return _tables()[0]


def danish_words() -> KeysView[str]:
    """Return the ordinary Danish words, folded (spaCy's lemma table's words).

    Without this, "skrive" (to write) would be taken for the municipality Skive, and a date
    reader or typo corrector would "correct" ordinary words.
    """
    return _lemma_table().keys()


def lemma(word: str) -> str:
    """Return the lemma of a folded word, or the word itself when the table lacks it."""
    return _lemma_table().get(word, word)


_DIGRAPHS = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))


@lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    """Return the lemma of a lower-case word as written, folded ("træner" → "trane").

    The word is looked up with its Danish letters first ("traener" read as "træner"), so that
    folding cannot make two words one before the lemma is known ("træne" and "trane").
    """
    spelled = word
    for pair, letter in _DIGRAPHS:
        spelled = spelled.replace(pair, letter)
    exceptions = _tables()[1]
    for candidate in (word, spelled):
        if candidate in exceptions:
            return exceptions[candidate]
    for candidate in (word, spelled):
        folded = skeleton(candidate)
        if folded in _lemma_table():
            return _lemma_table()[folded]
    return skeleton(word)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return spaCy's Danish stop words, folded (read from its data module, not imported)."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "lang" / "da" / "stop_words.py"
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return frozenset()
    for node in ast.walk(tree):
        # STOP_WORDS = set("""af aldrig alene …""".split())
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 100:
            return frozenset(skeleton(word) for word in node.value.split())
    return frozenset()

"""How a question and a standard's text are cut into terms for retrieval.

Each treatment can be switched off, so its effect can be measured (``genoptraening retrieval
evaluate --ablation``):

- ``fold``: lower case and æ/ø/å ≡ ae/oe/aa ≡ a/o/a ("kørsel", "koersel", "korsel").
- ``stopwords``: spaCy's Danish stop words left out ("hvad", "jeg", "det").
- ``lemmas``: spaCy's Danish lemma table ("kørslen" → "kørsel", "aflyser" → "aflyse").
- ``compounds``: a long word also gives its parts when both are Danish words
  ("genoptræningscentret" → + "genoptræning", "center"; "hjemmetræning" → + "hjemme",
  "træning").
- ``synonyms``: a word of a group in ``knowledge/vocabulary/synonyms.yml`` also gives the
  group ("taxa" and "kørsel" both give "=transport").
- ``ngrams``: character 4-grams within each word, for a second index (typos, inflections and
  compound parts the other treatments miss).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from genoptraening.core.lexicon import danish_words, lemma, lemma_of, stop_words
from genoptraening.core.text import skeleton
from genoptraening.core.vocabulary_file import read_section

_WORD = re.compile(r"[^\W_]+")
_MIN_PART = 4  # shorter compound parts are too often accidental ("af", "til", "for")
_NGRAM = 4


@dataclass(frozen=True)
class Treatments:
    """Which text treatments are on (all by default)."""

    fold: bool = True
    stopwords: bool = True
    lemmas: bool = True
    compounds: bool = True
    synonyms: bool = True
    ngrams: bool = True

    def without(self, name: str) -> Treatments:
        """Return these treatments with ``name`` switched off."""
        return Treatments(**{**self.__dict__, name: False})


ALL = Treatments()


@lru_cache(maxsize=4)
def _synonyms(path: Path, mtime_ns: int) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = data.get("groups") or {}
    table: dict[str, str] = {}
    for group, words in groups.items():
        for word in words or ():
            folded = skeleton(str(word))
            table[folded] = f"={group}"
            table[lemma(folded)] = f"={group}"
    return table


SYNONYMS_FILE = "vocabulary/synonyms.yml"


def synonym_problems(path: Path) -> list[tuple[str, str]]:
    """Return what is wrong with a synonyms file, as (where, Danish reason) pairs."""
    groups, problems = read_section(path, "groups",
                                    "en liste af grupper: navn: [ord, ord]")
    if groups is None:
        return problems
    seen: dict[str, str] = {}
    for group, words in groups.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            problems.append((f"groups.{group}", "skal være en liste af ord"))
            continue
        for word in words:
            if len(word.split()) != 1:
                problems.append((f"groups.{group}", f"{word!r} er ikke ét ord"))
            elif (other := seen.setdefault(skeleton(word), str(group))) != group:
                problems.append((f"groups.{group}", f"{word!r} står også i gruppen {other!r}"))
    return problems


def synonym_table(path: Path | None) -> Mapping[str, str]:
    """Return folded word → group term from a synonyms file (re-read when it changes)."""
    if path is None or not path.is_file():
        return {}
    return _synonyms(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=65536)
def split_compound(word: str) -> tuple[str, ...]:
    """Return the parts of a folded compound word, or () when it is not one.

    The head is the longest leading Danish word that leaves a Danish word of four letters
    or more, with a linking "s" or "e" allowed between ("genoptraeningscenter" →
    ("genoptraening", "center")). A head that is itself a compound is split once more.
    """
    if len(word) < 2 * _MIN_PART:
        return ()
    words = danish_words()
    for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if tail not in words:
            continue
        # A linking "s" off first ("genoptranings" is a word too, but a genitive); a linking
        # "e" only when the head is no word without it ("klagefrist": "klage", not "klag").
        linked = head[:-1] if head[-1:] in ("s", "e") else ""
        order = (linked, head) if head.endswith("s") else (head, linked)
        for candidate in order:
            if len(candidate) >= _MIN_PART and candidate in words:
                return (*(split_compound(candidate) or (candidate,)), tail)
    return ()


def _fold(word: str, treatments: Treatments) -> str:
    return skeleton(word) if treatments.fold else word.lower()


@lru_cache(maxsize=65536)
def _word_terms(raw: str, treatments: Treatments) -> tuple[str, ...]:
    """Return the terms of one word as written (lower case)."""
    word = _fold(raw, treatments)
    if treatments.stopwords and word in stop_words():
        return ()
    # The lemma is looked up before folding: "træne" and "trane" (a crane) fold alike.
    base = (lemma_of(raw) if treatments.fold else lemma(word)) if treatments.lemmas else word
    terms = [base]
    if treatments.compounds:
        parts = split_compound(base)
        # Only the last part is inflected; a first part lemmatised goes wrong ("egen" → "eg").
        if parts:
            terms += [*parts[:-1], lemma(parts[-1]) if treatments.lemmas else parts[-1]]
    return tuple(dict.fromkeys(terms))


def terms(text: str, treatments: Treatments = ALL,
          synonyms: Mapping[str, str] | None = None) -> list[str]:
    """Return the word terms of a text under the given treatments.

    Args:
        text: A question or a passage.
        treatments: Which treatments apply.
        synonyms: Folded word → group term (see :func:`synonym_table`); used when
            ``treatments.synonyms`` is on.

    Returns:
        The terms in text order; a word may give several (its lemma, parts, group).

    """
    out: list[str] = []
    for raw in _WORD.findall(text):
        for term in _word_terms(raw.lower(), treatments):
            out.append(term)
            if treatments.synonyms and synonyms and term in synonyms:
                out.append(synonyms[term])
    return out


def ngrams(text: str, treatments: Treatments = ALL) -> list[str]:
    """Return the character 4-grams within each word that is not a stop word."""
    out: list[str] = []
    stops = stop_words() if treatments.stopwords else frozenset()
    for raw in _WORD.findall(text):
        word = _fold(raw, treatments)
        if word in stops:
            continue
        padded = f"#{word}#"
        if len(padded) <= _NGRAM:
            out.append(padded)
            continue
        out += [padded[i:i + _NGRAM] for i in range(len(padded) - _NGRAM + 1)]
    return out

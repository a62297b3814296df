"""Typos in the assistant's own words corrected before a message is understood.

"hvordan klagr jeg i rebild" and "hvad kåster det i lejre" are read as "klager" and "koster":
a word the assistant does not know is replaced by the nearest word of its vocabulary (the
training examples, the knowledge files, the municipality names), the most used one when
several are as near. What is corrected, and what never is:

- A word already known is kept: a trusted word of the vocabulary (used three times in the
  training examples, or written by editors), or a word of wordfreq's list of Danish words as
  written (so "kaster" stays kaster). A word met once in the examples may be a deliberate
  typo there ("kostr") and is corrected like any other.
- A word written with ae, oe or aa for æ, ø and å ("foer", "traening") becomes that word when
  it is known; else a word written without æ/ø/å ("hjorring") becomes the vocabulary word it
  folds to. So does a word of the list whose æ/ø/å spelling is far more used ("paa", "saa",
  "faa" are old spellings in it: "på", "så", "få"), short words included.
- Otherwise the nearest vocabulary word with the same first letter, compared folded: one typo
  for words of four to seven letters, two from eight (a swap of two letters counts as one).
- Never (but for the spellings above): words under four letters, words with digits, words in
  capitals (the "[CPR]" mask, abbreviations), and capitalised words inside a sentence (names
  of people and places).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import OSA

from genoptraening.core.text import skeleton

#: Shorter words are left alone: too many ordinary words are one letter apart.
MIN_LENGTH = 4
#: How often a word of the training examples must occur to be trusted as spelt right.
MIN_COUNT = 3
#: From this length two typos are corrected, below it one.
TWO_TYPOS_FROM = 8
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: After these a capital letter starts a sentence rather than a name.
_STARTS_SENTENCE = frozenset(".!?:;\n\"'»«(-")
_CACHE_SIZE = 8192


@lru_cache(maxsize=1)
def common_danish() -> frozenset[str]:
    """Return wordfreq's list of Danish words as written (lower case), or nothing without it."""
    try:
        from wordfreq import top_n_list
    except ImportError:  # pragma: no cover - a dependency; without it fewer words count as known
        return frozenset()
    return frozenset(top_n_list("da", 50_000, wordlist="small"))


def closest(word: str, choices: Iterable[str], max_distance: int) -> list[str]:
    """Return the choices nearest to ``word`` within ``max_distance`` typos, in choice order.

    Distance is optimal string alignment: an insertion, a deletion, a substitution or a swap
    of two neighbouring letters each count as one.
    """
    hits = process.extract(word, choices, scorer=OSA.distance,  # type: ignore[arg-type]
                           score_cutoff=max_distance, limit=None)
    if not hits:
        return []
    best = min(score for _, score, _ in hits)
    return [choice for choice, score, _ in hits if score == best]


class Speller:
    """Corrects a message's typos towards a vocabulary of words with their counts."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        """Build from word counts (any case; kept in lower case).

        A word is corrected *to* only when it is ordinary Danish or used at least
        ``MIN_COUNT`` times: a word met once in the training data may be one of its deliberate
        typos ("kostr"), which must not become the assistant's spelling.
        """
        self.counts: Counter[str] = Counter()
        for word, count in counts.items():
            self.counts[word.lower()] += int(count)
        # Folded form → the most used trusted word with that form.
        self._by_fold: dict[str, str] = {}
        for word, count in self.counts.most_common():
            if count >= MIN_COUNT or word in common_danish():
                self._by_fold.setdefault(skeleton(word), word)
        self._folds = tuple(sorted(self._by_fold))
        self._cache: dict[str, str | None] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str], trusted: Iterable[str] = ()) -> Speller:
        """Build from texts, each word counted as often as it occurs.

        Args:
            texts: What citizens write (the training examples), typos included.
            trusted: Texts spelt by editors (the knowledge files, the municipality names):
                each of their words counts ``MIN_COUNT`` times, so it is always trusted.

        """
        counts: Counter[str] = Counter()
        for weight, source in ((1, texts), (MIN_COUNT, trusted)):
            for text in source:
                for word in _WORD.findall(text):
                    if len(word) >= MIN_LENGTH:
                        counts[word.lower()] += weight
        return cls(counts)

    def to_bytes(self) -> bytes:
        """Serialise the vocabulary (JSON of word counts, for the Rasa model's storage)."""
        return json.dumps(dict(sorted(self.counts.items())), ensure_ascii=False).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Speller:
        """Build a speller from what :meth:`to_bytes` wrote.

        Raises:
            ValueError: The data is not JSON of word counts.

        """
        counts = json.loads(data.decode("utf-8"))
        if not isinstance(counts, dict):
            raise ValueError("vocabulary is not a mapping of words to counts")
        return cls(counts)

    @staticmethod
    def warm_up() -> None:
        """Load the Danish word list now (about half a second), not at the first message."""
        common_danish()

    def correct(self, text: str) -> str:
        """Return the text with its typos corrected; everything else as it was."""
        return self.rewrite(text)[0]

    def corrections(self, text: str) -> list[tuple[str, str]]:
        """Return the (as written, corrected) pairs of the text, in order."""
        return self.rewrite(text)[1]

    def rewrite(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Return the corrected text and the (as written, corrected) pairs, in one pass."""
        if not isinstance(text, str):
            return "", []
        out: list[str] = []
        changes: list[tuple[str, str]] = []
        end = 0
        for match in _WORD.finditer(text):
            word, gap = match.group(), text[end:match.start()]
            fixed = word
            # Letters touching a digit belong to a code or a number ("2b", "12x"), not a word.
            touches_digit = gap[-1:].isdigit() or text[match.end():match.end() + 1].isdigit()
            if not touches_digit:
                before = gap.rstrip(" \t")
                at_start = end == 0 and not before or before[-1:] in _STARTS_SENTENCE
                fixed = self._word(word, at_start)
            if fixed != word:
                changes.append((word, fixed))
            out += [gap, fixed]
            end = match.end()
        out.append(text[end:])
        return "".join(out), changes

    def _word(self, word: str, at_start: bool) -> str:
        if word.isupper() or (word[0].isupper() and not at_start):
            return word
        corrected = self.suggest(word.lower()) if len(word) >= MIN_LENGTH else (
            _far_more_used(word.lower()) or _letter_short(word.lower()))
        if corrected is None:
            return word
        return corrected[0].upper() + corrected[1:] if word[0].isupper() else corrected

    def suggest(self, word: str) -> str | None:
        """Return the vocabulary word a lower-case word stands for, or None to keep it."""
        if word not in self._cache:
            if len(self._cache) > _CACHE_SIZE:
                self._cache.clear()
            self._cache[word] = self._suggest(word)
        return self._cache[word]

    def _suggest(self, word: str) -> str | None:
        # Danish as written: "kaster" is, "kåster" is not. spaCy's lemma table would know more
        # words, but it costs every Rasa server about 200 MB; the first-letter rule below
        # keeps the rarer words safe.
        if (more_used := _far_more_used(word)) is not None:
            return more_used  # "paa" is in the word list, as old spelling; "på" is what is meant
        if word in common_danish():
            return None
        restored = _with_danish_letters(word)  # "foer" is før, though "for" folds the same
        if restored != word and (restored in self.counts or restored in common_danish()):
            return restored
        folded = skeleton(word)
        if folded in self._by_fold:  # "genoptraening", or a rarer spelling of a trusted word
            return self._by_fold[folded] if self._by_fold[folded] != word else None
        cutoff = 2 if len(word) >= TWO_TYPOS_FROM else 1
        # A typo seldom hits the first letter; a word that differs there is another word
        # ("sorteres" is not "kortere").
        near = [f for f in closest(folded, self._folds, cutoff) if f[:1] == folded[:1]]
        if not near:
            return None
        return max((self._by_fold[f] for f in near), key=lambda w: self.counts[w])


#: How much more used (Zipf, a factor of 10 each) æ/ø/å's spelling must be to replace one
#: the word list also has ("paa" 4.7, "på" 7.2), and how used it must be at all.
MORE_USED_BY = 2.0
MORE_USED_FROM = 3.0


@lru_cache(maxsize=_CACHE_SIZE)
def _far_more_used(word: str) -> str | None:
    """Return the word with æ/ø/å when that spelling is far more used ("saa" → "så")."""
    restored = _with_danish_letters(word)
    if restored == word:
        return None
    return restored if _far_more_used_than(restored, word, MORE_USED_FROM) else None


def _far_more_used_than(better: str, word: str, at_least: float) -> bool:
    """Tell whether ``better`` is used from Zipf ``at_least``, ``MORE_USED_BY`` above ``word``."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a dependency; without it nothing is restored here
        return False
    used = zipf_frequency(better, "da")
    return used >= at_least and used - zipf_frequency(word, "da") >= MORE_USED_BY


#: A short word missing its last letter ("ikk", "ska", "ogs"): the longer word replaces it
#: when it is among the most used (Zipf from ``SHORT_FROM``) and far more used than it.
SHORT_LENGTH = 3
SHORT_FROM = 6.0
_LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"


@lru_cache(maxsize=_CACHE_SIZE)
def _letter_short(word: str) -> str | None:
    """Return the far more used word one letter longer ("ikk" → "ikke"), for 3-letter words.

    A negation typed short decides a story's facts ("har ikk været på sygehus"); below
    ``MIN_LENGTH`` only such very common words are safe to restore.
    """
    if len(word) != SHORT_LENGTH:
        return None
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a dependency
        return None
    longer = max((word + c for c in _LETTERS), key=lambda w: zipf_frequency(w, "da"))
    return longer if _far_more_used_than(longer, word, SHORT_FROM) else None


def _with_danish_letters(word: str) -> str:
    """Write ae, oe and aa as æ, ø and å ("traening" → træning)."""
    return word.replace("aa", "å").replace("ae", "æ").replace("oe", "ø")


def knowledge_texts(knowledge_dir: Path) -> Iterator[str]:
    """Yield the texts of the knowledge files: every string of the YAML files, the standards.

    Unreadable files are skipped: ``kb validate`` reports them, and a speller with fewer
    words only corrects less.
    """
    for path in sorted(knowledge_dir.rglob("*")):
        try:
            if path.suffix == ".md":
                yield path.read_text(encoding="utf-8")
            elif path.suffix in (".yml", ".yaml"):
                yield from _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)

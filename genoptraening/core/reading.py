"""How the message readers see a citizen's message: folded, cut into clauses, typos corrected.

The pattern readers (:mod:`genoptraening.core.signals`: emergencies, relatives, consent; the
age in :mod:`genoptraening.core.situation`) work on the message as
:func:`genoptraening.core.text.skeleton` folds it (lower case, æ/ø/å and ae/oe/aa → a/o/a), cut
into sentences (at . ! ? ; : and line breaks) and clauses (at commas and "men"). A word of five
letters or more that is not an ordinary Danish word is read as the nearest word of five letters
or more in the readers' patterns or kinship nouns, within one typo (two from nine letters, a
swap counting as one): "bevidstlos" → bevidstløs, "svigermoar" → svigermor, while "fandt"
stays fandt. The story's facts are learnt instead (:mod:`genoptraening.core.fact_reader`).

A phrase is *negated* when "ikke", "aldrig", "ingen", "uden" or "hverken" stands before it with
only small words between ("bløder ikke", "har ikke sagt ja"), and *asked about* when a question
or a wish stands just before it ("hvad gør jeg hvis hun besvimer"); an asked-about phrase tells
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# The lemma table that keeps municipality matching from taking "skrive" for Skive serves the
# same purpose here: an ordinary Danish word is never "corrected".
from genoptraening.core.lexicon import danish_words
from genoptraening.core.spelling import closest
from genoptraening.core.text import skeleton

MAX_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?;:\n]+")
#: A sentence: up to its end marks, past the point of an abbreviation ("pr. tur", "kl. 8",
#: "f.eks.") or a number ("13.30"), which ends none.
_RAW_SENTENCE = re.compile(
    r"(?:\b(?:pr|kl|ca|nr|tlf|fx|evt|bl|dvs|mht|st|stk|gl|f|eks|a|mv)\.(?=\s*\S)"
    r"|(?<=\d)\.(?=\d)|[^.!?\n])+[.!?\n]*", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
NEGATORS = frozenset("ikke ik ikk aldrig ingen intet uden hverken not never".split())
#: Words that may stand between a negation and what it negates.
_FILLERS = frozenset(skeleton(w) for w in (
    "har haft været være er var blev blevet fået fik nogen noget nogle en et at nok endnu heller "
    "slet overhovedet jeg du hun han vi de man sendt modtaget givet selv godt længere mere nu "
    "jo da rigtig ordentligt lige").split())
ASKED = re.compile(skeleton(
    r"\b(?:hvad|hvordan|hvornår|hvorfor|hvem|hvilk\w*|hvis|om|få|ret til|søg\w*|ansøg\w*)\b"))
#: The words typos are corrected to; rx() adds every word of its patterns.
VOCAB: set[str] = set()


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    # Each reader adds the words of its patterns when its module is imported. Import them all
    # before the vocabulary is frozen, so that typo correction never depends on which reader
    # happened to be imported first.
    from genoptraening.core import signals  # noqa: F401

    return tuple(sorted(VOCAB))


def warm_up() -> None:
    """Load the Danish word list and the readers' vocabulary now, not at the first message."""
    danish_words()
    canon("xqzvwy")  # a word in neither: the typo search runs once


@lru_cache(maxsize=8192)
def canon(word: str) -> str:
    """Return the vocabulary word a typo stands for, or the word itself."""
    if len(word) < 5 or not word.isalpha() or word in VOCAB or word in danish_words():
        return word
    hits = closest(word, _vocabulary(), 1 if len(word) < 9 else 2)
    return hits[0] if hits else word


@lru_cache(maxsize=256)
def _parse(text: str) -> tuple[tuple[str, ...], ...]:
    """Cut text into sentences of clauses, each clause its folded, corrected words."""
    return _split(text, canon)


def _split(text: str, word: Callable[[str], str]) -> tuple[tuple[str, ...], ...]:
    """Cut text into sentences of clauses, each clause its folded words, each word ``word``'d."""
    sentences = []
    for sentence in _SENTENCE_END.split(text):
        clauses: list[str] = []
        for part in sentence.split(","):
            words = " ".join(word(w) for w in _WORD.findall(skeleton(part)))
            clauses += [c.strip() for c in re.split(r"\bmen\b", words) if c.strip()]
        if clauses:
            sentences.append(tuple(clauses))
    return tuple(sentences)


def plain_clauses(text: str) -> list[str]:
    """Return the clauses as :func:`sentences` cuts them, folded but without typo correction.

    For patterns that need no corrected words (the age): the correction's word lists would
    cost the first message seconds.
    """
    return [clause for sentence in _split(text[:MAX_CHARS], str) for clause in sentence]


def raw_sentences(text: str) -> list[str]:
    """Return the sentences as written, each with the marks that end it ("?", ". "), stripped.

    For telling questions ("…?") from statements; the readers use :func:`sentences`.
    """
    return [s.strip() for s in _RAW_SENTENCE.findall(text or "") if s.strip()]


def sentences(text: object) -> tuple[tuple[str, ...], ...]:
    """Return the message's sentences of clauses; anything but a string reads as empty."""
    return _parse(text[:MAX_CHARS]) if isinstance(text, str) else ()


def rx(*alternatives: str) -> re.Pattern[str]:
    """Compile whole-word alternatives written in plain Danish, folded like the text."""
    # skeleton() lower-cases, so the one upper-case regex construct used here is restored.
    folded = (re.sub(r"\(\?p([<=])", r"(?P\1", skeleton(a)) for a in alternatives)
    source = "|".join(rf"\b(?:{a})\b" for a in folded)
    VOCAB.update(re.findall(r"(?<![\\?])\b[a-z]{5,}", source))
    return re.compile(source.replace("ikke", "(?:ikke|ikk|ik)"))  # "kan ik rejse sig"


def words_before(clause: str, start: int, count: int) -> list[str]:
    """Return up to ``count`` words before ``start``."""
    # Only a window is split, so that a clause with many matches stays linear.
    return clause[max(0, start - 40 * count):start].split()[-count:]


def state_of(clause: str, start: int, end: int = -1, asked: re.Pattern[str] = ASKED) -> str:
    """Tell whether the phrase at clause[start:end] is said ("yes"), negated or asked about.

    With ``end`` given, a negation right after the phrase counts too ("hun bløder ikke").
    """
    before = words_before(clause, start, 5)
    for word in reversed(before):
        if word in NEGATORS:
            return "no"
        if word not in _FILLERS:
            break
    if end >= 0 and NEGATORS.intersection(clause[end:end + 8].split()[:1]):
        return "no"
    return "asked" if asked.search(" ".join(before)) else "yes"

"""Details a citizen asks for inside a topic, and whether a standard states them.

"Er der gratis parkering?", "Kan træningen ligge i weekenden?", "Hvor lang tid har jeg til at
klage?" ask for one detail, not a topic's main point. When the municipality's standard says
nothing on it, the honest answer says so first — then what the standard does say on the topic
and whom to ask — instead of a topic answer that reads as if it were the answer.

The details are vocabulary, kept for editors in ``knowledge/vocabulary/details.yml``: the
words that ask for each one (``asks``), the words a standard states it with (``stated``), and
the topic whose answer goes with it. A cue is a phrase of folded words matched in order;
``ord*`` matches the words that begin so, ``*ord`` those that end so ("schæferhund"); several
phrases joined by `` + `` must all be in the question. Fixed vocabulary, not a reading of the
story: which topic a question asks for is NLU's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from genoptraening.core.reading import raw_sentences
from genoptraening.core.text import skeleton
from genoptraening.core.vocabulary_file import read_live, read_section

DETAILS_FILE = "vocabulary/details.yml"

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Cue:
    """Phrases that must all be in a text; each a run of word patterns."""

    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, text: str) -> Cue:
        """Read ``"frist* + til at klage"``: folded, split on `` + `` and white space."""
        return cls(tuple(tuple(skeleton(part).split()) for part in text.split(" + ")
                         if part.strip()))

    def found_in(self, words: list[str]) -> bool:
        """Tell whether every phrase is in ``words`` (folded words of a text)."""
        if not words:
            return False
        text = " ".join(words)
        return all(pattern.search(text) for pattern in self._patterns)

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], ...]:
        # Each phrase as one regular expression over the words joined by spaces: every turn
        # reads dozens of details' cues, and a word-by-word scan in Python was the turn's
        # largest cost.
        return tuple(re.compile(r"(?:^| )" + " ".join(_word_pattern(p) for p in phrase)
                                + r"(?= |$)") for phrase in self.phrases)


@dataclass(frozen=True)
class Detail:
    """One detail: how it is asked for, how a standard states it, and how it is named."""

    id: str
    label: str  # completes "… oplyser ikke {label}."
    asks: tuple[Cue, ...]
    stated: tuple[Cue, ...]
    topics: frozenset[str]  # asked only under these topics of NLU's (empty: any)
    about: tuple[Cue, ...]  # … or when the question also says one of these
    topic: str | None  # the topic whose answer goes with it (None: NLU's)
    general: str | None  # the national topic with the general rule, if there is one
    told: tuple[Cue, ...] = ()  # told anywhere in a story, the standard's words on it go too

    def asked_in(self, question: str, topic: str, words: list[str] | None = None) -> bool:
        """Tell whether ``question``, read by NLU as ``topic``, asks for this detail.

        ``words``: the question's folded words, when the caller has them already.
        """
        words = words_of(question) if words is None else words
        if self.topics or self.about:
            if topic not in self.topics and not any(c.found_in(words) for c in self.about):
                return False
        return any(cue.found_in(words) for cue in self.asks)

    def stated_in(self, text: str) -> bool:
        """Tell whether ``text`` (a standard, an answer) states this detail."""
        words = words_of(text)
        return any(cue.found_in(words) for cue in self.stated)

    def sentences_stating(self, text: str) -> list[str]:
        """Return the sentences of ``text`` that state this detail."""
        return [s for s in raw_sentences(text) if self.stated_in(s)]


def words_of(text: str) -> list[str]:
    """Return the folded words of a text ("Weekenden?" → ["weekenden"])."""
    return _WORD.findall(skeleton(text))


def _word_pattern(pattern: str) -> str:
    """Return the regular expression of one word pattern: "frist*", "*mail", "*bassin*"."""
    any_letters = "[a-z0-9]*"
    if pattern.startswith("*") and pattern.endswith("*") and len(pattern) > 2:
        return f"{any_letters}{re.escape(pattern[1:-1])}{any_letters}"
    if pattern.endswith("*"):
        return f"{re.escape(pattern[:-1])}{any_letters}"
    if pattern.startswith("*"):
        return f"{any_letters}{re.escape(pattern[1:])}"
    return re.escape(pattern)


def asked_detail(question: str, topic: str) -> Detail | None:
    """Return the first detail ``question`` asks for under NLU's ``topic``, if any."""
    if not question.strip():
        return None
    words = words_of(question)
    return next((d for d in details() if d.asked_in(question, topic, words)), None)


def told_detail(story: str) -> Detail | None:
    """Return the first detail a story tells of ("han er begyndt at glemme …"), if any."""
    return next(iter(told_details(story)), None)


def told_details(story: str) -> list[Detail]:
    """Return every detail a story tells of, in the file's order ("… mine cigaretter")."""
    words = words_of(story)
    return [d for d in details() if any(cue.found_in(words) for cue in d.told)]


def details() -> tuple[Detail, ...]:
    """Return the details of ``knowledge/vocabulary/details.yml`` (re-read when it changes)."""
    return read_live(DETAILS_FILE, _parse, ())


def _parse(data: dict[str, Any]) -> tuple[Detail, ...]:
    return tuple(_detail(key, entry) for key, entry in (data.get("details") or {}).items())


def _detail(key: str, entry: dict) -> Detail:
    cues = lambda name: tuple(Cue.parse(str(c)) for c in entry.get(name) or ())  # noqa: E731
    return Detail(id=str(key), label=str(entry["label"]), asks=cues("asks"),
                  stated=cues("stated"), topics=frozenset(entry.get("topics") or ()),
                  about=cues("about"), topic=entry.get("topic"), general=entry.get("general"),
                  told=cues("told"))


def detail_problems(path: Path, topics: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return what is wrong with a details file, as (where, Danish reason) pairs."""
    entries, problems = read_section(path, "details", "en liste af detaljer: navn: "
                                                      "{label: …, asks: […], stated: […]}")
    if entries is None:
        return problems
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            problems.append((f"details.{key}", "skal have label, asks og stated"))
            continue
        for name in ("label", "asks", "stated"):
            if not entry.get(name):
                problems.append((f"details.{key}.{name}", "mangler"))
        for name in ("asks", "stated", "about", "told"):
            value = entry.get(name) or []
            if not isinstance(value, list) or not all(
                    isinstance(c, str) and words_of(c.replace("*", "")) for c in value):
                problems.append((f"details.{key}.{name}", "skal være en liste af ord eller "
                                                          "udtryk"))
        named = [*(entry.get("topics") or []), entry.get("topic"), entry.get("general")]
        problems.extend((f"details.{key}", f"{t!r} er ikke et emne")
                        for t in named if t is not None and t not in topics)
    return problems

"""Passages of a municipality's own standard that answer a question (BM25 retrieval).

Each paragraph of a standard (``knowledge/standards/<slug>.md``), with its section's heading,
is one passage; it also scores as its whole section, which reads as well as the words
citizens use for it: the curated answers that cite the section and the NLU examples of the
intents that ask for those answers (``section_vocabulary``). A question is ranked against the
passages of the citizen's own municipality only — never another's — by two BM25 indexes
(``bm25s``): one on word terms (folded, lemmatised, split compounds, synonym groups; see
:mod:`genoptraening.core.analysis`) and one on character 4-grams within words. Each score is
taken as a share of the question's full score (the sum of its terms' IDF, a term the standard
never uses counting as the rarest), so scores of short and long questions compare, and the
two are mixed. The threshold for "confident" is calibrated on
``tests/retrieval/calibration.yml`` (``genoptraening retrieval calibrate``); the figures are
in docs/nlu-evaluation.md.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from genoptraening.core.analysis import (
    ALL,
    SYNONYMS_FILE,
    Treatments,
    ngrams,
    synonym_table,
    terms,
)
from genoptraening.core.knowledge.examples import intent_examples
from genoptraening.core.knowledge.onboarding.section_topics import heading_topics, text_topics
from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT, Standard

#: Mix of the word score and the 4-gram score (calibrated).
NGRAM_WEIGHT = 0.35
#: Mix of a passage's own score and its whole section's score (calibrated).
SECTION_WEIGHT = 0.5
#: A top passage at or above this mixed score answers the question (calibrated).
THRESHOLD = 0.5
#: A question must carry at least this much information (the sum of its word terms' IDF) for
#: any passage to be confident: "hvem kan få træning?" matches every paragraph equally well.
MIN_INFORMATION = 5.0
_K1, _B = 1.2, 0.75
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9»\"])")
#: Passages longer than this are quoted by their best sentences.
QUOTE_CHARS = 320


class _Section(Protocol):
    heading: str
    paragraphs: Sequence[str]
    index: int


class _Text(Protocol):
    slug: str
    municipality: str
    title: str
    seed_file: str

    @property
    def sections(self) -> Sequence[_Section]: ...


class _Texts(Protocol):
    def text(self, slug: str) -> Any: ...

    def standard(self, slug: str) -> Any: ...


@dataclass(frozen=True)
class Passage:
    """One paragraph of a standard, with where it stands."""

    slug: str
    municipality: str
    standard: str
    seed_file: str
    section: str
    section_index: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A passage with its score for one question (0 to about 1)."""

    passage: Passage
    score: float


class _BM25:
    """One BM25 index over token lists, with each query's best possible score."""

    def __init__(self, docs: list[list[str]]):
        import bm25s  # numpy-backed; imported when the first index is built

        self._index = bm25s.BM25(k1=_K1, b=_B)
        self._index.index(docs or [[""]], show_progress=False)
        count = max(len(docs), 1)
        frequency = Counter(term for doc in docs for term in set(doc))
        self._idf = {t: math.log(1 + (count - df + 0.5) / (df + 0.5))
                     for t, df in frequency.items()}
        self._rarest = math.log(1 + (count - 0.5) / 1.5)

    def idf(self, term: str) -> float:
        """Return a term's IDF (a term no document has counts as the rarest)."""
        return self._idf.get(term, self._rarest)

    def scores(self, query: list[str]) -> list[float]:
        """Return each document's score as a share of the query's full score.

        The full score is what a document of average length that holds every query term
        once would score: the sum of the terms' IDF (BM25 gives such a term its IDF).
        """
        if not query:
            return [0.0] * self._index.scores["num_docs"]
        full = sum(self.idf(term) for term in query)
        raw = self._index.get_scores(query)
        return [float(score) / full for score in raw] if full else [0.0] * len(raw)


class PassageIndex:
    """The passages of one standard, ranked for a question."""

    def __init__(self, text: _Text, treatments: Treatments = ALL,
                 synonyms: Mapping[str, str] | None = None, ngram_weight: float = NGRAM_WEIGHT,
                 section_weight: float = SECTION_WEIGHT,
                 vocabulary: Mapping[str, str] | None = None,
                 read_as: Mapping[str, str] | None = None):
        self.treatments = treatments
        self.ngram_weight = ngram_weight
        self.synonyms = synonyms or {}
        self.passages = [
            Passage(text.slug, text.municipality, text.title, text.seed_file, section.heading,
                    section.index, paragraph)
            for section in text.sections for paragraph in section.paragraphs
            if paragraph.strip()
        ]
        #: The topic each passage of an imported standard surely reads as (``text_topics``),
        #: and by heading the topics its sections are about by their own text.
        self.read_as = {p.text: read_as[p.text] for p in self.passages
                        if read_as and p.text in read_as}
        self.about: dict[str, set[str]] = {}
        for passage in self.passages:
            if passage.text in self.read_as:
                self.about.setdefault(passage.section, set()).add(self.read_as[passage.text])
        self.section_weight = section_weight
        self._paragraphs = self._indexes([f"{p.section}\n{p.text}" for p in self.passages])
        # Each passage also scores as its whole section: a paragraph that answers the question
        # often shares few words with it, while its section as a whole shares more.
        sections = {p.section_index: "" for p in self.passages}
        for p in self.passages:
            sections[p.section_index] += f"\n{p.text}"
        position = {index: n for n, index in enumerate(sections)}
        self._section_of = [position[p.section_index] for p in self.passages]
        # A section also reads as the words citizens use for it (``section_vocabulary``).
        vocabulary = vocabulary or {}
        headings = {p.section_index: p.section for p in self.passages}
        self._sections = self._indexes([
            f"{headings[i]}{body}\n{vocabulary.get(headings[i], '')}"
            for i, body in sections.items()])

    def terms(self, text: str) -> list[str]:
        """Return a text's word terms as this index reads them."""
        return terms(text, self.treatments, self.synonyms)

    def weight(self, term: str) -> float:
        """Return how telling a word term is in this standard (its IDF over the paragraphs)."""
        return self._paragraphs[0].idf(term)

    def _indexes(self, docs: list[str]) -> tuple[_BM25, _BM25 | None]:
        grams = [ngrams(d, self.treatments) for d in docs] if self.treatments.ngrams else None
        return (_BM25([terms(d, self.treatments, self.synonyms) for d in docs]),
                _BM25(grams) if grams is not None else None)

    def _scores(self, indexes: tuple[_BM25, _BM25 | None], words: list[str],
                grams: list[str]) -> list[float]:
        scores = indexes[0].scores(words)
        if indexes[1] is not None:
            weight = self.ngram_weight
            scores = [(1 - weight) * w + weight * g
                      for w, g in zip(scores, indexes[1].scores(grams), strict=True)]
        return scores

    def information(self, question: str) -> float:
        """Return how much a question says in this standard (the sum of its terms' IDF)."""
        return sum(self.weight(term) for term in set(self.terms(question)))

    def search(self, question: str, k: int = 3) -> list[Hit]:
        """Return the ``k`` best passages for a question, best first."""
        words = terms(question, self.treatments, self.synonyms)
        grams = ngrams(question, self.treatments)
        own = self._scores(self._paragraphs, words, grams)
        whole = self._scores(self._sections, words, grams)
        mix = self.section_weight
        scores = [(1 - mix) * own[i] + mix * whole[self._section_of[i]] for i in range(len(own))]
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
        return [Hit(self.passages[i], scores[i]) for i in order if scores[i] > 0]

    def sections(self, question: str, k: int = 3) -> list[Hit]:
        """Return the best passage of each of the ``k`` best sections, best first."""
        best: dict[str, Hit] = {}
        for hit in self.search(question, k=len(self.passages)):
            # A heading printed in two parts of a standard (one per law) counts once.
            best.setdefault(hit.passage.section, hit)
            if len(best) == k:
                break
        return list(best.values())

    def quote(self, hit: Hit, question: str) -> str:
        """Return the passage, or its sentences that best answer the question when it is long.

        The sentences are kept in the standard's order and never cut inside.
        """
        text = hit.passage.text
        if len(text) <= QUOTE_CHARS or "\n- " in text:
            return text
        sentences = _SENTENCE.split(text)
        wanted = set(terms(question, self.treatments, self.synonyms))
        ranked = sorted(range(len(sentences)), key=lambda i: -len(
            wanted & set(terms(sentences[i], self.treatments, self.synonyms))))
        chosen: list[int] = []
        for i in ranked:
            if sum(len(sentences[j]) for j in chosen) + len(sentences[i]) > QUOTE_CHARS and chosen:
                break
            chosen.append(i)
        return " ".join(sentences[i] for i in sorted(chosen))


def section_vocabulary(standard: Standard, examples: Mapping[str, Sequence[str]],
                       sections: Sequence[_Section] = (),
                       read_as: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return, by section heading, the words citizens use for what the section says.

    Each curated topic's answer (plain Danish) and the NLU examples of the intent that asks
    for it (how citizens ask) go to every section its sources cite. An imported standard's
    sections also read as the examples of the topics their drafted facts (approved or not:
    they only help find the text), their headings name (``heading_topics``) and their own
    paragraphs read as (``read_as``: paragraph → topic, :func:`text_topics`).
    """
    intent_of = {topic: intent for intent, topic in TOPIC_OF_INTENT.items()}
    words: dict[str, dict[str, None]] = {}
    for _, topic, entry in standard.iter_topics():
        lines = [entry.answer, *examples.get(intent_of.get(topic, ""), ())]
        for source in entry.sources:
            if source.section:
                words.setdefault(source.section, {}).update(dict.fromkeys(lines))
    if standard.imported is not None:
        about: list[tuple[str, str]] = [(d.section, d.topic) for d in standard.drafts]
        about += [(section.heading, topic) for section in sections
                  for topic in heading_topics(section.heading)]
        about += [(section.heading, read_as[paragraph]) for section in sections
                  for paragraph in section.paragraphs if read_as and paragraph in read_as]
        for section, topic in about:
            words.setdefault(section, {}).update(
                dict.fromkeys(examples.get(intent_of.get(topic, ""), ())))
    return {section: "\n".join(lines) for section, lines in words.items()}


class PassageSearch:
    """Passage indexes of every standard in a knowledge base, rebuilt when a text reloads."""

    def __init__(self, kb: _Texts, synonyms_path: Path | None = None,
                 treatments: Treatments = ALL, ngram_weight: float = NGRAM_WEIGHT,
                 section_weight: float = SECTION_WEIGHT, threshold: float = THRESHOLD,
                 min_information: float = MIN_INFORMATION, nlu_dir: Path | None = None,
                 expand: bool = True):
        self.kb = kb
        self.nlu_dir = nlu_dir
        self.expand = expand  # off: sections read as their own words only (for measuring)
        self.threshold = threshold
        self.min_information = min_information
        self.section_weight = section_weight
        self.synonyms_path = synonyms_path
        self.treatments = treatments
        self.ngram_weight = ngram_weight
        self._indexes: dict[str, tuple[tuple[object, ...], PassageIndex]] = {}
        self._lock = threading.Lock()

    def index(self, slug: str) -> PassageIndex | None:
        """Return the index of a municipality's standard text, or None when there is none."""
        text = self.kb.text(slug)
        if text is None:
            return None
        synonyms = synonym_table(self.synonyms_path)
        standard = self.kb.standard(slug)
        examples = intent_examples(self.nlu_dir) if self.nlu_dir is not None else {}
        stamp = (text, synonyms, standard, examples)
        cached = self._indexes.get(slug)
        if cached is not None and all(a is b for a, b in zip(cached[0], stamp, strict=True)):
            return cached[1]
        with self._lock:
            read_as = (text_topics(text.sections, _reader_of(examples).rank)
                       if standard and standard.imported is not None and examples and self.expand
                       else {})
            built = PassageIndex(
                text, self.treatments, synonyms, self.ngram_weight, self.section_weight,
                section_vocabulary(standard, examples, text.sections, read_as)
                if standard and self.expand else {}, read_as)
            self._indexes[slug] = (stamp, built)
        return built

    def search(self, slug: str, question: str, k: int = 3) -> list[Hit]:
        """Return the ``k`` best passages of a municipality's own standard for a question."""
        index = self.index(slug)
        return index.search(question, k) if index is not None else []

    def confident(self, slug: str, question: str, hit: Hit,
                  min_information: float | None = None) -> bool:
        """Tell whether a hit answers the question.

        It must score the threshold, and the question must say enough to tell passages apart
        (``min_information``, by default the search's own).
        """
        index = self.index(slug)
        needed = self.min_information if min_information is None else min_information
        return (hit.score >= self.threshold and index is not None
                and index.information(question) >= needed)


_READERS: dict[int, tuple[Mapping[str, Sequence[str]], Any]] = {}


def _reader_of(examples: Mapping[str, Sequence[str]]) -> Any:
    """Return the reader of what citizens ask, trained on these NLU examples (once a process).

    It reads an imported standard's paragraphs as the topics they answer; training takes
    seconds, and only a standard imported with ``kb import`` needs it.
    """
    cached = _READERS.get(id(examples))
    if cached is None or cached[0] is not examples:
        from genoptraening.core.intent_reader import IntentReader

        reader = IntentReader.train([(line, intent) for intent, lines in examples.items()
                                     for line in lines])
        _READERS.clear()  # the examples changed: the old reader is not asked again
        cached = _READERS[id(examples)] = (examples, reader)
    return cached[1]


@lru_cache(maxsize=1)
def get_passage_search() -> PassageSearch:
    """Return the process-wide passage search over the process-wide knowledge base."""
    from genoptraening.core.knowledge.loader import get_knowledge_base
    from genoptraening.settings import get_settings

    settings = get_settings()
    return PassageSearch(get_knowledge_base(), settings.knowledge_dir / SYNONYMS_FILE,
                         nlu_dir=settings.training_data_dir / "nlu")

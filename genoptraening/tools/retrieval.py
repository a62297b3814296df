"""Measure passage retrieval: recall, each text treatment's effect, the threshold.

Labelled sets (question → municipality, section, quote) are YAML files in the format of
``tests/retrieval/heldout.yml`` (written separately from the seeds, never tuned on) and
``tests/retrieval/calibration.yml`` (its items with ``section: null`` are questions the
standard does not answer; the threshold is calibrated on this file only).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from genoptraening.core.analysis import ALL, Treatments
from genoptraening.core.knowledge.seeds import normalise
from genoptraening.core.passages import Hit, PassageSearch
from genoptraening.core.text import skeleton
from genoptraening.settings import CHECKOUT
from genoptraening.tools.report import REPORT, RETRIEVAL_HEADING, replace_section

HELDOUT = CHECKOUT / "tests" / "retrieval" / "heldout.yml"
CALIBRATION = CHECKOUT / "tests" / "retrieval" / "calibration.yml"


@dataclass(frozen=True)
class Item:
    """One labelled question."""

    id: str
    slug: str
    question: str
    section: str | None
    quote: str | None
    kind: str


def load_items(path: Path) -> list[Item]:
    """Read a labelled set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Item(str(row["id"]), str(row["municipality"]), str(row["question"]),
             row.get("section"), row.get("quote"), str(row.get("kind") or ""))
        for row in data.get("items") or []
    ]


def same_heading(a: str, b: str) -> bool:
    """Tell whether two section headings are the same (white space and æ/ø/å folded)."""
    return skeleton(re.sub(r"\s+", " ", a)) == skeleton(re.sub(r"\s+", " ", b))


@dataclass
class Scores:
    """Recall of the labelled section among the first one and three sections found."""

    at1: int = 0
    at3: int = 0
    quote_at1: int = 0
    total: int = 0

    def add(self, item: Item, hits: list[Hit]) -> None:
        """Count one answerable item."""
        assert item.section is not None
        sections = [h.passage.section for h in hits]
        self.total += 1
        self.at1 += bool(sections[:1] and same_heading(sections[0], item.section))
        self.at3 += any(same_heading(s, item.section) for s in sections[:3])
        if hits and item.quote:
            self.quote_at1 += normalise(item.quote) in normalise(hits[0].passage.text)

    def rate(self, count: int) -> float:
        """Return ``count`` as a share of the items."""
        return count / self.total if self.total else 0.0


@dataclass
class Evaluation:
    """Scores over a labelled set, overall and per municipality."""

    overall: Scores = field(default_factory=Scores)
    by_municipality: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))


def evaluate(items: Iterable[Item], search: PassageSearch) -> Evaluation:
    """Rank each answerable item's question in its own municipality's standard."""
    result = Evaluation()
    for item in items:
        if item.section is None:
            continue
        index = search.index(item.slug)
        hits = index.sections(item.question, k=3) if index else []
        result.overall.add(item, hits)
        result.by_municipality[item.slug].add(item, hits)
    return result


def ablation(items: list[Item], make: Callable[..., PassageSearch]) -> dict[str, Scores]:
    """Return the scores with all treatments, and with each one switched off in turn."""
    rows = {"alle": evaluate(items, make(ALL)).overall}
    for name in ALL.__dict__:
        rows[f"uden {name}"] = evaluate(items, make(ALL.without(name))).overall
    rows["uden borgernes ord i afsnittene"] = evaluate(items, make(ALL, expand=False)).overall
    none = Treatments(**{name: False for name in ALL.__dict__})
    rows["ingen (kun små bogstaver)"] = evaluate(items, make(none)).overall
    return rows


@dataclass(frozen=True)
class Outcome:
    """How one calibration item fares at one threshold."""

    score: float
    answerable: bool
    right: bool  # the top section is the labelled one


def outcomes(items: Iterable[Item], search: PassageSearch) -> list[Outcome]:
    """Return each calibration item's top score and whether its top section is right."""
    found = []
    for item in items:
        index = search.index(item.slug)
        hits = index.sections(item.question, k=1) if index else []
        score = hits[0].score if hits else 0.0
        right = bool(hits and item.section and same_heading(hits[0].passage.section,
                                                              item.section))
        found.append(Outcome(score, item.section is not None, right))
    return found


def cost(found: list[Outcome], threshold: float) -> float:
    """Return the cost of a threshold: a wrong passage shown costs 2, a right one missed 1."""
    total = 0.0
    for outcome in found:
        shown = outcome.score >= threshold
        if shown and not outcome.right:
            total += 2
        elif not shown and outcome.right:
            total += 1
    return total


def calibrate(found: list[Outcome]) -> tuple[float, dict[str, Any]]:
    """Return the threshold of least cost (the middle of the best range) and its figures."""
    grid = [round(0.05 + 0.01 * step, 2) for step in range(86)]
    costs = {threshold: cost(found, threshold) for threshold in grid}
    least = min(costs.values())
    best = [t for t in grid if costs[t] == least]
    threshold = best[len(best) // 2]
    return threshold, {"cost": least, **threshold_figures(found, threshold)}


def threshold_figures(found: list[Outcome], threshold: float) -> dict[str, float]:
    """Return how a threshold fares on labelled outcomes.

    The share of the passages shown that are right, of the answerable questions answered
    right, and of the unanswerable ones given no passage.
    """
    shown = [o for o in found if o.score >= threshold]
    answerable = [o for o in found if o.answerable]
    unanswerable = [o for o in found if not o.answerable]
    return {
        "precision": sum(o.right for o in shown) / len(shown) if shown else 0.0,
        "answered": sum(o.right and o.score >= threshold for o in answerable)
        / max(len(answerable), 1),
        "unanswerable_refused": sum(o.score < threshold for o in unanswerable)
        / max(len(unanswerable), 1),
    }


def render(heldout: Evaluation, rows_heldout: dict[str, Scores],
           rows_calibration: dict[str, Scores], calibration: dict[str, Any]) -> str:
    """Render the retrieval figures as the report's Markdown section."""
    def row(name: str, s: Scores) -> str:
        return (f"| {name} | {s.rate(s.at1):.3f} | {s.rate(s.at3):.3f} | "
                f"{s.rate(s.quote_at1):.3f} | {s.total} |")

    header = ["| | recall@1 | recall@3 | quote in top passage | questions |",
              "| --- | --- | --- | --- | --- |"]
    lines = [
        RETRIEVAL_HEADING, "",
        "Produced by `make evaluate` (`genoptraening retrieval evaluate --write-report`). A "
        "question is ranked against the paragraphs of its own municipality's standard "
        "(`knowledge/standards/<slug>.md`), each also scored as its whole section, which reads "
        "as well as the curated answers citing it and the NLU examples of their intents "
        "(\"borgernes ord\"); recall@k counts the labelled section among the k best "
        "sections. `tests/retrieval/heldout.yml` was written from the seeds by a separate "
        "author and is never tuned on; treatments, weights and the threshold were chosen on "
        "`tests/retrieval/calibration.yml` (another author, also from the seeds only).", "",
        "### Held-out set, per municipality", "", *header,
        *[row(slug, s) for slug, s in sorted(heldout.by_municipality.items())],
        row("**alle**", heldout.overall), "",
        "### Effect of each text treatment (held-out set, then calibration set)", "",
        *header, *[row(name, s) for name, s in rows_heldout.items()], "",
        *header, *[row(name, s) for name, s in rows_calibration.items()], "",
        "### Confidence threshold (calibration set)", "",
        f"A top passage scoring at least {calibration['threshold']:.2f} (mixed, normalised "
        f"BM25; 4-gram weight {calibration['ngram_weight']:.2f}) is shown. On the calibration "
        f"set: {calibration['precision']:.3f} of the passages shown are from the right section; "
        f"{calibration['answered']:.3f} of the answerable questions get the right passage; "
        f"{calibration['unanswerable_refused']:.3f} of the questions the standard does not "
        "answer get no passage (a wrong passage shown counts double against a right one "
        "missed).", "",
    ]
    return "\n".join(lines)


def write_report(section: str, path: Path = REPORT) -> None:
    """Replace the report's retrieval section (the other sections stay)."""
    replace_section(section, path)


def detail_given(replies: list[str], quote: str, weight: Callable[[str], float] | None = None,
                 share: float = 0.6) -> bool:
    """Tell whether replies state a quote's detail, quoted or paraphrased.

    Most of the quote's word terms (lemmas, compound parts, synonym groups), weighed by how
    telling each is in the standard ("tavshedspligt" more than "medarbejder"), must stand in
    the replies. Unweighed, a plain-Danish paraphrase of a long sentence often failed
    ("Alle medarbejdere har tavshedspligt" for "Medarbejdere, der leverer ydelserne, har
    tavshedspligt").
    """
    from genoptraening.core.analysis import terms

    wanted = set(terms(quote))
    said = set(terms("\n".join(replies)))
    weigh = weight or (lambda term: 1.0)
    total = sum(weigh(term) for term in wanted)
    return bool(total) and sum(weigh(term) for term in wanted & said) / total >= share


def turn_of(question: str, parsed: dict[str, Any]) -> Any:
    """Build the dialogue's turn from Rasa's parse result of a question."""
    from genoptraening.dialogue import Turn

    intent = parsed.get("intent") or {}
    return Turn(
        text=question, intent=str(intent.get("name") or "nlu_fallback"),
        confidence=float(intent.get("confidence") or 0.0),
        ranking=tuple((str(r["name"]), float(r["confidence"]))
                      for r in parsed.get("intent_ranking") or []),
        entities=tuple((str(e["entity"]), str(e["value"])) for e in parsed.get("entities") or []))


def replies_to(item: Item, parsed: dict[str, Any], deps: Any) -> list[Any]:
    """Return the dialogue's replies to a labelled question, its municipality known."""
    from genoptraening.dialogue import State
    from genoptraening.dialogue.engine import KIND_OF_INTENT, respond

    turn = turn_of(item.question, parsed)
    replies, _ = respond(KIND_OF_INTENT.get(turn.intent, "clarify"), turn,
                         State(municipality=item.slug), deps)
    return list(replies)


def answered_share(items: list[Item], parse: Callable[[str], dict[str, Any]],
                   deps_by_mode: dict[str, Any]) -> dict[str, float]:
    """Return, per mode, the share of answerable items whose replies give the labelled detail.

    Args:
        items: Labelled questions.
        parse: The NLU: text → Rasa's parse result (intent, confidence, ranking, entities).
        deps_by_mode: The dialogue's dependencies per mode ("before": curated topics only,
            "after": with the standards' own text).

    """
    answerable = [item for item in items if item.quote]
    given = dict.fromkeys(deps_by_mode, 0)
    for item in answerable:
        parsed = parse(item.question)
        for mode, deps in deps_by_mode.items():
            replies = replies_to(item, parsed, deps)
            given[mode] += detail_given([r.text for r in replies], str(item.quote),
                                        _weight(item.slug))
    return {mode: count / max(len(answerable), 1) for mode, count in given.items()}


@dataclass
class PolicyFigures:
    """How the answers fare on a labelled set under one pair of thresholds."""

    detail: int = 0  # answerable questions whose replies give the detail
    wrong_passage: int = 0  # passages shown from another section than the labelled one
    refused_wrongly: int = 0  # passages shown for questions the standard does not answer
    answerable: int = 0
    unanswerable: int = 0

    @property
    def value(self) -> int:
        """A detail given counts 1; a misleading passage −1; one where there is none −2."""
        return self.detail - self.wrong_passage - 2 * self.refused_wrongly


def policy_figures(items: list[Item], parsed: dict[str, dict[str, Any]], deps: Any
                   ) -> PolicyFigures:
    """Score the dialogue's answers to labelled questions (see ``PolicyFigures``)."""
    figures = PolicyFigures()
    for item in items:
        replies = replies_to(item, parsed[item.question], deps)
        shown = [r.passage for r in replies if r.passage]
        if item.section is None:
            figures.unanswerable += 1
            figures.refused_wrongly += bool(shown)
            continue
        figures.answerable += 1
        figures.detail += detail_given([r.text for r in replies], str(item.quote),
                                       _weight(item.slug))
        figures.wrong_passage += sum(not same_heading(p["section"], item.section) for p in shown)
    return figures


def _weight(slug: str) -> Callable[[str], float] | None:
    """Return how telling each word term is in a municipality's standard (its IDF)."""
    from genoptraening.core.passages import get_passage_search

    index = get_passage_search().index(slug)
    return index.weight if index is not None else None


def recall_with_topic(items: list[Item], parsed: dict[str, dict[str, Any]], deps: Any) -> Scores:
    """Return recall with the NLU's topic as the dialogue uses it (its sections preferred).

    The dialogue ranks the five best passages again, a passage in the sections that the
    NLU's topic cites moving up by ``PRIOR`` times the intent's confidence: two readers, one
    learned (the intent reader, trained on 2,100 examples) and one lexical (BM25).
    """
    from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
    from genoptraening.core.render import answer_topic
    from genoptraening.dialogue.passages import prefer_sections

    scores = Scores()
    for item in items:
        if item.section is None or deps.passages is None:
            continue
        index = deps.passages.index(item.slug)
        hits = index.sections(item.question, k=5) if index else []
        intent = parsed[item.question].get("intent") or {}
        topic = TOPIC_OF_INTENT.get(str(intent.get("name")))
        prefer: set[str] = set()
        if topic is not None:
            rendered = answer_topic(deps.kb, deps.register.by_slug(item.slug), topic)
            prefer = {c.section for c in rendered.citations if c.section}
        scores.add(item, prefer_sections(hits, prefer, float(intent.get("confidence") or 0.0)))
    return scores

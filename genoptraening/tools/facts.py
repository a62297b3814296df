"""The story reader measured: how often each fact of a held-out labelled message is read right.

Beside it, :func:`across_authors` measures the learned reader on its own training data, each
author's sentences read by a reader trained on the other authors' (what to tune it by).

``tests/facts/heldout.yml`` holds messages written by a separate author, each labelled with
every fact of :class:`genoptraening.core.situation.Situation` (true, false or not said; the age
or none). A fact counts as read right when the reader gives exactly the label. The report says,
per fact, the share right and how the misses split: a fact missed (the label says true or
false, the reader says nothing), a fact invented (the reader says something the label does not)
and a fact turned round (true read as false or the reverse). Which messages were missed is never
shown, so that nobody tunes the reader on the held-out set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from genoptraening.core.fact_reader import FACTS as READ
from genoptraening.core.fact_reader import FactReader, load_examples
from genoptraening.core.situation import Situation, read_situation
from genoptraening.settings import CHECKOUT
from genoptraening.tools.report import FACTS_HEADING

HELDOUT = CHECKOUT / "tests" / "facts" / "heldout.yml"
FACTS = tuple(Situation.__dataclass_fields__)


@dataclass(frozen=True)
class Labelled:
    """One held-out message and its facts."""

    id: str
    text: str
    facts: dict[str, Any]


def load(path: Path = HELDOUT) -> list[Labelled]:
    """Read a labelled set; every message must label every fact."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = []
    for row in data.get("messages") or []:
        facts = dict(row.get("facts") or {})
        missing = [f for f in FACTS if f not in facts]
        if missing:
            raise ValueError(f"{row.get('id')}: mangler {', '.join(missing)}")
        items.append(Labelled(str(row["id"]), str(row["text"]), facts))
    return items


def score(items: list[Labelled],
          reader: Callable[[str], Situation] = read_situation) -> dict[str, Counter[str]]:
    """Return, per fact, the counts of right, missed, invented and turned-round readings."""
    table: dict[str, Counter[str]] = {fact: Counter() for fact in FACTS}
    for item in items:
        read = asdict(reader(item.text))
        for fact in FACTS:
            want, got = item.facts[fact], read[fact]
            kind = ("right" if got == want else "missed" if got is None
                    else "invented" if want is None else "turned")
            table[fact][kind] += 1
    return table


def across_authors(folder: Path) -> tuple[int, int]:
    """Read each author's labelled sentences with a reader trained on the others' only.

    The measure to tune the learned reader by (its settings, its training data): the held-out
    set is never tuned on. Each file of ``folder`` is one author.

    Returns:
        The facts read right and the facts read, over every sentence of every file.

    """
    files = sorted(folder.glob("*.yml"))
    by_file = {path: load_examples(folder, [path.name]) for path in files}
    right = total = 0
    for path, held in by_file.items():
        reader = FactReader.train([e for p, rows in by_file.items() if p != path for e in rows])
        for example, said in zip(held, reader.read_sentences([e.text for e in held]),
                                 strict=True):
            right += sum(said[f] == example.facts.get(f) for f in READ)
            total += len(READ)
    return right, total


def render(table: dict[str, Counter[str]], label: str = "",
           authors: tuple[int, int] | None = None) -> str:
    """Render the counts (and the across-authors measure) as the report's Markdown section."""
    rows = []
    for fact, counts in table.items():
        total = sum(counts.values())
        rows.append(f"| {fact} | {counts['right'] / total:.3f} | {counts['missed']} | "
                    f"{counts['invented']} | {counts['turned']} |")
    right = sum(c["right"] for c in table.values())
    total = sum(sum(c.values()) for c in table.values())
    return "\n".join([
        FACTS_HEADING, "",
        "Produced by `genoptraening facts evaluate --write-report` (in `make evaluate`): "
        f"`{HELDOUT.relative_to(CHECKOUT)}`, messages written and labelled by a separate "
        "author, never trained or tuned on, read as the dialogue reads them: the learned fact "
        "reader trained from `data/facts` (`genoptraening/core/fact_reader.py`), the age by "
        "pattern (`genoptraening/core/situation.py`). "
        + (f"{label} " if label else ""), "",
        f"**All facts: {right} of {total} read right ({right / total:.3f}).**", "",
        *([f"Across the authors of `data/facts` (each file read by a reader trained on the "
           f"others, the measure the reader is tuned by): {authors[0]} of {authors[1]} facts "
           f"of sentences right ({authors[0] / authors[1]:.3f}).", ""] if authors else []),
        "| fact | right | missed | invented | turned round |",
        "| --- | --- | --- | --- | --- |", *rows, ""])

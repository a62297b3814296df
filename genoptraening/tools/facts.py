"""The story reader measured: how often each fact of a held-out labelled message is read right.

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


def render(table: dict[str, Counter[str]], label: str = "") -> str:
    """Render the counts as the report's Markdown section."""
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
        "author, never trained or tuned on, read by the story reader "
        "(`genoptraening/core/situation.py`). "
        + (f"{label} " if label else ""), "",
        f"**All facts: {right} of {total} read right ({right / total:.3f}).**", "",
        "| fact | right | missed | invented | turned round |",
        "| --- | --- | --- | --- | --- |", *rows, ""])

"""The facts of a citizen's story that point to a law: hospital stay, plan, new loss, age, ….

The facts told in words are read by the learned reader (:mod:`genoptraening.core.fact_reader`);
the age, a number, by pattern. Every reader accepts any input and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from genoptraening.core.fact_reader import FactReader, train_from
from genoptraening.core.reading import plain_clauses, words_before
from genoptraening.core.relatives import KIN
from genoptraening.core.text import skeleton
from genoptraening.settings import get_settings


@dataclass(frozen=True)
class Situation:
    """What a message says about the citizen's situation; None where it says nothing."""

    hospital_stay: bool | None = None
    has_plan: bool | None = None
    new_loss: bool | None = None
    lasting: bool | None = None
    can_train_alone: bool | None = None
    age: int | None = None
    vederlagsfri: bool | None = None

    @classmethod
    def from_dict(cls, data: object) -> Situation | None:
        """Rebuild the facts from their dict (NLU's ``situation``); None when it is not one."""
        if not isinstance(data, dict):
            return None
        values = {name: data.get(name) for name in cls.__dataclass_fields__}
        if not all(v is None or isinstance(v, bool) for k, v in values.items() if k != "age"):
            return None
        age = values["age"]
        values["age"] = age if isinstance(age, int) and not isinstance(age, bool) else None
        return cls(**values)


#: Who may be "er 92" or "på 16" years old.
_PERSONS = frozenset(KIN) | {"jeg", "hun", "han", "du", "kvinde", "dame", "pige", "dreng",
                              "herre", "borger", "person", "patient"}
# Written folded: "82 år", "82-årig", "fylder 80", "er 92", "på 16" (the last two need a person).
_AGE = re.compile(r"\b(?:(\d{1,3}) (?:ar|arig\w*)|(?:fylder|fyldt|fyldte|bliver) (\d{1,3})|"
                  r"(?:er|pa) (\d{1,3})(?! ar))\b(?! (?:gange|kg|km|kilo|kr|kroner|meter|"
                  r"procent|dage|uger|maneder|timer|minutter|\d+)\b)")
_NOT_AGE = frozenset(skeleton(w) for w in (
    "for i efter om sidste siden hver per pr gennem inden de nogle få").split())
_AGE_HEDGES = frozenset(skeleton(w) for w in "ca cirka næsten snart omkring knap over".split())


def read_situation(text: str, reader: FactReader | None = None) -> Situation:
    """Read the eligibility facts a message states (see :class:`Situation`).

    A fact is True when some sentence states it, False when it is only denied ("har ikke været
    indlagt", "ingen genoptræningsplan", "er ikke faldet"), None when not said or only asked
    about. The facts are read by the learned reader (:mod:`genoptraening.core.fact_reader`,
    the one trained from ``data/facts`` unless ``reader`` is given); the age, a number, by
    pattern: the first one stated ("82 år", "jeg er 17", "min søn på 16"), not a duration ("for
    3 år siden", "i 10 år").
    """
    if not isinstance(text, str) or not text.strip():
        return Situation()
    facts = (reader or default_reader()).read(text)
    return Situation(**facts, age=next(_ages(plain_clauses(text)), None))


@lru_cache(maxsize=1)
def default_reader() -> FactReader:
    """Return the reader trained from the assistant's labelled sentences (trained once)."""
    return train_from([get_settings().training_data_dir / "facts"])


def _ages(clauses: list[str]) -> Iterator[int]:
    for clause in clauses:
        for m in _AGE.finditer(clause):
            before = [w for w in words_before(clause, m.start(), 3) if w not in _AGE_HEDGES]
            if m.group(1):  # "82 år": not a duration ("for 3 år siden", "i 10 år")
                if before and before[-1] in _NOT_AGE or clause[m.end():].startswith(" siden"):
                    continue
            elif m.group(3) and (not before or before[-1] not in _PERSONS):
                continue  # "hun er 92", "min søn på 16", not "klokken er 10"
            age = int(m.group(1) or m.group(2) or m.group(3))
            if 0 < age <= 120:
                yield age

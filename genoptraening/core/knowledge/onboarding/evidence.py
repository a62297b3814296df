"""Whether a drafted fact's quote holds its value: the check a reviewer relies on first."""

from __future__ import annotations

import re

from genoptraening.core.dates import NUMBER_WORDS
from genoptraening.core.knowledge.schema import DraftFact
from genoptraening.core.knowledge.standards import comparable
from genoptraening.core.text import skeleton

_LAW_NUMBER = {"sel_86_1": "86", "sel_86_2": "86", "sul_140": "140"}


def quoted(draft: DraftFact) -> bool:
    """Tell whether the quote holds the fact's value (number, address, amount, law, name)."""
    quote = comparable(draft.quote)
    digits = re.sub(r"\D", "", quote)
    value = draft.value
    if draft.phone is not None:
        return draft.phone.number.replace(" ", "") in digits
    if draft.email is not None:
        return draft.email.address.lower() in quote.lower()
    if draft.price is not None:
        amount = f"{draft.price.amount:g}".replace(".", ",")
        year = draft.price.year
        return amount in quote and (year is None or str(year) in quote)
    if draft.deadline is not None:
        number = draft.deadline.number
        words = {skeleton(w) for w in re.findall(r"\w+", quote)}
        return str(number) in re.findall(r"\d+", quote) or any(
            NUMBER_WORDS.get(w) == number for w in words)
    if draft.covers is not None:
        return _LAW_NUMBER[draft.covers] in re.findall(r"\d+", quote)
    if draft.address is not None:
        return all(comparable(part) in quote for part in [draft.address.name,
                                                            *draft.address.lines])
    if draft.approval is not None:
        return comparable(draft.approval.by) in quote
    return comparable(str(value)) in quote

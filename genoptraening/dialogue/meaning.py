""""Hvad betyder det?" after an answer: the standard's own section on what the answer named.

"… Holder kommunen ikke fristen på 7 dage, har du ret til udvidet frit valg." — "Hvad betyder
det?" asks for the term, not for the law (which NLU often reads). When the last answer names a
term that is a heading of the municipality's standard ("Udvidet frit valg"), that section
explains it, quoted with its section; the term named last is the one asked about.
"""

from __future__ import annotations

from genoptraening.core.details import words_of
from genoptraening.core.follow_ups import asks_meaning
from genoptraening.core.passages import Hit, Passage
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.model import Reply
from genoptraening.dialogue.passages import passage_reply

#: A heading that works as a term is short ("Udvidet frit valg", not a whole sentence).
TERM_WORDS = 5


def meaning_of_last_answer(context: Context) -> list[Reply]:
    """Quote the section of the standard on the term the last answer named, when asked.

    Returns:
        The reply, or nothing: not a question of meaning, no last answer, or no term of it
        that the standard has a section on.

    """
    state = context.state
    if (state.last_topic is None or context.standard is None or context.passages is None
            or context.municipality is None or not asks_meaning(context.turn.text)):
        return []
    index = context.passages.index(context.municipality.slug)
    if index is None:
        return []
    # Every answer of the last turn: a result says who may get it and its deadlines too.
    said = " ".join(words_of(" ".join(context.answer(topic, state.law).text for topic
                                      in state.answered_topics or [state.last_topic])))
    # The term named last: where in the answer each heading stands, the latest wins.
    found: list[tuple[int, Passage]] = []
    for passage in index.passages:
        term = " ".join(words_of(passage.section))
        at = f" {said} ".rfind(f" {term} ")
        if 0 < len(term.split()) <= TERM_WORDS and at >= 0:
            found.append((at, passage))
    if not found:
        return []
    at = max(position for position, _ in found)
    passage = next(p for position, p in found if position == at)
    state.misses = 0
    return [passage_reply(context, Hit(passage, 1.0), passage.section)]

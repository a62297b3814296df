""""Og hvad hvis det er min søn på 17?" after an answer: the municipality's age limit.

A short follow-up that tells an age asks whether the answer holds at that age. When the
municipality's standard sets an age limit for the conversation's law (or, with no law yet, for
one of its laws) and the age is under it, the limit is the answer ("Rebild Kommunes standard
siger, at man skal være over 18 år …"); otherwise the message is answered as NLU read it.
"""

from __future__ import annotations

from genoptraening.core.questions import mentioned_law
from genoptraening.core.render import law_offer, phrase
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.eligibility import municipal_criteria
from genoptraening.dialogue.model import Reply

#: A follow-up is short; a longer message that tells an age is a story of its own.
MAX_WORDS = 12


def age_of_follow_up(context: Context) -> list[Reply]:
    """Say the municipality's age limit when a short follow-up tells an age under it."""
    turn, standard, municipality = context.turn, context.standard, context.municipality
    age = turn.stated.age
    if (age is None or standard is None or municipality is None or context.state.last_topic
            is None or len(turn.text.split()) > MAX_WORDS):
        return []
    law = mentioned_law(turn.text) or context.state.law
    for candidate in [law] if law else list(standard.laws):
        limit = municipal_criteria(context, candidate).get("min_age")
        if isinstance(limit, int) and age < limit:
            context.state.misses = 0
            return [Reply(phrase("result_too_young", municipality=municipality.official,
                                 offer=law_offer(candidate), min_age=limit, **context.who()))]
    return []

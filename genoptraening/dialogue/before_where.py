"""What is said before, or instead of, asking which municipality: the rules of the law.

The law is the same in the whole country. A question about the laws themselves is answered
without asking where; on some topics the law's general rule is said first, and only the
municipality's own part waits for "Hvilken kommune bor du i?".
"""

from __future__ import annotations

import re

from genoptraening.core.questions import compares_laws, mentioned_law
from genoptraening.core.render import general_answer, phrase
from genoptraening.dialogue import questions
from genoptraening.dialogue.context import Context, reply_from
from genoptraening.dialogue.model import Reply

#: Topics whose answer is the same in every municipality: answered without asking where.
SAME_EVERYWHERE = frozenset({"legal_basis"})
#: Topics whose general rule is said before asking where, and for which law the question
#: names: after a stay, nobody applies anywhere ("skal man selv søge, når man bliver
#: udskrevet?"). None: also when no law is named ("Jeg har fået afslag. Hvad kan jeg gøre?":
#: one may complain everywhere; "Hvordan kommer jeg i gang?": after a stay one does not apply).
LAW_FIRST: dict[str, frozenset[str | None]] = {
    "target_group": frozenset({"sul_140", "sel_86_1", "sel_86_2"}),
    "apply": frozenset({"sul_140", None}),
    "complaint_decision": frozenset({"sel_86_1", "sel_86_2", None}),
    # "Hvor lang tid går der, når sygehuset har lavet en genoptræningsplan?": what the law
    # says of the plan, before the municipality's own deadlines.
    "deadlines": frozenset({"sul_140"}),
    # "Har man frit valg, når man kommer hjem med en genoptræningsplan?": the law gives it.
    "free_choice": frozenset({"sul_140"}),
}


#: A hospital stay spoken of, by its fixed words.
_STAY = re.compile(r"indl[æa]e?g|sygehus|hospital", re.IGNORECASE)


def same_everywhere(context: Context, topic: str) -> list[Reply] | None:
    """Answer a topic that is the same everywhere, when no municipality changes it.

    The law is the same in every municipality, and so is the difference between its rules:
    the general rule; then, with no municipality known, an offer of the local view. None when
    the topic is the municipality's own.
    """
    if topic not in SAME_EVERYWHERE or not (
            context.municipality is None or compares_laws(context.turn.text)):
        return None
    state = context.state
    state.answered(topic)
    state.misses = 0
    reply = reply_from(general_answer(context.kb, topic) or context.answer(topic))
    if context.municipality is None:
        reply.text += "\n\n" + phrase("same_everywhere", **context.who())
    return [reply]


def law_first(context: Context, topic: str) -> list[Reply]:
    """Return the law's general rule on a topic, said before asking where, if it has one.

    "Hvem kan få vedligeholdende træning?" is answered by the law before "which
    municipality?": only the municipality's own criteria wait for it. Else, when a question of
    the message asks what the laws are, their general rule.
    """
    # "og hvad hvis kommunen ikke kan nå at starte mig op?" after the plan's free choice: the
    # law the conversation named before still holds.
    law = mentioned_law(context.turn.text) or context.state.law
    general = general_answer(context.kb, topic, law) if law in LAW_FIRST.get(topic, ()) else None
    if general is not None:
        context.state.law = law
        return [reply_from(general)]
    # "Kan man kun få genoptræning, hvis man har været indlagt?": whether a stay is needed is
    # what the laws decide, in every municipality.
    asks_the_laws = topic == "target_group" and law is None and _STAY.search(context.turn.text)
    if (asks_the_laws or any(q.intent == "ask_law" and questions.is_sure(q)
                             for q in context.turn.questions)) and (
            rule := general_answer(context.kb, "legal_basis")):
        # "Hvad er en genoptræningsplan og hvem laver den?": what the laws say, first.
        context.state.answered("legal_basis")
        return [reply_from(rule)]
    return []

"""Which law a story points to, from the facts it tells (no dialogue state).

The facts are the learned reader's (:class:`genoptraening.core.situation.Situation`), kept as
the eligibility dialogue keeps them: "hospital", "plan", "lasting", "new_loss", … A hospital
stay with a plan is SUL § 140, a lasting condition without a new loss SEL § 86 stk. 2, a new
loss without a stay § 86 stk. 1. Used by :mod:`genoptraening.dialogue.eligibility` and by the
topic answers that say first which law a story sounds like.
"""

from __future__ import annotations

import re
from typing import Any

from genoptraening.core.questions import (
    compares_laws,
    holds_question,
    mentioned_law,
    split_questions,
)
from genoptraening.core.render import law_in_sentence, law_offer, law_prefix, phrase
from genoptraening.core.situation import Situation
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.model import Reply, Turn


def learn(facts: dict[str, Any], situation: Situation, newer: bool = False) -> None:
    """Add the facts a message states; ``newer``: they replace what an earlier turn told."""
    found = {
        "hospital": situation.hospital_stay,
        "plan": situation.has_plan,
        "lasting": situation.lasting,
        "can_train_alone": situation.can_train_alone,
        "age": situation.age,
        "excluded": situation.vederlagsfri,
        "new_loss": situation.new_loss,
    }
    if newer:
        facts.update({key: value for key, value in found.items() if value is not None})
    if situation.new_loss and situation.lasting is None:
        found["lasting"] = False
    if situation.has_plan:
        found["hospital"] = True  # only a hospital writes a genoptræningsplan
    for key, value in found.items():
        if value is not None and facts.get(key) is None:
            facts[key] = value


def asks_for_maintenance(text: str) -> bool:
    """Tell whether the message's questions ask for maintenance training by name."""
    if compares_laws(text):
        return False
    return any(mentioned_law(q) == "sel_86_2" for q in split_questions(text, always=True)
               if holds_question(q))


#: Training asked for again, after a course: "træne igen", "et nyt forløb".
TRAINING_AGAIN = re.compile(r"\btr[æa]e?n\w*\s+igen\b|\bigen\s+(?:noget\s+)?tr[æa]e?n|"
                             r"\bnyt\s+(?:trænings)?forløb\b", re.IGNORECASE)


def tells_the_law(told: Situation) -> bool:
    """Tell whether a message tells what the law turns on (a stay, a plan, a loss, a condition).

    "ja, jeg var indlagt i fire dage og fik en plan med hjem" with no yes/no question asked
    (the municipality was): NLU reads a "yes", the message tells the story.
    """
    return any(fact is not None for fact in (told.hospital_stay, told.has_plan, told.new_loss,
                                             told.lasting))


def law_of(facts: dict[str, Any]) -> str:
    """Return the law the facts point to (§ 86 stk. 1 when nothing else is told)."""
    if facts.get("asked_law") == "sel_86_2":
        return "sel_86_2"
    if facts.get("hospital") and not facts.get("again"):
        return "sul_140"
    return "sel_86_2" if facts.get("lasting") else "sel_86_1"


def story_law(turn: Turn) -> str | None:
    """Return the law a story alone points to, or None when it does not say enough."""
    facts: dict[str, Any] = {}
    learn(facts, turn.stated)
    if facts.get("hospital"):
        return "sul_140" if facts.get("plan") else None
    if facts.get("hospital") is False or lasting_only(facts):
        return law_of(facts) if facts.get("lasting") is not None else None
    return None


#: Topics whose answer depends on the law: a story that points to one says so first ("Skal jeg
#: søge for hende?" after a discharge: under § 140 nobody applies).
_LAW_MATTERS = frozenset({"apply", "target_group", "deadlines", "on_behalf"})


def likely_law(context: Context, topic: str) -> str | None:
    """Return the line that says which law a story sounds like, when it cannot yet say for sure.

    "Jeg er udskrevet fra Aalborg Universitetshospital. Hvordan søger jeg?": after a stay it is
    § 140 when the hospital wrote a plan; "… blevet dårlige efter influenza. Hvordan søger man?":
    a new loss is § 86, stk. 1 unless a stay with a plan makes it § 140. Only for topics whose
    answer depends on the law, and not once the conversation has a law (the caller sets the
    one a story settles, :func:`story_law`, first).
    """
    told = context.turn.stated
    if topic not in _LAW_MATTERS or context.state.law:
        return None
    if told.hospital_stay and told.has_plan is None:
        return phrase("likely_sul_140", **context.who())
    if told.new_loss and told.hospital_stay is None and not told.lasting:
        return phrase("likely_sel_86_1", **context.who())
    return None


def asks_for_training(turn: Turn) -> bool:
    """Tell whether an unsure NLU might have read eligibility in a story that says enough.

    Eligibility is one of NLU's two best readings, and the message tells what the law turns
    on: a hospital stay, a new loss or a lasting condition. Or the message asks for
    maintenance by name ("… hvis hun så har brug for at holde sig i gang?").
    """
    if asks_for_maintenance(turn.text):
        return True
    best = [intent for intent, _ in turn.ranking if intent != "nlu_fallback"][:2]
    return "check_eligibility" in best and tells_the_law(turn.stated)


def lasting_only(facts: dict[str, Any]) -> bool:
    """Tell whether the facts tell a lasting condition and no new loss."""
    return bool(facts.get("lasting")) and not facts.get("new_loss")


def say_law_first(context: Context, replies: list[Reply], law: str) -> None:
    """Say once, first, the law a story points to; the answers' own law labels go.

    After a hospital stay, how § 140 goes on is said too where no answer says it ("… blev
    udskrevet i fredags, de sagde noget om en plan. Hvordan kommer jeg frem?").
    """
    said = phrase("story_law", offer=law_offer(law), law=law_in_sentence(law))
    if law == "sul_140" and not any("genoptræningsplan" in r.text for r in replies):
        said = f"{said} {phrase('story_law_plan', **context.who())}"
    elif law == "sel_86_2" and context.turn.stated.new_loss:
        # Hjertesvigt, then a month in bed: a lasting illness and a new loss told together,
        # the new loss is the other reading (as the eligibility result says it).
        said = f"{said} {phrase('or_sel_86_1', **context.who())}"
    for reply in replies:
        reply.text = reply.text.removeprefix(law_prefix(law))
    replies[0].text = f"{said} {replies[0].text}"

"""The other questions of a story, answered beside the eligibility result.

"Jeg faldt … Kan jeg få træning, og hvad koster det?": whether one can get training is the
result's; what it costs is answered beside it, under the law the story points to.
"""

from __future__ import annotations

import re

from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
from genoptraening.core.questions import WH_WORD, holds_question, split_questions
from genoptraening.dialogue import details, questions
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.follow_up import UNPLACED
from genoptraening.dialogue.handover import with_whom_to_ask
from genoptraening.dialogue.model import Reply

#: The question the result answers: whether one can get training.
WHETHER = re.compile(r"\b(?:få|faa|fa|ret til|krav på)\b.*\btr[æa]e?n|"
                     r"\btr[æa]e?n\w*.*\b(?:få|faa)\b", re.IGNORECASE)
#: A question that opens with a question word asks that, not whether (a yes/no question).
_WH_QUESTION = re.compile(rf"\s*(?:og |men |så )?{WH_WORD}\b", re.IGNORECASE)
#: What a result says anyway: who may get it and how to apply.
_IN_THE_RESULT = frozenset({"target_group", "apply", "purpose", "legal_basis"})


def the_rest(context: Context, asked: str, law: str | None = None,
             before_the_result: bool = False, follows: str | None = None) -> list[Reply]:
    """Answer the other questions of the story ("hvad koster det?").

    Args:
        context: The turn's context.
        asked: The story's text.
        law: The law to answer under; the conversation's law when None.
        before_the_result: Answered while a yes/no question is still open: how to apply is
            answered too, as no result has said it yet.
        follows: The topic answered before the story: a short question that asks nothing of
            its own asks more of it ("også i en anden kommune?" after free choice).

    """
    from genoptraening.dialogue import turns  # turns imports eligibility, which imports this

    if context.municipality is None or not holds_question(asked):
        return []
    asked_all = split_questions(asked, always=True)
    rest = [q for q in asked_all if not _asks_whether(context, q)]
    found = questions.topics_asked(context, rest)
    if follows is not None:
        found += [(at, follows, q) for at, q in enumerate(rest) if _follows_up(context, q)
                  and all(q != seen for _, _, seen in found)]
    # "Kan jeg få træning, eller er det kun for ældre?" asks whether, and the age limit too.
    found += [(len(found), "target_group", q) for q in asked_all if q not in rest
              and (d := details.detail_asked(q, "target_group")) and d.topic == "target_group"]
    said = _IN_THE_RESULT - {"apply"} if before_the_result else _IN_THE_RESULT
    # A detail asked of what the result says ("Er der en aldersgrænse?") is answered: the
    # result says the topic's main point, not the detail (how to apply says its own, below).
    replies = [reply for _, topic, question in found
               if topic not in said or (topic != "apply"
                                        and details.detail_asked(question, topic) is not None)
               for reply in turns.topic_replies(context, topic, question, law)]
    if any(reply.answered_by.get("topic") == "on_behalf" for reply in replies):
        # "kan hjemmeplejen søge om træning for hende, eller skal vi?": and where to turn.
        with_whom_to_ask(context, replies)
    return replies


def asks_more(context: Context, asked: str) -> bool:
    """Tell whether the story asks what only the municipality's rules answer.

    "Jeg har fået en genoptræningsplan. Hvornår kommer jeg i gang?": § 140 is the result, and
    how soon it starts is the municipality's, so which municipality is asked. Read before the
    municipality is known: NLU's sure reading of each question, not the standard's passages.
    """
    if not holds_question(asked):
        return False
    for question in split_questions(asked, always=True):
        read = context.asked(question)
        if _asks_whether(context, question) or not questions.is_sure(read):
            continue
        topic = TOPIC_OF_INTENT.get(read.intent)
        if topic is not None and (topic not in _IN_THE_RESULT
                                  or details.detail_asked(question, topic) is not None):
            return True
    return False


def asks_beyond_whether(context: Context, asked: str) -> bool:
    """Tell whether the story asks anything but whether one can get training ("Hvad gør jeg?")."""
    return holds_question(asked) and any(not _asks_whether(context, question)
                                         for question in split_questions(asked, always=True))


#: Readings of a question that ask no topic of their own.
_NO_TOPIC = UNPLACED | {"inform_municipality"}
#: A question this short that asks no topic of its own may go on from the last answer.
_FOLLOW_UP_WORDS = 8


def _follows_up(context: Context, question: str) -> bool:
    """Tell whether a question of the story asks more of the last answer: no topic, no place."""
    read = context.asked(question)
    return (read is not None and read.intent in _NO_TOPIC
            and len(question.split()) <= _FOLLOW_UP_WORDS
            and context.register.find(question) is None)


def _asks_whether(context: Context, question: str) -> bool:
    """Tell whether a question asks what the result answers: "kan han få træning?".

    Not when NLU is sure it asks for a topic: "kan hun få træningen hjemme?" asks where.
    """
    read = context.asked(question)
    if questions.is_sure(read) and read.intent in TOPIC_OF_INTENT:
        return False
    topic = TOPIC_OF_INTENT.get(read.intent) if read is not None and (
        read.confidence >= questions.QUESTION_LIKELY) else None
    if topic is not None and details.detail_asked(question, topic) is not None:
        return False  # "Kan jeg få træningen efter kl. 17?" asks a detail of it, not whether
    # "Hvem tager stilling til, om hun kan få træning?" asks who, not whether.
    return not _WH_QUESTION.match(question) and bool(WHETHER.search(question))

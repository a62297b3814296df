"""One entry point for the dialogue: a turn and the state in, replies and state changes out."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from genoptraening.core.follow_ups import next_topic
from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
from genoptraening.core.questions import opens_with_yes_or_no
from genoptraening.core.render import phrase
from genoptraening.core.situation import Situation
from genoptraening.dialogue import follow_up, meaning, questions, smalltalk, turns
from genoptraening.dialogue.age_limit import age_of_follow_up
from genoptraening.dialogue.context import (
    Context,
    about_the_relative,
    before_question_back,
    build_context,
    preamble,
    with_consent_reminder,
)
from genoptraening.dialogue.deps import Deps
from genoptraening.dialogue.eligibility import eligibility, remember_told
from genoptraening.dialogue.grant import grant
from genoptraening.dialogue.handover import handover, health_reply
from genoptraening.dialogue.model import Reply, State, Turn

#: What each custom action does.
HANDLERS: dict[str, Callable[[Context], list[Reply]]] = {
    "answer_topic": turns.answer,
    "set_municipality": turns.set_municipality,
    "eligibility": eligibility,
    "clarify": turns.clarify,
    "handover": handover,
    "emergency": smalltalk.emergency,
    "health": turns.health,
    "grant": grant,
    "smalltalk": smalltalk.smalltalk,
    "session_start": smalltalk.session_start,
}

#: From this confidence, NLU's topic is asked besides an age told as a follow-up.
SURE_TOPIC = 0.8
#: At most this many words, an unsure message naming a municipality after an answer asks
#: that answer there.
SHORT_SWITCH = 12
#: The handlers a "Hvad betyder det?" after an answer may be read as (never a yes or no).
_MAY_ASK_MEANING = frozenset({"answer_topic", "clarify", "smalltalk", "health"})
#: Handlers of a message that may be a follow-up on the last answer's topic.
_MAY_STAY = frozenset({"answer_topic", "clarify", "smalltalk", "set_municipality"})

#: Readings of a message that asks no topic of its own: it may tell the fact that decides
#: the law of the last answer.
_TELLS_ONLY = frozenset({"affirm", "deny", "nlu_fallback", "out_of_scope"})

#: The handler for each intent — the same mapping as the rules in data/rules/.
KIND_OF_INTENT: dict[str, str] = {
    **{intent: "answer_topic" for intent in TOPIC_OF_INTENT},
    "check_eligibility": "eligibility",
    "affirm": "eligibility",
    "deny": "eligibility",
    "inform_municipality": "set_municipality",
    "human_handoff": "handover",
    "emergency": "emergency",
    "ask_health": "health",
    "ask_grant": "grant",
    "nlu_fallback": "clarify",
    **{i: "smalltalk" for i in ("greet", "goodbye", "thank", "out_of_scope", "bot_challenge",
                                 "ask_privacy")},
}


def respond(
    kind: str, turn: Turn, state: State, deps: Deps
) -> tuple[list[Reply], dict[str, Any]]:
    """Answer one turn.

    Args:
        kind: Which handler, one of ``HANDLERS`` (the Rasa action that runs).
        turn: The citizen's message as NLU understood it.
        state: The conversation's state before this turn.
        deps: The knowledge base, register, time zone and clock.

    Returns:
        The replies, warnings first, and the slots to change.

    """
    replies: list[Reply] = []
    context = build_context(deps, turn, state)
    handler = HANDLERS[kind]
    if kind == "session_start":
        return handler(context), context.state.changes_since(state)
    # "okay, men hvad så i Hedensted?": a yes-word with nothing asked, before a switch of
    # municipality, is the switch (whether something was asked is the conversation's state,
    # which NLU does not see; a message that only names a place is inform_municipality in NLU).
    if (kind == "eligibility" and turn.intent in ("affirm", "deny")
          and context.state.eligibility_question is None and context.named_municipality):
        handler = turns.set_municipality
    # "nej, kun hos lægen" to "Har du været indlagt?": the answer, whatever NLU read in it.
    elif (kind != "eligibility" and context.state.eligibility_question
          and (said := opens_with_yes_or_no(turn.text))):
        context = dataclasses.replace(context, turn=dataclasses.replace(turn, intent=said))
        handler = eligibility
    # A short, unsure answer to "Hvilken kommune bor du i?" ("Paris") is an answer to it.
    elif (kind in ("answer_topic", "clarify", "smalltalk") and context.state.pending_topic
          and 0 < len(turn.text.split()) <= 2
          and (turn.intent == "nlu_fallback" or turn.confidence < 0.6)):
        handler = turns.set_municipality
    # "og i Rebild som ligger lige ved siden af?" after an answer: NLU unsure, but a
    # municipality named in a short message is the last answer asked there.
    elif (kind == "clarify" and context.named_municipality and context.state.last_topic
          and len(turn.text.split()) <= SHORT_SWITCH):
        handler = turns.set_municipality
    # "og for min mand? han har parkinson" after an answer: what he can get.
    elif kind == "answer_topic" and follow_up.asks_for_someone_else(context):
        handler = eligibility
    # "og hvis jeg bare glemmer det?" after the answer on cancellation: still cancellation.
    stay = (follow_up.last_topic_reading(context)
            if kind in _MAY_STAY and handler is HANDLERS[kind] else None)
    # "og hvis jeg aldrig var indlagt?" after how to apply: how to apply under that law.
    told = (follow_up.law_of_told(context)
            if turn.intent in _TELLS_ONLY and handler is HANDLERS[kind] else None)
    if told is None and kind == "eligibility" and handler is HANDLERS[kind]:
        # "og genoptræning efter et fald?" after how long maintenance lasts: how long that lasts.
        told = follow_up.law_of_elliptic(context)
    if told:
        context.state.law = told[1]  # the conversation goes on under the law told
        context.state.eligibility_question = None  # a case supposed answers no yes/no asked
    followed = _follow_up(context, kind)
    answers = followed or (
        turns.under_law(turns.topic_replies(context, told[0], "", told[1]), told[1]) if told
        else turns.answer_as(context, *stay) if stay else handler(context))
    if handler is not eligibility:
        remember_told(context)
    at = questions.health_asked(turn)
    if at is not None and handler not in (turns.health, smalltalk.emergency):
        # A health question beside another ("Hjælper glukosamin? Og kan jeg få træning?"):
        # both are answered, in the order asked.
        answers = questions.in_place(answers, health_reply(context), at)
    if kind in ("answer_topic", "eligibility"):
        answers = _with_implied(context, answers)
    answers = about_the_relative(context, answers)
    if turn.signalled.emergency_unsure and not followed:
        # NLU heard an emergency in words that hold none ("kan ikke komme ud af sengen, kan
        # hun få træning?") and acts on its next-best reading: 112 is said as a condition.
        # Not in a follow-up on the last answer ("og hvis han ikke er færdig til den tid?").
        replies.append(Reply(phrase("emergency_maybe")))
    replies += preamble(context) + with_consent_reminder(context, answers)
    for reply in replies:
        reply.answered_by.setdefault("intent", turn.intent)
        reply.answered_by.setdefault("confidence", round(turn.confidence, 3))
    return replies, context.state.changes_since(state)


def _follow_up(context: Context, kind: str) -> list[Reply]:
    """Answer a short follow-up the way it asks about the last answer, whatever NLU read.

    "Hvad betyder det?" asks for the term the answer named; "Hvad sker der så?" the next step
    (``knowledge/vocabulary/follow_ups.yml``); "og hvis det er min søn på 17?"
    whether it holds at that age: the municipality's age limit, then, when NLU is sure the
    message also asks a topic of its own ("hvad koster kørsel for min søn på 16?"), its answer.
    """
    state, turn = context.state, context.turn
    # "hvad hvis I ikke kan nå det?" reads as a "no" to NLU; with nothing asked it is not one.
    unasked_no = turn.intent in ("affirm", "deny") and not state.eligibility_question
    if kind not in _MAY_ASK_MEANING and not unasked_no:
        return []
    meant = meaning.meaning_of_last_answer(context) if kind in _MAY_ASK_MEANING else []
    if meant:
        return meant
    last = state.last_topic
    # Of the last turn's answers, the one said last first: "hvor meget skal jeg betale for
    # den?" after a result that ended with the answer on transport.
    following = next((found for topic in reversed(state.answered_topics or [last])
                      if (found := next_topic(turn.text, topic, state.law, answers=lambda t: (
                          _the_standard_answers(context, t))))),
                     None) if last and context.standard else None
    if following:
        # "Hvad sker der så med den bagefter?" after the complaint: the complaint's course.
        state.misses = 0
        state.answered(following)
        # An imported standard's answer is the passage its question finds: "er det hver vej?"
        # finds none of the ride's, so the topic's own passage is given.
        return turns.topic_replies(context, following, "" if context.imported else turn.text)
    if kind not in _MAY_ASK_MEANING:
        return []
    limit = age_of_follow_up(context)
    if limit and turn.intent in TOPIC_OF_INTENT and turn.confidence >= SURE_TOPIC:
        return [*limit, *HANDLERS[kind](context)]
    return limit


def _the_standard_answers(context: Context, topic: str) -> bool:
    """Tell whether the standard has its own answer on a topic (not silent, not general).

    An imported standard's answers are its passages, whatever has been reviewed.
    """
    if context.imported:
        return True
    answer = context.answer(topic, context.state.law)
    return not answer.general and bool(answer.entries)


def _with_implied(context: Context, answers: list[Reply]) -> list[Reply]:
    """Answer what the story asks for without a question, after the answers.

    "Min far kan ikke tage bussen. Kan han få træning?": how he gets there (transport) too,
    unless it was answered already; before a question back.
    """
    if context.municipality is None:
        return answers
    answered = {reply.answered_by.get("topic") for reply in answers}
    for read in context.turn.implied:
        topic = TOPIC_OF_INTENT.get(read.intent)
        if topic is not None and topic not in answered:
            answered.add(topic)
            for reply in turns.topic_replies(context, topic, read.text):
                answers = before_question_back(answers, reply)
    return answers


def warm_up(deps: Deps) -> None:
    """Load what the first turn would otherwise wait for (knowledge, words, passage indexes)."""
    if deps.passages is not None:
        for slug in deps.kb.standards():
            deps.passages.index(slug)
    # The story's facts come with the turn, as NLU reads them: no fact reader is trained here.
    respond("answer_topic", Turn(text="hvad koster genoptræning i Lejre", intent="ask_cost",
                                 situation=Situation()), State(), deps)

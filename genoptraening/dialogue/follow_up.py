"""A follow-up that asks for a detail of the last answer: where to write, which number, which mail.

After "Sådan klager du …", "hvad er adressen, hvis jeg hellere vil sende et brev?" asks for the
complaint's address, not the training centre's. NLU reads such a question as a contact
question; when the last answer names an address, a number or an e-mail of its own (not the
municipality's general contact, whose own answer says more), the sentences of that answer
which hold them are the answer, with that answer's sources.
"""

from __future__ import annotations

import re

from genoptraening.core.details import Cue, words_of
from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT, Facts
from genoptraening.core.questions import holds_question, law_follow_up
from genoptraening.core.reading import raw_sentences
from genoptraening.core.text import skeleton
from genoptraening.dialogue import imported_contact
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.model import Reply
from genoptraening.dialogue.passages import INTENT_OF_TOPIC
from genoptraening.dialogue.story_law import tells_the_law

#: NLU sure of another reading from here: the follow-up asks that.
STAY_UNLESS = 0.8
#: How likely NLU must find the last topic for a short follow-up to stay with it.
STAY_FROM = 0.1
#: Readings that place a message nowhere: a follow-up may still ask the last topic.
UNPLACED = frozenset({"nlu_fallback", "out_of_scope"})
#: Topics whose answer is itself the contact: nothing to follow up there.
_CONTACT_TOPICS = frozenset({"contact", "location"})
#: A follow-up is short; a longer message is a question of its own.
_MAX_WORDS = 15
#: A follow-up telling the fact that decides the law is shorter still ("og hvis hun var
#: indlagt?"); a longer one tells a story of its own.
_MAX_LAW_WORDS = 8
#: The words that ask for one kind of detail (folded); without any, every kind is given.
_ASKS_FOR = {
    "addresses": ("adresse", "brev", "post ", "skrive til", "sende"),
    "phones": ("nummer", "telefon", "ringe"),
    "emails": ("mail",),
}


def detail_of_last_answer(context: Context, named_only: bool = False) -> list[Reply]:
    """Answer a short contact question from the last answer's own address, number or e-mail.

    Args:
        context: The turn's context.
        named_only: Only when the message names the kind of detail ("adressen"): a place
            question ("hvor foregår det?") asks where to train, not where to write.

    Returns:
        The reply, or nothing when there was no last answer, it names no such detail, or
        the message is too long to be a follow-up.

    """
    state, text = context.state, context.turn.text
    if context.standard is None or len(text.split()) > _MAX_WORDS:
        return []
    # Of the last turn's answers, the one said last first: "kan jeg ikke bare ringe?" after a
    # result that ended with how to complain.
    said = state.answered_topics or ([state.last_topic] if state.last_topic else [])
    for last in reversed(said):
        if last not in _CONTACT_TOPICS and (found := _detail_of(context, last, named_only)):
            if last != state.last_topic:
                state.answered(last)  # the next follow-up goes on from the complaint
            return found
    return []


def _detail_of(context: Context, last: str, named_only: bool) -> list[Reply]:
    """Answer the contact question from the answer on ``last``'s own details, if it has any."""
    state, text = context.state, context.turn.text
    rendered = context.answer(last, state.law)
    if rendered.general:  # an imported standard: the passage with the detail, quoted
        return imported_contact.detail_of(context, last, named_only)
    folded = skeleton(text) + " "
    kinds = [kind for kind, words in _ASKS_FOR.items()
             if any(skeleton(word) in folded for word in words)]
    if not kinds and named_only:
        return []
    kinds = kinds or list(_ASKS_FOR)
    details = {detail for entry in rendered.entries for kind in kinds
               for detail in _details(entry.facts, kind)}
    # The municipality's own contact answer says more (opening hours, e-mail) about the
    # same number or address: only a detail of the last answer's own is answered from it.
    contact = context.answer("contact", state.law)
    details -= {detail for entry in contact.entries for kind in kinds
                for detail in _details(entry.facts, kind)}
    chosen = [s for s in raw_sentences(rendered.text) if any(d in s for d in details)]
    if not chosen:
        return []
    return [Reply(" ".join(chosen), citations=rendered.citations, facts=rendered.facts(),
                  answered_by={"kind": "topic", "topic": last, "detail": kinds})]


#: Answers that name where to send or call of their own: "hvor skal jeg sende det hen?" after
#: them sends the complaint, though NLU reads a question about applying.
_OWN_ROUTE = frozenset({"complaint_decision", "complaint_treatment"})
#: Words that ask how to apply ("hvordan søger jeg?"), not where to send the complaint.
_APPLYING = (Cue.parse("søg*"), Cue.parse("ansøg*"))


def sends_the_last(context: Context, topic: str) -> bool:
    """Tell whether a question read as applying asks where to send what the last answer is about.

    "hvor skal jeg sende det hen?" after the complaint's answer; not "hvordan søger jeg?".
    """
    words = words_of(context.turn.text)
    return (topic == "apply" and context.state.last_topic in _OWN_ROUTE
            and not any(cue.found_in(words) for cue in _APPLYING)
            and len(words) <= _MAX_LAW_WORDS)


def _details(facts: Facts, kind: str) -> list[str]:
    """Return the strings by which a detail of ``kind`` shows in an answer's text."""
    if kind == "phones":
        return [p.number for p in facts.phones]
    if kind == "emails":
        return [e.address for e in facts.emails]
    return [line for a in facts.addresses for line in a.lines]


def law_of_follow_up(context: Context) -> tuple[str, str] | None:
    """Return (last topic, law) when a short message asks the last answer for another law.

    "Hvor lang tid varer vedligeholdende træning?" — "og genoptræning uden indlæggelse?": the
    duration under § 86 stk. 1, not what the law is. NLU reads the second as a question about
    the law, which it would be without the answer before it.
    """
    last = context.state.last_topic
    if last is None or last == "legal_basis" or context.standard is None:
        return None
    law = law_follow_up(context.turn.text)
    return (last, law) if law is not None else None


#: A follow-up that leaves out what it asks: "og genoptræning efter et fald?", "hvad med …".
_ELLIPTIC = re.compile(r"\s*(?:og|men|hvad med|og hvad med|hvad så med)\b", re.IGNORECASE)
#: Rehabilitation named, not maintenance: after maintenance, the other paragraph of § 86.
_REHABILITATION = re.compile(r"\bgenoptr", re.IGNORECASE)


def law_of_elliptic(context: Context) -> tuple[str, str] | None:
    """Return (last topic, law) when an elliptic follow-up asks the last answer for a law.

    "Hvor længe kan man få vedligeholdende træning?" — "og genoptræning efter et fald?": the
    duration of rehabilitation, which NLU reads as whether one can get it. Rehabilitation
    named after maintenance is § 86, stk. 1, unless it names the hospital stay (§ 140).
    Nothing while a question of the assistant waits for its answer.
    """
    state, text = context.state, context.turn.text
    if (state.last_topic in (None, "legal_basis") or context.standard is None
            or state.eligibility_question or not _ELLIPTIC.match(text)):
        return None
    law = law_follow_up(text)
    if (law is None and state.law == "sel_86_2" and _REHABILITATION.search(text)
            and len(text.split()) <= _MAX_LAW_WORDS):
        law = "sel_86_1"
    return (state.last_topic, law) if law is not None and law != state.law else None


def asks_for_someone_else(context: Context) -> bool:
    """Tell whether an elliptic follow-up asks what a relative it names can get.

    "og for min mand? han har parkinson" after the complaint: what the husband's story points
    to (maintenance training), which NLU reads as a question about applying for him.
    """
    turn = context.turn
    return (context.state.last_topic is not None and _ELLIPTIC.match(turn.text) is not None
            and turn.signalled.relative is not None
            and len(turn.text.split()) <= _MAX_LAW_WORDS and tells_the_law(turn.stated))


def law_of_told(context: Context) -> tuple[str, str] | None:
    """Return (last topic, law) when a short message tells the fact that decides the law.

    "Skal jeg selv søge?" — "og hvis jeg aldrig var indlagt?": how to apply under § 86, stk. 1
    (the story's facts as NLU read them; NLU reads the message as a "no", with nothing asked).
    Nothing while a question of the assistant waits for its answer.
    """
    last, state, text = context.state.last_topic, context.state, context.turn.text
    # "og hvis jeg ikke havde været indlagt?" while "Har sygehuset lavet en plan?" waits: a
    # case of its own, not the answer.
    supposed = _SUPPOSE.match(text) is not None
    if (last is None or last == "legal_basis" or context.standard is None
            or (state.eligibility_question and not supposed)
            or len(text.split()) > _MAX_LAW_WORDS):
        return None
    told = context.turn.stated
    if told.has_plan or told.hospital_stay:
        return last, "sul_140"
    return (last, "sel_86_1") if told.hospital_stay is False and not told.lasting else None


#: A case supposed, not told: "og hvis …", "hvad hvis …", "men hvis …".
_SUPPOSE = re.compile(r"\s*(?:(?:og|men|så|hvad|hvad nu|hvad så)\s+)?hvis\b", re.IGNORECASE)


def last_topic_reading(context: Context) -> tuple[str, float] | None:
    """Return (intent, confidence) of the last answer's topic when a short follow-up asks it.

    "Udebliver du 2 gange …" — "og hvis jeg bare glemmer det?": NLU alone reads the second
    as contact at 0.6 and cancellation at 0.24; after an answer on cancellation, a short
    message NLU is unsure of stays with the topic it already finds likely. Nothing when NLU
    is sure (``STAY_UNLESS``), finds the last topic unlikely (``STAY_FROM``), already reads
    it first, or the message is too long to be a follow-up.
    """
    last, turn = context.state.last_topic, context.turn
    intent = INTENT_OF_TOPIC.get(last) if last else None
    no_place = turn.intent == "inform_municipality" and not context.named_municipality
    unsure_of = turn.intent in TOPIC_OF_INTENT or turn.intent in UNPLACED or no_place
    if (intent is None or context.standard is None or turn.intent == intent or not unsure_of
            or len(turn.text.split()) > _MAX_WORDS):
        return None
    confidence = dict(turn.ranking).get(intent, 0.0)
    if no_place and not context.state.pending_topic and holds_question(turn.text) and (
            len(turn.text.split()) > 2):
        # "og hvis det er i sommerferien?", "også hvis det er i en anden kommune?": read as
        # a place, but no municipality is named and none was asked for: the last topic.
        return intent, max(confidence, STAY_FROM)
    if turn.confidence >= STAY_UNLESS:
        return None
    return (intent, confidence) if confidence >= STAY_FROM else None

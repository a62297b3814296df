"""Every question of a message answered, in the order asked (up to three).

"Hvordan klager hun, og hvad koster kørsel?" holds two questions; NLU gives the message one
intent, and reads each question of it too (``Turn.questions``; the cutting into questions is
:func:`genoptraening.core.questions.split_questions`). The NLU's topic answers the question
that asks for it; each other question gets the topic NLU is sure it asks for, else the topic
whose curated answer cites the section of the standard's passage that answers it confidently
(the passage search), else the topic NLU finds likely. A question that gets no topic, or only
the topic already answered, adds nothing: one right answer beats a guessed second one.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from genoptraening.core.follow_ups import next_topic
from genoptraening.core.intent_reader import Question
from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT, Standard
from genoptraening.core.questions import mentioned_law, split_questions
from genoptraening.dialogue import details
from genoptraening.dialogue.context import Context, before_question_back
from genoptraening.dialogue.model import Reply, Turn
from genoptraening.dialogue.passages import best_passage

#: How much one question of a message must say (the sum of its words' IDF) to be looked up:
#: half of what a whole message needs, since NLU already found the message on-topic, and
#: "hvordan klager hun" (2.7) is a question while "hvad med hende" (0) is not.
PART_INFORMATION = 2.5
#: A topic whose question often asks another too, and how likely NLU must find that one:
#: a relative's "hvordan søger jeg for hende?" asks whether they may, and how to apply.
ASKED_WITH = {"on_behalf": ("ask_apply", 0.25)}
#: The same, when a relative writes: "skal hun selv ringe, eller kan jeg gøre det?" asks how
#: to apply, and whether they may.
ASKED_BY_RELATIVES = {"apply": ("ask_on_behalf", 0.3)}
#: Under this, NLU's reading of a story with one question may be the story's, not the question's.
STORY_UNSURE = 0.8
#: How sure NLU must be of that one question for its own topic to be answered first.
STORY_QUESTION_SURE = 0.65
#: How sure NLU must be of one question's intent for its topic to be answered.
QUESTION_SURE = 0.5
#: A question that only judges what the story told ("Er det normalt?" after "… har stadig
#: ikke fået en tid"): alone, it is no health question ("Er det slidgigt?" is one).
_POINTS_BACK = re.compile(r"^\s*(?:og |men )?(?:er|var) (?:det|dette|der) (?:helt )?(?:normalt|ok|"
                          r"okay|rigtigt|i orden|meningen|rimeligt|lovligt|sådan)\b", re.IGNORECASE)
#: How sure NLU must be of it when the standard's text finds no passage for the question.
QUESTION_LIKELY = 0.3


def topic_of_section(standard: Standard, section: str) -> str | None:
    """Return the topic whose curated answer is most about a section.

    Several topics may cite a section (Lejre's cost answer cites the transport section for
    the price of a ride); the one whose sources are most often this section is taken, then
    the one citing it most.
    """
    best: tuple[float, int, str] | None = None
    for _, topic, entry in standard.iter_topics():
        count = sum(source.section == section for source in entry.sources)
        if count:
            candidate = (count / len(entry.sources), count, topic)
            best = candidate if best is None or candidate[:2] > best[:2] else best
    return best[2] if best else None


def is_sure(read: Question | None) -> TypeGuard[Question]:
    """Tell whether NLU is sure of its reading of one question (``QUESTION_SURE``)."""
    return read is not None and read.confidence >= QUESTION_SURE


def topic_of(context: Context, question: str) -> str | None:
    """Return the topic one question of the message asks for, if it is clear.

    NLU's reading of the question when it is sure of it (a question it reads as something
    other than a topic, such as "kan jeg få træning?", has none); else the topic of the
    standard's passage that answers it confidently.
    """
    read = context.asked(question) or _as_the_message(context, question)
    if is_sure(read):
        if read.intent == "ask_privacy" and details.detail_asked(question, "contact"):
            return "contact"  # "Kan jeg sende en mail med hans CPR-nummer?": how to write
        return TOPIC_OF_INTENT.get(read.intent)
    standard = context.standard
    hit = best_passage(context, question, min_information=PART_INFORMATION) if standard else None
    if standard is not None and hit is not None:
        return topic_of_section(standard, hit.passage.section)
    if read is not None and read.confidence >= QUESTION_LIKELY:
        return TOPIC_OF_INTENT.get(read.intent)
    return None


def _as_the_message(context: Context, question: str) -> Question | None:
    """Return NLU's best topic reading of the message when the question is the whole message.

    "hvordan soger man genoptraening i hjoring kommune, min ryg … er blevet darlige": one
    question, read with its story as how to apply (48 %) as much as whether (48 %).
    """
    if question != context.turn.text:
        return None
    return next((Question(question, intent, confidence) for intent, confidence
                 in context.turn.ranking if intent in TOPIC_OF_INTENT), None)


def topics_asked(context: Context, questions: list[str]) -> list[tuple[int, str, str]]:
    """Return (position, topic, question) for each question whose topic is clear.

    A topic is listed once, at its first question, unless the questions name two laws ("hvor
    længe varer genoptræning uden indlæggelse, og hvor længe vedligeholdende træning?"). None
    before the municipality is known: the answers are its own (a municipality without a
    standard gets the general rule).
    """
    return _read_questions(context, questions)[0]


def _read_questions(context: Context, questions: list[str]) -> tuple[
        list[tuple[int, str, str]], bool]:
    """Return ``topics_asked``'s rows, and whether every question has a topic of its own."""
    if context.municipality is None:
        return [], False
    found: list[tuple[int, str, str]] = []
    placed = True
    last: str | None = None
    for at, question in enumerate(questions):
        law = mentioned_law(question)
        # "Hvordan klager jeg, og hvor lang tid har jeg?": the second asks on from the first
        # (the complaint's own deadline), as it would in the next message.
        topic = (last and next_topic(question, last, law or context.state.law)
                 ) or topic_of(context, question)
        placed = placed and topic is not None
        last = topic or last
        if topic is not None and all(topic != seen or law != mentioned_law(asked)
                                     or _asks_apart(context, asked, question)
                                     for _, seen, asked in found):
            found.append((at, topic, question))
    return found, placed


def _asks_apart(context: Context, first: str, then: str) -> bool:
    """Tell whether two questions read as one topic ask two things of it, each answered.

    "Foregår det kun på hverdage, og kan man få det hjemme?": the days are a passage of the
    standard, the home its answer on where. Only when NLU is unsure of the first and sure of
    the second: two sure readings of one topic ask it once ("hvor og hvornår træner jeg?").
    """
    one, two = context.asked(first), context.asked(then)
    return (one is not None and two is not None and one.confidence < STORY_QUESTION_SURE
            and two.confidence >= STORY_QUESTION_SURE)


def other_questions(context: Context, answered: str) -> list[tuple[int, str, str]]:
    """Return the message's questions with their topics: NLU's and the others found.

    Args:
        context: The turn (its municipality's standard is searched).
        answered: The topic the NLU gave the message, answered anyway.

    Returns:
        (position in the message, topic, the question's words) for each further topic, and
        (position, ``answered``, its question, else the whole message) for the question
        NLU's topic answers, in the order asked.

    """
    questions = split_questions(context.turn.text)
    if len(questions) < 2:
        lone = [(0, answered, _lone_question(context, answered))]
        asked = _story_asks(context, answered)
        if asked is not None:
            # "Min mor … Hun har givet mig lov. Kan jeg sende en mail med hendes cpr-nummer?":
            # the story's one question first, then what its telling was read as.
            lone.insert(0, (0, asked[0], asked[1]))
        paired = ASKED_WITH.get(answered) or (
            ASKED_BY_RELATIVES.get(answered) if context.relative else None)
        if paired and dict(context.turn.ranking).get(paired[0], 0.0) >= paired[1]:
            # "hvordan søger jeg for hende?": whether a relative may, and how to apply.
            lone.append((0, TOPIC_OF_INTENT[paired[0]], context.turn.text))
        return lone
    found, placed = _read_questions(context, questions)
    if sum(topic == answered for _, topic, _ in found) > 1:
        return found  # one topic under two laws: each question under its own
    if found and placed and context.turn.confidence < STORY_UNSURE and all(
            topic != answered for _, topic, _ in found):
        # Every question asks a topic of its own, none NLU's unsure reading of the whole
        # message ("… vedligeholdelsestræning. Foregår det på hverdage, og kan man få det
        # hjemme?" is not who may get it): the questions are what is asked.
        return found
    main_at, main_question = next(((at, question) for at, topic, question in found
                                   if topic == answered), (0, context.turn.text))
    others = [row for row in found if row[1] != answered]
    # Its own question when a detail the whole message asks is another question's own ("Kan
    # det foregå over en skærm? Og hvor mange gange om ugen?"); else the whole message, whose
    # questions may ask one detail together ("Hvordan klager jeg, og hvor lang frist er der?").
    # Or when the detail is of another question's topic: "Skal jeg betale noget for
    # genoptræning, og kan jeg få kørsel?" asks the cost and transport, not the ride's price.
    detail = details.detail_asked(context.turn.text, answered)
    theirs = detail is not None and any(
        details.detail_asked(question, topic) == detail or detail.topic == topic
        for _, topic, question in others)
    # With no detail asked, each question by its own words: the other questions' words
    # ("foregår det på hold?") would find their passage for this one's topic too.
    own = theirs or (detail is None and bool(others))
    main = (main_at, answered, main_question if own else context.turn.text)
    # The NLU's own topic goes first among questions at the same place.
    return sorted([main, *others], key=lambda row: (row[0], row is not main))


def _story_asks(context: Context, answered: str) -> tuple[str, str] | None:
    """Return (topic, question) of a story's one question NLU reads as another topic, if sure.

    Only when NLU is unsure of the whole message (``STORY_UNSURE``): then its reading comes
    from what the story tells, and the question is what the citizen asks.
    """
    lone = split_questions(context.turn.text, always=True)
    if len(lone) != 1 or lone[0] == context.turn.text or (
            context.turn.confidence >= STORY_UNSURE):
        return None
    read = context.asked(lone[0])
    topic = TOPIC_OF_INTENT.get(read.intent) if is_sure(read) and read.confidence >= (
        STORY_QUESTION_SURE) else None
    return (topic, lone[0]) if topic is not None and topic != answered else None


def _lone_question(context: Context, answered: str) -> str:
    """Return what a message of one question asks, for the topic NLU answers it with.

    A story's one question, when NLU reads it as that topic too: the story's words would
    find the standard's passage on the story ("genoptræningsplan fra sygehuset"), not the
    one on the question ("Kan jeg selv vælge, hvor jeg skal træne?"). Else the whole message.
    """
    lone = split_questions(context.turn.text, always=True)
    read = context.asked(lone[0]) if len(lone) == 1 else None
    if is_sure(read) and TOPIC_OF_INTENT.get(read.intent) == answered:
        return lone[0]
    return context.turn.text


def health_asked(turn: Turn) -> int | None:
    """Return the place of the first question NLU is sure asks for health advice, if any.

    "Hjælper glukosamin for mine knæ? Og kan jeg få træning for min slidgigt?": the first.
    Only among several questions: a story's one question ("… Må jeg det?") means what the
    story makes it mean, which NLU's reading of the whole message says.
    """
    if len(turn.questions) < 2:
        return None
    return next((at for at, read in enumerate(turn.questions)
                 if read.intent == "ask_health" and is_sure(read)
                 and not _POINTS_BACK.match(read.text)), None)


def in_place(answers: list[Reply], extra: Reply, at: int) -> list[Reply]:
    """Put the answer to the message's question ``at`` among the answers to the others.

    First when it was asked first, else after them and before a question back.
    """
    return [extra, *answers] if at == 0 else before_question_back(answers, extra)

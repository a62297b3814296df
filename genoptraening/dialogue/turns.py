"""The dialogue's turns: answer a topic, take a municipality, clarify, hand over, small talk.

Each function takes a resolved ``Context`` and returns the replies; it changes
``context.state`` in place, and the caller stores what changed.
"""

from __future__ import annotations

import dataclasses

from genoptraening.core import dates
from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
from genoptraening.core.questions import (
    holds_question,
    mentioned_law,
    split_questions,
    told_and_asked,
)
from genoptraening.core.reading import raw_sentences
from genoptraening.core.register import only_a_place
from genoptraening.core.render import (
    Answer,
    deadlines_of,
    due_dates_text,
    law_label,
    law_prefix,
    phrase,
    phrases,
    topic_label,
)
from genoptraening.dialogue import (
    before_where,
    details,
    follow_up,
    imported,
    passages,
    questions,
)
from genoptraening.dialogue.context import (
    Context,
    ask_municipality,
    menu_buttons,
    municipality_buttons,
    reply_from,
)
from genoptraening.dialogue.eligibility import eligibility
from genoptraening.dialogue.handover import handover, health_reply, with_whom_to_ask
from genoptraening.dialogue.hours import when_to_call
from genoptraening.dialogue.model import Button, Reply
from genoptraening.dialogue.story_law import (
    asks_for_training,
    likely_law,
    say_law_first,
    story_law,
)

#: Intents that never make sense as a suggestion in "Mente du …?".
_NOT_SUGGESTED = {
    "nlu_fallback", "greet", "goodbye", "thank", "affirm", "deny", "inform_municipality",
    "out_of_scope", "bot_challenge", "emergency",
}
#: How sure NLU must be of what a message asks, besides the place it names, to answer it.
ASKED_FLOOR = 0.1
#: After an answer, how sure NLU must be of a topic in a message naming another
#: municipality for it to be asked; under this the message asks the last answer there.
SWITCH_FLOOR = 0.3
#: The score the standard's best passage needs to agree with an unsure NLU topic.
AGREEING_UNSURE = 0.25
#: The kinds of complaint, each with its own route and deadline.
COMPLAINTS = frozenset({"complaint_decision", "complaint_treatment", "complaint_staff"})


def just_a_place(context: Context) -> bool:
    """Tell whether the message names a municipality and says nothing else."""
    return context.named_municipality and only_a_place(context.turn.text, context.match)


def answer(context: Context) -> list[Reply]:
    """Answer the topic of the turn's intent for the citizen's municipality."""
    topic = TOPIC_OF_INTENT[context.turn.intent]
    state = context.state
    if (everywhere := before_where.same_everywhere(context, topic)) is not None:
        return everywhere
    if context.municipality is None:
        return [*before_where.law_first(context, topic), ask_municipality(context, topic)]
    if topic == "legal_basis" and (switched := follow_up.law_of_follow_up(context)):
        last, law = switched  # "og genoptræning uden indlæggelse?" after an answer
        state.misses = 0
        return topic_replies(context, last, context.turn.text, law)
    if (topic in ("contact", "location") or follow_up.sends_the_last(context, topic)) and (
            detail := follow_up.detail_of_last_answer(context, named_only=topic != "contact")):
        return detail  # "og hvad er adressen?" after the complaint's answer: its address
    if topic == "contact" and (timed := when_to_call(context)):
        state.pending_topic, state.misses = None, 0
        state.answered(topic)
        # "kan jeg ringe fredag eftermiddag?": yes or no, from the hours; then the message's
        # other questions ("…, og får man kørsel?").
        others = [row for row in questions.other_questions(context, topic) if row[1] != topic]
        return [*timed, *_answer_topics(context, others, topic)] if others else timed
    return _each_question(context, topic)


def _each_question(context: Context, topic: str) -> list[Reply]:
    """Answer NLU's topic and the message's other questions, in the order asked.

    "hvordan klager hun, og hvad koster kørsel?"; ``topic`` is the one a switch of
    municipality repeats.
    """
    return _answer_topics(context, questions.other_questions(context, topic), topic)


def answer_as(context: Context, intent: str, confidence: float) -> list[Reply]:
    """Answer the message as NLU's reading ``intent`` at ``confidence`` (not its first one)."""
    turn = dataclasses.replace(context.turn, intent=intent, confidence=confidence)
    context = dataclasses.replace(context, turn=turn)
    if intent == "check_eligibility":
        return eligibility(context)
    return _each_question(context, TOPIC_OF_INTENT[intent])


def _answer_topics(context: Context, asked: list[tuple[int, str, str]],
                   main: str | None = None) -> list[Reply]:
    """Answer each (position, topic, question) in turn.

    ``main`` (the first topic when no question asks it) is the topic a switch repeats.
    A story that points to a law is answered under it, and says so first.
    """
    state = context.state
    state.pending_topic, state.pending_question = None, None
    state.misses = 0
    main = next((topic for _, topic, _ in asked if topic == main), asked[0][1])
    state.answered(main, [topic for _, topic, _ in asked if topic != main])
    law = None if state.law else story_law(context.turn)
    if law is not None:
        state.law = law
    likely = likely_law(context, main)  # none once the story or the conversation has a law
    replies: list[Reply] = []
    for _, topic, question in asked:
        if not (replies and _said_already(context, topic, question, replies)):
            said = {reply.text for reply in replies}
            replies += [r for r in topic_replies(context, topic, question) if r.text not in said]
    replies = _said_once(replies)
    if any(topic == "on_behalf" for _, topic, _ in asked):
        with_whom_to_ask(context, replies)  # "hvem kan søge for ham?": and where to turn
    if likely and replies:  # "… blevet dårlige efter influenza. Hvordan søger man?"
        replies[0].text = f"{likely} {replies[0].text}"
    if replies:
        # "Min datter på 15 har fået en genoptræningsplan. Hvem skal træne hende?": what the
        # standard says of the story's own case, unless an answer already quotes it.
        replies += details.told_in_story(context, context.turn.text, law, besides=replies)
    if law is not None and replies:
        say_law_first(context, replies, law)
    return replies


def _said_already(context: Context, topic: str, question: str, replies: list[Reply]) -> bool:
    """Tell whether an answer of the turn states the detail a further question asks.

    "Hvem skal jeg klage til, og er der en frist?" about staff: their complaint's answer says
    there is none; the deadline of a complaint about a decision is not asked.
    """
    if question == context.turn.text:
        return False  # the message's one question, asked of two topics ("… for hende?")
    detail = details.detail_asked(question, topic) or details.detail_asked(context.turn.text,
                                                                         topic)
    return detail is not None and detail.topic in (None, topic) and any(
        detail.stated_in(reply.text) for reply in replies)


def _said_once(replies: list[Reply]) -> list[Reply]:
    """Drop an answer's opening sentence that an earlier answer of the turn already said.

    Two questions under a law the standard does not cover both open with "Lejre Kommunes
    kvalitetsstandard siger ikke noget om …": once is enough.
    """
    said: set[str] = set()
    for reply in replies:
        first = next(iter(raw_sentences(reply.text)), "")
        rest = reply.text[len(first):].lstrip()
        if first in said and rest and reply.text.startswith(first):
            reply.text = rest
        else:
            said.add(first)
    return replies


def topic_replies(context: Context, topic: str, question: str,
                  law: str | None = None) -> list[Reply]:
    """Answer a topic: the curated answer, a passage of the standard, or both.

    Under the law the question names, else ``law``, else the conversation's law.
    """
    law = mentioned_law(question) or law or context.state.law
    detail = details.detail_asked(question, topic)
    if detail is None and question != context.turn.text and question in context.turn.text and (
            len(split_questions(context.turn.text)) < 2):
        # A story's one question, read alone for its passage: the detail it asks may be
        # named in the sentence before ("Jeg har en schæferhund. Skal den lukkes inde?"), but
        # not another topic's ("Jeg har KOL. Kan jeg træne hjemme?" asks where, not who).
        found = details.detail_asked(context.turn.text, topic)
        detail = found if found is None or found.topic in (None, topic) else None
    if detail is not None and detail.topic and detail.topic != topic and not (
            {topic, detail.topic} <= COMPLAINTS and detail.stated_in(context.answer(topic,
                                                                                law).text)):
        # "Personalet var uforskammet. Hvem klager jeg til, og er der en frist?": each kind
        # of complaint that says its own deadline keeps it; other topics leave it to its own.
        if context.state.last_topic == topic:
            context.state.last_topic = detail.topic  # a follow-up goes on from what was said
        topic = detail.topic
    standard = context.standard
    national = context.kb.national
    if law and standard is not None and law not in standard.laws and not (
            national is not None and topic in national.by_law.get(law, {})):  # type: ignore[call-overload]
        # The citizen's law is not in this standard, and the law says nothing particular on
        # the topic: answer what the standard does say. Where it does (after a hospital stay
        # you do not apply), the general rule for that law, said to be general.
        law = None
    rendered = context.answer(topic, law)
    extra = _due_dates(context, rendered) if topic == "deadlines" else ""
    replies = passages.choose(context, reply_from(rendered, extra), rendered, question, law)
    if law and law == mentioned_law(question) and standard is not None and law in standard.laws:
        # "Hvordan søger jeg om vedligeholdende træning?": an answer for every law says so,
        # and the conversation goes on under that law ("Hvornår hører jeg fra jer?").
        context.state.law = law
        replies = under_law(replies, law)
    if topic == "deadlines" and (not rendered.general or imported.unreviewed(context, rendered)):
        # Who asks how long it takes is often waiting already ("der er ikke sket mere"):
        # whom to call when it takes longer.
        with_whom_to_ask(context, replies, waiting=True)
    return replies if detail is None else details.with_detail(context, detail, replies, rendered)


def under_law(replies: list[Reply], law: str) -> list[Reply]:
    """Say which law an answer is under when it does not say so itself ("Genoptræning (…): …")."""
    if replies and not any(law_label(law) in r.text for r in replies):
        replies[0].text = law_prefix(law) + replies[0].text
    return replies


def _due_dates(context: Context, rendered: Answer) -> str:
    mentioned = dates.find_date(context.turn.text, context.today)
    if mentioned is None:
        return ""
    event = dates.find_event(context.turn.text)
    text = due_dates_text(deadlines_of(rendered), event, mentioned)
    if not text:
        return phrase("deadline_no_date_event")
    return f"{text}\n{phrase('deadline_date_note')}"


def set_municipality(context: Context) -> list[Reply]:
    """Take the municipality the citizen named, then answer what was waiting for it."""
    state = context.state
    municipality = context.municipality
    if municipality is None or not context.named_municipality:
        if state.pending_topic is None and context.turn.confidence < 0.6:
            # Nobody asked which municipality, the message names none, and NLU was unsure.
            return clarify(context)
        return [Reply(phrase("not_a_municipality"),
                      buttons=municipality_buttons(context.register))]
    pending, switched_from = state.pending_topic, state.last_topic
    question, state.pending_question = state.pending_question or "", None
    state.misses = 0
    asked = None if pending else _asked_with_the_place(context)
    if asked is not None and switched_from and asked[1] < SWITCH_FLOOR:
        asked = None  # "hvad så hvis det var Rebild?": the last answer, for Rebild
    if asked is not None:
        # "kan min søn ringe for mig? jeg bor i Lejre": the place came with a question, which
        # is read as NLU's next reading, sure as it is without the place's share.
        intent, confidence = asked
        place = context.turn.confidence
        return answer_as(context, intent, confidence / max(1 - place, confidence))
    if pending == "eligibility" or (not pending and state.eligibility_question):
        # Waiting for the municipality, or for a yes/no that the place came instead of.
        # The story's own questions are answered with the result, under the law found.
        state.pending_topic, state.pending_question = None, question or None
        return eligibility(context)
    if pending:
        state.pending_topic = None
        state.answered(pending)
        return topic_replies(context, pending, question)
    if switched_from:
        intro = Reply(phrase("municipality_now", municipality=municipality.official))
        # Every topic the last message asked, when the last answer was to that message.
        topics = state.answered_topics if state.answered_topics[:1] == [switched_from] else [
            switched_from]
        return [intro, *_said_once([reply for topic in topics
                                    for reply in topic_replies(context, topic, "")])]
    if story_law(context.turn) is not None or context.turn.stated.new_loss:
        # "jeg bor i Skanderborg og er blevet dårlig til at gå efter lang tids sengeleje": the
        # story is answered with what it sounds like, not with "Hvad vil du gerne vide?".
        return eligibility(context)
    return [_municipality_set(context)]


def _asked_with_the_place(context: Context) -> tuple[str, float] | None:
    """Return NLU's reading (intent, confidence) of what a message asks besides its place.

    The message must hold a question; its reading is the best topic or eligibility intent of
    NLU's ranking after the place (``ASKED_FLOOR`` at least), since the place's name made the
    place the first reading.
    """
    if just_a_place(context) or not holds_question(context.turn.text):
        return None
    return _next_reading(context, eligibility=True)


def _next_reading(context: Context, eligibility: bool = False) -> tuple[str, float] | None:
    """Return NLU's best reading (intent, confidence) that asks for a topic, or eligibility.

    It must have ``ASKED_FLOOR`` at least: under that NLU has not read it at all.
    """
    for intent, confidence in context.turn.ranking:
        if confidence < ASKED_FLOOR:
            return None
        if intent in TOPIC_OF_INTENT or (eligibility and intent == "check_eligibility"):
            return intent, confidence
    return None


def _municipality_set(context: Context) -> Reply:
    municipality = context.municipality
    assert municipality is not None
    key = "municipality_set" if context.standard else "municipality_set_no_standard"
    return Reply(phrase(key, municipality=municipality.official), buttons=menu_buttons())


def clarify(context: Context) -> list[Reply]:
    """Say "Mente du …?" with the likeliest questions; after a second miss, hand over."""
    state = context.state
    text = context.turn.text
    if asks_for_training(context.turn):
        return eligibility(context)
    if told_and_asked(text) or context.turn.questions:
        # A story with a question NLU could not place, or several questions: the questions
        # alone are read ("… nu kan hun ikke rejse sig fra stolen. Hvordan søger vi?").
        asked = questions.topics_asked(context, split_questions(text, always=True))
        if asked:
            return _answer_topics(context, asked)
    agreed = _agreed_intent(context)
    if agreed is not None:
        # NLU's best topic and the standard's own text agree: two unsure readers that point
        # the same way make a clear topic ("mit cpr nummer er [CPR], hvad koster træning?").
        return answer_as(context, agreed, passages.CLEAR_TOPIC)
    found = passages.instead_of_clarifying(context)
    if found:
        return found
    if state.misses >= 1:
        return handover(context)
    state.misses = 1
    labels = phrases()["intent_labels"]
    buttons = []
    for intent, _ in context.turn.ranking:
        if intent in _NOT_SUGGESTED:
            continue
        topic = TOPIC_OF_INTENT.get(intent)
        title = labels.get(intent) or (topic_label(topic) if topic else None)
        if title:
            buttons.append(Button(title, f"/{intent}"))
        if len(buttons) == 2:
            break
    if not buttons:
        buttons = menu_buttons()[:2]
    buttons.append(Button(phrase("clarify_other"), "/human_handoff"))
    return [Reply(phrase("clarify"), buttons=buttons)]


def _agreed_intent(context: Context) -> str | None:
    """Return NLU's best topic intent when the standard's best passage is in that topic.

    Both readers may be unsure: NLU's topic needs ``ASKED_FLOOR``, the passage
    ``AGREEING_UNSURE`` (half the search's threshold), but it must be the best passage of the
    whole standard.
    """
    search, municipality = context.passages, context.municipality
    reading = _next_reading(context)
    if search is None or municipality is None or context.standard is None or reading is None:
        return None
    hits = search.search(municipality.slug, passages.asked_words(context, context.turn.text),
                         k=1)
    topic = TOPIC_OF_INTENT[reading[0]]
    sections = {c.section for c in context.answer(topic).citations if c.section}
    sections |= imported.topic_sections(context, topic)  # an imported standard's, by heading
    agree = bool(hits) and hits[0].passage.section in sections
    return reading[0] if agree and hits[0].score >= AGREEING_UNSURE else None


def health(context: Context) -> list[Reply]:
    """No health advice: the doctor or the therapist, and how to reach the municipality.

    A story of illness can read as a health question to NLU ("min mor er blevet dårlig efter
    en lungebetændelse. Hvem kan søge for hende?"): when the standard confidently answers the
    message's questions, those are answered instead.
    """
    asked = questions.topics_asked(context, split_questions(context.turn.text))
    if asked:
        answers = _answer_topics(context, asked)
        at = questions.health_asked(context.turn)
        return answers if at is None else questions.in_place(answers, health_reply(context), at)
    context.state.misses = 0
    return [health_reply(context)]

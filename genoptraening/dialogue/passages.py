"""Answers from the standard's own text, and the choice between a passage and a curated topic.

For a topic question, the best passage of the citizen's own standard is looked up, a passage in
a section the NLU's topic cites taken before one that scores about the same elsewhere (two
readers agreeing are more often right; a clear topic's own sections need only ``AGREEING``).
Then:

- no confident passage (``PassageSearch.threshold``), a passage outside the sections of a
  clear topic, or a curated answer that already holds the words the question shares with the
  passage: the curated answer alone;
- a curated answer that would say the standard is silent: the passage alone (it is not);
- otherwise the passage first, its section named, then the curated answer when the topic is
  clear, or the passage alone with the topic one tap away when it is not.

An unclear message ("Mente du …?") or an off-topic one gets a confident passage instead. No
passage is ever taken from another municipality's standard. The threshold, the preference and
the share that counts as "holds" were chosen on ``tests/retrieval/calibration.yml`` with the
trained NLU (``genoptraening retrieval calibrate --answers``; figures in
docs/nlu-evaluation.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
from genoptraening.core.passages import Hit
from genoptraening.core.render import Answer, Citation, phrase, topic_label
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.model import Button, Reply

#: The intent that asks for each topic (for the button to the curated answer).
INTENT_OF_TOPIC = {topic: intent for intent, topic in TOPIC_OF_INTENT.items()}
#: From this intent confidence, the topic counts as clear: its curated answer is given too.
CLEAR_TOPIC = 0.8
#: Share of the question's words found in the passage that the curated answer must also
#: hold for it to count as already answering the question.
HELD = 0.6
#: How much a passage in the NLU topic's sections is preferred, times the intent's confidence.
PRIOR = 0.1
#: The score a passage needs when a clear topic's sections hold it.
AGREEING = 0.4


def best_passage(context: Context, question: str, prefer: frozenset[str] = frozenset(),
                 min_information: float | None = None) -> Hit | None:
    """Return the best passage of the citizen's own standard when it is confident.

    Args:
        context: The turn.
        question: What was asked.
        prefer: Sections the NLU's topic cites: among passages that score about the same,
            one in these sections is taken (two readers agreeing are more often right).
        min_information: How much the question must say, when not the search's own.

    """
    search, municipality = context.passages, context.municipality
    question = asked_words(context, question)
    if search is None or municipality is None or not question.strip():
        return None
    hits = prefer_sections(search.search(municipality.slug, question, k=5), prefer,
                           context.turn.confidence)
    if not hits:
        return None
    best = hits[0]
    if best.passage.section in prefer and context.turn.confidence >= CLEAR_TOPIC:
        # Two readers agree (a clear topic, a passage in its sections): a lower score will do.
        return best if best.score >= AGREEING else None
    return best if search.confident(municipality.slug, question, best,
                                    min_information) else None


def asked_words(context: Context, question: str) -> str:
    """Return the question without the municipality's name the message gave.

    The name says nothing about which passage answers: "hvem kan få træning i Hjørring
    Kommune?" is not about the paragraph with hjoerring.dk in it.
    """
    return question.replace(context.match.matched, " ") if context.match else question


def prefer_sections(hits: list[Hit], prefer: Collection[str], confidence: float) -> list[Hit]:
    """Rank hits again, one in the NLU topic's sections up by ``PRIOR`` × the confidence."""
    bonus = PRIOR * confidence
    return sorted(hits, key=lambda h: -(h.score + (bonus if h.passage.section in prefer else 0)))


def holds(context: Context, answer: str, hit: Hit, question: str) -> bool:
    """Tell whether a curated answer already says what the passage says to the question.

    The question's words that the passage has are weighed by how telling they are in the
    standard ("træning" stands everywhere, "afslag" does not); the curated answer holds the
    passage's point when it has most of that weight.
    """
    index = context.passages.index(hit.passage.slug) if context.passages else None
    if index is None:
        return True
    asked = set(index.terms(question)) & set(index.terms(
        f"{hit.passage.section} {hit.passage.text}"))
    total = sum(index.weight(term) for term in asked)
    if not total:
        return True
    said = asked & set(index.terms(answer))
    return sum(index.weight(term) for term in said) / total >= HELD


def passage_reply(context: Context, hit: Hit, question: str, quote: str | None = None) -> Reply:
    """Quote the passage, its section named, with the standard as its source.

    Args:
        context: The turn.
        hit: The passage.
        question: What was asked: a long passage is quoted by its sentences that answer it.
        quote: The sentences to quote instead (they must be the passage's own).

    """
    passage = hit.passage
    index = context.passages.index(passage.slug) if context.passages else None
    if quote is None:
        quote = index.quote(hit, question) if index else passage.text
    text = phrase("passage_intro", municipality=passage.municipality, section=passage.section,
                  quote=quote)
    citation = Citation(
        phrase("source_standard", title=passage.standard, municipality=passage.municipality,
               section=passage.section),
        general=False, file=passage.seed_file, section=passage.section, quote=quote,
        municipality=passage.municipality, standard=passage.standard)
    return Reply(
        text, citations=[citation],
        passage={"municipality": passage.municipality, "standard": passage.standard,
                 "section": passage.section, "text": quote, "score": round(hit.score, 3)},
        answered_by={"kind": "passage", "topic": None, "score": round(hit.score, 3)},
    )


#: Topics the law decides: where the standard is silent, the law's rule is the answer, not a
#: passage the question's words find elsewhere in the standard.
LAW_DECIDES = frozenset({"on_behalf"})


def choose(context: Context, curated: Reply, rendered: Answer, question: str,
           law: str | None = None) -> list[Reply]:
    """Return the curated answer, the passage, or both, for a topic question.

    Args:
        context: The turn.
        curated: The curated topic's reply.
        rendered: The curated answer it was made from.
        question: What the citizen asked (the waiting question, after "which municipality?").
        law: The law answered under: the general rule for a law the standard does not cover
            is the answer, not a passage on the laws it does cover.

    """
    from genoptraening.dialogue import imported  # it quotes with this module's functions

    if imported.unreviewed(context, rendered):
        # No approved answer yet: the standard's own text, else where to turn.
        return (imported.in_place_of(context, rendered, question)
                or imported.with_contact(context, rendered, curated, question))
    context = as_sure_as_asked(context, question, rendered.topic)
    sections = frozenset(c.section for c in rendered.citations if c.section)
    hit = best_passage(context, question, prefer=sections)
    if hit is None:
        return [curated]
    curated.answered_by["score"] = round(hit.score, 3)
    standard = context.standard
    if rendered.general and law and standard is not None and law not in standard.laws:
        # "Skal vi søge?" after a stay, in a standard only on § 86: the law's own rule.
        return [curated]
    if rendered.general and rendered.topic in LAW_DECIDES:
        return [curated]  # "kan jeg søge for hende?": consent decides, whatever a passage says
    if rendered.general:  # the curated answer would say the standard is silent: it is not
        return [passage_reply(context, hit, question)]
    clear = context.turn.confidence >= CLEAR_TOPIC
    if (clear and hit.passage.section not in sections) or holds(
            context, curated.text, hit, question):
        # A clear topic is not second-guessed by a passage elsewhere in the standard
        # ("telefonnummeret til genoptræningen" is not the complaint section's number).
        return [curated]
    reply = passage_reply(context, hit, question)
    if not clear:
        # The topic is unsure: the passage alone, with the topic's answer one tap away.
        reply.buttons = [Button(phrase("passage_more", topic=topic_label(rendered.topic)),
                                f"/{INTENT_OF_TOPIC[rendered.topic]}")]
        return [reply]
    reply.answered_by.update(kind="topic+passage", topic=rendered.topic)
    return [reply, curated]


def as_sure_as_asked(context: Context, question: str, topic: str) -> Context:
    """Return the turn as sure of ``topic`` as NLU is of the question that asks for it.

    A story's reading is unsure of its whole ("Jeg har fået en genoptræningsplan … Kan jeg
    selv vælge, hvor jeg skal træne?" is 0.73 free choice) where its question is not (1.0):
    the question's sureness decides whether a passage elsewhere may second-guess the topic.
    """
    read = context.asked(question)
    if read is None or TOPIC_OF_INTENT.get(read.intent) != topic or (
            read.confidence <= context.turn.confidence):
        return context
    return dataclasses.replace(
        context, turn=dataclasses.replace(context.turn, confidence=read.confidence))


def instead_of_clarifying(context: Context) -> list[Reply]:
    """Return the passage that answers an unclear message, or nothing (then "Mente du …?")."""
    hit = best_passage(context, context.turn.text)
    if hit is None:
        return []
    context.state.misses = 0
    return [passage_reply(context, hit, context.turn.text)]


"""A detail asked inside a topic: said to be absent from the standard, or quoted from it.

"Er der gratis parkering?" read as a question about transport would get the transport answer,
which reads as if it were the answer. Where the municipality's standard does not state the
detail asked for (:mod:`genoptraening.core.details`), the answer says so first, then the
general rule on it if the law has one, then what the standard says on the topic and whom to
ask. Where the standard states it and the answer does not, its sentence is quoted first, its
section named.
"""

from __future__ import annotations

import re

from genoptraening.core.details import Detail, asked_detail, told_details
from genoptraening.core.knowledge.standards import StandardText
from genoptraening.core.questions import holds_question
from genoptraening.core.reading import raw_sentences
from genoptraening.core.render import Answer, Citation, general_answer, phrase, topic_label
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.handover import with_whom_to_ask
from genoptraening.dialogue.model import Reply

#: How many needs a story tells are quoted beside its answer ("kan ikke komme ud af huset",
#: "mine cigaretter").
MAX_TOLD = 2


def detail_asked(question: str, topic: str) -> Detail | None:
    """Return the detail a question sentence of ``question`` asks for, if any.

    Each question sentence is read with the told sentence just before it, which may name
    what it asks about ("Jeg har en stor schæferhund. Skal den lukkes inde?"); the rest of a
    story is not read (a dog walked in it is not asked about).
    """
    sentences = raw_sentences(question)
    units = [" ".join(sentences[max(at - 1, 0):at + 1]) if at and not holds_question(
        sentences[at - 1]) else sentence for at, sentence in enumerate(sentences)
        if holds_question(sentence)]
    return next((d for unit in units or [question] if (d := asked_detail(unit, topic))), None)


def told_in_story(context: Context, story: str, law: str | None,
                  besides: list[Reply] | None = None) -> list[Reply]:
    """Quote what the standard says of each need the story tells ("han glemmer …"), if it does.

    Its sentence in the sections of the law's answer on the detail's topic is preferred. A
    story is not a question: where the standard says nothing of it, nothing is claimed. Nor
    when one of the ``besides`` replies, said with it, already quotes the sentence. At most
    ``MAX_TOLD`` of them: a story that tells more is answered, not annotated.
    """
    municipality = context.municipality
    text = context.kb.text(municipality.slug) if municipality else None
    if text is None:
        return []
    quoted: list[Reply] = []
    for detail in told_details(story):
        if len(quoted) == MAX_TOLD:
            break
        sections = frozenset(c.section for c in context.answer(detail.topic, law).citations
                             if c.section) if detail.topic else frozenset()
        found = quote(text, detail, sections)
        if found is not None and not any((found.citations[0].quote or found.text) in r.text
                                         for r in [*(besides or ()), *quoted]):
            quoted.append(found)
    return quoted


def with_detail(context: Context, detail: Detail, replies: list[Reply],
                rendered: Answer) -> list[Reply]:
    """Answer ``detail`` along with the topic's ``replies``: absent, or quoted from the standard.

    Nothing changes without a standard, when the topic answer already says the standard is
    silent on the whole topic the detail belongs to, or when the replies already state it.
    An imported standard's answers are all general until reviewed, which says nothing of the
    text: whether a sentence of it states the detail is read as for a curated one.
    """
    municipality, standard = context.municipality, context.standard
    text = context.kb.text(municipality.slug) if municipality else None
    # "Jeg har ikke et godkendt svar om aflysning og udeblivelse …" names the topic, which
    # states no detail of it ("udeblivelse" is the no-show detail's own word).
    label = re.compile(re.escape(topic_label(rendered.topic)), re.IGNORECASE) if (
        rendered.general and rendered.topic) else None
    if (municipality is None or standard is None or text is None or not replies
            or (rendered.general and detail.topic is not None and standard.imported is None)
            or any(detail.stated_in(label.sub("", r.text) if label else r.text)
                   for r in replies)):
        return replies  # a silent topic's answer already says so of the detail inside it
    quoted = quote(text, detail)
    if quoted is not None:
        return [quoted, *replies]
    first = replies[0]
    said = [phrase("detail_silent", municipality=standard.municipality, label=detail.label)]
    general = general_answer(context.kb, detail.general) if detail.general else None
    if general is not None:
        said.append(general.text)
        first.citations = [*general.citations, *first.citations]
    first.text = "\n\n".join([*said, first.text])
    with_whom_to_ask(context, replies)
    first.answered_by["detail"] = detail.id
    return replies


def quote(text: StandardText, detail: Detail, prefer: frozenset[str] = frozenset()
          ) -> Reply | None:
    """Quote the first sentence of the standard that states the detail, its section named.

    A section in ``prefer`` (the sections of the law's own answer) is looked in first.
    """
    for section in sorted(text.sections, key=lambda s: s.heading not in prefer):
        for paragraph in section.paragraphs:
            found = detail.sentences_stating(paragraph)
            if found and section.heading:
                quote = " ".join(found[:2])
                citation = Citation(
                    phrase("source_standard", title=text.title,
                           municipality=text.municipality, section=section.heading),
                    general=False, file=text.seed_file, section=section.heading, quote=quote,
                    municipality=text.municipality, standard=text.title)
                return Reply(
                    phrase("passage_intro", municipality=text.municipality,
                           section=section.heading, quote=quote),
                    citations=[citation],
                    answered_by={"kind": "passage", "topic": None, "detail": detail.id})
    return None

"""Answers from an imported standard's own text where no fact of it is approved yet.

A municipality imported with ``kb import`` has no curated topics, and its drafted facts are
never said as facts until a person approves them (:mod:`genoptraening.core.knowledge.reviewed`).
Where the curated answer would only be "Jeg har ikke et godkendt svar om … endnu" (and the
general rule), the standard's own text is quoted instead, with its section:

- a topic question gets the best passage for the question's own sentences (not the story
  around them). A passage in a section about the topic — by its heading
  (``onboarding/section_topics.py``), a drafted fact of the topic in it, or a paragraph of it
  that reads as the topic (``text_topics``) — is preferred by ``TOPIC_PRIOR`` and needs
  ``IN_TOPIC``; one elsewhere needs ``ELSEWHERE`` and comes with
  the passage that gives the municipality's phone number. A short section is quoted whole
  (``SECTION_CHARS``); a second section about the topic that nearly ties (``SECOND``) is
  quoted too (deadlines often stand in two);
- with the conversation's law known, sections in another law's part of the standard
  (``section_laws``) are left out, and a standard whose drafted laws do not include it is
  not quoted for it; where the law itself decides (after a hospital stay you do not apply),
  its general rule comes first, then the standard's own part for that law;
- the eligibility result (who can get training, how to apply) takes the same passages;
- contact details and where to turn: :mod:`genoptraening.dialogue.imported_contact`.

Nothing here says that the standard is silent on a topic: it cannot know. Only what the whole
text shows is said: that it prints no phone number at all, when one is asked for (a detail
inside a topic is read against the whole text too, :mod:`genoptraening.dialogue.details`).
The drafted facts and headings only point to where the text says something; what the citizen
reads is the standard's text, quoted. Chosen on the development conversation sets
(``genoptraening kb evaluate-import --conversations --file tests/conversations/dev.yml``;
docs/onboarding.md).
"""

from __future__ import annotations

from genoptraening.core.details import words_of
from genoptraening.core.knowledge.onboarding.readers import PHONE
from genoptraening.core.knowledge.onboarding.section_topics import heading_topics, section_laws
from genoptraening.core.passages import Hit, PassageIndex
from genoptraening.core.questions import (
    law_follow_up,
    mentioned_law,
    split_questions,
    told_and_asked,
)
from genoptraening.core.render import Answer, law_offer, phrase, topic_label
from genoptraening.dialogue.context import Context, reply_from
from genoptraening.dialogue.imported_contact import (
    SECTION_CHARS,
    contact_reply,
    holds,
    holds_contact,
    index_of,
    kinds_asked,
)
from genoptraening.dialogue.model import Reply
from genoptraening.dialogue.passages import asked_words, passage_reply

#: The score a passage in a section about the topic needs.
IN_TOPIC = 0.1
#: The score a passage in any other section needs.
ELSEWHERE = 0.2
#: A passage of another section about the topic scoring this share of the best is quoted too.
SECOND = 0.9
#: How much a passage in a section about the topic is preferred.
TOPIC_PRIOR = 0.3
#: How much an answering passage under a heading naming another topic is held back.
OTHER_TOPIC = 0.3
#: How much a passage whose own text reads as the topic is preferred (``text_topics``).
READ_AS_PRIOR = 0.05
#: A question of this many words or fewer is searched for with its topic's name too.
SHORT = 6
#: Topics whose general rule for a named law is the answer itself: said before the passage.
GENERAL_FIRST = frozenset({"legal_basis"})
#: Topics whose passage is the one naming the citizen's town, when it names one.
_NEAR_THE_TOWN = frozenset({"location"})
#: Complaints that are not about the decision.
_OTHER_COMPLAINTS = frozenset({"complaint_staff", "complaint_treatment", "citizen_adviser"})
#: Where the law itself gives the answer, whatever the standard says: (law, topic) → the
#: topic of the standard's own part for that law that says what happens next.
LAW_DECIDES = {("sul_140", "apply"): "deadlines"}


def unreviewed(context: Context, rendered: Answer) -> bool:
    """Tell whether an answer is only "no approved answer yet" for an imported standard."""
    return context.imported and rendered.general


def topic_sections(context: Context, topic: str) -> frozenset[str]:
    """Return the sections of the imported standard about a topic: heading, drafts or text.

    A heading's "klage" is any complaint; where the section's drafted facts name another
    complaint (the treatment's, the staff's), it is not about the decision. A standard with no
    section on applying has its application's course where its deadlines run from the
    application ("Indenfor 2 hverdage efter … modtaget ansøgningen").
    """
    standard, index = context.standard, index_of(context)
    if standard is None or standard.imported is None or index is None:
        return frozenset()
    drafted: dict[str, set[str]] = {}
    for draft in standard.drafts:
        if draft.status != "rejected":
            drafted.setdefault(draft.section, set()).add(draft.topic)
    by_heading = set()
    for heading in {p.section for p in index.passages}:
        topics = set(heading_topics(heading))
        if drafted.get(heading, set()) & _OTHER_COMPLAINTS:
            topics.discard("complaint_decision")
        if topic in topics:
            by_heading.add(heading)
    # The sections whose own paragraphs read as the topic: "3. Genoptræning og
    # vedligeholdende træning" holds where training takes place.
    by_text = {s for s, topics in index.about.items() if topic in topics}
    found = {s for s, topics in drafted.items() if topic in topics} | by_heading | by_text
    if topic == "apply" and not found:
        found = {d.section for d in standard.drafts if d.deadline is not None
                 and d.deadline.from_event == "application" and d.status != "rejected"}
    return frozenset(found)


def _laws(context: Context) -> dict[int, str | None]:
    """Return the law of the part each section stands in, by the section's position."""
    text = context.kb.text(context.municipality.slug) if context.municipality else None
    return {} if text is None else section_laws(text.sections)


def _drafted_laws(context: Context, law: str) -> set[str]:
    """Return the laws the standard's drafted facts say it covers (any law, if none are read)."""
    standard = context.standard
    drafts = standard.drafts if standard is not None else []
    covers = {str(d.covers) for d in drafts if d.covers and d.status != "rejected"}
    return covers or {law}


def _conversation_law(context: Context, question: str) -> str | None:
    """Return the law a question names, else the conversation's."""
    return mentioned_law(question) or context.state.law


def topic_hits(context: Context, topic: str, question: str,
               law: str | None = None) -> list[Hit]:
    """Return the passages of the imported standard that answer a topic question, best first.

    A passage in a section about the topic is preferred (``TOPIC_PRIOR``) and needs
    ``IN_TOPIC``, one elsewhere ``ELSEWHERE``; when the best one falls short, none answers.

    Args:
        context: The turn.
        topic: The topic asked for.
        question: What was asked ("" for a topic repeated after a switch of municipality).
        law: The law the answer is for: sections in another law's part are left out.

    """
    index = index_of(context)
    if index is None:
        return []
    # Nothing asked: the topic's own name, and the law's ("vedligeholdende træning").
    words = _asked(asked_words(context, question)) or " ".join(
        [topic_label(topic), law_offer(law) if law else ""])
    town = context.state.town
    if topic in _NEAR_THE_TOWN and town and any(town.lower() in p.text.lower()
                                                for p in index.passages):
        words = f"{words} {town}"  # "et sted tæt på?" from Juelsminde, which the text names
    if question.strip() and 0 < len(words_of(words)) <= SHORT:
        # "og hvis jeg bare glemmer det?" after the answer on cancelling: its few words are
        # not the standard's; the topic's name ("Aflysning og udeblivelse") is. Where the
        # name finds nothing, the question's own words ("i hvor mange uger?") still may.
        named = _ranked(context, index, topic, f"{words} {topic_label(topic)}", law)
        if named:
            return named
    return _ranked(context, index, topic, words, law, asked=bool(question.strip()))


def _ranked(context: Context, index: PassageIndex, topic: str, words: str, law: str | None,
            asked: bool = True) -> list[Hit]:
    """Return the passages that answer a topic's search words, best first (``topic_hits``)."""
    sections = topic_sections(context, topic)
    laws = _laws(context) if law else {}
    # A section in another law's part, or a paragraph about another law ("Vedligeholdende
    # træning er et tilbud til dig, der …" for a citizen whose story is § 86, stk. 1), is not
    # the answer.
    hits = [h for h in index.search(words, k=len(index.passages))
            if laws.get(h.passage.section_index) in (None, law)
            and (law is None or mentioned_law(h.passage.text) in (None, law))]
    if not asked:
        # Nothing asked but the topic (a switch of municipality, the result of a story): the
        # passages of the sections about the topic, and only of them.
        return sorted((h for h in hits if h.passage.section in sections), key=lambda h: -h.score)
    ranked = sorted(hits, key=lambda h: -(h.score + (TOPIC_PRIOR if h.passage.section in sections
                                                    else 0)))
    if not ranked or not _answers(ranked[0], sections):
        return []
    # Of the passages that answer, one under a heading naming another topic comes after the
    # others: "Kan det foregå hjemme hos mig?" (where) is not »Hjemmet som arbejdsplads«,
    # though its words fit. Only the order changes; what answers stays the same.
    # In a section whose heading names no topic, a passage whose own text reads as the topic
    # comes first: of »3. Genoptræning og vedligeholdende træning«, where training takes
    # place, for where. Under a heading that names it, the question's words choose.
    answering = [h for h in ranked if _answers(h, sections)]
    return sorted(answering, key=lambda h: -(
        h.score + _prior(h.passage.section, sections, topic)
        + (READ_AS_PRIOR if index.read_as.get(h.passage.text) == topic
           and not heading_topics(h.passage.section) else 0.0))) + [
        h for h in ranked if h not in answering]


def _answers(hit: Hit, sections: frozenset[str]) -> bool:
    """Tell whether a passage scores what its section needs (``IN_TOPIC`` or ``ELSEWHERE``)."""
    return hit.score >= (IN_TOPIC if hit.passage.section in sections else ELSEWHERE)


def _prior(section: str, sections: frozenset[str], topic: str) -> float:
    """Return how much a passage's section is preferred for a topic, or held back."""
    if section in sections:
        return TOPIC_PRIOR
    named = heading_topics(section)
    return -OTHER_TOPIC if named and topic not in named else 0.0


def _asked(text: str) -> str:
    """Return the questions of a message that tells a story too, else the message.

    "Jeg er 74 og bor i Stouby … Hvad sker der, når jeg henvender mig?": the story's words
    (the illness, the walks) would find passages about who may get training, not the answer.
    """
    text = text.strip()
    return " ".join(split_questions(text, always=True)) if told_and_asked(text) else text


def _second(context: Context, topic: str, hits: list[Hit]) -> Hit | None:
    """Return a passage of another section about the topic that scores close to the best.

    Deadlines stand in several sections ("Sagsbehandlingstid": the first contact;
    "Kvalitetsmål": the start): the second is quoted too when it nearly ties.
    """
    if len(hits) < 2:
        return None
    sections = topic_sections(context, topic)
    best = hits[0]
    # Not the same words again: a standard that repeats a section for each law (Rebild's
    # »Hvordan sikres kvaliteten af hjælpen«) holds the best passage twice.
    return next((h for h in hits[1:] if h.passage.section in sections
                 and h.passage.section_index != best.passage.section_index
                 and h.passage.text != best.passage.text
                 and h.score >= SECOND * best.score), None)


def in_place_of(context: Context, rendered: Answer, question: str,
                law: str | None = None) -> list[Reply]:
    """Return the standard's passages for a topic in place of "no approved answer yet".

    Returns nothing when the answer is not one of an imported standard's "no approved answer"
    or no passage answers: then the caller keeps its answer (:func:`with_contact` adds where to
    turn). A contact question gets the passage with the contact detail it asks for; how to
    apply gets the passage with the phone number after its own when that one has none.
    """
    if not unreviewed(context, rendered):
        return []
    topic = rendered.topic
    law = law or _conversation_law(context, question)
    if law_follow_up(question):
        # "og genoptræning uden indlæggelse?": the topic under that law, whatever the words.
        question = ""
    if topic == "contact":
        kinds = kinds_asked(question)
        contact = contact_reply(context, question, kinds)
        if contact is not None:
            return [contact]
        if "phone" in kinds and not _prints_a_number(context):
            # No number anywhere in the text (Rebild's): that much the text itself says.
            name = context.standard.municipality if context.standard else ""
            return [Reply(" ".join([phrase("no_phone_in_text", municipality=name),
                                    phrase("contact_municipality", municipality=name)]),
                          answered_by={"kind": "topic", "topic": "contact"})]
    if law is not None and law not in _drafted_laws(context, law):
        # The standard names other laws only (drafted, to be approved): its text on them is
        # not the answer for this one.
        return []
    after = LAW_DECIDES.get((law, topic)) if law is not None else None
    if law is not None and after is not None:
        # After a hospital stay the citizen does not apply: the law's own rule stands, then
        # what the standard's own part for that law says comes next (when it has one).
        return _law_part(context, rendered, after, law)
    hits = topic_hits(context, topic, question, law)
    if not hits:
        return []
    hit = hits[0]
    reply = passage_reply(context, hit, question,
                          quote=_section_quote(context, hit, question, topic))
    reply.answered_by["topic"] = topic
    replies = [reply]
    second = _second(context, topic, hits)
    if second is not None:
        more = passage_reply(context, second, question,
                             quote=_section_quote(context, second, question, topic))
        more.answered_by["topic"] = topic
        replies.append(more)
    if topic in GENERAL_FIRST and law is not None:
        # "Hvilken lov giver mig ret til vedligeholdende træning?": the law, the same in every
        # municipality, then what this standard says of it.
        return [reply_from(rendered), *replies]
    if topic == "apply" and not any(holds_contact(context, r) for r in replies):
        # How to apply, without where to call: the passage with the phone number too.
        contact = contact_reply(context, question)
        if contact is not None:
            replies.append(contact)
    elif hit.passage.section not in topic_sections(context, topic) and not any(
            holds_contact(context, r) for r in replies):
        # A passage outside the sections about the topic may not be the answer: where to ask.
        contact = contact_reply(context, question, lead=phrase("imported_ask"))
        if contact is not None:
            replies.append(contact)
    return replies


def _prints_a_number(context: Context) -> bool:
    """Tell whether the imported standard's text holds a phone number anywhere."""
    text = context.kb.text(context.municipality.slug) if context.municipality else None
    return text is None or any(PHONE.search(paragraph) for section in text.sections
                               for paragraph in section.paragraphs)


def _law_part(context: Context, rendered: Answer, topic: str, law: str) -> list[Reply]:
    """Return the law's general rule, then the passage on ``topic`` in the law's own part.

    "Skal jeg selv ringe?" after a hospital stay: no, the hospital sends the plan — and the
    standard's part on training after a hospital stay says when the municipality calls. Only
    a part of the standard about that law is quoted (by its headings); without one, nothing.
    """
    laws = _laws(context)
    part = [h for h in topic_hits(context, topic, "", law)
            if laws.get(h.passage.section_index) == law]
    if not part:
        return []
    reply = passage_reply(context, part[0], "",
                          quote=_section_quote(context, part[0], "", topic))
    reply.answered_by["topic"] = topic
    return [reply_from(rendered), reply]


def answer_replies(context: Context, rendered: Answer, law: str | None = None,
                   question: str = "") -> list[Reply]:
    """Return a rendered topic answer as replies, or the passages in place of "no approved"."""
    return in_place_of(context, rendered, question, law) or [reply_from(rendered)]


def with_contact(context: Context, rendered: Answer, reply: Reply,
                 question: str = "") -> list[Reply]:
    """Add the passage with the municipality's phone number after "no approved answer yet"."""
    if not unreviewed(context, rendered):
        return [reply]
    contact = contact_reply(context, question, lead=phrase("imported_ask"))
    return [reply] if contact is None else [reply, contact]


def _section_quote(context: Context, hit: Hit, question: str, topic: str) -> str | None:
    """Return the passage's whole section when it is short, else what to quote of it.

    A short section is quoted whole ("Sagsbehandlingstid": the first contact and the start);
    of a longer one, the passage (its best sentences) and the section's other paragraphs that
    hold a drafted fact of the topic (the complaint's deadline and phone number).
    """
    index = index_of(context)
    standard = context.standard
    if index is None or standard is None:
        return None
    own = [p for p in index.passages if p.section_index == hit.passage.section_index]
    whole = "\n".join(p.text for p in own)
    if len(whole) <= SECTION_CHARS:
        return whole
    drafts = [d for d in standard.drafts if d.topic == topic and d.status != "rejected"]
    chosen = [index.quote(hit, question) if p == hit.passage else p.text for p in own
              if p == hit.passage or any(holds(p.text, d) for d in drafts
                                         if d.section == p.section)]
    return "\n".join(chosen)



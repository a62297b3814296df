"""Where to turn, from an imported standard's own text: the passages with its contact details.

An imported standard's phone numbers, e-mail addresses and postal addresses are drafted facts
(``kb import``): never said as facts before a person approves them. The passages they were read
from are the standard's own words, though, and are quoted with their section: after "no approved
answer yet", after a misunderstanding, with a health question, with how to apply, and for a
contact question ("hvad er telefonnummeret?", "hvad er adressen?" after the complaint's answer:
the complaint section's address). A short section is quoted whole, so that the number comes
with its opening hours ("Tlf.: … Ry: 87 94 88 38" / "Vi træffes bedst: …").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from genoptraening.core.knowledge.schema import DraftFact
from genoptraening.core.passages import QUOTE_CHARS, Hit, Passage, PassageIndex
from genoptraening.core.render import phrase
from genoptraening.core.text import skeleton
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.model import Reply
from genoptraening.dialogue.passages import asked_words, passage_reply

#: A section this short is quoted whole.
SECTION_CHARS = 600
#: Topics whose drafted phone numbers are the municipality's own contact (not a complaint's).
CONTACT_TOPICS = ("contact", "apply", "on_behalf")
#: Where a sentence of a passage ends ("kl. 8" goes on: a number follows).
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ»\"])")
#: The words that ask for one kind of contact detail (folded), with the drafted kind.
ASKS_FOR = (
    ("address", ("adresse", "brev", "post ", "skrive til", "sende", "hvor ligger")),
    ("phone", ("nummer", "telefon", "ringe", "ring ", "tlf", "åben", "aaben", "træffe")),
    ("email", ("mail",)),
)


def index_of(context: Context) -> PassageIndex | None:
    """Return the passage index of the turn's municipality's standard, if it is searched."""
    search, municipality = context.passages, context.municipality
    if search is None or municipality is None:
        return None
    return search.index(municipality.slug)


def detail_of(context: Context, topic: str, named_only: bool = False) -> list[Reply]:
    """Answer a short follow-up from the passage with the last answer's drafted detail.

    "hvad er adressen, hvis jeg hellere vil sende et brev?" after the passage on complaints:
    the complaint section's address, quoted. Nothing for a curated standard, for a topic with
    no drafted detail of the kind asked, or when ``named_only`` and no kind is named.
    """
    standard = context.standard
    if standard is None or standard.imported is None or topic in CONTACT_TOPICS:
        return []
    named = _named_kinds(context.turn.text)
    if not named and named_only:
        return []
    reply = contact_reply(context, context.turn.text, named or [kind for kind, _ in ASKS_FOR],
                          topics=[topic])
    if reply is None:
        return []
    reply.answered_by.update(topic=topic, detail=list(named))
    return [reply]


def _named_kinds(question: str) -> tuple[str, ...]:
    """Return the kinds of contact detail a question names."""
    folded = skeleton(question) + " "
    return tuple(kind for kind, words in ASKS_FOR
                 if any(skeleton(word) in folded for word in words))


def kinds_asked(question: str) -> tuple[str, ...]:
    """Return the kinds of contact detail a question asks for (a phone when it names none)."""
    return _named_kinds(question) or ("phone",)


def _drafts(context: Context, kinds: Collection[str],
            topics: Collection[str] = CONTACT_TOPICS) -> list[DraftFact]:
    """Return the drafted details of some kinds in the topics, in the topics' order.

    A rejected draft is left out: a person found it wrong. A complaint's phone number is not
    the municipality's contact: only the topics asked for count.
    """
    standard = context.standard
    if standard is None:
        return []
    drafts = [d for d in standard.drafts if d.kind in kinds and d.status != "rejected"]
    ranked = [d for topic in topics for d in drafts if d.topic == topic]
    return list({d.id: d for d in ranked}.values())


def _holding(index: PassageIndex, draft: DraftFact) -> list[Passage]:
    """Return the passages of the draft's section that hold its value (or its quote)."""
    found = []
    for passage in index.passages:
        if passage.section != draft.section:
            continue
        if holds(passage.text, draft):
            found.append(passage)
    return found


def holds(text: str, draft: DraftFact) -> bool:
    """Tell whether a text holds a draft's value (its number, address or e-mail) or quote."""
    if draft.phone is not None:
        return draft.phone.number.replace(" ", "") in re.sub(r"\D", "", text)
    if draft.email is not None:
        return draft.email.address.lower() in text.lower()
    if draft.address is not None:
        folded = skeleton(text)
        return all(skeleton(line) in folded for line in draft.address.lines)
    return skeleton(draft.quote) in skeleton(text)


def _contact_quote(context: Context, hit: Hit, drafts: list[DraftFact]) -> str | None:
    """Return the passage's whole section when it is short, else its sentences with the details.

    A short section gives the number with its opening hours and e-mail ("Tlf.: … Ry: 87 94 88
    38" / "Vi træffes bedst: …"); a long passage only its sentences that hold them.
    """
    index = index_of(context)
    if index is not None:
        whole = "\n".join(p.text for p in index.passages
                          if p.section_index == hit.passage.section_index)
        if len(whole) <= SECTION_CHARS:
            return whole
    return _sentences_with(hit.passage.text, drafts)


def _sentences_with(text: str, drafts: list[DraftFact]) -> str | None:
    """Return the sentences of a long passage that hold one of the details, or None (short)."""
    if len(text) <= QUOTE_CHARS or "\n" in text:
        return None
    sentences = _SENTENCE.split(text)
    chosen = [s for s in sentences if any(holds(s, d) for d in drafts)]
    return " ".join(chosen) if chosen else None


def holds_contact(context: Context, reply: Reply) -> bool:
    """Tell whether a reply quotes a drafted phone number or e-mail of the municipality."""
    quoted = str((reply.passage or {}).get("text", ""))
    return any(holds(quoted, d) for d in _drafts(context, ("phone", "email")))


def contact_hit(context: Context, question: str = "", kinds: Collection[str] = ("phone",),
                topics: Collection[str] = CONTACT_TOPICS) -> Hit | None:
    """Return the passage that holds the municipality's drafted contact detail of a kind.

    Among several (Skanderborg's four numbers stand in one list; another standard may give
    them in several sections), the one the question's words fit best ("… i Ry").
    """
    index = index_of(context)
    if index is None:
        return None
    candidates = [p for d in _drafts(context, kinds, topics) for p in _holding(index, d)]
    if not candidates:
        return None
    candidates = list(dict.fromkeys(candidates))
    scores = {h.passage: h.score
              for h in index.search(asked_words(context, question) or "kontakt telefon",
                                    k=len(index.passages))}
    best = max(candidates, key=lambda p: scores.get(p, 0.0))  # a tie: the first draft's
    return Hit(best, scores.get(best, 0.0))


def contact_reply(context: Context, question: str = "", kinds: Collection[str] = ("phone",),
                  lead: str = "", topics: Collection[str] = CONTACT_TOPICS) -> Reply | None:
    """Quote the passage with the municipality's contact detail, a lead sentence first.

    Args:
        context: The turn.
        question: What was asked: among several passages, the one it fits best.
        kinds: The kinds of detail ("phone", "address", "email").
        lead: A sentence before the quote.
        topics: The topics whose drafted details count: the municipality's contact, or the
            last answer's own (a complaint's address).

    """
    hit = contact_hit(context, question, kinds, topics)
    if hit is None:
        return None
    drafts = _drafts(context, kinds, topics)
    reply = passage_reply(context, hit, question, quote=_contact_quote(context, hit, drafts))
    if lead:
        reply.text = f"{lead} {reply.text}"
    reply.answered_by["topic"] = "contact"
    return reply


def handover(context: Context, intro: str) -> Reply | None:
    """Hand an imported standard's citizen over: the passage with its phone number, quoted.

    Without one, whom to contact — never that the standard gives no number, which the import
    cannot know. None for a curated standard (its own answer says whether it has a number).
    """
    standard, municipality = context.standard, context.municipality
    if standard is None or standard.imported is None or municipality is None:
        return None
    quoted = contact_reply(context, context.turn.text, lead=intro)
    return quoted or Reply(f"{intro} " + phrase("imported_no_phone",
                                                municipality=municipality.official))

"""Where to turn: the municipality's phone numbers and hours, and no health advice.

A handover after a second misunderstanding (or when asked for a person) gives the numbers of
the citizen's standard, their hours and whether the line is open now; a health question gets
no advice, but the doctor or the therapist, and the municipality's number — the line of the
citizen's own town where the standard has one.
"""

from __future__ import annotations

from genoptraening.core.hours import is_open
from genoptraening.core.render import (
    contact_phones,
    nearest_phone,
    phrase,
    site_to_ask,
    whom_to_ask,
)
from genoptraening.dialogue import imported_contact
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.model import Reply


def handover(context: Context) -> list[Reply]:
    """Offer the municipality's phone number, its hours and whether it is open now."""
    context.state.misses = 0
    intro = phrase("handover_intro")
    municipality, standard = context.municipality, context.standard
    if municipality is None:
        context.state.pending_topic = "contact"
        return [Reply(f"{intro} {phrase('handover_unknown')}")]
    if standard is None:
        text = phrase("handover_no_standard", municipality=municipality.official)
        return [Reply(f"{intro} {text}")]
    unique, rendered = contact_phones(context.kb, municipality)
    if rendered is None:
        # An imported standard's phone numbers are drafts: its own words with them, quoted.
        return [imported_contact.handover(context, intro) or Reply(
            f"{intro} {phrase('handover_no_phone', municipality=standard.municipality)}")]
    lines = [intro]
    if len(unique) == 1:
        lines.append(phrase("handover_phone", name=standard.municipality, number=unique[0].number))
    else:
        lines.append(phrase("handover_phones", name=standard.municipality))
        lines += [f"{p.label or standard.municipality}: {p.number}" for p in unique]
    # Lines that share their hours (Skanderborg's four) say them once.
    for hours, slots in {p.hours: p.open for p in unique}.items():
        sentence = phrase("handover_hours", hours=hours) if hours else ""
        if slots:
            sentence += " " + phrase("open_now" if is_open(slots, context.now) else "closed_now")
        if sentence.strip():
            lines.append(sentence.strip())
    return [Reply("\n".join(lines), citations=rendered.citations, facts=rendered.facts(),
                  answered_by={"kind": "topic", "topic": "contact"})]


def health_reply(context: Context) -> Reply:
    """Say that there is no health advice here, and how to reach the municipality."""
    text = phrase("health", **context.who())
    municipality = context.municipality
    if municipality is None:
        return Reply(f"{text} {phrase('health_no_municipality', **context.who())}")
    phones, rendered = contact_phones(context.kb, municipality)
    if not phones or rendered is None:
        unknown = phrase("health_contact_unknown", municipality=municipality.official)
        return imported_contact.contact_reply(context, lead=f"{text} {unknown}") or Reply(
            f"{text} {unknown}")
    numbers = phrase("health_contact", municipality=municipality.official,
                     number=nearest_phone(phones, context.state.town or municipality.name).number)
    return Reply(f"{text} {numbers}", citations=rendered.citations, facts=rendered.facts())


def with_whom_to_ask(context: Context, replies: list[Reply], waiting: bool = False) -> None:
    """End the replies with the number to call (the citizen's own line), unless they give it.

    Args:
        context: The turn (its municipality and town).
        replies: The answer, changed in place: its last reply gets the sentence and source.
        waiting: Said after the deadlines ("Går der længere tid, …"), not where the standard
            is silent ("Du kan spørge kommunen: …").

    """
    municipality = context.municipality
    if municipality is None or not replies:
        return
    ask = whom_to_ask(context.kb, municipality, context.state.town, waiting=waiting)
    standard = context.standard
    if ask is None and context.imported:
        # An imported standard's number is a draft: the passage that gives it, quoted.
        if not any(imported_contact.holds_contact(context, r) for r in replies) and (
                contact := imported_contact.contact_reply(context, context.turn.text,
                                                          lead=phrase("imported_ask"))):
            replies.append(contact)
        return
    if ask is None:
        site = site_to_ask(context.kb, municipality)
        if not waiting and standard is not None and not any(
                phrase("silent_ask_site") in r.text for r in replies):
            replies[-1].text = f"{replies[-1].text}\n\n{site}"  # a standard with no number
        return
    if any(ask.number in r.text for r in replies):
        return
    last = replies[-1]
    last.text = f"{last.text}\n\n{ask.text}"
    last.citations = [*last.citations, *ask.citations]

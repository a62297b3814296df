"""Answers for citizens: a topic of a municipality's standard, with its sources.

The texts come from the knowledge files; the sentences around them from
``knowledge/phrases/da.yml``. A municipality's answer never borrows another municipality's
rule: where its standard is silent, the national rule is given and marked as general.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from genoptraening.core.deadlines import due_date, format_date
from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.knowledge.schema import (
    TOPICS,
    Deadline,
    Phone,
    Source,
    Standard,
    Topic,
)
from genoptraening.core.register import Municipality
from genoptraening.core.text import skeleton


@lru_cache(maxsize=4)
def _phrases(path: Path, mtime_ns: int) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def phrases() -> dict[str, Any]:
    """Return the Danish phrases (re-read when the file changes)."""
    from genoptraening.settings import get_settings

    path = get_settings().knowledge_dir / "phrases" / "da.yml"
    return _phrases(path, path.stat().st_mtime_ns)


def phrase(key: str, **values: object) -> str:
    """Return phrase ``key`` with its placeholders filled in."""
    return str(phrases()[key]).format(**values)


def topic_labels() -> dict[str, str]:
    """Return every topic id with its Danish label, in the order of ``TOPICS``."""
    labels = phrases()["topics"]
    return {topic: str(labels[topic]) for topic in TOPICS}


def topic_label(topic: str) -> str:
    """Return the Danish label of a topic ("Pris og egenbetaling"); KeyError if unknown."""
    return str(phrases()["topics"][topic])


def law_label(law: str) -> str:
    """Return the name of a law as a citizen reads it ("Sundhedsloven § 140")."""
    return str(phrases()["laws"][law])


def law_in_sentence(law: str) -> str:
    """Return the name of a law inside a sentence ("… efter sundhedsloven § 140")."""
    label = law_label(law)
    return label[0].lower() + label[1:]


def law_offer(law: str) -> str:
    """Return what a law gives, in plain Danish ("vedligeholdende træning")."""
    return str(phrases()["law_offers"][law])


def law_prefix(law: str) -> str:
    """Return the label an answer under one law opens with ("Genoptræning (…): ")."""
    return phrase("law_prefix", offer=law_offer(law).capitalize(), law=law_label(law))


@dataclass(frozen=True)
class Citation:
    """Where (part of) an answer comes from."""

    text: str
    general: bool
    file: str | None = None
    section: str | None = None
    quote: str | None = None
    law: str | None = None
    municipality: str | None = None
    standard: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the citation as plain data (for JSON)."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Answer:
    """An answer to a citizen: text, sources and the entries it was built from."""

    text: str
    topic: str
    municipality: str | None
    citations: list[Citation] = field(default_factory=list)
    entries: list[Topic] = field(default_factory=list)
    general: bool = False

    @property
    def source_text(self) -> str:
        """The source lines, one per distinct source."""
        return "\n".join(dict.fromkeys(c.text for c in self.citations))

    def full_text(self) -> str:
        """Return the answer followed by its sources."""
        return f"{self.text}\n\n{self.source_text}" if self.citations else self.text

    def facts(self) -> list[dict[str, Any]]:
        """Return the structured facts of the entries behind it, as replies carry them."""
        return [entry.facts.dict(exclude_defaults=True) for entry in self.entries]


def _cite(standard: Standard, source: Source) -> Citation:
    if standard.general or source.section is None:
        law = source.law or ""
        return Citation(phrase("source_general", law=law), general=True,
                        file=source.file, section=source.section, quote=source.quote, law=law)
    return Citation(
        phrase("source_standard", title=standard.title, municipality=standard.municipality,
               section=source.section),
        general=False, file=source.file or standard.seed_file, section=source.section,
        quote=source.quote, municipality=standard.municipality, standard=standard.title,
    )


def _general_citations(entry: Topic, national: Standard) -> list[Citation]:
    # A general rule is cited by its law; a supporting quote from a seed is not shown as if it
    # were the municipality's own rule.
    laws = [s for s in entry.sources if s.law] or entry.sources[:1]
    return [_cite(national, s) for s in laws]


def _entries(standard: Standard, topic: str, law: str | None) -> list[tuple[str | None, Topic]]:
    if law is not None:
        entry = standard.topic(topic, law)
        return [(None, entry)] if entry else []
    if topic in standard.topics:
        return [(None, standard.topics[topic])]
    return list(standard.topic_by_law(topic).items())


def _compose(
    standard: Standard, rows: list[tuple[str | None, Topic]]
) -> tuple[str, list[Citation]]:
    texts, citations = [], []
    for law, entry in rows:
        prefix = law_prefix(law) if law and len(rows) > 1 else ""
        texts.append(prefix + entry.answer)
        if standard.general:
            citations.extend(_general_citations(entry, standard))
        else:
            citations.extend(_cite(standard, s) for s in entry.sources)
    return "\n\n".join(texts), citations


def general_answer(kb: KnowledgeBase, topic: str, law: str | None = None,
                   laws: Collection[str] | None = None) -> Answer | None:
    """Return the national rule on ``topic`` (for ``law`` when given), marked as general.

    ``laws``: only the rules of these laws (a standard's own), when the topic has one per law:
    Skanderborg's citizen, under § 86, is not told the free choice after a hospital stay.
    """
    national = kb.national
    if national is None:
        return None
    rows = _entries(national, topic, law)
    if laws is not None:
        rows = [(row_law, entry) for row_law, entry in rows if row_law is None or row_law in laws]
    if not rows:
        return None
    text, citations = _compose(national, rows)
    return Answer(phrase("general_prefix") + text, topic, None, citations,
                  [e for _, e in rows], general=True)


def answer_topic(
    kb: KnowledgeBase, municipality: Municipality | None, topic: str, law: str | None = None,
    town: str | None = None,
) -> Answer:
    """Answer ``topic`` for a municipality (and law), from its standard or the general rule.

    Args:
        kb: The knowledge base.
        municipality: The citizen's municipality, or None when not known.
        topic: A topic id (see ``genoptraening.core.knowledge.schema.TOPICS``).
        law: A law id to narrow the answer to, or None for every law the standard covers.
        town: The town the citizen named, whose own phone line is the one to offer.

    Raises:
        KeyError: for an unknown topic.

    """
    if topic not in TOPICS:
        raise KeyError(f"unknown topic {topic!r}")
    label = topic_label(topic).lower()
    standard = kb.standard(municipality.slug) if municipality else None
    # Where the standard is silent: the general rules of its own laws (a rule for the law
    # asked comes as one row without a law, so it is kept).
    own_laws = standard.laws if standard is not None and standard.laws else None
    general = general_answer(kb, topic, law, laws=own_laws)
    if municipality is None:
        return general or Answer(phrase("silent_no_general", municipality="kommunen",
                                        topic_label=label), topic, None)
    if standard is None:
        intro = phrase("no_standard", municipality=municipality.official)
        return _with_intro(intro, general, topic, municipality, contact=False)  # it says whom
    unreviewed = phrase("unreviewed", municipality=standard.municipality, topic_label=label)
    if law is not None and law not in standard.laws:
        if _laws_unreviewed(standard):
            return _with_intro(unreviewed, general, topic, municipality)
        intro = phrase("law_not_covered", municipality=standard.municipality,
                       offer=law_offer(law), law=law_label(law))
        # The law's general rule, and whom to ask there, as where the standard is silent.
        return _with_phone(kb, municipality, _with_intro(intro, general, topic, municipality),
                           town, own_law=False)
    rows = _entries(standard, topic, law)
    if not rows:
        if standard.imported is not None:
            # Its text may say what no approved fact does yet: no claim that it is silent.
            return _with_intro(unreviewed, general, topic, municipality)
        if general is None:
            silent = Answer(phrase("silent_no_general", municipality=standard.municipality,
                                   topic_label=label), topic, municipality.name)
        else:
            intro = phrase("silent", municipality=standard.municipality, topic_label=label)
            silent = _with_intro(intro, general, topic, municipality)
        return _with_phone(kb, municipality, silent, town)
    text, citations = _compose(standard, rows)
    return Answer(text, topic, municipality.name, citations, [e for _, e in rows])


def _with_phone(kb: KnowledgeBase, municipality: Municipality, silent: Answer,
                town: str | None = None, own_law: bool = True) -> Answer:
    """Add where to ask to an answer on a topic the standard is silent on: its phone number.

    "… siger ikke noget om klage over afgørelsen." — then whom the citizen can ask, with the
    section the number stands in as a source; where the standard gives no number, where every
    municipality's stands. ``own_law``: False for a law the standard does not cover, whose
    answer on how to apply is silent though the standard's own ways to apply give a number.
    """
    site = replace(silent, text=f"{silent.text}\n\n{site_to_ask(kb, municipality)}")
    if silent.topic in ("contact", "apply") and own_law:
        # Their own answers are where the phone numbers come from (read here, not rendered).
        standard = kb.standard(municipality.slug)
        rows = [] if standard is None else [
            e for t in ("contact", "apply") for _, e in _entries(standard, t, None)]
        return silent if any(e.facts.phones for e in rows) else site
    ask = whom_to_ask(kb, municipality, town)
    if ask is None:  # the standard gives no number: where every municipality's stands
        return site
    return replace(silent, text=f"{silent.text}\n\n{ask.text}",
                   citations=[*silent.citations, *ask.citations])


class Ask(NamedTuple):
    """Whom to ask where a standard is silent: the sentence, its number and its sources."""

    text: str
    number: str
    citations: list[Citation]


def site_to_ask(kb: KnowledgeBase, municipality: Municipality) -> str:
    """Return where to ask when the standard prints no number: whom it names, then the site.

    Rebild's names its myndighedsfunktion (``contact_body`` of its contact answer) but no
    phone: "Du kan henvende dig til Rebild Kommunes myndighedsfunktion. Kommunens
    telefonnummer …".
    """
    standard = kb.standard(municipality.slug)
    rows = [] if standard is None else _entries(standard, "contact", None)
    body = next((e.facts.values["contact_body"] for _, e in rows
                 if isinstance(e.facts.values.get("contact_body"), str)), None)
    site = phrase("silent_ask_site")
    return f"{phrase('silent_ask_body', body=body)} {site}" if body else site


def whom_to_ask(kb: KnowledgeBase, municipality: Municipality,
                town: str | None = None, waiting: bool = False) -> Ask | None:
    """Return "Du kan spørge kommunen: ring på …" with its sources, if the standard has a phone.

    The line of the citizen's own town when the standard gives one (Skanderborg's Ry line);
    ``waiting``: said after the deadlines ("Går der længere tid, …").
    """
    phones, found = contact_phones(kb, municipality)
    if not phones or found is None:
        return None
    phone = nearest_phone(phones, town or municipality.name)
    where = f" ({phone.label})" if phone.label else ""
    text = (phrase("deadline_ask", number=phone.number, where=where) if waiting
            else phrase("silent_ask", number=phone.number, where=where))
    return Ask(text, phone.number,
               found.citations)


def nearest_phone(phones: list[Phone], town: str | None) -> Phone:
    """Return the phone labelled with the citizen's town, else the standard's first one.

    Callers pass the municipality's own name when no town is known: "Jeg bor i Skanderborg
    by" gets Skanderborg's line, not Galten's, which the standard lists first.
    """
    if town:
        place = skeleton(town)
        for phone in phones:
            if phone.label and f" {place} " in f" {skeleton(phone.label)} ":
                return phone
    return phones[0]


def _laws_unreviewed(standard: Standard) -> bool:
    """Tell whether an imported standard's laws are unknown: no law it covers is approved."""
    return standard.imported is not None and not any(
        draft.covers is not None and draft.status == "approved" for draft in standard.drafts)


def _with_intro(
    intro: str, general: Answer | None, topic: str, municipality: Municipality,
    contact: bool = True,
) -> Answer:
    if general is None:
        ask = phrase("contact_municipality", municipality=municipality.official)
        return Answer(f"{intro} {ask}" if contact else intro, topic, municipality.name,
                      general=True)
    return Answer(f"{intro}\n\n{general.text}", topic, municipality.name, general.citations,
                  general.entries, general=True)


def contact_phones(
    kb: KnowledgeBase, municipality: Municipality
) -> tuple[list[Phone], Answer | None]:
    """Return the phone numbers a municipality's standard gives, with the answer they are in.

    The contact topic comes first, then how to apply; a general answer has no phone numbers.
    """
    for topic in ("contact", "apply"):
        rendered = answer_topic(kb, municipality, topic)
        found = [p for entry in rendered.entries for p in entry.facts.phones]
        if found and not rendered.general:
            return list({p.number: p for p in found}.values()), rendered
    return [], None


def deadlines_of(answer: Answer) -> list[Deadline]:
    """Return the structured deadlines behind an answer."""
    return [d for entry in answer.entries for d in entry.facts.deadlines]


def due_dates_text(deadlines: list[Deadline], event: str, start: dt.date) -> str:
    """Say when each deadline running from ``event`` falls due, counted from ``start``.

    Returns an empty string when no deadline runs from that event.
    """
    texts = phrases()
    lines = []
    for deadline in deadlines:
        if deadline.from_event != event:
            continue
        due = due_date(start, deadline.number, deadline.unit)
        unit = texts["units_singular"][deadline.unit] if deadline.number == 1 else deadline.unit
        lines.append(
            texts["kinds"][deadline.kind].format(due=format_date(due)) + " "
            + phrase("due_date_unit", number=deadline.number, unit=unit)
        )
    if not lines:
        return ""
    intro = phrase("due_dates_intro", event=texts["events"][event], start=format_date(start))
    return "\n".join([intro, *dict.fromkeys(lines)])

"""Which topics a section of a standard is about, and which law's part it stands in.

An imported standard has no curated topics to tell the passage search what each section is
about; its headings do ("Målgruppe", "Svarfrist", "Klagemuligheder"), and where a heading
names none ("3. Genoptræning og vedligeholdende træning"), its paragraphs do, read by the
learned reader of what citizens ask (:func:`text_topics`). The search reads such a section
also as the NLU examples of the topic, as it reads a curated standard's sections.

Many standards repeat their sections for each law ("Genoptræning", then "Kriterier",
"Tidsperspektiv" …; "Vedligeholdelsestræning", then the same headings again):
:func:`section_laws` tells which part each section stands in, so that a citizen whose story is
maintenance training is quoted the maintenance part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from genoptraening.core.knowledge.onboarding.drafting import law_of_heading
from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
from genoptraening.core.knowledge.standards import Section

#: Words of a heading (folded to lower case, matched at a word's start) → the topic.
HEADING_WORDS: tuple[tuple[str, str], ...] = (
    ("formål", "purpose"), ("målgruppe", "target_group"), ("kan få", "target_group"),
    ("kriterier", "target_group"), ("indhold", "content"), ("indehold", "content"),
    ("indsats", "content"), ("hvor foregår", "location"), ("træningssted", "location"),
    ("omfang", "scope"), ("varighed", "scope"), ("serviceniveau", "scope"),
    ("tidsperspektiv", "scope"), ("koster", "cost"), ("omkostning", "cost"),
    ("udgift", "cost"), ("pris", "cost"), ("omkostning", "transport"),
    ("udgift", "transport"), ("transport", "transport"), ("kørsel", "transport"),
    ("ansøg", "apply"), ("søger", "apply"), ("søge", "apply"), ("kontakt", "contact"),
    ("pårørende", "on_behalf"), ("frist", "deadlines"), ("svarfrist", "deadlines"),
    ("sagsbehandlingstid", "deadlines"), ("tidsperspektiv", "deadlines"),
    ("hvornår", "deadlines"), ("frit", "free_choice"), ("leverandør", "free_choice"),
    ("aflys", "cancellation"), ("afbud", "cancellation"), ("udebliv", "cancellation"),
    ("serviceniveau", "cancellation"), ("personale", "staff"), ("kompetence", "staff"),
    ("varetager", "staff"), ("træne med", "staff"), ("ansvar", "cooperation"),
    ("samarbejde", "cooperation"), ("opfølgning", "follow_up"), ("kvalitet", "follow_up"),
    ("arbejdsplads", "home_workplace"), ("arbejdsmiljø", "home_workplace"),
    ("klage", "complaint_decision"), ("uenig", "complaint_decision"),
    ("utilfreds", "complaint_staff"), ("borgerrådgiver", "citizen_adviser"),
    ("lovgrundlag", "legal_basis"), ("lovgivning", "legal_basis"), ("godkend", "approval"),
)
#: Words of a heading that name the document, not a topic ("Kvalitetsstandard for …").
_TITLE_WORDS = re.compile(r"kvalitetsstandard\w*")


def heading_topics(heading: str) -> list[str]:
    """Return the topics a heading names, in the table's order, each once."""
    low = _TITLE_WORDS.sub(" ", heading.lower())
    return list(dict.fromkeys(topic for word, topic in HEADING_WORDS
                              if re.search(rf"(?<!\w){re.escape(word)}", low)))


#: A paragraph read as asking for a topic this surely tells that its section is about it.
TEXT_SURE = 0.9
#: Reads texts as intents: for each text, (intent, confidence) best first.
Ranker = Callable[[Sequence[str]], list[list[tuple[str, float]]]]


def text_topics(sections: Sequence[Section], rank: Ranker) -> dict[str, str]:
    """Return the topic each paragraph of the sections surely reads as, by its text.

    A heading may name no topic ("3. Genoptræning og vedligeholdende træning" holds where
    training takes place, how long and how often): each paragraph is read by the learned
    reader of what citizens ask (trained on the NLU examples), and one it reads surely as a
    topic (``TEXT_SURE``) answers that topic, and its section is about it too.
    """
    paragraphs = [p for s in sections for p in s.paragraphs if p.strip()]
    found: dict[str, str] = {}
    for paragraph, ranking in zip(paragraphs, rank(paragraphs), strict=True):
        topic = TOPIC_OF_INTENT.get(ranking[0][0]) if ranking else None
        if topic is not None and ranking[0][1] >= TEXT_SURE:
            found[paragraph] = topic
    return found


#: A heading's own number ("2.1 Genoptræning" → "2.1").
_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
#: A part's heading has at most this many paragraphs of its own (an introduction) …
_PART_PARAGRAPHS = 1
#: … and at most this many words besides its number: it names the law, nothing else.
_PART_WORDS = 3


def section_laws(sections: Sequence[Section]) -> dict[int, str | None]:
    """Return the law of the part each section stands in (None: no part), by position.

    A part starts at a short heading that names one law and has at most a short introduction
    of its own ("2.1 Genoptræning", "Vedligeholdelsestræning"). It ends where the next part
    starts, at a heading that names both laws, at a numbered heading at its level or above
    ("3. Hvem kan du kontakte?"), or — for a part without a number, after an earlier part —
    at the first section about something the earlier parts are not (by its heading's words or
    topics): the parts of a standard repeat their headings, and what follows them is about
    every law. A standard with parts for fewer than two laws has none (its title only names
    one: "Genoptræning og træning").
    """
    laws: dict[int, str | None] = {}
    law: str | None = None
    depth = 0
    numbered = False
    seen: set[str] = set()  # the headings and topics of the earlier parts
    current: set[str] = set()
    for section in sections:
        number = _NUMBER.match(section.heading)
        level = number.group(1).count(".") + 1 if number else 0
        words = section.heading[number.end():] if number else section.heading
        named = law_of_heading(section.heading) if len(words.split()) <= _PART_WORDS else None
        low = section.heading.lower()
        about = {section.heading, *heading_topics(section.heading)}
        if named and named != law and len(section.paragraphs) <= _PART_PARAGRAPHS:
            seen |= current
            law, depth, numbered, current = named, level, bool(number), set()
        elif law is not None and (
                ("genoptræning" in low and "vedligehold" in low)
                or (number and level <= depth)
                or (not numbered and seen and section.paragraphs and not about & seen)):
            law, depth, current = None, 0, set()
        elif law is not None:
            current |= about
        laws[section.index] = law
    if len(set(laws.values()) - {None}) < 2:
        return dict.fromkeys(laws)
    return laws

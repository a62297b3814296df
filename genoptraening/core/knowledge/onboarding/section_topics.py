"""Which topics a section of a standard is about, by the words of its heading.

An imported standard has no curated topics to tell the passage search what each section is
about; its headings do ("Målgruppe", "Svarfrist", "Klagemuligheder"). The search reads such a
section also as the NLU examples of the topic, as it reads a curated standard's sections.
"""

from __future__ import annotations

import re

#: Words of a heading (folded to lower case, matched at a word's start) → the topic.
HEADING_WORDS: tuple[tuple[str, str], ...] = (
    ("formål", "purpose"), ("målgruppe", "target_group"), ("hvem kan få", "target_group"),
    ("kriterier", "target_group"), ("indhold", "content"), ("indsats", "content"),
    ("hvor foregår", "location"), ("omfang", "scope"), ("varighed", "scope"),
    ("serviceniveau", "scope"), ("koster", "cost"), ("omkostning", "cost"), ("udgift", "cost"),
    ("pris", "cost"), ("transport", "transport"), ("kørsel", "transport"), ("ansøg", "apply"),
    ("søger", "apply"), ("søge", "apply"), ("kontakt", "contact"), ("pårørende", "on_behalf"),
    ("frist", "deadlines"), ("svarfrist", "deadlines"), ("sagsbehandlingstid", "deadlines"),
    ("tidsperspektiv", "deadlines"), ("hvornår", "deadlines"), ("frit", "free_choice"),
    ("leverandør", "free_choice"), ("aflys", "cancellation"), ("personale", "staff"),
    ("kompetence", "staff"), ("varetager", "staff"), ("ansvar", "cooperation"),
    ("samarbejde", "cooperation"), ("opfølgning", "follow_up"), ("kvalitet", "follow_up"),
    ("arbejdsplads", "home_workplace"), ("arbejdsmiljø", "home_workplace"),
    ("klage", "complaint_decision"), ("uenig", "complaint_decision"),
    ("utilfreds", "complaint_staff"), ("borgerrådgiver", "citizen_adviser"),
    ("lovgrundlag", "legal_basis"), ("lovgivning", "legal_basis"), ("godkend", "approval"),
)


def heading_topics(heading: str) -> list[str]:
    """Return the topics a heading names, in the table's order, each once."""
    low = heading.lower()
    return list(dict.fromkeys(topic for word, topic in HEADING_WORDS
                              if re.search(rf"(?<!\w){re.escape(word)}", low)))

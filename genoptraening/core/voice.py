"""An answer written to the citizen ("du"), said about the relative who is asked about.

The curated answers speak to the one who trains: "Du træner i Sundhedshuset. Kommunen kontakter
dig." A son who asks for his mother reads them as written to him. For him they become "Din mor
træner i Sundhedshuset. Kommunen kontakter hende." The first of these words in an answer names
the relative ("din mor", "din mors"), later ones are pronouns: "du" → "hun", "dig" → "hende",
"din/dit/dine" → "hendes", or the reflexive "sig" and "sin/sit/sine" in a clause whose subject
the relative is ("Hun henvender sig", "Så kan hun bruge træningen i sin hverdag"). Words
quoted from the standard (»…«) are kept to the letter, and so are the writer's own telling
("Ud fra det, du fortæller, …") and the relative already named ("din mor").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"»[^«]*«|\b[Dd]u (?:fortæller|skriver|skrev)\b|"
                   r"\b(?:[Dd]u|[Dd]ig selv|[Dd]ig|[Dd]in|[Dd]it|[Dd]ine)\b")
#: Where a clause ends: the reflexive genitive only refers back inside one.
_CLAUSE_END = re.compile(r"[.,;:!?]|\bog\b|\bmen\b|\beller\b|\bder\b|\bsom\b")
_REFLEXIVE = {"din": "sin", "dit": "sit", "dine": "sine"}


@dataclass(frozen=True)
class Person:
    """How to speak of the one asked about: "din mor", "hun", "hende", "hendes"."""

    named: str
    pronoun: str
    object_pronoun: str
    possessive: str


def about(text: str, person: Person) -> str:
    """Rewrite an answer written to "du" as said about ``person``.

    Args:
        text: The answer as curated, written to the citizen.
        person: The relative it is about.

    Returns:
        The answer about the relative; text between »« unchanged.

    """
    named = False
    subject_at = -1  # where the last "du" (a subject) ended

    def replace(match: re.Match[str]) -> str:
        nonlocal named, subject_at
        word = match.group(0)
        if word.startswith("»") or " " in word and not word.lower().startswith("dig"):
            return word  # quoted from the standard, or the writer's own telling
        lower = word.lower()
        if text[match.start():match.start() + len(person.named)].lower() == person.named.lower():
            named = True  # already said of the relative ("Så skal din far ikke …")
            return word
        if lower == "du":
            new = person.pronoun if named else person.named
            subject_at = match.end()
        elif lower == "dig selv":
            new = "sig selv"
        elif lower == "dig":
            new = "sig" if _in_its_clause(text, subject_at, match.start()) else (
                person.object_pronoun if named else person.named)
        elif _in_its_clause(text, subject_at, match.start()):
            new = _REFLEXIVE[lower] if person.pronoun != "de" else person.possessive
        else:
            new = person.possessive if named else f"{person.named}s"
        named = True
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return _WORD.sub(replace, text)


def _in_its_clause(text: str, subject_at: int, at: int) -> bool:
    # "Du henvender dig …", "… så du kan bruge den i din hverdag": the subject's own.
    return subject_at >= 0 and not _CLAUSE_END.search(text, subject_at, at)

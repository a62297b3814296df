"""Deadlines read in a standard's sentences: number, unit, what happens and from which event.

"Du kan forvente, at vi kontakter dig inden for 7 kalenderdage efter, at du har fået bevilliget
dit forløb" is a deadline of kind ``contact``, 7 ``kalenderdage`` from ``grant``. A number with a
unit counts only after a word that makes it a deadline ("inden for", "senest", "op til",
"frist"); "et forløb varer 8-12 uger" is no deadline. What happens is the cue nearest before the
number (else after it); the event it runs from is read after the number (else before it), and
"herefter" is the event of the deadline before it in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from genoptraening.core.dates import NUMBER_WORDS
from genoptraening.core.knowledge.onboarding.readers import Found
from genoptraening.core.knowledge.schema import Deadline
from genoptraening.core.text import skeleton

_UNITS = {"hverdage": "hverdage", "hverdag": "hverdage", "arbejdsdage": "hverdage",
          "kalenderdage": "kalenderdage", "dage": "dage", "dag": "dage", "døgn": "dage",
          "uger": "uger", "uge": "uger"}
_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if w.isalpha()), key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?<![\w,.-])(?P<n>\d{{1,3}}|(?:{_WORDS}|én|ét))\s+(?P<unit>{'|'.join(_UNITS)})\b",
    re.IGNORECASE)
_CUE = re.compile(r"(?:inden\s+for|indenfor|inden|senest|op\s+til|frist\w*)\b[^.;]{0,40}$",
                  re.IGNORECASE)
#: What happens within the deadline: (kind, pattern), the more specific first.
_KINDS = (
    ("appeal_board", r"ankestyrelsen"),
    ("reassessment", r"revurder\w*|se på (?:din )?sag\w* igen|ser på sag\w* igen|"
                     r"ændrer afgørelsen|genvurder\w*"),
    ("provider_contact", r"leverandør\w*(?: vil)? kontakte\w*"),
    ("complaint", r"klage\w*"),
    ("letter", r"\bbrev\b"),
    ("visitation", r"visitation\w*|bookingsamtale\w*|første undersøgelse"),
    ("decision", r"afgørelse\w*|svar på (?:din )?ansøgning\w*"),
    ("start", r"opstart\w*|\bstart\w*|igangsæt\w*|iværksæt\w*|påbegynd\w*|tilbudt en tid"),
    ("contact", r"kontakt\w*"),
)
#: The event a deadline runs from: (event, pattern), the more specific first.
_EVENTS = (
    ("plan_received", r"genoptræningsplan\w*"),
    ("complaint_forwarded", r"videre til ankestyrelsen|sendt videre"),
    ("complaint_received", r"modtaget (?:din )?klage\w*|klagen er modtaget"),
    ("decision_received", r"(?:modtaget|modtagelsen af)[\w\s]{0,25}afgørelse\w*|"
                          r"modtagelsen af brevet"),
    ("referral", r"henvisning\w*"),
    ("visitation", r"visitation\w*|bookingsamtale\w*"),
    ("grant", r"bevil\w*"),
    ("application", r"ansøgning\w*|henvendelse\w*|søgt"),
)
_DEFAULT_EVENT = {"complaint": "decision_received", "reassessment": "complaint_received",
                  "appeal_board": "complaint_forwarded"}
#: "herefter": the event the deadline before it ends with.
_THEN = {"contact": "visitator_contact", "provider_contact": "provider_contact",
         "visitation": "visitation", "decision": "decision_received"}
_THEREAFTER = re.compile(r"\b(?:herefter|derefter)\b", re.IGNORECASE)


def deadlines(sentence: str, earlier: Sequence[Found[Deadline]] = ()) -> list[Found[Deadline]]:
    """Return the deadlines a sentence states, in order.

    Args:
        sentence: One sentence (or line) of the standard.
        earlier: The deadlines of the sentences before it in the paragraph ("herefter").

    """
    amounts = [m for m in _AMOUNT.finditer(sentence) if _CUE.search(sentence[:m.start()])
               and not re.match(r"\s*(?:om|i)\s+(?:ugen|måneden)", sentence[m.end():])]
    found: list[Found[Deadline]] = []
    for index, match in enumerate(amounts):
        lower = amounts[index - 1].end() if index else 0
        upper = amounts[index + 1].start() if index + 1 < len(amounts) else len(sentence)
        before, after = sentence[lower:match.start()], sentence[match.end():upper]
        kind = _kind(before, after)
        if kind is None:
            continue
        event = _event(after, before, kind, [*earlier, *found])
        number = _number(match["n"])
        if number is None or number <= 0:
            continue
        text = sentence[_clause_start(sentence, lower, match.start()):upper].strip(" ,.")
        deadline = Deadline.parse_obj({"kind": kind, "number": number, "from_event": event,
                                       "unit": _UNITS[match["unit"].lower()],
                                       "text": text[:200]})
        found.append(Found(deadline, match.start(), match.end()))
    return found


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(skeleton(word).replace("é", "e"))


def _kind(before: str, after: str) -> str | None:
    """Return what happens: the most specific cue of the nearest clause before, else after."""
    if re.search(_KINDS[0][1], before, re.IGNORECASE):
        return "appeal_board"
    for clause in reversed(re.split(r",\s", before)):
        for kind, pattern in _KINDS:
            if re.search(pattern, clause, re.IGNORECASE):
                return kind
    for kind, pattern in _KINDS:
        if re.search(pattern, after, re.IGNORECASE):
            return kind
    return None


def _event(after: str, before: str, kind: str, found: list[Found[Deadline]]) -> str:
    for part in (after, before):
        if _THEREAFTER.search(part) and found:
            previous = found[-1].value.kind
            return _THEN.get(previous, found[-1].value.from_event)
        hits = [(m.start(), rank, event) for rank, (event, pattern) in enumerate(_EVENTS)
                for m in re.finditer(pattern, part, re.IGNORECASE)]
        if hits:
            return min(hits)[2] if part is after else min(hits, key=lambda h: h[1])[2]
    return _DEFAULT_EVENT.get(kind, "application")


def _clause_start(sentence: str, lower: int, at: int) -> int:
    """Start the deadline's text at the clause it stands in (after the last ", " before)."""
    cut = max(sentence.rfind(", ", lower, max(lower, at - 60)), lower)
    return cut + 2 if cut > lower else lower

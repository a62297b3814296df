"""The facts a citizen asks for, drafted from a standard's text, each with section and quote.

Phones (with the unit or place and the opening hours), e-mails, postal addresses, prices,
deadlines, the laws covered, complaint routes and the approval are read section by section
(``readers``, ``deadline_reader``). Each becomes a :class:`DraftFact` with ``status: draft``:
the quote is the sentence it stands in (or a few words around it, when the sentence is long
or crosses a line the check cannot see through), exactly as the text has it. A fact in a part
of the standard about one law only ("2.1 Genoptræning", an empty section) carries that law.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from genoptraening.core.knowledge.onboarding import readers
from genoptraening.core.knowledge.onboarding.deadline_reader import deadlines
from genoptraening.core.knowledge.onboarding.readers import Found
from genoptraening.core.knowledge.schema import Approval, Deadline, DraftFact, OpeningSlot, Phone
from genoptraening.core.knowledge.seeds import normalise
from genoptraening.core.knowledge.standards import Section, StandardText

#: The id prefix of each kind of fact ("telefon-1").
ID_PREFIX = {"phone": "telefon", "email": "email", "address": "adresse", "price": "pris",
             "deadline": "frist", "covers": "lov", "complaint_to": "klage",
             "approval": "godkendelse"}
_MAX_QUOTE = 180
_ABBREVIATIONS = {"kl", "tlf", "f.eks", "evt", "stk", "nr", "d", "pr", "mv", "bl.a", "ca", "jf",
                  "el", "inkl", "ekskl", "min", "sek", "ex", "tel", "ift", "vedr", "mht", "dvs"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"»“(])")
_LAW_86 = re.compile(r"§\s*86\s*,?\s*stk\.?\s*(\d)(?:\s*(?:,|og)\s*(?:stk\.?\s*)?(\d))?",
                     re.IGNORECASE)
_LAW_140 = re.compile(r"§\s*140\b")
_COMPLAINT_TO = re.compile(
    r"(?:rettes til|rette (?:din )?henvendelse til|henvende dig til|kontakte|klage til|"
    r"aflevere klagen[^.]*? til)\s+(?P<to>[A-ZÆØÅa-zæøå][^.;:()]*?)"
    r"(?=\s*(?:[.;:(]|,\s*(?:der|som|hvor)\b|$))")
_STAFF = re.compile(r"sagsbehandling|personale|optræden|adfærd|ventelist|medarbejder",
                    re.IGNORECASE)
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december")
_APPROVED = re.compile(
    r"[Gg]odkendt\s+(?:i\s+|af\s+)?(?P<by>[A-ZÆØÅ][^\n.]*?)\s+(?:d\.\s*|den\s+)?"
    r"(?P<date>\d{1,2}\.\s*(?:" + "|".join(_MONTHS) + r")\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})")
_APPROVES = re.compile(r"(?P<by>(?:[A-ZÆØÅ][\wæøå-]*\s+){1,3}(?:[Bb]yråd\w*|[Uu]dvalg\w*))"
                       r"\s+godkender")


@dataclass(frozen=True)
class _Unit:
    """A sentence of a paragraph or a line of a block, with its block and section."""

    text: str
    block: str
    section: Section
    law: str | None


def draft_facts(text: StandardText, source: str) -> list[DraftFact]:
    """Draft every fact the standard states, in the order it states them.

    Args:
        text: The standard's text by section.
        source: The source text it was made from: each quote must stand in it.

    """
    found = _Drafts(normalise(source))
    for section, law in _sections_with_law(text):
        names = [a.name for block in section.paragraphs
                 for a, _, _ in readers.addresses(block.split("\n"))]
        blocks = [[_Unit(u, block, section, law) for u in _units(block)]
                  for block in section.paragraphs]
        for index, units in enumerate(blocks):
            # Hours in the block after a phone list ("Vi træffes bedst: …") are the list's.
            after = blocks[index + 1] if index + 1 < len(blocks) else []
            found.contact(units, names, after)
            found.deadlines(units)
            for unit in units:
                found.other(unit)
    return found.facts


class _Drafts:
    """Collects drafted facts, numbered per kind, without repeating one."""

    def __init__(self, source: str):
        self.source = source
        self.facts: list[DraftFact] = []
        self._seen: dict[tuple[str, str | None, str], int] = {}

    def add(self, unit: _Unit, start: int, end: int, topic: str, **value: object) -> None:
        kind = next(iter(value))
        key = (kind, unit.law, repr(_identity(value[kind])))
        if key in self._seen:
            return
        number = sum(1 for fact in self.facts if fact.kind == kind) + 1
        fact = DraftFact.parse_obj({
            "id": f"{ID_PREFIX[kind]}-{number}", "topic": topic, "law": unit.law,
            "section": unit.section.heading, "quote": self.quote(unit.text, start, end),
            **value})
        self._seen[key] = len(self.facts)
        self.facts.append(fact)

    def quote(self, unit: str, start: int, end: int) -> str:
        """Cut the quote: the unit when short, else words around the value; in the source."""
        unit = unit.strip()
        candidates = [unit] if len(unit) <= _MAX_QUOTE else []
        for words in (8, 4, 0):
            before = unit[:start].split()[-words:] if words else []
            after = unit[end:].split()[:words] if words else []
            candidates.append(" ".join([*before, unit[start:end], *after]).strip())
        for candidate in candidates:
            if normalise(candidate) in self.source:
                return candidate
        return candidates[-1]

    def contact(self, units: list[_Unit], names: list[str], after: list[_Unit]) -> None:
        """Phones (with label and the block's opening hours), e-mails and addresses.

        The hours of a phone are those of its own sentence or line, else of its block, else
        of the next block when that has hours and no phone of its own.
        """
        hours = _hours(units)
        if hours is None and not any(readers.phones(u.text, u.block) for u in after):
            hours = _hours(after)
        topic = "complaint_decision" if units and _complaint_section(units[0]) else "contact"
        for unit in units:
            for found in readers.phones(unit.text, unit.block):
                own = readers.opening_hours(unit.text) or hours
                phone = Phone(number=str(found.value),
                              label=readers.phone_label(unit.text, found.start, names),
                              hours=own[0] if own else None, open=own[1] if own else [])
                self.add(unit, found.start, found.end, topic, phone=phone)
            for mail in readers.emails(unit.text):
                self.add(unit, mail.start, mail.end, topic, email=mail.value)
        if units:
            lines = units[0].block.split("\n")
            for address, first, last in readers.addresses(lines):
                joined = " ".join(lines[first:last + 1])
                unit = _Unit(joined, units[0].block, units[0].section, units[0].law)
                self.add(unit, 0, len(joined), topic, address=address)

    def deadlines(self, units: list[_Unit]) -> None:
        """Deadlines, "herefter" read against the paragraph's deadlines before it."""
        earlier: list[Found[Deadline]] = []
        for unit in units:
            for found in deadlines(unit.text, earlier):
                kind = found.value.kind
                topic = ("complaint_decision" if kind in ("complaint", "reassessment",
                                                          "appeal_board") else "deadlines")
                self.add(unit, found.start, found.end, topic, deadline=found.value)
                earlier.append(found)

    def other(self, unit: _Unit) -> None:
        """Prices, the laws covered, complaint routes and the approval."""
        for found in readers.prices(unit.text):
            topic = "transport" if re.search(r"kørsel|transport|befordring|bus", unit.text,
                                             re.IGNORECASE) else "cost"
            self.add(unit, found.start, found.end, topic, price=found.value)
        for match in _LAW_86.finditer(unit.text):
            for paragraph in filter(None, match.groups()):
                if paragraph in "12":
                    self.add(unit, match.start(), match.end(), "legal_basis",
                             covers=f"sel_86_{paragraph}")
        for match in _LAW_140.finditer(unit.text):
            self.add(unit, match.start(), match.end(), "legal_basis", covers="sul_140")
        complaint = _complaint_route(unit)
        if complaint is not None:
            start, end, topic, to = complaint
            self.add(unit, start, end, topic, complaint_to=to)
        approval = _approval(unit.text)
        if approval is not None and not any(f.kind == "approval" for f in self.facts):
            self.add(unit, approval[1], approval[2], "approval", approval=approval[0])


def _hours(units: list[_Unit]) -> tuple[str, list[OpeningSlot]] | None:
    return next((h for u in units if (h := readers.opening_hours(u.text))), None)


def _identity(value: object) -> object:
    """Return what makes two facts the same: a phone's number, else the value."""
    if isinstance(value, Phone):
        return value.number
    return value


def _units(block: str) -> Iterator[str]:
    """Yield a block's lines; a paragraph's sentences."""
    for line in block.split("\n"):
        text = line[2:] if line.startswith("- ") else line
        start = 0
        for match in _SENTENCE_END.finditer(text):
            word = re.findall(r"[\w.]+$", text[:match.start()].rstrip(".!?"))
            if word and word[0].lower() in _ABBREVIATIONS:
                continue
            yield text[start:match.start()]
            start = match.end()
        yield text[start:]


def _complaint_section(unit: _Unit) -> bool:
    return bool(re.search(r"klag", unit.section.heading, re.IGNORECASE))


def _complaint_route(unit: _Unit) -> tuple[int, int, str, str] | None:
    """Return (start, end, topic, recipient) where a unit says where a complaint goes."""
    if not (re.search(r"klag|utilfreds", unit.text, re.IGNORECASE) or _complaint_section(unit)):
        return None
    match = _COMPLAINT_TO.search(unit.text)
    if match is None or len(match["to"]) > 60 or not match["to"][:1].isupper() and (
            "leder" not in match["to"]):
        return None
    to = match["to"].strip()
    if "borgerrådgiver" in to.lower():
        topic = "citizen_adviser"
    elif "patientsikkerhed" in to.lower() or re.search(r"sundhedsfaglig", unit.text, re.I):
        topic = "complaint_treatment"
    elif _STAFF.search(unit.text):
        topic = "complaint_staff"
    else:
        topic = "complaint_decision"
    return match.start("to"), match.end("to"), topic, to


def _approval(text: str) -> tuple[Approval, int, int] | None:
    match = _APPROVED.search(text)
    if match:
        return Approval(by=match["by"].strip(" ,"), date=_date(match["date"])), *match.span()
    match = _APPROVES.search(text)
    if match:
        return Approval(by=match["by"].strip()), *match.span("by")
    return None


def _date(text: str) -> dt.date | None:
    numbers = re.findall(r"\d+", text)
    month = next((i for i, name in enumerate(_MONTHS, 1) if name in text.lower()), None)
    try:
        if month is not None:
            return dt.date(int(numbers[-1]), month, int(numbers[0]))
        return dt.date(int(numbers[2]), int(numbers[1]), int(numbers[0]))
    except (ValueError, IndexError):
        return None


def _sections_with_law(text: StandardText) -> Iterator[tuple[Section, str | None]]:
    """Yield each section with the law of the part it stands in, if a part names one.

    A part is an empty section whose heading names one law ("2.1 Genoptræning",
    "Vedligeholdelsestræning"); it lasts until an empty section that names none, or a numbered
    heading at its level or above ("3. Hvem kan du kontakte?").
    """
    law: str | None = None
    depth = 0
    for section in text.sections:
        number = re.match(r"^(\d+(?:\.\d+)*)\.?\s", section.heading)
        level = number.group(1).count(".") + 1 if number else 0
        named = law_of_heading(section.heading)
        if not section.paragraphs and named:
            law, depth = named, level
        elif (not section.paragraphs and not named) or (number and level <= depth):
            law, depth = None, 0
        yield section, law


def law_of_heading(heading: str) -> str | None:
    """Return the one law a heading names ("Vedligeholdelsestræning" → § 86, stk. 2), if any."""
    low = heading.lower()
    if "§ 140" in low or ("sygehusindlæggelse" in low and "uden" not in low and "efter" in low):
        return "sul_140"
    if "vedligehold" in low:
        return None if "genoptræning" in low else "sel_86_2"
    if "genoptræning" in low and len(low.split()) <= 4:
        return "sel_86_1"
    return None

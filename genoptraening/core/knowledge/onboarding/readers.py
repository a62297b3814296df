"""Contact facts and prices read in a standard's text: each a value and where it stands.

Each reader takes one *unit* of text — a sentence of a paragraph, or a line of a block of short
lines (an address, a phone list) — and returns the values found with their span in the unit,
so that the quote can be cut around them. A value is read only where the text says what it is:
a phone number near "tlf."/"telefon"/"ring" (or grouped in pairs, "92 43 43 48"), a price as
"41 kr.", opening hours as days and clock times ("alle hverdage kl. 7.30-9.00").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from genoptraening.core.hours import DAY_NAMES
from genoptraening.core.knowledge.schema import Address, Email, OpeningSlot, Price

#: A Danish phone number as standards print it ("72 33 58 50", "+45 72335850").
PHONE = re.compile(r"(?<![\d.,/-])(?:\+45 ?)?(\d{2}) ?(\d{2}) ?(\d{2}) ?(\d{2})(?![\d]|[.,/-]\d)")
_GROUPED = re.compile(r"^\d{2} \d{2} \d{2} \d{2}$")
PHONE_CUE = re.compile(r"tlf|telefon|ring|tel\.|træffes|mobil|kontakt", re.IGNORECASE)
_NOT_PHONE = re.compile(r"(?:cvr|ean|se-nr|konto|reg|cpr)[\s.:-]*(?:nr\.?)?[\s.:]*$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_NO_SENSITIVE = re.compile(r"(?:uden|ikke)[\w\s]{0,30}personfølsomme", re.IGNORECASE)
_PRICE = re.compile(r"(?<![\d.,])(\d{1,5}(?:,\d{1,2})?)\s*(?:kr\.?|kroner)(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_PER = re.compile(r"\bpr\.?\s+(gang|tur|måned|uge|time|forløb)", re.IGNORECASE)
_POSTCODE = re.compile(r"^(\d{4})\s+([A-ZÆØÅ][\wæøåÆØÅ .-]+)$")
_STREET = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ .'-]*\s\d+[A-Za-z]?(?:,\s*\S.*)?$")
_INLINE_ADDRESS = re.compile(
    r"(?P<name>[A-ZÆØÅ][\wæøåÆØÅ&. -]{2,60}?),\s*(?P<street>[A-ZÆØÅ][\wæøåÆØÅ.-]*"
    r"(?: [\wæøåÆØÅ.-]+)*? \d+[A-Za-z]?),\s*(?P<post>\d{4} [A-ZÆØÅ][\wæøåÆØÅ]+)")
_DAY_WORD = "|".join(DAY_NAMES)
_DAY_RANGE = re.compile(rf"\b({_DAY_WORD})\s*(?:-|–|til)\s*({_DAY_WORD})\b", re.IGNORECASE)
_WEEKDAYS = re.compile(r"\b(?:alle\s+)?hverdage\b", re.IGNORECASE)
_DAY = re.compile(rf"\b({_DAY_WORD})(?:e|en)?\b", re.IGNORECASE)
_TIME_RANGE = re.compile(
    r"(?<![\d.,])(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?\s*(?:-|–|til)\s*(\d{1,2})(?:[.:](\d{2}))?"
    r"(?![\d,]|\.\d)(?!\s*(?:uger|dage|år|gange|måneder|timer|kr))"
    r"|(?<![\d.,])(?:kl\.?\s*)?(\d{1,2})[.:](\d{2})\.(\d{1,2})[.:](\d{2})(?!\d)",
    re.IGNORECASE)
_CLOCK_CUE = re.compile(r"\bkl\b|klokken|\d[.:]\d{2}", re.IGNORECASE)


V = TypeVar("V")


@dataclass(frozen=True)
class Found(Generic[V]):
    """A value read in a unit of text, and where in the unit it stands."""

    value: V
    start: int
    end: int


def phones(unit: str, block: str) -> list[Found[str]]:
    """Return the phone numbers of a unit; the block around it must speak of phoning."""
    found = []
    for match in PHONE.finditer(unit):
        number = " ".join(match.groups())
        if _NOT_PHONE.search(unit[:match.start()][-14:]):
            continue
        if not (PHONE_CUE.search(block) or _GROUPED.match(match.group().removeprefix("+45 "))):
            continue
        found.append(Found(number, match.start(), match.end()))
    return found


def phone_label(unit: str, at: int, names: list[str]) -> str | None:
    """Name the unit or place a phone number belongs to.

    "Galten: 87 94 84 16" → "Galten"; "… 8723 Løsning (Sundhedshuset), som træffes på telefon
    …" → "Sundhedshuset"; "… til Træningsenheden … på telefon …" → "Træningsenheden"; else the
    name of an address in the same section, if there is one.
    """
    before = unit[:at]
    label = re.match(r"^\s*([A-ZÆØÅ][\wæøåÆØÅ&. -]{1,30}?)\s*:\s*$", before)
    if label and not PHONE_CUE.match(label.group(1)):
        return label.group(1).strip()
    bracket = re.findall(r"\(([A-ZÆØÅ][\wæøåÆØÅ& -]{2,40})\)", before)
    if bracket:
        return bracket[-1].strip()
    units = re.findall(r"(?<![.!?]\s)(?<!^)\b([A-ZÆØÅ][a-zæøå]+(?:enheden|huset|centret|"
                       r"centeret|træningen|funktionen|tionen))\b", unit)
    if units:
        return units[0]
    return names[0] if names else None


def opening_hours(unit: str) -> tuple[str, list[OpeningSlot]] | None:
    """Read opening hours: days and clock times ("mandag-torsdag kl. 8-12 og 13-14").

    Returns:
        The hours as written (from the first day or clock time to the last time) and the
        windows per weekday, or None when the unit names no day with a clock time.

    """
    if not (_WEEKDAYS.search(unit) or _DAY.search(unit)) or not _CLOCK_CUE.search(unit):
        return None
    marks: list[tuple[int, int, list[int] | tuple[str, str]]] = []
    taken: list[tuple[int, int]] = []
    for match in _DAY_RANGE.finditer(unit):
        first, last = (DAY_NAMES.index(d.lower()) for d in match.groups())
        marks.append((match.start(), match.end(), list(range(first, last + 1))))
        taken.append(match.span())
    for match in _WEEKDAYS.finditer(unit):
        marks.append((match.start(), match.end(), [0, 1, 2, 3, 4]))
    for match in _DAY.finditer(unit):
        if not any(a <= match.start() < b for a, b in taken):
            marks.append((match.start(), match.end(), [DAY_NAMES.index(match.group(1).lower())]))
    for match in _TIME_RANGE.finditer(unit):
        window = _window(match)
        if window:
            marks.append((match.start(), match.end(), window))
    marks.sort(key=lambda mark: mark[0])
    slots: list[OpeningSlot] = []
    days: list[int] = []
    pending: list[tuple[str, str]] = []
    last_was_time = False
    for _, _, mark in marks:
        if isinstance(mark, tuple):
            if days:
                slots.append(OpeningSlot(days=list(days), start=mark[0], end=mark[1]))
            else:
                pending.append(mark)
            last_was_time = True
        else:
            days = list(mark) if last_was_time or not days else sorted({*days, *mark})
            last_was_time = False
            slots.extend(OpeningSlot(days=list(days), start=a, end=b) for a, b in pending)
            pending = []
    if not slots:
        return None
    start = min(m[0] for m in marks)
    end = max(m[1] for m in marks if isinstance(m[2], tuple))
    return unit[start:end].strip(" ,"), slots


def _window(match: re.Match[str]) -> tuple[str, str] | None:
    groups = match.groups()
    h1, m1, h2, m2 = groups[:4] if groups[0] is not None else groups[4:]
    start, end = (int(h1), int(m1 or 0)), (int(h2), int(m2 or 0))
    if not (0 <= start[0] <= 23 and 0 <= end[0] <= 24 and start[1] < 60 and end[1] < 60):
        return None
    if start >= end:
        return None
    return f"{start[0]:02d}:{start[1]:02d}", f"{min(end[0], 23):02d}:{end[1]:02d}"


def emails(unit: str) -> list[Found[Email]]:
    """Return the e-mail addresses of a unit, each saying whether sensitive data may be sent.

    Only a standard that says so in words allows it; one that says "uden personfølsomme
    oplysninger" (or nothing) does not.
    """
    found = []
    for match in _EMAIL.finditer(unit):
        refused = _NO_SENSITIVE.search(unit)
        note = (refused.group(0) + " oplysninger") if refused else (
            "standarden siger ikke, om der må sendes personfølsomme oplysninger")
        found.append(Found(Email(address=match.group(0).rstrip("."), note=note),
                           match.start(), match.end()))
    return found


def prices(unit: str) -> list[Found[Price]]:
    """Return the prices of a unit ("Taksten er i 2023 41 kr. for ud- og hjemtransport")."""
    found = []
    year = _YEAR.search(unit)
    per = _PER.search(unit)
    for match in _PRICE.finditer(unit):
        rest = re.split(r"[.;]\s|,\s(?!og)", unit[match.end():], maxsplit=1)[0].strip(" .")
        what = " ".join(part for part in (per.group(1) if per else "", rest) if part)
        amount = float(match.group(1).replace(",", "."))
        found.append(Found(Price(amount=amount, year=int(year.group(1)) if year else None,
                                 per=what or "gang"), match.start(), match.end()))
    return found


def addresses(lines: list[str]) -> list[tuple[Address, int, int]]:
    """Return the postal addresses of a block's lines: (address, first line, last line).

    Lines after one ending with ":" — a name, maybe a building, a street and number, a postcode
    and town — or one line "Sundhedshuset, Ny Skolegade 4, 8723 Løsning".
    """
    found = []
    for index, line in enumerate(lines):
        if _POSTCODE.match(line.strip()) and index >= 2 and _STREET.match(lines[index - 1].strip()):
            first = index - 1
            while first > 0 and index - first < 3 and not lines[first - 1].rstrip().endswith(
                    (":", ".")) and len(lines[first - 1]) <= 60 and not lines[
                    first - 1].startswith("- "):
                first -= 1
            if first == index - 1:
                continue
            name, *rest = (line.strip() for line in lines[first:index + 1])
            found.append((Address(name=name, lines=rest), first, index))
        for match in _INLINE_ADDRESS.finditer(line):
            name = match["name"].split(",")[-1].strip()
            found.append((Address(name=name, lines=[match["street"], match["post"]]),
                          index, index))
    return found

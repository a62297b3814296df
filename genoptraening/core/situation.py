"""The facts of a citizen's story that point to a law: hospital stay, plan, new loss, age, ….

Read as :mod:`genoptraening.core.reading` describes (folded, clause by clause, typos corrected,
negation and questions heeded). Every reader accepts any input and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from genoptraening.core.reading import ASKED, IF, NEGATORS, rx, sentences, state_of, words_before
from genoptraening.core.signals import KIN
from genoptraening.core.text import skeleton


@dataclass(frozen=True)
class Situation:
    """What a message says about the citizen's situation; None where it says nothing."""

    hospital_stay: bool | None = None
    has_plan: bool | None = None
    new_loss: bool | None = None
    lasting: bool | None = None
    can_train_alone: bool | None = None
    age: int | None = None
    vederlagsfri: bool | None = None


#: (pattern, what a phrase it finds says)
_Rules = tuple[tuple[re.Pattern[str], bool], ...]
_HOSPITAL: _Rules = (
    (rx(r"indlagt|\w*indlæggelse\w*|udskrevet|udskrivelse\w*",
         r"(?:været|var|være|ligget|lå|ligger|kom\w*|hjem)(?: ikke| aldrig)? (?:på|fra) "
         r"(?:\w*sygehus\w*|"
         r"\w*hospital\w*)"), True),
    (rx(r"ambulant\w*|skadestue\w*"), False))
_PLAN: _Rules = ((rx(
    r"\w*genoptræningsplan\w*",
    r"(?:fik|fået|sendt|modtaget|givet|har|havde|ingen|nogen|en|med)(?: \w+){0,2} "
    r"(?:trænings)?plan(?:en)?(?! om)"), True),)
_NEW_LOSS: _Rules = ((rx(
    r"faldet|faldt|(?<!hvert )(?<!så )fald|styrtet|væltet|lungebetændelse|\w*betændelse",
    r"sengeliggende|(?:ligget|lå|uger|dage) i sengen|\w*operation\w*|opereret|ny hofte|nyt knæ",
    r"brækket|brækkede|\w*brud|blodprop\w*|hjerneblødning|apopleksi|diskusprolaps|hjertestop",
    r"(?:svag|svagere|svækket|dårligere|dårlig) efter|efter (?:en |sin )?sygdom",
    r"(?:været|blevet|var|blev) syg|influenza|covid\w*|corona\w*|infektion\w*"), True),)
_LASTING: _Rules = ((rx(
    r"parkinson\w*|sklerose|sclerose|(?:har|med) ms|kol|demens|dement\w*|alzheimer\w*|\w*gigt",
    r"\w*artrose|senfølger|(?:apopleksi|blodprop) ?følger|følger (?:efter|af)|kronisk\w*",
    r"muskelsvind|(?:har|med) als|cerebral parese|spastisk|hjertesvigt|skrøbelig|polio",
    r"(?P<w>\w+ere) og (?P=w)|mere og mere|(?:med|gennem) (?:årene|alderen)|år for år",
    r"(?:langsomt|gradvist) (?:blevet )?(?:dårligere|svagere)|over (?:lang|længere) tid",
    r"gradvist|alderdomssvækket|svækket over \w+"), True),)
_ALONE = r"(?:selv|alene|på egen hånd)"
# "kan han ikke klare selv" after a fronted word; a clause opening "kan han" is a question.
_CAN = (r"(?:(?<=\w )(?:kan|kunne) (?:han|hun|jeg|vi|de|du)|kan|kunne)(?P<neg> ikke| aldrig)?"
        r"(?: godt| sagtens| fint| rigtig\w*| helt| længere| mere)*")
_EXERCISE = r"(?:træne|klare(?! sig)(?: det| træningen)?|lave øvelserne)"
_TRAIN_ALONE: _Rules = (
    (rx(rf"{_CAN} {_ALONE} {_EXERCISE}"), True),
    (rx(rf"{_CAN} {_EXERCISE}(?: \w+){{0,2}} {_ALONE}"), True),
    (rx(rf"træner(?: \w+)? {_ALONE}"), True),
    (rx(r"(?:går|tager|træner|dyrker|deltager|kommer)(?P<neg> ikke)?(?: \w+){0,3} (?:\w*forening"
         r"\w*|fitness\w*|motionscent\w*|\w*gymnastik|seniortræning|svømning|aftenskole\w*|"
         r"motion|yoga|pilates|holdtræning|styrketræning|svømmehal\w*)"), True),
    (rx(r"(?:brug|behov) for (?:hjælp|støtte|nogen) til (?:at )?(?:træne|træningen)"), False))
_VEDERLAGSFRI: _Rules = ((rx(r"vederlagsfri\w*"), True),)
#: Who may be "er 92" or "på 16" years old.
_PERSONS = frozenset(KIN) | {"jeg", "hun", "han", "du", "kvinde", "dame", "pige", "dreng",
                              "herre", "borger", "person", "patient"}
# Written folded: "82 år", "82-årig", "fylder 80", "er 92", "på 16" (the last two need a person).
_AGE = re.compile(r"\b(?:(\d{1,3}) (?:ar|arig\w*)|(?:fylder|fyldt|fyldte|bliver) (\d{1,3})|"
                  r"(?:er|pa) (\d{1,3})(?! ar))\b(?! (?:gange|kg|km|kilo|kr|kroner|meter|"
                  r"procent|dage|uger|maneder|timer|minutter|\d+)\b)")
_NOT_AGE = frozenset(skeleton(w) for w in (
    "for i efter om sidste siden hver per pr gennem inden de nogle få").split())
_AGE_HEDGES = frozenset(skeleton(w) for w in "ca cirka næsten snart omkring knap over".split())


def read_situation(text: str) -> Situation:
    """Read the eligibility facts a message states (see :class:`Situation`).

    A fact is True when some phrase states it, False when it is only denied ("har ikke været
    indlagt", "ingen genoptræningsplan", "er ikke faldet"), None when not said or only asked
    about. The age is the first one stated ("82 år", "jeg er 17", "min søn på 16"), not a
    duration ("for 3 år siden", "i 10 år").
    """
    clauses = [c for s in sentences(text) for c in s]
    return Situation(
        hospital_stay=_fact(clauses, _HOSPITAL),
        has_plan=_fact(clauses, _PLAN),
        new_loss=_fact(clauses, _NEW_LOSS, IF),
        lasting=_fact(clauses, _LASTING, IF),
        can_train_alone=_fact(clauses, _TRAIN_ALONE),
        age=next(_ages(clauses), None),
        vederlagsfri=_fact(clauses, _VEDERLAGSFRI),
    )


def _fact(clauses: list[str], rules: _Rules, asked: re.Pattern[str] = ASKED) -> bool | None:
    """Return True if a rule's phrase is said, else False if one is denied, else None."""
    found: set[bool] = set()
    for clause in clauses:
        for pattern, polarity in rules:
            for m in pattern.finditer(clause):
                # A negation inside the phrase counts too: "fik ikke nogen plan".
                negated = m.groupdict().get("neg") or NEGATORS.intersection(m.group().split())
                state = "no" if negated else state_of(clause, m.start(), asked=asked)
                if state != "asked":
                    found.add(polarity == (state == "yes"))
    return True if True in found else False if False in found else None


def _ages(clauses: list[str]) -> Iterator[int]:
    for clause in clauses:
        for m in _AGE.finditer(clause):
            before = [w for w in words_before(clause, m.start(), 3) if w not in _AGE_HEDGES]
            if m.group(1):  # "82 år": not a duration ("for 3 år siden", "i 10 år")
                if before and before[-1] in _NOT_AGE or clause[m.end():].startswith(" siden"):
                    continue
            elif m.group(3) and (not before or before[-1] not in _PERSONS):
                continue  # "hun er 92", "min søn på 16", not "klokken er 10"
            age = int(m.group(1) or m.group(2) or m.group(3))
            if 0 < age <= 120:
                yield age

"""Where a place named in a sentence stands: where someone lives, or somewhere else.

"bor i Rebild" is where the citizen lives, the municipality that decides; "Aalborg
Universitetshospital", "udskrevet fra Gentofte", "en klinik inde i Aalborg", "jeg arbejder i
Aalborg" and "træningen i Vejle i stedet" are not. The register
(:mod:`genoptraening.core.register`) asks these of the words around each name it finds, as
skeletons (:func:`genoptraening.core.text.skeleton`).
"""

from __future__ import annotations

import re

from genoptraening.core.relatives import KIN
from genoptraening.core.text import skeleton

#: Words after which a capitalised ambiguous name is taken as a place ("i Vejen", "fra Skive").
PLACE_WORDS = {"i", "fra", "til"}
#: Words that say where someone lives, folded as the message's words are ("boede" → "bode").
_LIVES = frozenset(skeleton(word) for word in (
    "bor", "boede", "boet", "bosat", "bosiddende", "boende", "flytter", "flyttet"))
#: Who else a sentence may be about (folded): "min far bor selv i Tørring" is not the writer.
_THIRD_PERSON = frozenset({"han", "hun", "de", *KIN})
#: "mine børn bor i Aarhus" (own story), "hendes søn bor i Aarhus" (a neighbour's): not theirs.
_POSSESSIVE = frozenset({"min", "mit", "mine", "vores"})
_THEIRS = frozenset({"hendes", "hans", "deres"})
#: Adverbs between a place's noun and "i": "en klinik inde i Aalborg", "ude på sygehuset".
_WHERE_ABOUTS = frozenset({"inde", "ude", "oppe", "nede", "henne", "ovre", "helt"})
#: "jeg arbejder i Aalborg": where the citizen works, not where they live.
_WORKS = re.compile(r"arbejd\w*$")
#: A town named with one of these is a hospital's name, not where the citizen lives
#: ("Aalborg Universitetshospital", "Holbæk Sygehus", "Regionshospitalet Randers").
_HOSPITAL = re.compile(r"\w*(?:sygehus|hospital|hospitalet|sygehuset|afdeling|afdelingen)$")
#: "udskrevet fra Aalborg", "kom hjem fra Gentofte", "indlagt i Odense": a hospital stay.
_LEFT_HOSPITAL = frozenset({"udskrevet", "udskrives", "hjem", "indlagt"})
#: A place just after one of these is where a provider is, not where the citizen lives.
_PROVIDER = re.compile(r"\w*(?:fysioterapeut\w*|klinik\w*|center|centret|centeret|praksis)$")


def named_as_place(words: list[str], start: int) -> bool:
    """Tell whether the capitalised word at ``start`` is named as a place ("i Ry", "ved Ry").

    Also "lige uden for Ry", "nord for Ry": an ambiguous name is a place only so.
    """
    before = [w.lower() for w in words[max(0, start - 2):start]]
    return start > 0 and words[start][:1].isupper() and (
        before[-1] in PLACE_WORDS or before[-1] in ("ved", "udenfor", "nær")
        or (before[-1] == "for" and before[:1] in (["uden"], ["nord"], ["syd"], ["øst"],
                                                   ["vest"], ["lige"])))


def lived_in(keys: list[str], start: int, for_someone: bool = False) -> bool:
    """Tell whether the place at ``start`` is where the one asked about lives.

    "bor i Rebild", "bor selv i Rebild", "er bosat i Rebild": the municipality that decides,
    not where a hospital was ("hjem fra Gentofte"), nor somebody else's home.
    """
    if _not_the_home(keys, start, for_someone):
        return False
    return bool(_LIVES.intersection(keys[max(0, start - 3):start]))


def _not_the_home(keys: list[str], start: int, for_someone: bool) -> bool:
    # Written for somebody: "jeg bor selv i København" (the writer's, for a mother in Galten),
    # "hendes søn bor i Aarhus" (her son's). In the writer's own story: "Mine børn bor i
    # Aarhus", "hans kone bor i Vejle" (somebody else's, the writer in Hirtshals).
    if for_someone:
        return _writers_home(keys, start) or _others_home(keys, start, _THEIRS)
    return _others_home(keys, start, _POSSESSIVE | _THEIRS)


def _others_home(keys: list[str], start: int, owners: frozenset[str]) -> bool:
    # "min datter bor selv i Vejle": an owner's word just before the one who lives there.
    for at in range(max(0, start - 3), start):
        if keys[at] in _LIVES:
            return bool(owners.intersection(keys[max(0, at - 2):at]))
    return False


def _writers_home(keys: list[str], start: int) -> bool:
    # "jeg bor selv i Skanderborg"; "Bor selv i Skanderborg, men min far …" without "jeg",
    # unless someone else is the one who lives so ("min far bor selv i Tørring").
    before = keys[max(0, start - 4):start]
    if before[-3:] == ["bor", "selv", "i"]:
        return not _THIRD_PERSON.intersection(keys[max(0, start - 5):start - 3])
    return "jeg" in before and bool(_LIVES.intersection(before[-3:]))


def elsewhere(keys: list[str], start: int, end: int, for_someone: bool) -> bool:
    """Tell whether the place at ``start:end`` is named as somewhere the citizen does not live.

    A hospital, a provider, a workplace, another person's home, or training "i stedet".
    """
    # "aalborg universitetshospital", "holbaek sygehus", "regionshospitalet randers",
    # "lungeafdelingen i aalborg", "udskrevet fra gentofte"; "min egen fysioterapeut i vejle",
    # "et traeningscenter i horsens"; "jeg arbejder i Aalborg"; where the writer lives when
    # writing for somebody, where somebody else lives in the writer's own story.
    before = keys[start - 2] if start >= 2 else ""
    if before in _WHERE_ABOUTS and start >= 3:
        before = keys[start - 3]  # "en klinik inde i Aalborg"
    if _not_the_home(keys, start, for_someone) or keys[end:end + 2] == ["i", "stedet"] and (
            not _LIVES.intersection(keys[max(0, start - 3):start])):
        return True  # "kan han tage træningen i Vejle i stedet?" (not "boede i …"): training
    if start >= 2 and keys[start - 1] in ("i", "pa") and _WORKS.match(before):
        return True
    return (end < len(keys) and bool(_HOSPITAL.match(keys[end]))) or (
        start > 0 and bool(_HOSPITAL.match(keys[start - 1]))) or (
        start >= 2 and keys[start - 1] in ("i", "pa") and (
            bool(_PROVIDER.match(before)) or bool(_HOSPITAL.match(before)))) or (
        start >= 2 and keys[start - 1] in ("i", "pa", "fra") and _left_hospital(keys, start))


def _left_hospital(keys: list[str], start: int) -> bool:
    # "udskrevet fra Gentofte", "indlagt ti dage på Aalborg": a stay's word a few words
    # before, with nobody living anywhere in between ("indlagt og bor nu i Aalborg" lives).
    for key in reversed(keys[max(0, start - 5):start - 1]):
        if key in _LIVES:
            return False
        if key in _LEFT_HOSPITAL:
            return True
    return False

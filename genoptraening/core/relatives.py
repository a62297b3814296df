"""Relatives a writer speaks about, and whether the person has agreed to them asking.

"Min mor bor i Lejre. Hvad koster det for hende?" is asked for the mother: the answers speak
of her ("hun", "hendes") and the relative is reminded of consent once. The readers accept any
input and never raise; NLU reads them with the other signals (:mod:`genoptraening.core.signals`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from genoptraening.core.questions import colon_lead
from genoptraening.core.reading import MAX_CHARS, VOCAB, raw_sentences, rx, sentences, state_of
from genoptraening.core.text import skeleton

# --- Relatives ------------------------------------------------------------------------------

_KIN_BY_PRONOUN = {
    "hun": "mor kone hustru datter søster lillesøster storesøster svigermor svigerdatter "
           "svigerinde bedstemor farmor mormor oldemor moster faster tante niece kusine stedmor "
           "papmor bonusmor veninde",
    "han": "far mand søn bror lillebror storebror svigerfar svigersøn svoger bedstefar farfar "
           "morfar oldefar onkel nevø fætter stedfar papfar bonusfar",
    "de": "forældre svigerforældre bedsteforældre",
    # Either sex: the pronoun is read from the message, else "de". A neighbour is no kin, but
    # writes for someone else as a relative does ("Jeg er nabo til en ældre herre …").
    "": "samlever kæreste barnebarn oldebarn nabo ven kammerat",
}
_PLURALS = frozenset(_KIN_BY_PRONOUN["de"].split())
_NEUTER = frozenset({"barnebarn", "oldebarn"})  # "dit barnebarn"
#: Every kinship noun recognised (also the NLU lookup table for the ``relative`` entity).
RELATIVE_NOUNS: tuple[str, ...] = tuple(
    n for nouns in _KIN_BY_PRONOUN.values() for n in nouns.split()
)
#: Kinship nouns (folded) → (the noun as written, its pronoun).
KIN = {skeleton(n): (n, p) for p, nouns in _KIN_BY_PRONOUN.items() for n in nouns.split()}
VOCAB.update(KIN)
#: Kinship words also used as names, without "min": "mor er faldet", "mors dag".
_NAMES = frozenset(skeleton(n) for n in (
    "mor far mormor morfar farmor farfar bedstemor bedstefar moster faster").split())
_POSSESSIVES = frozenset({"min", "mit", "mine", "vores", "vor"})
_NAME_VERBS = frozenset(skeleton(v) for v in (
    "er har kan skal bor faldt fik blev var vil må går ligger sidder klarer kommer trænger bruger "
    "mangler synes siger fylder").split())
#: pronoun → (object form, genitive)
_PRONOUNS = {"hun": ("hende", "hendes"), "han": ("ham", "hans"), "de": ("dem", "deres")}


@dataclass(frozen=True)
class Relative:
    """A relative the writer speaks about: "min mor" gives noun "mor", pronoun "hun"."""

    noun: str
    pronoun: str
    object_pronoun: str

    @property
    def plural(self) -> bool:
        """Tell whether the noun is plural ("forældre"; a "kæreste" may be "de" but is one)."""
        return self.noun in _PLURALS

    @property
    def your(self) -> str:
        """Name the relative to the writer: "din mor", "dit barnebarn", "dine forældre"."""
        word = "dine" if self.plural else "dit" if self.noun in _NEUTER else "din"
        return f"{word} {self.noun}"

    @property
    def possessive(self) -> str:
        """Give the pronoun's genitive: "hendes", "hans", "deres"."""
        return _PRONOUNS.get(self.pronoun, ("", f"{self.pronoun}s"))[1]


def find_relative(text: str) -> Relative | None:
    """Find the first relative the writer speaks about, if any.

    A kinship noun counts after "min/mit/mine/vores" (adjectives and ages may come between:
    "min 84-årige mor", "min kære mand"), also in the genitive ("min mors genoptræning").
    Names for parents and grandparents also count without "min" next to a verb ("mor er
    faldet", "kan far få"), after "til/for/hos/med" ("jeg søger for far") or in the genitive
    ("mors dag"). Somebody else's relative ("hendes mand", "naboens søn") and other people
    ("naboen", "en ven", "min læge") do not count, nor a relative who acts for the writer
    ("kan min søn ringe for mig?"). For "samlever" and "kæreste" the pronoun
    is the first "hun/hende" or "han/ham" after the noun, else the neutral "de"/"dem". Of
    several relatives, the first that a pronoun after it speaks of is the one.
    """
    words = " ".join(c for s in sentences(text) for c in s).split()
    found: list[tuple[int, Relative]] = []
    for i, word in enumerate(words):
        base = word if word in KIN else word[:-1] if word[-1:] == "s" else ""
        if base not in KIN or not _spoken_of(words, i, base, genitive=base != word):
            continue
        if _acts_for_the_writer(words[i + 1:i + 11]):
            continue  # "kan min søn ringe for mig": the writer is the one it is about
        if _GONE & set(words[i + 1:i + 3]):
            continue  # "Min kone døde i foråret, … Så fik jeg hjertesvigt": the writer's story
        noun, pronoun = _parent_of_the_writer(words, i, base) or KIN[base]
        if not pronoun:
            pronoun = next((("hun" if w in ("hun", "hende") else "han") for w in words[i + 1:]
                            if w in ("hun", "hende", "han", "ham")), "de")
        found.append((i, Relative(noun, pronoun, _PRONOUNS[pronoun][0])))
    # "Hendes søn her. Min mor bor i Lejre. Hvad koster det for hende?": of several, the one
    # the rest of the message speaks of ("hun", "hende", "hendes"), else the first.
    spoken_of = (r for i, r in found
                 if {r.pronoun, *_PRONOUNS.get(r.pronoun, ())} & set(words[i + 1:]))
    first = next(spoken_of, None)
    if found and all(_hosts_the_writer(words, i) for i, _ in found):
        return None  # "hvis jeg flytter ned til min søn i Juelsminde": where the writer goes
    if first is None and found and (_own_training(words, [i for i, _ in found]) or all(
            words[i - 2:i - 1] == ["med"] for i, _ in found)):
        # "Jeg passer mit barnebarn. Kan min træning ligge om aftenen?"; "jeg bor med min
        # mand, som har demens": the company the writer keeps, not the one asked about.
        return None
    return first or (found[0][1] if found else None) or _next_door(words)


#: "Jeg bor ved siden af en ældre dame …": the one next door, written as "nabo" is.
_NEXT_DOOR = re.compile(r"\bjeg bor (?:lige )?(?:ved siden af|over for|overfor|oven over|"
                        r"under|nedenunder) (?:en|et)\b")


def _next_door(words: list[str]) -> Relative | None:
    found = _NEXT_DOOR.search(" ".join(words))
    if found is None:
        return None
    after = " ".join(words)[found.end():].split()
    sex = next((w in _MALE for w in after if w in _MALE | _FEMALE), None)
    pronoun = "de" if sex is None else "han" if sex else "hun"
    return Relative("nabo", pronoun, _PRONOUNS[pronoun][0])


def _hosts_the_writer(words: list[str], i: int) -> bool:
    # "jeg flytter ned til min søn", "jeg bor hos min datter": the writer moves to or lives
    # with the relative, who is a place here, not the one asked about.
    before = words[max(i - 6, 0):i - 1]
    return words[i - 2:i - 1] in (["til"], ["hos"]) and "jeg" in before and any(
        w.startswith("flyt") or w in ("bor", "bo") for w in before)


_TRAINING = re.compile(r"^(?:genop|vedligeholdende|vedligeholdelses)?tran(?:e|er|ing|ingen)$")


#: The writer's own kinship → the person's, as (male, female): "jeg er datter til …" → far/mor.
_INVERSE = {skeleton(k): v for k, v in {
    "datter": ("far", "mor"), "søn": ("far", "mor"), "barnebarn": ("bedstefar", "bedstemor"),
    "svigerdatter": ("svigerfar", "svigermor"), "svigersøn": ("svigerfar", "svigermor"),
    "nevø": ("onkel", "tante"), "niece": ("onkel", "tante")}.items()}
_MALE, _FEMALE = frozenset({"han", "ham", "mand", "herre", "far"}), frozenset(
    {"hun", "hende", "kvinde", "dame", "mor"})


def _parent_of_the_writer(words: list[str], i: int, base: str) -> tuple[str, str] | None:
    # "Jeg er datter til en mand på 86 … Han …": the writer's father is asked about. The
    # person's sex is the first word after that tells it; none told, the noun stays.
    if base not in _INVERSE or words[i - 1:i] != ["er"] or words[i + 1:i + 2] not in (
            ["til"], ["af"]):
        return None
    sex = next((w in _MALE for w in words[i + 2:] if w in _MALE | _FEMALE), None)
    if sex is None:
        return None
    return KIN[skeleton(_INVERSE[base][0 if sex else 1])]


def _own_training(words: list[str], kin: list[int]) -> bool:
    # "min genoptræning", "kan jeg træne", "hvordan kommer jeg frem og tilbage til træningen":
    # the writer's own; not "kan jeg søge genoptræning til min far?" (a relative just after).
    def own(i: int) -> bool:
        if any(i < at <= i + 3 for at in kin):
            return False
        if words[i - 1:i] == ["min"]:
            return True
        before = words[max(i - 6, 0):i]
        return "jeg" in before and not any(i - len(before) <= at < i for at in kin)
    return any(_TRAINING.match(w) and own(i) for i, w in enumerate(words))


def relative_named(kept: str) -> Relative | None:
    """Return the relative kept between turns ("mor" → hun, hende; "nabo han" → han, ham)."""
    return find_relative(f"min {kept}")


def kept_words(relative: Relative) -> str:
    """Return the words a relative is kept by between turns (see :func:`relative_named`).

    The noun, and the pronoun the message gave when the noun does not tell it: "min nabo
    Erik … han er 87" stays "han" in the next turn too.
    """
    gives_pronoun = bool(KIN.get(skeleton(relative.noun), ("", ""))[1])
    return relative.noun if gives_pronoun else f"{relative.noun} {relative.pronoun}"


#: Word pairs by which a relative acts for the writer rather than being the one asked about.
_FOR_THE_WRITER = frozenset({("for", "mig"), ("mine", "vegne"), ("hjalper", "mig"),
                             ("kore", "mig"), ("kor", "mig"), ("hente", "mig")})


#: A relative who has died ("min kone døde", "min mand er død") is not the one asked about.
_GONE = frozenset({"dode", "dod", "afgaet"})
#: Verbs by which a relative tells the writer something ("min nabo siger, at jeg skal søge").
_TELLS = frozenset({"siger", "sagde", "mener", "synes", "fortalte", "foreslog", "radede",
                    "sagt", "fortalt", "foreslaet"})


def _acts_for_the_writer(after: list[str]) -> bool:
    # "min nabo siger, at jeg selv skal søge": the writer is the one asked about; "min
    # veninde i Næstved siger, at man kan få træning", "min søster siger at kommunen har
    # træning": nobody, the rule is.
    tells = next((at for at, word in enumerate(after[:4]) if word in _TELLS), None)
    if tells is not None and {"jeg", "man", "kommunen"} & set(after[tells + 1:tells + 4]):
        return True
    return any(pair in _FOR_THE_WRITER for pair in zip(after, after[1:], strict=False))


def _spoken_of(words: list[str], i: int, base: str, genitive: bool) -> bool:
    for j in range(i - 1, max(i - 5, -1), -1):
        if words[j] in _POSSESSIVES:
            return True
        # Only adjectives and ages may come between: "min kære gamle mor", "min 84 årige far".
        if not (words[j].isdigit() or words[j].endswith(("e", "ig")) or words[j] == "egen"):
            break
    if words[i - 1:i] == ["er"] and words[i + 1:i + 2] in (["til"], ["af"]):
        return True  # "jeg er nabo til en ældre herre", "jeg er datter til …"
    if base not in _NAMES:
        return False
    after, before = set(words[i + 1:i + 2]), set(words[max(i - 1, 0):i])
    return genitive or bool(after & (_NAME_VERBS | {"og"})) or bool(
        before & (_NAME_VERBS | {"til", "for", "hos", "med"}))


# --- Consent ------------------------------------------------------------------------------

_CONSENT = rx(
    r"(?:sagt|siger|sagde|svaret) (?:ja|ok|okay)\b", r"(?:er|var) (?:ok|okay) med\b",
    r"(?:givet|giver|gav) (?:sit |sin )?(?:ok|okay|accept)\b",
    r"(?:givet|giver|gav|fået|fik|har) (?:mig |os )?(?:lov|tilladelse)",
    r"samtykke\w*|fuldmagt\w*|\w*samtykket", r"indforstået",
    r"(?:bedt|beder|bad) (?:mig|os)", r"vil gerne have,? at (?:jeg|vi)")


def consent_given(text: str) -> bool:
    """Tell whether a relative says the person has agreed ("han har sagt ja til det").

    A negated consent or one in a question ("hun har ikke givet lov", "skal hun give
    samtykke?") does not count: then the reminder is still due.
    """
    if not isinstance(text, str):
        return False
    return any(state_of(clause, m.start(), m.end()) == "yes"
               for statement in (colon_lead(s)[0] or s for s in raw_sentences(text[:MAX_CHARS]))
               if "?" not in statement
               for sentence in sentences(statement) for clause in sentence
               for m in _CONSENT.finditer(clause))

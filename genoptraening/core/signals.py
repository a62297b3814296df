"""Signals in a citizen's message: emergencies, English, relatives and facts.

The readers work on the message as :func:`genoptraening.core.register.skeleton` folds it
(lower case,
æ/ø/å and ae/oe/aa → a/o/a), cut into sentences (at . ! ? ; : and line breaks) and clauses (at
commas and "men"). A word of five letters or more that is not an ordinary Danish word is read as
the nearest word of five letters or more in this module's patterns or kinship nouns, within one
typo (two from nine letters, a swap counting as one): "indlakt" → indlagt, "skelrose" →
sklerose, "svigermoar" → svigermor, while "fandt" stays fandt.

A phrase is *negated* when "ikke", "aldrig", "ingen", "uden" or "hverken" stands before it with
only small words between ("har ikke været indlagt", "uden at være indlagt", "fik ikke nogen
plan"), and *asked about* when a question or a wish stands just before it ("hvad er en
genoptræningsplan", "kan jeg få vederlagsfri"); an asked-about phrase tells nothing.

Every reader accepts any input and never raises: anything but a string reads as an empty
message, and only the first 10,000 characters are read. CPR numbers: ``genoptraening.core.privacy``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

# The lemma table that keeps municipality matching from taking "skrive" for Skive serves the
# same purpose here: an ordinary Danish word is never "corrected".
from genoptraening.core.register import _danish_words, skeleton

_MAX_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?;:\n]+")
_WORD = re.compile(r"[a-z0-9]+")
_NEGATORS = frozenset("ikke ik ikk aldrig ingen intet uden hverken not never".split())
#: Words that may stand between a negation and what it negates.
_FILLERS = frozenset(skeleton(w) for w in (
    "har haft været være er var blev blevet fået fik nogen noget nogle en et at nok endnu heller "
    "slet overhovedet jeg du hun han vi de man sendt modtaget givet selv godt længere mere nu "
    "jo da rigtig ordentligt lige").split())
_ASKED = re.compile(skeleton(
    r"\b(?:hvad|hvordan|hvornår|hvorfor|hvem|hvilk\w*|hvis|om|få|ret til|søg\w*|ansøg\w*)\b"))
#: Conditions are only "asked about" in a hypothesis ("hvis man har parkinson").
_IF = re.compile(r"\b(?:hvis|om|hvad er)\b")
#: The words typos are corrected to; _rx() adds every word of its patterns.
_VOCAB: set[str] = set()


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    return tuple(sorted(_VOCAB))


@lru_cache(maxsize=8192)
def _canon(word: str) -> str:
    """Return the vocabulary word a typo stands for, or the word itself."""
    if len(word) < 5 or not word.isalpha() or word in _VOCAB or word in _danish_words():
        return word
    hit = process.extractOne(word, _vocabulary(), scorer=OSA.distance,
                             score_cutoff=1 if len(word) < 9 else 2)
    return hit[0] if hit else word


@lru_cache(maxsize=256)
def _parse(text: str) -> tuple[tuple[str, ...], ...]:
    """Cut text into sentences of clauses, each clause its folded, corrected words."""
    sentences = []
    for sentence in _SENTENCE_END.split(text):
        clauses: list[str] = []
        for part in sentence.split(","):
            words = " ".join(_canon(w) for w in _WORD.findall(skeleton(part)))
            clauses += [c.strip() for c in re.split(r"\bmen\b", words) if c.strip()]
        if clauses:
            sentences.append(tuple(clauses))
    return tuple(sentences)


def _sentences(text: object) -> tuple[tuple[str, ...], ...]:
    return _parse(text[:_MAX_CHARS]) if isinstance(text, str) else ()


def _rx(*alternatives: str) -> re.Pattern[str]:
    """Compile whole-word alternatives written in plain Danish, folded like the text."""
    # skeleton() lower-cases, so the one upper-case regex construct used here is restored.
    folded = (re.sub(r"\(\?p([<=])", r"(?P\1", skeleton(a)) for a in alternatives)
    source = "|".join(rf"\b(?:{a})\b" for a in folded)
    _VOCAB.update(re.findall(r"(?<![\\?])\b[a-z]{5,}", source))
    return re.compile(source.replace("ikke", "(?:ikke|ikk|ik)"))  # "kan ik rejse sig"


def _words_before(clause: str, start: int, count: int) -> list[str]:
    # Only a window is split, so that a clause with many matches stays linear.
    return clause[max(0, start - 40 * count):start].split()[-count:]


def _state(clause: str, start: int, end: int = -1, asked: re.Pattern[str] = _ASKED) -> str:
    """Tell whether the phrase at clause[start:end] is said ("yes"), negated or asked about.

    With ``end`` given, a negation right after the phrase counts too ("hun bløder ikke").
    """
    before = _words_before(clause, start, 5)
    for word in reversed(before):
        if word in _NEGATORS:
            return "no"
        if word not in _FILLERS:
            break
    if end >= 0 and _NEGATORS.intersection(clause[end:end + 8].split()[:1]):
        return "no"
    return "asked" if asked.search(" ".join(before)) else "yes"


# --- Emergencies ----------------------------------------------------------------------------

_STRONG, _ACUTE, _EVENT = 0, 1, 2
_WHO = r"(?:han|hun|jeg|og|\w*mor|\w*far|mand|manden|kone|hustru|datter|søn|bror|søster|naboen)"
#: (level, counts only with a fall now, pattern)
_SIGNALS: tuple[tuple[int, bool, re.Pattern[str]], ...] = (
    (_STRONG, False, _rx(
        r"ligger(?: \w+){0,2} på (?:\w*gulvet|jorden|trappen|fortovet|isen|vejen)",
        r"ring(?:e|er)? (?:til |efter )?(?:112|(?:en )?ambulance\w*)", r"^112$",
        r"(?:send|sende|tilkald|tilkalde|bestil) (?:en )?ambulance|send help",
        r"akut hjælp|nødsituation|hjælp hjælp|help help|blod (?:overalt|over det hele)",
        r"(?:call|dial) (?:112|911|an ambulance)")),
    (_ACUTE, False, _rx(
        r"bevidstløs|besvimet|besvimer|faldet om|livløs|vågner ikke|siger ingenting|er helt slap",
        rf"{_WHO} (?:svarer|reagerer) ikke(?! (?:på|i telefonen|telefonen|når \w+ ringer)\b)",
        r"bevæger sig ikke(?! (?:nok|meget|ret|så|særlig|mere)\b)|kold og bleg",
        r"trækker ikke vejret|ånder ikke|blå i (?:ansigtet|læberne|hovedet)|kvæles",
        r"kan (?:næsten )?ikke (?:få luft|trække vejret|ånde)|får ikke luft",
        r"svært ved at (?:trække vejret|få luft)|brystsmerter",
        r"(?:ondt|smerter|smerte|trykken|trykkende \w+) i brystet",
        r"kan (?:pludselig )?ikke (?:tale|snakke)(?! (?:med|i|om|til|dansk|engelsk)\b)",
        r"hængende mundvinkel\w*|(?:mundvinkl\w*|munden|ansigtet) hænger|skæv i ansigtet",
        r"snøvler|sløret tale|lammet i (?:den ene side|armen|benet|ansigtet)|bløder",
        r"unconscious|not breathing|(?:can t|cannot) breathe|chest pain|bleeding|passed out",
        r"not responding|fainted|collapsed")),
    (_EVENT, False, _rx(r"blodprop\w*|hjertestop|hjerteanfald|slagtilfælde|stroke|heart attack")),
    (_ACUTE, True, _rx(
        r"kan ikke (?:komme op|rejse sig|rejse mig|stå op|komme på benene|bevæge sig|stå)"
        r"(?! (?:fra|af) (?:stolen|sofaen|toilettet|lænestolen)\b)",
        r"kan ikke få (?:\w+ ){1,2}op|får (?:\w+ ){1,2}ikke op|skriger|kan ikke mærke",
        r"ligger(?! (?:\w+ )?(?:på|i) (?:\w*sygehus\w*|\w*hospital\w*|sengen|plejehjem\w*))",
        r"ser (?:helt )?(?:forkert|mærkelig|skæv) ud|(?:can t|cannot) get up|on the floor")),
    (_EVENT, True, _rx(r"brækket|brækkede|(?:slået|slog) (?:sig|hovedet|hoften|\w+)",
                       r"har (?:\w+ )?ondt|hurt|broke|broken")),
)
_FALL = _rx(r"faldet|faldt|falder|styrtet|styrtede|væltet|væltede|snublet|snublede",
            r"gået omkuld|fallen|fell")
_MONTHS = ("januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
           "|sommer|vinter|foråret|efteråret|julen|påsken|weekenden|fjor|forgårs|går")
#: A time in the past: the sentence tells a story.
_PAST = _rx(
    r"for (?:(?!minut|time|sekund|kvarter|lidt|kort)\w+ ){1,3}siden|(?:år|måneder|uger) siden",
    rf"sidste (?:uge|måned|år|gang|{_MONTHS})|i (?:{_MONTHS})|siden (?:{_MONTHS})",
    r"tidligere|engang|dengang|forleden|i (?:19|20)\d\d|i år|i (?:flere|mange) år",
    r"efter (?:faldet|operationen|indlæggelsen|blodproppen|sin|sit|hans|hendes|min|mit|en|et)",
    r"ago|last (?:year|month|week|winter|summer)|previously")
#: A habit, a fear or a hypothesis: nothing is happening now.
_HABIT = _rx(
    r"hvis|nogle gange|af og til|indimellem|tit|ofte|jævnligt|hver gang|hele tiden|\w+ gange",
    r"i perioder|om (?:natten|morgenen)|er det normalt|kan man|hvad (?:gør|skal) (?:man|jeg)",
    r"bange for|tør ikke|frygter|risiko|forebygge|undgå",
    r"når (?:jeg|man|hun|han|vi|de|du) (?:træner|går|løber|cykler|anstrenger|motionerer|dyrker)",
    r"if|when i|sometimes|often|is it normal")
#: Now, whatever else the sentence says.
_NOW = _rx(r"lige nu|netop nu|lige (?:faldet|faldt|sket|fundet|fået)|faldt lige",
           r"pludselig|akut|i dette øjeblik|tror|just now|right now|suddenly")
#: Hospital or training talk: a stroke or a broken hip is then part of the story.
_STORY = _rx(r"genoptræning\w*|træning\w*|træne\w*|indlagt|indlæggelse\w*|udskrevet|opereret",
             r"\w*sygehus\w*|\w*hospital\w*|operation\w*|fysioterap\w*|vedligeholdende",
             r"rehabilit\w*|training|plan")
_PAST_VERB = re.compile(r"\b(?:havde|haft|var|varet|had|was)\b")


def is_emergency(text: str) -> bool:
    """Tell whether the message describes an emergency happening now (the answer is 112).

    Signals: a call for help ("ring 112", "send en ambulance", "akut hjælp"), someone lying on
    the floor, unconsciousness, breathing trouble, chest pain, stroke signs and bleeding; and a
    fall together with harm (cannot get up, pain, a broken bone, screaming).

    "Now" or a story is decided per sentence: a signal does not count when its sentence places
    it in the past ("for tre uger siden", "i sidste måned", "i januar", "efter operationen") or
    makes it a habit, fear or hypothesis ("hvis", "nogle gange", "to gange", "bange for", "når
    jeg træner") — unless the sentence also says now ("lige nu", "lige faldet", "pludselig",
    "tror", or "hjælp" opening the message). Nor does it count with "var", "havde" or "har
    været/haft" just before it. A fall's harm counts only when the fall itself is now. Events
    named by a noun or participle (blodprop, hjertestop, brækket, slået) are part of the story
    when the message talks of training or a hospital. A call for help or someone lying on the
    floor always counts. Otherwise it errs towards an emergency: a present-tense signal with
    no time marker counts.
    """
    sentences = _sentences(text)
    story = any(_STORY.search(c) for s in sentences for c in s)
    fall_now = harm_now = False
    for n, sentence in enumerate(sentences):
        joined = " ".join(sentence)
        now = bool(_NOW.search(joined)) or n == 0 and joined.startswith(("hjalp", "help"))
        vetoed = not now and bool(_PAST.search(joined) or _HABIT.search(joined))
        for clause in sentence:
            for level, needs_fall, pattern in _SIGNALS:
                for m in pattern.finditer(clause):
                    state = _state(clause, m.start(), m.end())
                    if state == "no":
                        continue
                    if level == _STRONG:
                        return True
                    if vetoed or (level == _EVENT and not now and (story or state == "asked")):
                        continue
                    if not now and _PAST_VERB.search(" ".join(_words_before(clause, m.start(), 3))):
                        continue
                    if not needs_fall:
                        return True
                    harm_now = True
            if not vetoed and any(_state(clause, m.start(), m.end()) != "no"
                                  for m in _FALL.finditer(clause)):
                fall_now = True
    return fall_now and harm_now


# --- English --------------------------------------------------------------------------------

_ENGLISH = frozenset((
    "the a an is are was were am been my your his our their me you she he it we they them how "
    "what where when why who which much many does do did has had can could would should will "
    "not no with from about of in on up out if or and this that there these those get got want "
    "need talk live lives feel very being real some someone anyone help please thank thanks "
    "hello fell fallen mother father wife husband daughter rehabilitation training exercise "
    "physiotherapy cost costs pay apply municipality weak sick long after train home see bye go "
    "come know tell think any included").split())
_DANISH = frozenset((
    "jeg du er og det en et min mit mine din dit kan har til på pa med hvad hvor hvordan hvorfor "
    "hvornår hun han ikke som der af om skal vil mor far tak hej nej ja jo få faa får faar mig "
    "dig ham hende os de den hvis men eller også bor fik fået været være hjælp gerne noget nogen "
    "ved må maa sig sin sit sine meget godt efter når naar fra kommune kommunen træning "
    "traening genoptræning genoptraening").split())


def looks_english(text: str) -> bool:
    """Tell whether the message is written in English rather than Danish.

    Counts English and Danish function words (a word with æ/ø/å counts as Danish); words both
    languages use ("i", "for", "to", "man", "have", "her", "ok", "hi") count for neither.
    English needs two English words and more English than Danish ones, so "hej", "ok, tak"
    and Danish with a loanword or two stay Danish.
    """
    if not isinstance(text, str):
        return False
    words = re.findall(r"[a-zæøåäöü]+", text[:_MAX_CHARS].lower())
    english = sum(w in _ENGLISH for w in words)
    danish = sum(w in _DANISH or any(c in w for c in "æøå") for w in words)
    return english >= 2 and english > danish


# --- Relatives ------------------------------------------------------------------------------

_KIN_BY_PRONOUN = {
    "hun": "mor kone hustru datter søster svigermor svigerdatter bedstemor farmor mormor moster "
           "faster tante",
    "han": "far mand søn bror svigerfar svigersøn bedstefar farfar morfar onkel",
    "de": "forældre svigerforældre bedsteforældre",
    "": "samlever kæreste",  # either sex: the pronoun is read from the message, else "de"
}
_PLURALS = frozenset(_KIN_BY_PRONOUN["de"].split())
#: Every kinship noun recognised (also the NLU lookup table for the ``relative`` entity).
RELATIVE_NOUNS: tuple[str, ...] = tuple(
    n for nouns in _KIN_BY_PRONOUN.values() for n in nouns.split()
)
_KIN = {skeleton(n): (n, p) for p, nouns in _KIN_BY_PRONOUN.items() for n in nouns.split()}
_VOCAB.update(_KIN)
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
        """Name the relative to the writer: "din mor", "dine forældre"."""
        return f"{'dine' if self.plural else 'din'} {self.noun}"

    @property
    def your_genitive(self) -> str:
        """Name the relative in the genitive: "din mors", "dine forældres"."""
        return f"{self.your}s"

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
    ("naboen", "en ven", "min læge") do not count. For "samlever" and "kæreste" the pronoun
    is the first "hun/hende" or "han/ham" after the noun, else the neutral "de"/"dem".
    """
    words = " ".join(c for s in _sentences(text) for c in s).split()
    for i, word in enumerate(words):
        base = word if word in _KIN else word[:-1] if word[-1:] == "s" else ""
        if base not in _KIN or not _spoken_of(words, i, base, genitive=base != word):
            continue
        noun, pronoun = _KIN[base]
        if not pronoun:
            pronoun = next((("hun" if w in ("hun", "hende") else "han") for w in words[i + 1:]
                            if w in ("hun", "hende", "han", "ham")), "de")
        return Relative(noun, pronoun, _PRONOUNS[pronoun][0])
    return None


def _spoken_of(words: list[str], i: int, base: str, genitive: bool) -> bool:
    for j in range(i - 1, max(i - 5, -1), -1):
        if words[j] in _POSSESSIVES:
            return True
        # Only adjectives and ages may come between: "min kære gamle mor", "min 84 årige far".
        if not (words[j].isdigit() or words[j].endswith(("e", "ig")) or words[j] == "egen"):
            break
    if base not in _NAMES:
        return False
    after, before = set(words[i + 1:i + 2]), set(words[max(i - 1, 0):i])
    return genitive or bool(after & (_NAME_VERBS | {"og"})) or bool(
        before & (_NAME_VERBS | {"til", "for", "hos", "med"}))


# --- Facts for eligibility ------------------------------------------------------------------

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
    (_rx(r"indlagt|\w*indlæggelse\w*|udskrevet|udskrivelse\w*",
         r"(?:været|var|være|ligget|lå|ligger|kom\w*|hjem) (?:på|fra) (?:\w*sygehus\w*|"
         r"\w*hospital\w*)"), True),
    (_rx(r"ambulant\w*|skadestue\w*"), False))
_PLAN: _Rules = ((_rx(
    r"\w*genoptræningsplan\w*",
    r"(?:fik|fået|sendt|modtaget|givet|har|havde|ingen|nogen|en|med)(?: \w+){0,2} "
    r"(?:trænings)?plan(?:en)?(?! om)"), True),)
_NEW_LOSS: _Rules = ((_rx(
    r"faldet|faldt|(?<!hvert )(?<!så )fald|styrtet|væltet|lungebetændelse|\w*betændelse",
    r"sengeliggende|(?:ligget|lå|uger|dage) i sengen|\w*operation\w*|opereret|ny hofte|nyt knæ",
    r"brækket|brækkede|\w*brud|blodprop\w*|hjerneblødning|apopleksi|diskusprolaps|hjertestop",
    r"(?:svag|svagere|svækket|dårligere|dårlig) efter|efter (?:en |sin )?sygdom",
    r"(?:været|blevet|var|blev) syg|influenza|covid\w*|corona\w*|infektion\w*"), True),)
_LASTING: _Rules = ((_rx(
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
    (_rx(rf"{_CAN} {_ALONE} {_EXERCISE}"), True),
    (_rx(rf"{_CAN} {_EXERCISE}(?: \w+){{0,2}} {_ALONE}"), True),
    (_rx(rf"træner(?: \w+)? {_ALONE}"), True),
    (_rx(r"(?:går|tager|træner|dyrker|deltager|kommer)(?P<neg> ikke)?(?: \w+){0,3} (?:\w*forening"
         r"\w*|fitness\w*|motionscent\w*|\w*gymnastik|seniortræning|svømning|aftenskole\w*|"
         r"motion|yoga|pilates|holdtræning|styrketræning|svømmehal\w*)"), True),
    (_rx(r"(?:brug|behov) for (?:hjælp|støtte|nogen) til (?:at )?(?:træne|træningen)"), False))
_VEDERLAGSFRI: _Rules = ((_rx(r"vederlagsfri\w*"), True),)
#: Who may be "er 92" or "på 16" years old.
_PERSONS = frozenset(_KIN) | {"jeg", "hun", "han", "du", "kvinde", "dame", "pige", "dreng",
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
    clauses = [c for s in _sentences(text) for c in s]
    return Situation(
        hospital_stay=_fact(clauses, _HOSPITAL),
        has_plan=_fact(clauses, _PLAN),
        new_loss=_fact(clauses, _NEW_LOSS, _IF),
        lasting=_fact(clauses, _LASTING, _IF),
        can_train_alone=_fact(clauses, _TRAIN_ALONE),
        age=next(_ages(clauses), None),
        vederlagsfri=_fact(clauses, _VEDERLAGSFRI),
    )


def _fact(clauses: list[str], rules: _Rules, asked: re.Pattern[str] = _ASKED) -> bool | None:
    """Return True if a rule's phrase is said, else False if one is denied, else None."""
    found: set[bool] = set()
    for clause in clauses:
        for pattern, polarity in rules:
            for m in pattern.finditer(clause):
                # A negation inside the phrase counts too: "fik ikke nogen plan".
                negated = m.groupdict().get("neg") or _NEGATORS.intersection(m.group().split())
                state = "no" if negated else _state(clause, m.start(), asked=asked)
                if state != "asked":
                    found.add(polarity == (state == "yes"))
    return True if True in found else False if False in found else None


def _ages(clauses: list[str]) -> Iterator[int]:
    for clause in clauses:
        for m in _AGE.finditer(clause):
            before = [w for w in _words_before(clause, m.start(), 3) if w not in _AGE_HEDGES]
            if m.group(1):  # "82 år": not a duration ("for 3 år siden", "i 10 år")
                if before and before[-1] in _NOT_AGE or clause[m.end():].startswith(" siden"):
                    continue
            elif m.group(3) and (not before or before[-1] not in _PERSONS):
                continue  # "hun er 92", "min søn på 16", not "klokken er 10"
            age = int(m.group(1) or m.group(2) or m.group(3))
            if 0 < age <= 120:
                yield age

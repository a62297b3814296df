"""Signals in a citizen's message: emergencies, English, relatives and their consent.

Relatives and consent are read in :mod:`genoptraening.core.relatives`.

NLU reads them all once (:func:`read_signals`, in ``genoptraening.rasa_ext.signals``) and the
message carries them as ``signals``; the dialogue reads them from the turn.

How the message is read (folding, clauses, typos, negation): :mod:`genoptraening.core.reading`.
The facts of a story for eligibility: :mod:`genoptraening.core.situation`.

Every reader accepts any input and never raises: anything but a string reads as an empty
message, and only the first 10,000 characters are read. CPR numbers: ``genoptraening.core.privacy``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from genoptraening.core.reading import (
    MAX_CHARS,
    rx,
    sentences,
    state_of,
    words_before,
)
from genoptraening.core.relatives import (
    Relative,
    consent_given,
    find_relative,
    kept_words,
    relative_named,
)

# --- Emergencies ----------------------------------------------------------------------------

_STRONG, _ACUTE, _EVENT = 0, 1, 2
_WHO = r"(?:han|hun|jeg|og|\w*mor|\w*far|mand|manden|kone|hustru|datter|søn|bror|søster|naboen)"
#: (level, counts only with a fall now, pattern)
_SIGNALS: tuple[tuple[int, bool, re.Pattern[str]], ...] = (
    (_STRONG, False, rx(
        r"ligger(?: \w+){0,2} på (?:\w*gulvet|jorden|trappen|fortovet|isen|vejen)",
        r"ring(?:e|er)? (?:til |efter )?(?:112|(?:en )?ambulance\w*)", r"^112$",
        r"(?:send|sende|tilkald|tilkalde|bestil) (?:en )?ambulance|send help",
        r"akut hjælp|nødsituation|hjælp hjælp|help help|blod (?:overalt|over det hele)",
        r"(?:call|dial) (?:112|911|an ambulance)")),
    (_ACUTE, False, rx(
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
        # The stroke signs of face and speech as people write them (FAST).
        r"skæv mund|munden er (?:blevet )?skæv|taler (?:sløret|utydeligt|uforståeligt)",
        r"unconscious|not breathing|(?:can t|cannot) breathe|chest pain|bleeding|passed out",
        r"not responding|fainted|collapsed")),
    (_EVENT, False, rx(r"blodprop\w*|hjertestop|hjerteanfald|slagtilfælde|stroke|heart attack",
                        # FAST's arm: sudden only ("pludselig"), a story's weak arm is not.
                        r"kan (?:pludselig )?ikke (?:løfte|bruge|mærke) (?:den ene |sin |hans |"
                        r"hendes )?(?:arm|armen|hånd|hånden|ben|benet)\b")),
    (_ACUTE, True, rx(
        r"kan ikke (?:komme op|rejse sig|rejse mig|stå op|komme på benene|bevæge sig|stå)"
        r"(?! (?:fra|af) (?:stolen|sofaen|toilettet|lænestolen)\b)",
        r"kan ikke få (?:\w+ ){1,2}op|får (?:\w+ ){1,2}ikke op|skriger|kan ikke mærke",
        r"ligger(?! (?:\w+ )?(?:på|i) (?:\w*sygehus\w*|\w*hospital\w*|sengen|plejehjem\w*))",
        r"ser (?:helt )?(?:forkert|mærkelig|skæv) ud|(?:can t|cannot) get up|on the floor")),
    (_EVENT, True, rx(r"brækket|brækkede|(?:slået|slog) (?:sig|hovedet|hoften|\w+)",
                       r"har (?:\w+ )?ondt|hurt|broke|broken")),
)
_FALL = rx(r"faldet|faldt|falder|styrtet|styrtede|væltet|væltede|snublet|snublede",
            r"gået omkuld|fallen|fell")
_MONTHS = ("januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
           "|sommer|vinter|foråret|efteråret|julen|påsken|weekenden|fjor|forgårs|går")
#: A time in the past: the sentence tells a story.
_PAST = rx(
    r"for (?:(?!minut|time|sekund|kvarter|lidt|kort)\w+ ){1,3}siden|(?:år|måneder|uger) siden",
    rf"sidste (?:uge|måned|år|gang|{_MONTHS})|i (?:{_MONTHS})|siden (?:{_MONTHS})",
    r"tidligere|engang|dengang|forleden|i (?:19|20)\d\d|i år|i (?:flere|mange) år",
    r"efter (?:faldet|operationen|indlæggelsen|blodproppen|sin|sit|hans|hendes|min|mit|en|et)",
    r"ago|last (?:year|month|week|winter|summer)|previously")
#: A habit, a fear or a hypothesis: nothing is happening now.
_HABIT = rx(
    r"hvis|nogle gange|af og til|indimellem|tit|ofte|jævnligt|hver gang|hele tiden|\w+ gange",
    r"i perioder|om (?:natten|morgenen)|er det normalt|kan man|hvad (?:gør|skal) (?:man|jeg)",
    r"bange for|tør ikke|frygter|risiko|forebygge|undgå",
    r"når (?:jeg|man|hun|han|vi|de|du) (?:træner|går|løber|cykler|anstrenger|motionerer|dyrker)",
    r"if|when i|sometimes|often|is it normal")
#: Now, whatever else the sentence says.
_NOW = rx(r"lige nu|netop nu|lige (?:faldet|faldt|sket|fundet|fået)|faldt lige",
           r"pludselig|akut|i dette øjeblik|tror|just now|right now|suddenly")
#: Hospital or training talk: a stroke or a broken hip is then part of the story.
_STORY = rx(r"genoptræning\w*|træning\w*|træne\w*|indlagt|indlæggelse\w*|udskrevet|opereret",
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
    parsed = sentences(text)
    story = any(_STORY.search(c) for s in parsed for c in s)
    fall_now = harm_now = False
    for n, sentence in enumerate(parsed):
        joined = " ".join(sentence)
        now = bool(_NOW.search(joined)) or n == 0 and joined.startswith(("hjalp", "help"))
        vetoed = not now and bool(_PAST.search(joined) or _HABIT.search(joined))
        for clause in sentence:
            for level, needs_fall, pattern in _SIGNALS:
                for m in pattern.finditer(clause):
                    state = state_of(clause, m.start(), m.end())
                    if state == "no":
                        continue
                    if level == _STRONG:
                        return True
                    if vetoed or (level == _EVENT and not now and (story or state == "asked")):
                        continue
                    if not now and _PAST_VERB.search(" ".join(words_before(clause, m.start(), 3))):
                        continue
                    if not needs_fall:
                        return True
                    harm_now = True
            if not vetoed and any(state_of(clause, m.start(), m.end()) != "no"
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
    words = re.findall(r"[a-zæøåäöü]+", text[:MAX_CHARS].lower())
    english = sum(w in _ENGLISH for w in words)
    danish = sum(w in _DANISH or any(c in w for c in "æøå") for w in words)
    return english >= 2 and english > danish


# --- All of them, read once -----------------------------------------------------------------


@dataclass(frozen=True)
class Signals:
    """What a message signals besides its intent and facts, as NLU reads it (``signals``).

    Attributes:
        emergency: It describes an emergency happening now (:func:`is_emergency`).
        english: It is written in English (:func:`looks_english`).
        relative: The relative the writer speaks about (:func:`find_relative`), if any.
        consent: The writer says the relative has agreed (:func:`consent_given`).
        emergency_unsure: The intent classifier heard an emergency the words do not describe;
            NLU acts on its next-best reading (:mod:`genoptraening.core.routing`), and 112 is
            said as a condition.

    """

    emergency: bool = False
    english: bool = False
    relative: Relative | None = None
    consent: bool = False
    emergency_unsure: bool = False

    def as_dict(self) -> dict[str, object]:
        """Return the signals as NLU's output carries them (the relative as it is kept)."""
        return {"emergency": self.emergency, "english": self.english,
                "relative": kept_words(self.relative) if self.relative else None,
                "consent": self.consent, "emergency_unsure": self.emergency_unsure}

    @classmethod
    def from_dict(cls, data: object) -> Signals | None:
        """Rebuild the signals from NLU's output; None when it is not theirs."""
        if not isinstance(data, dict):
            return None
        emergency, english, consent = (data.get(k) for k in ("emergency", "english", "consent"))
        noun, unsure = data.get("relative"), data.get("emergency_unsure", False)
        if not (isinstance(emergency, bool) and isinstance(english, bool)
                and isinstance(consent, bool) and (noun is None or isinstance(noun, str))
                and isinstance(unsure, bool)):
            return None
        return cls(emergency, english, relative_named(noun) if noun else None, consent, unsure)


def read_signals(text: object) -> Signals:
    """Read every signal of a message (anything but a string signals nothing)."""
    if not isinstance(text, str) or not text:
        return Signals()
    return Signals(is_emergency(text), looks_english(text), find_relative(text),
                   consent_given(text))

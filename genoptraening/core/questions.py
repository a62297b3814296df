"""The questions of a message: where one question ends and the next begins.

"Hvordan klager hun, og hvad koster kørsel?" holds two questions. A message is cut into its
sentences; a sentence that ends with "?" or opens with a question word is a question, and inside
one, a further question starts at "og"/"samt"/"plus" before a question word. This is how
questions are marked in writing, not how a story is told: the learned readers decide what each
question asks (:mod:`genoptraening.core.intent_reader`).
"""

from __future__ import annotations

import re

from genoptraening.core.reading import raw_sentences

#: At most this many questions of one message are answered.
MAX_QUESTIONS = 3
#: The words that open a question asking what, how, when, where, why, who or which.
WH_WORD = r"(?:hvad|hvordan|hvorn[aå]r|hvorfor|hvor|hvem|hvilke[nt]?)"
# A verb before its subject asks too: "… og koster det noget".
_QUESTION_WORD = (rf"(?:{WH_WORD}|kan|skal|m[aå]|"
                  r"er der|får|bliver|gælder|hjælper|"
                  # The verb before its subject asks: "…, og træner man alene?"
                  r"(?:koster|tager|varer|betaler|træner|kører|foregår|går|ligger|starter|"
                  r"begynder|slutter|plejer|kommer|hører|ringer|sender|søger|er) "
                  r"(?:det|den|der|jeg|man|vi|hun|han|de|I|træningen|genoptræningen|"
                  r"forløbet|kørslen))")
_OPENS_QUESTION = re.compile(rf"^\s*(?:og |men |så )?{_QUESTION_WORD}\b", re.IGNORECASE)
#: Where a second question starts inside a sentence: ", og hvad koster …", "samt hvornår …".
_JOINED = re.compile(rf",?\s+(?:og|samt|plus)\s+(?={_QUESTION_WORD}\b)", re.IGNORECASE)
#: Questions listed with commas: "Hvad kan I tilbyde mig, hvad koster det, og hvor …?". A
#: question word with its verb straight after asks; "Ved du, hvad det koster?" does not.
_LISTED = re.compile(rf",\s+(?={WH_WORD}\s+(?:kan|skal|m[aå]|er|får|bliver|gælder|koster|"
                     r"tager|varer|betaler|foregår|går|ligger|starter|sker|kommer)\b)",
                     re.IGNORECASE)


#: The last clause of a sentence written without its "?": "min mor bor i Tørring, kan hun
#: få træning". Not after "og"/"men" ("hun faldt, og kan ikke gå" tells), unless a question
#: word follows: "… har parkinson kan han fa traening og hvad koster det".
_TRAILING_QUESTION = re.compile(
    rf"(?:,\s+|\s+og\s+(?={WH_WORD}\b))"
    rf"(?={_QUESTION_WORD}\b)(?!.*,\s)", re.IGNORECASE)


def _is_question(sentence: str) -> bool:
    return (sentence.endswith("?") or bool(_OPENS_QUESTION.search(sentence))
            or bool(_trailing_question(sentence)))


def _trailing_question(sentence: str) -> str:
    """Return the question a sentence without end marks ends with after a comma, or ""."""
    if sentence[-1:] in ".!?":
        return ""
    found = _TRAILING_QUESTION.search(sentence)
    return sentence[found.end():] if found else ""


#: A message that opens with a yes or a no ("nej, kun hos lægen", "ja det var han").
_OPENS_YES_NO = re.compile(r"^\s*(?:(ja|jo|jep|jeps|yes)|(nej|næh|nix|nope))\b(?![-'])",
                           re.IGNORECASE)


def opens_with_yes_or_no(text: str) -> str | None:
    """Return "affirm" or "deny" for a message that opens with a yes or a no, else None."""
    found = _OPENS_YES_NO.match(text)
    if found is None:
        return None
    return "affirm" if found.group(1) else "deny"


def holds_question(text: str) -> bool:
    """Tell whether a message holds a question.

    A "?", a sentence opening with a question word, or questions told: "jeg skal spørge, om …
    og om …".
    """
    return any(_is_question(s) or _asked_indirectly(s) for s in raw_sentences(text))


def told_and_asked(text: str) -> bool:
    """Tell whether a message tells something (a sentence not a question) and asks too."""
    sentences = raw_sentences(text)
    asked = sum(_is_question(s) for s in sentences)
    return 0 < asked < len(sentences)


def told_beside_a_question(text: str) -> list[str]:
    """Return the sentences that tell ("Han har ingen bil.") of a message that also asks.

    A message that asks nothing gives none: a statement alone is what it asks.
    """
    sentences = raw_sentences(text)
    told = [s for s in sentences if not _is_question(s)]
    return told if len(told) < len(sentences) else []


def colon_lead(sentence: str) -> tuple[str, str]:
    """Split a question a told clause leads in with a colon: (the lead, the question).

    "Hun har bedt mig om at spørge: skal vi selv søge?" tells "Hun har bedt mig om at
    spørge" and asks "skal vi selv søge?"; so does a comma before the last clause of a sentence
    written without end marks ("hun har sagt ja, kan jeg ringe for hende"). Any other sentence
    is ("", the sentence).
    """
    lead, colon, asked = sentence.rpartition(": ")
    if colon and lead and _is_question(asked) and len(asked.split()) >= 3:
        return lead, asked
    if not _OPENS_QUESTION.search(sentence) and (asked := _trailing_question(sentence)):
        # Written without its "?": "min mor bor i Tørring, kan hun få træning og hvor".
        lead = re.sub(r"(?:\s+og)?[\s,]*$", "", sentence[:len(sentence) - len(asked)])
        return lead, asked
    return "", sentence


def split_questions(text: str, always: bool = False) -> list[str]:
    """Return the questions of a message, in order.

    A message with fewer than two is one question, the whole message, unless ``always``:
    then its one question alone (a story's "Hvordan søger vi?").
    """
    parts: list[str] = []
    told = ""
    for sentence in raw_sentences(text):
        if not _is_question(sentence):
            told = sentence
            parts += _asked_indirectly(sentence)
            continue
        sentence = colon_lead(sentence)[1]
        if told and _POINTS_BACK.match(sentence):
            # "Hun vil helst træne i Støvring. Kan det lade sig gøre?" asks about what it
            # points back to: the question is read with it.
            sentence = f"{told} {sentence}"
        asked = [p.strip(" ,") for part in _JOINED.split(sentence)
                 for p in (_LISTED.split(part) if _OPENS_QUESTION.match(part) else [part])
                 if p.strip(" ,")]
        if told and asked and _WHAT_NOW.match(asked[0]):
            # "Der er gået ti dage, og jeg har ikke hørt noget. Hvad gør jeg nu, og …?": what
            # to do about what was just told.
            asked[0] = f"{told} {asked[0]}"
        told = ""
        parts += [q for part in asked for q in _also_when(part)]
    return parts[:MAX_QUESTIONS] if len(parts) > 1 or (always and parts) else [text]


#: Two questions told, not asked: "min søn siger, jeg skal spørge jer, om jeg kan få træning
#: igen, og om det koster noget". Only where a second "og om" follows: one such clause is the
#: message's own question anyway.
_INDIRECT = re.compile(r"\b(?:spørge|spørger|spurgt|vide|høre)\b(?:\s+\w+)?,?\s+(om\s.*)",
                       re.IGNORECASE)
_AND_WHETHER = re.compile(r",?\s+og\s+(?=om\s)", re.IGNORECASE)


def _asked_indirectly(sentence: str) -> list[str]:
    found = _INDIRECT.search(sentence)
    asked = _AND_WHETHER.split(found.group(1)) if found else []
    return [part.strip(" ,") for part in asked] if len(asked) > 1 else []


#: A question widened by "også hvis …": "hvad koster det så, også hvis hun skal køres?".
_ALSO_WHEN = re.compile(r",\s+også\s+(?:hvis|når|med|for|selvom)\b", re.IGNORECASE)


def _also_when(question: str) -> list[str]:
    """Return a question widened by "også hvis …" as two: the question, and it widened.

    "Hvad koster det så, også hvis hun skal køres derhen?" asks the price, and the price
    with the ride: both are answered.
    """
    found = _ALSO_WHEN.search(question)
    return [question[:found.start()], question] if found else [question]


#: A short question that says nothing but points back: "Kan det lade sig gøre?", "Er det
#: muligt?", "Må hun det?", "Går det an?".
_POINTS_BACK = re.compile(
    r"^(?:og |men |så )?(?:kan|må|er|går|gælder|vil) (?:det|hun|han|jeg|vi|man|de)"
    r"(?: (?:det|også|godt|virkelig))? ?(?:lade sig gøre|muligt|det|an|i orden|ok|okay|tilladt)"
    r"?\s*\?$", re.IGNORECASE)


#: A question that asks what to do about what was just told, or what follows from it: "Hvad
#: gør jeg nu?", "Hvad skal vi så gøre?", "Hvad nu?", "Hvad sker der, hvis det sker igen?",
#: "Min søn siger, jeg skal klage. Hvordan gør jeg det?".
_WHAT_NOW = re.compile(
    r"^(?:og |men |så )?(?:hvad (?:nu|så|(?:gør|skal|kan) (?:jeg|vi|hun|han|man)"
    r"(?: (?:så|nu|gøre|egentlig))*"
    r"|sker der(?: så| nu)?(?:,? hvis det (?:sker|gentager sig)(?: igen)?)?)"
    r"|hvordan (?:gør|griber) (?:jeg|vi|hun|han|man)(?: så| nu)? det(?: an)?)\s*\??$",
    re.IGNORECASE)


# --- The law a question names ---------------------------------------------------------------

_LAW_WORDS = (
    # "… så han ikke bliver dårligere", "for at holde sig i gang": what maintenance is for.
    (re.compile(r"vedligehold|stk\.? ?2\b|holde (?:sig|mig|ham|hende|dem|os) i gang|"
                r"ikke bliver? (?:dårligere|værre)", re.IGNORECASE), "sel_86_2"),
    (re.compile(r"stk\.? ?1\b|genoptr\w* uden (?:en |forudg[åa]ende )?(?:sygehus)?"
                r"indl[æa]e?ggelse", re.IGNORECASE), "sel_86_1"),
    (re.compile(r"§ ?140|sundhedslov|efter (en |min |hans |hendes )?indl[æa]e?ggelse|"
                r"genoptr[æa]e?ningsplan|udskrevet|udskrivelse|hjem fra (?:sygehus|hospital)",
                re.IGNORECASE), "sul_140"),
)
#: A question that sets the laws side by side: "forskellen på …", "genoptræning eller
#: vedligeholdende træning?".
#: "forskellen på basal og avanceret genoptræning" compares two kinds under one law.
_COMPARES_LAWS = re.compile(r"forskel(?!\w*\s+(?:p(?:å|aa|a)\s+|mellem\s+)?(?:basal|avancer))|"
                            r"genoptr\w* (?:og|eller) vedligehold|"
                            r"vedligehold\w*(?: tr[æa]e?ning)? (?:og|eller) genoptr",
                            re.IGNORECASE)


def compares_laws(text: str) -> bool:
    """Tell whether a question sets the laws side by side ("forskellen på …")."""
    return bool(_COMPARES_LAWS.search(text))


#: "og vedligeholdende træning?" after an answer: the same topic under that law. Longer, a
#: question asks about the law itself.
LAW_FOLLOW_UP_WORDS = 6


def law_follow_up(text: str) -> str | None:
    """Return the law a short follow-up asks the last answer under ("og stk. 2?"), if any."""
    return mentioned_law(text) if len(text.split()) <= LAW_FOLLOW_UP_WORDS else None


def mentioned_law(text: str) -> str | None:
    """Return the one law a question names ("vedligeholdende træning", "§ 140"), if any.

    A question that compares them ("forskellen på genoptræning og vedligeholdende træning")
    names none: it asks about both.
    """
    if compares_laws(text):
        return None
    return next((law for pattern, law in _LAW_WORDS if pattern.search(text)), None)

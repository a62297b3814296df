"""The date a citizen mentions in a message, and the event it is the date of.

``find_date`` reads "jeg søgte den 3. november", "3/11", "d. 3.11.2026", "i mandags" or "for to
uger siden"; ``find_event`` tells what happened that day (an application, a grant, a decision
received ...), so that ``deadlines.due_date`` can count from the right event.

- Text is folded like municipality names (``text.skeleton``: æ/ø/å and ae/oe/aa alike), so
  "i forgaars", "lordag" and "afgorelsen" are understood. Only the first 2,000 characters count.
- A date without a year that would lie after ``today`` is last year's: citizens ask about
  applications already sent. A date with a year is taken as it is, even in the future.
- Vague expressions give None rather than a guess a deadline would then rest on: "i sidste uge",
  "sidste måned", "i weekenden", "forleden", "for nylig", "for et par dage siden", "for to
  måneder siden". Future ones ("på mandag", "i morgen") are no date of a past event: ignored.
- "mandag", "i mandags" and "sidste mandag" all mean the latest Monday *before* today (1-7 days
  back): on a Monday "i mandags" is a week ago, and today is "i dag".
- When a message holds several, the most precise kind wins: a calendar date, then "for N dage/uger
  siden", then a vague expression (→ None), then "i går"/"i forgårs", then a weekday, then "i dag"
  (which often means "now": "i dag er det tre uger siden, jeg søgte"). Of one kind, the first.
  An impossible date ("31/2") gives None; it does not fall through to a later one.
- Numbers that are no dates are masked first: CPR and phone numbers, clock times ("kl. 8.30",
  "12.30-14.00"), ages ("82 år"), durations ("i 3 uger", "2 gange"), amounts and law references
  ("§ 86 stk. 1"); birthdays ("født 3/11-1950") are skipped. "8-9" is usually a time, so
  day-month with a hyphen and no year counts only after "den"/"d."/a weekday; "3/11" and "3.11"
  count anywhere (so a bare "10.10" is a date).
  Digits without separators ("031126") are never a date: they are CPR and phone numbers.
- Month names may be abbreviated ("3 nov", "sept") or misspelt by one letter, two in names of 7+
  letters ("novemer"), when the word is no ordinary Danish word.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from babel.dates import get_day_names, get_month_names
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from genoptraening.core.lexicon import danish_words
from genoptraening.core.text import skeleton

EVENTS = ("application", "grant", "decision_received", "plan_received", "complaint_received",
          "visitation", "referral")
DEFAULT_EVENT = "application"

_MAX_CHARS = 2000
_MAX_DAYS_AGO = 3660  # "for 400 uger siden" is no application still waiting for an answer
_LETTERS = re.compile(r"[^\W\d_]+")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_ANY_DAY = dt.date(2000, 12, 31)  # find_event needs where a date is, not which: a leap year


def _fold(text: str) -> str:
    """Lower-case ``text``, blank control characters and fold each word with ``skeleton``."""
    text = unicodedata.normalize("NFKC", text[:_MAX_CHARS]).translate(_DASHES)
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return _LETTERS.sub(lambda m: skeleton(m.group()), text.lower())


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in plain Danish, its words folded as ``_fold`` folds text."""
    return re.compile(re.sub(r"(?<!\\)[a-zæøå]+", lambda m: skeleton(m.group()), pattern))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # longest first: "tyvende" before "tyve"


# The names come from CLDR (Babel), as do the names deadlines.format_date writes; the
# abbreviations are what citizens write ("3 nov", "sept"), which is no formatting convention.
_MONTH_NAMES = tuple(
    skeleton(name) for _, name in sorted(get_month_names("wide", locale="da").items()))
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                "sept": 9, "okt": 10, "nov": 11, "dec": 12})
#: Weekday names → Python's weekday numbers (Monday 0), as Babel numbers them too.
_WEEKDAYS = {
    skeleton(name): number for number, name in sorted(get_day_names("wide", locale="da").items())}
_NUMBERS = {skeleton(word): number for number, word in enumerate(
    ("nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv",
     "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tyve"))}
_NUMBERS.update({"et": 1, "een": 1})
#: Danish number words, folded (``skeleton``), to their numbers: "fire" → 4, "en"/"et" → 1.
NUMBER_WORDS: dict[str, int] = _NUMBERS
_ORDINALS = {skeleton(word): number for number, word in enumerate(
    ("første", "anden", "tredje", "fjerde", "femte", "sjette", "syvende", "ottende", "niende",
     "tiende", "ellevte", "tolvte", "trettende", "fjortende", "femtende", "sekstende", "syttende",
     "attende", "nittende", "tyvende"), 1)}
_ORDINALS.update({f"{unit}ogtyvende": 21 + i for i, unit in enumerate(
    ("en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"))})
_ORDINALS.update({"tredivte": 30, "tredevte": 30, "enogtredivte": 31, "enogtredevte": 31})
# "en og tyvende" is written apart too
_ORDINAL_RE = _alternation(
    w.replace("og", r"\s*og\s*", 1) if n > 20 and n != 30 else w for w, n in _ORDINALS.items())
_WEEKDAY_RE = _alternation(_WEEKDAYS)
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)[0-9]{2})(?![0-9]))?"

_NOT_DATES = _compile("|".join((
    r"(?<![0-9])[0-9]{6}[ -]?[0-9]{4}(?![0-9])",  # CPR ddmmyy-xxxx, also +45 and ten digits
    r"(?<![0-9])(?:\+45\s?)?[0-9]{2}(?:\s?[0-9]{2}){3}(?![0-9])",  # phone 92 43 43 48
    r"(?<![0-9])[0-9]{4}\s[0-9]{4}(?![0-9])",  # phone 9243 4348
    r"\b(?:kl|klokken)\.?\s*[0-9]{1,2}(?:[.:][0-9]{2})?"
    r"(?:\s*(?:-|til)\s*[0-9]{1,2}(?:[.:][0-9]{2})?)?",
    r"(?<![0-9])[0-9]{1,2}[.:][0-9]{2}\s*(?:-|til)\s*[0-9]{1,2}(?:[.:][0-9]{2})?(?![0-9])",
    r"(?<![0-9])[0-9]{1,2}(?::[0-9]{2}|[.:][0-9]{2}\s*-?\s*tiden)(?![0-9])",
    r"§+\s*[0-9]+(?:\s?[a-z]\b)?(?:\s*,?\s*(?:stk|nr|pkt|litra)\.?\s*[0-9]+)*",
    r"\b(?:stk|nr|pkt|paragraf|kapitel|kap)\.?\s*[0-9]+",
    r"(?<![0-9./-])[0-9]{1,3}\s*-?\s*(?:år|årig\w*|års\w*)\b",  # ages, and "i 3 år"
    r"\b(?:i|om|hver|på|pr|per)\s+[0-9]+\s+(?:dage?|døgn|uger?|måned\w*|timer?|minutter)\b",
    r"(?<![0-9./-])[0-9]+\s*(?:x|gange?)\b",
    r"(?<![0-9./-])[0-9]+(?:[.,][0-9]+)?\s*(?:kr|km|kg|cm|mm|mg|ml|%|procent|timer?)\b",
)))
_NUMERIC = re.compile(
    r"(?<![0-9,/:-])(?<![0-9]\.)(?P<day>[0-9]{1,2})(?P<sep>[./-])(?P<month>[0-9]{1,2})"
    r"(?:[./-](?P<year>[0-9]{4}|[0-9]{2})|\s(?P<year4>(?:19|20)[0-9]{2}))?"
    r"(?![0-9]|[.,/:-][0-9])"
)
_DAY_MONTH = re.compile(
    r"(?<![0-9])(?P<day>[0-9]{1,2})(?:\.|(?:ste|den|dje|die|ende|de|te)(?=[\s.]))?\s*"
    r"(?P<month>[a-z]{3,10})\b\.?" + _YEAR
)
_ORDINAL_MONTH = re.compile(rf"\b(?P<ord>{_ORDINAL_RE})\s+(?P<month>[a-z]{{3,10}})\b\.?" + _YEAR)
_DATE_WORD_BEFORE = _compile(rf"\b(?:den|d|dato|datoen|{_WEEKDAY_RE})\.?\s*$")
_BORN_BEFORE = _compile(r"\bfødt\s+(?:den\s+|d\.\s*)?$")  # a birthday is no event date
_FRACTION_AFTER = _compile(r"\s*(?:af|dele?|times?|timer)\b")
_AGO = _compile(
    r"\b(?:for\s+)?(?:(?:ca\.?|cirka|omkring|godt|knap|snart|næsten|mindst|over)\s+)?"
    rf"(?P<n>[0-9]{{1,6}}|et\s+par|par|nogle|få|flere|mange|{_alternation(_NUMBERS)})\s+"
    r"(?P<unit>dage?|døgn|uger?s?(?:\s+tid)?|måned\w*|år)\s+siden\b"
)
_VAGUE = _compile(
    r"\b(?:i\s+)?(?:sidste|forrige)\s+(?:uge|måned|weekend|år)\b|\bi\s+weekenden\b"
    r"|\bforleden\b|\bfor\s+nylig\b|\bi\s+(?:sommers|vinters)\b"
    r"|\bfor\s+(?:længe|lang\s+tid|noget?\s+tid|et\s+stykke\s+tid)\s+siden\b"
)
_YESTERDAY = _compile(r"\b(?P<two>(?:i\s*)?forgårs)\b|\bi\s*går\b|\bi\s+aftes\b")
_TODAY = _compile(r"\bi\s*dag\b|\bi\s+(?:morges|formiddags|eftermiddags)\b")
_UNTIL_BEFORE = _compile(r"til\s*$")  # "til i dag", "indtil i dag"
_WEEKDAY = re.compile(
    rf"\bi\s+(?P<since>{_WEEKDAY_RE})s\b|\b(?:sidste|forrige)\s+(?P<last>{_WEEKDAY_RE})\b"
    rf"|\b(?P<bare>{_WEEKDAY_RE})\b"
)
# A bare weekday after these is a future or a habit ("på mandag", "hver mandag", "fra mandag")
_NOT_PAST_BEFORE = {skeleton(w) for w in (
    "på", "næste", "hver", "om", "til", "fra", "inden", "senest", "kommende", "førstkommende",
    "alle", "hele")}
_PREVIOUS_WORD = re.compile(r"([a-z]+)[^a-z0-9]*$")
_RANGE_AFTER = re.compile(r"\s*(?:-|til\b)")

# Kinds of mention, most precise first: the rank decides between mentions.
_CALENDAR, _AGO_RANK, _VAGUE_RANK, _YESTERDAY_RANK, _WEEKDAY_RANK, _TODAY_RANK = range(6)


@dataclass(frozen=True)
class _Mention:
    rank: int
    start: int
    end: int
    date: dt.date | None  # None: vague or impossible


def _days_before(today: dt.date, days: int) -> dt.date | None:
    try:
        return today - dt.timedelta(days=days)
    except OverflowError:
        return None


def _resolve(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    """Return the date, in the latest year not after ``today`` when no year is given."""
    years = (year,) if year is not None else (today.year, today.year - 1)
    for candidate in years:
        try:
            date = dt.date(candidate, month, day)
        except ValueError:
            continue
        if year is not None or date <= today:
            return date
    return None


def _month(word: str) -> int | None:
    """Return the month ``word`` names, allowing abbreviations and small misspellings."""
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) < 4 or word in danish_words():
        return None
    limit = 1 if len(word) <= 6 else 2
    close = process.extract(word, _MONTH_NAMES, scorer=Levenshtein.distance,
                            score_cutoff=limit, limit=2)
    if not close or (len(close) == 2 and close[0][1] == close[1][1]):
        return None  # "jumi": juni or juli?
    return _MONTHS[close[0][0]]


def _calendar(masked: str, today: dt.date) -> Iterator[_Mention]:
    for m in _NUMERIC.finditer(masked):
        if _BORN_BEFORE.search(masked, max(0, m.start() - 12), m.start()):
            continue
        day, month = int(m["day"]), int(m["month"])
        year_text = m["year"] or m["year4"]
        if year_text is None:
            before, after = masked[max(0, m.start() - 12):m.start()], masked[m.end():]
            if m["sep"] == "-" and not _DATE_WORD_BEFORE.search(before):
                continue  # "8-9" is a time or a count
            if m["sep"] == "/" and _FRACTION_AFTER.match(after):
                continue  # "1/2 time", "3/4 af udgifterne"
            following = re.match(r"\s*([a-z]+)", after)
            if following and _month(following[1]):
                continue  # "den 8-9 november": the month-name reading comes next
        if 1 <= day <= 31 and 1 <= month <= 12:
            year = None if year_text is None else int(year_text)
            if year is not None and year < 100:
                year += 2000
            yield _Mention(_CALENDAR, m.start(), m.end(), _resolve(day, month, year, today))
    for m in _DAY_MONTH.finditer(masked):
        yield from _named_month(m, int(m["day"]), today)
    for m in _ORDINAL_MONTH.finditer(masked):
        yield from _named_month(m, _ORDINALS[re.sub(r"\s+", "", m["ord"])], today)


def _named_month(m: re.Match[str], day: int, today: dt.date) -> Iterator[_Mention]:
    month = _month(m["month"])
    born = _BORN_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    if month is not None and 1 <= day <= 31 and not born:
        date = _resolve(day, month, int(m["year"]) if m["year"] else None, today)
        yield _Mention(_CALENDAR, m.start(), m.end(), date)


def _relative(folded: str, today: dt.date) -> Iterator[_Mention]:
    for m in _AGO.finditer(folded):
        n, unit = m["n"], m["unit"]
        count = int(n) if n.isdigit() else _NUMBERS.get(n)
        date = None
        if count is not None and not unit.startswith(("man", "ar")):
            days = count * 7 if unit.startswith("uge") else count
            date = _days_before(today, days) if days <= _MAX_DAYS_AGO else None
        yield _Mention(_AGO_RANK, m.start(), m.end(), date)
    for m in _VAGUE.finditer(folded):
        yield _Mention(_VAGUE_RANK, m.start(), m.end(), None)
    for m in _YESTERDAY.finditer(folded):
        date = _days_before(today, 2 if m["two"] else 1)
        yield _Mention(_YESTERDAY_RANK, m.start(), m.end(), date)
    for m in _TODAY.finditer(folded):
        if not _UNTIL_BEFORE.search(folded[max(0, m.start() - 8):m.start()]):
            yield _Mention(_TODAY_RANK, m.start(), m.end(), today)
    for m in _WEEKDAY.finditer(folded):
        if m["bare"]:
            before = folded[max(0, m.start() - 20):m.start()]
            previous = _PREVIOUS_WORD.search(before)
            if (previous and previous[1] in _NOT_PAST_BEFORE) or before.rstrip().endswith("-"):
                continue
            if _RANGE_AFTER.match(folded, m.end()):
                continue  # "mandag-fredag", "mandag til torsdag"
        weekday = _WEEKDAYS[m["since"] or m["last"] or m["bare"]]
        back = (today.weekday() - weekday) % 7 or 7
        yield _Mention(_WEEKDAY_RANK, m.start(), m.end(), _days_before(today, back))


def _best_mention(folded: str, today: dt.date) -> _Mention | None:
    masked = _NOT_DATES.sub(lambda m: "#" * len(m.group()), folded)
    mentions = [*_calendar(masked, today), *_relative(folded, today)]
    return min(mentions, key=lambda m: (m.rank, m.start), default=None)


def find_date(text: str, today: dt.date) -> dt.date | None:
    """Return the date a citizen's message mentions, or None (see the module docstring).

    Args:
        text: The message, any string.
        today: The day the message was written; relative dates count from it.

    Returns:
        The date, or None when there is none, it is vague ("i sidste uge") or impossible ("31/2").

    """
    if not isinstance(text, str):
        return None
    if isinstance(today, dt.datetime):
        today = today.date()  # a datetime does not compare with a date
    mention = _best_mention(_fold(text), today)
    return mention.date if mention else None


# What happened on the date. Patterns are plain Danish, folded by _compile; a "strong" cue is a
# verb or phrase, a weak one a bare noun ("min ansøgning"), used only when no strong cue is there.
_OBJ = r"(?:\w+\s+){0,3}?"  # up to three words between verb and object: "fik et brev med afslag"
_RECEIVED = r"\b(?:fik|fået|modtog|modtaget)\s+" + _OBJ
_SENT = r"\b(?:ind|af)?sendte\s+" + _OBJ
_CUES = tuple((event, strong, _compile(pattern)) for event, strong, pattern in (
    ("plan_received", True, r"\bgenoptrænings?\s*plan\w*|\bg?gop\b|\budskr[ei]v\w*"
                            r"|\bkom\s+hjem\s+fra\s+(?:sygehus|hospital)\w*"),
    ("complaint_received", True, r"\bklagede\b|\bklaget\b|\bankede\b|" + _SENT + r"klage\w*"
                                 r"|\bklage\w*\s+(?:blev\s+)?(?:sendt|indsendt|afsendt)\b"),
    ("referral", True, r"\bhenvis\w*|\bhenvist\b"),
    ("visitation", True, r"\bvisitation\w*|\bbooking\s*samtale\w*|\bforundersøgelse\w*"
                         r"|\b(?:første|indledende)\s+(?:undersøgelse|samtale|møde|konsultation)"),
    ("grant", True, r"(?<!ikke\s)\b(?:bevilg\w*|bevillig\w*|godkend\w*|visiteret)"
                    r"|" + _RECEIVED + r"bevilling\w*|\bfik\s+ja\b"),
    ("decision_received", True, _RECEIVED + r"(?:afgørelse|svar|afslag|brev|besked|afvisning)\w*"
                                r"|\b(?:afgørelse|svar|afslag|brev)\w*\s+(?:\w+\s+){0,2}?"
                                r"(?:kom|ankom|blev\s+sendt)\b"
                                r"|\bikke\s+(?:bevilget|godkendt)|\bafvist\b|\bfik\s+nej\b"),
    ("application", True, r"\b(?:an)?søgte?\b|\bhenvendte?\b|\b(?:ind|af)?sendte\b"
                          r"(?!\s+" + _OBJ + r"(?:klage|henvis|genoptrænings?\s*plan|plan)\w*)"
                          r"|\bringede\b|\bringet\b|\bkontaktede?\b|\bkontaktet\b|\bmailede\b"
                          r"|\bskrev\s+(?:til|en\s+mail|mail)|\banmodede\b|\budfyldte\b"
                          r"|\bbad\s+om\b|" + _SENT + r"(?:ansøgning|skema)\w*"
                          r"|\bansøgning\w*\s+(?:blev\s+)?(?:sendt|indsendt|afsendt)\b"),
    ("application", False, r"\bansøgning\w*|\bskema\w*"),
    ("grant", False, r"\bbevilling\w*"),
    ("decision_received", False, r"\bafgørelse\w*|\bafslag\w*"),
    ("complaint_received", False, r"\bklage\w*"),
    ("plan_received", False, r"\bplan(?:en)?\b"),
))
# The cue words a misspelling is corrected to ("sogde" → "søgte", "henvising" → "henvisning").
_CUE_WORDS = tuple(skeleton(word) for word in (
    "søgte", "ansøgte", "ansøgning", "ansøgningen", "ansøgningsskemaet", "skemaet", "henvendte",
    "ringede", "kontaktede", "sendte", "indsendte", "bevilget", "bevilling", "bevillingen",
    "bevilgede", "visiteret", "godkendt", "godkendte", "afgørelse", "afgørelsen", "afslag",
    "afslaget", "brevet", "besked", "genoptræningsplan", "genoptræningsplanen", "udskrevet",
    "udskrivelse", "klagede", "klaget", "klagen", "visitation", "visitationen",
    "visitationssamtale", "bookingsamtale", "bookingsamtalen", "undersøgelse", "undersøgelsen",
    "forundersøgelse", "henvisning", "henvisningen", "henviste", "modtog", "modtaget",
))
_CUE_WORD_SET = frozenset(_CUE_WORDS)
_CLAUSE_BREAK = _compile(r"[,;!?]|\.\s+(?=[^\W\d_]{2})|\b(?:og|men|eller)\b")


def _correct(folded: str) -> str:
    """Replace misspelt cue words by the cue word; ordinary Danish words are left alone."""

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < 5 or word in _CUE_WORD_SET or word in danish_words():
            return word
        limit = 1 if len(word) <= 7 else 2
        best = process.extractOne(word, _CUE_WORDS, scorer=Levenshtein.distance,
                                  score_cutoff=limit)
        return str(best[0]) if best else word

    return _LETTERS.sub(fix, folded)


def find_event(text: str) -> str:
    """Return the event the date in a citizen's message is the date of.

    One of ``EVENTS``; "application" when nothing says otherwise. The cue nearest the date wins
    ("jeg fik afslag i går, men jeg søgte den 3. november" → the application), verbs
    before bare nouns; without a date, the first cue.
    """
    if not isinstance(text, str):
        return DEFAULT_EVENT
    folded = _correct(_fold(text))
    mention = _best_mention(folded, _ANY_DAY)
    for strong in (True, False):
        hits = [(event, m.start(), m.end()) for event, is_strong, pattern in _CUES
                if is_strong is strong for m in pattern.finditer(folded)]
        if not hits:
            continue
        if mention is None:
            return min(hits, key=lambda hit: hit[1])[0]
        return min(hits, key=lambda hit: (*_distance(folded, hit[1], hit[2], mention), hit[1]))[0]
    return DEFAULT_EVENT


def _distance(folded: str, start: int, end: int, mention: _Mention) -> tuple[int, int]:
    """Clause breaks, then characters, between a cue and the date ("søgte den 1/10 og fik ...")."""
    low, high = (end, mention.start) if end <= mention.start else (mention.end, start)
    between = folded[low:high] if low < high else ""
    return len(_CLAUSE_BREAK.findall(between)), len(between)

"""The register of Denmark's 98 municipalities, found in free text.

Citizens write "hjoerring", "hjorring", "Hjørring Kommune", "lyngby" or "Hedensted kommune" —
all should find the municipality, while "Paris" or "på vejen hjem" should not. Matching works
on a *skeleton* of the text (:func:`genoptraening.core.text.skeleton`: lower case, æ/ø/å and
their ae/oe/aa spellings folded to a/o/a), first exactly, then with a small edit distance for
words that are not ordinary Danish words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from genoptraening.core.lexicon import danish_words
from genoptraening.core.place_in_sentence import PLACE_WORDS, elsewhere, lived_in, named_as_place
from genoptraening.core.text import skeleton, to_ascii

_DATA = Path(__file__).resolve().parent / "data" / "municipalities.yml"
_WORD = re.compile(r"[0-9a-zæøåäöüé]+", re.IGNORECASE)
_MAX_WORDS = 3  # the longest name, "Kongens Lyngby", has two words; leave one spare
_FUZZY_MIN_LENGTH = 5
_FUZZY_SCORE = 86.0


def slugify(name: str) -> str:
    """Make a municipality's slug: "Hjørring" → "hjoerring", "Høje-Taastrup" → "hoeje-taastrup"."""
    return re.sub(r"[^a-z0-9]+", "-", to_ascii(name.lower())).strip("-")


@dataclass(frozen=True)
class Municipality:
    """One municipality of the register."""

    code: str
    name: str
    official: str
    slug: str
    aliases: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    #: Towns whose names are everyday words or very short ("Ry", "Stilling"): places only.
    place_towns: tuple[str, ...] = ()
    ambiguous: bool = False
    has_standard: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Match:
    """A municipality found in text, how it was found and the words that named it."""

    municipality: Municipality
    matched: str
    score: float
    via_town: bool = False
    lived_in: bool = False  # named where someone lives ("jeg bor i Rebild")
    #: Names where a hospital, therapist or centre is ("Aalborg Universitetshospital", "min
    #: fysioterapeut i Vejle"), or where the writer lives when writing for a relative ("jeg
    #: bor selv i København"), not where the citizen lives: the weakest kind of match.
    elsewhere: bool = False


class Register:
    """All 98 municipalities, with lookup by slug, code and free text.

    ``has_standard`` follows the knowledge folder when the register is given ``on_file`` (the
    slugs with a knowledge file, asked before each lookup): a municipality imported with
    ``kb import`` has its standard without a restart.
    """

    def __init__(self, municipalities: list[Municipality],
                 on_file: Callable[[], frozenset[str]] | None = None):
        self._on_file = on_file
        self._build(municipalities)

    @property
    def municipalities(self) -> list[Municipality]:
        """The 98 municipalities, in the register's order."""
        self._follow()
        return self._municipalities

    def _follow(self) -> None:
        """Build the register again when the municipalities with a standard changed."""
        if self._on_file is None:
            return
        slugs = self._on_file() & self._by_slug.keys()
        if slugs != self._with_standard:
            self._build([replace(m, has_standard=m.slug in slugs)
                         for m in self._municipalities])

    def _build(self, municipalities: list[Municipality]) -> None:
        self._municipalities = municipalities
        self._with_standard = frozenset(m.slug for m in municipalities if m.has_standard)
        self._by_slug = {m.slug: m for m in municipalities}
        self._by_code = {m.code: m for m in municipalities}
        # skeleton of a name/alias/town → (municipality, is_town, a place only when named so)
        self._names: dict[str, tuple[Municipality, bool, bool]] = {}
        for m in municipalities:
            for name in (m.name, m.official, *m.aliases):
                self._names[_key(name)] = (m, False, m.ambiguous)
                if not name.lower().endswith("kommune"):
                    self._names[_key(f"{name} kommune")] = (m, False, m.ambiguous)
            for towns, place_only in ((m.towns, False), (m.place_towns, True)):
                for town in towns:
                    self._names.setdefault(_key(town), (m, True, place_only))
        self._fuzzy_choices = [
            key for key, (m, is_town, place_only) in self._names.items()
            if not is_town and not place_only and len(key) >= _FUZZY_MIN_LENGTH
        ]

    def __len__(self) -> int:
        return len(self.municipalities)

    def by_slug(self, slug: str) -> Municipality | None:
        """Return the municipality with this slug."""
        self._follow()
        return self._by_slug.get(slug)

    def by_code(self, code: str) -> Municipality | None:
        """Return the municipality with this kommunekode ("0350" or "350")."""
        self._follow()
        return self._by_code.get(code.zfill(4))

    def with_standard(self) -> list[Municipality]:
        """Return the municipalities whose quality standard is on file."""
        return [m for m in self.municipalities if m.has_standard]

    def lookup(self, text: str) -> Municipality | None:
        """Resolve a name given on its own (a widget's metadata, a button).

        Tolerant of case, spelling, "Kommune" and small typos; None for anything else.
        """
        match = self.find(text, whole=True)
        return match.municipality if match else None

    def find(self, text: str, whole: bool = False, for_someone: bool = False) -> Match | None:
        """Find the municipality a free-text message names, if any.

        A hospital's name ("Aalborg Universitetshospital", "Regionshospitalet Randers") or a
        provider's place ("min fysioterapeut i Vejle") is matched as ``elsewhere``: it counts
        only when nothing better is named (and the dialogue only when it knows no municipality).

        Args:
            text: The citizen's message.
            whole: Treat the text as nothing but a name (ambiguous names are then accepted).
            for_someone: The writer asks for somebody else (a relative): where the writer
                lives ("jeg bor selv i København") then counts as a mere mention.

        Returns:
            The best match, preferring any place over one ``elsewhere``, exact over fuzzy,
            where someone lives over a mere mention, and municipality names over towns.

        """
        self._follow()
        words = _WORD.findall(unicodedata.normalize("NFC", text))
        if not words:
            return None
        keys = [skeleton(w) for w in words]
        whole = whole or len(words) <= 3 and _only_place(keys)
        best: Match | None = None
        danish = None
        for size in range(min(_MAX_WORDS, len(keys)), 0, -1):
            for start in range(len(keys) - size + 1):
                key = " ".join(keys[start:start + size])
                found = self._names.get(key)
                if found:
                    municipality, is_town, place_only = found
                    end = start + size
                    followed_by_kommune = end < len(keys) and keys[end] == "kommune"
                    if place_only and not (
                        whole or followed_by_kommune or size > 1
                        or named_as_place(words, start) or keys[start - 2:start] == ["bor", "i"]
                    ):
                        continue
                    candidate = Match(municipality, " ".join(words[start:start + size]),
                                      100.0, via_town=is_town,
                                      lived_in=lived_in(keys, start, for_someone),
                                      elsewhere=elsewhere(keys, start, start + size,
                                                           for_someone))
                    if best is None or _better(candidate, best):
                        best = candidate
                    continue
                if best is not None and best.score == 100.0 and not best.elsewhere:
                    continue
                if len(key) < _FUZZY_MIN_LENGTH or key.isdigit():
                    continue
                if size > 1 and min(len(keys[start]), len(keys[start + size - 1])) <= 2:
                    continue  # "i Randers" is "Randers", matched exactly, not a misspelling

                if danish is None:
                    danish = danish_words()
                if size == 1 and key in danish:
                    continue
                hit = process.extractOne(key, self._fuzzy_choices, scorer=fuzz.ratio,
                                         score_cutoff=_FUZZY_SCORE)
                if hit:
                    municipality = self._names[hit[0]][0]
                    candidate = Match(municipality, " ".join(words[start:start + size]), hit[1],
                                      lived_in=lived_in(keys, start, for_someone),
                                      elsewhere=elsewhere(keys, start, start + size,
                                                           for_someone))
                    if best is None or _better(candidate, best):
                        best = candidate
        return best


#: Words that may stand around a municipality's name in a message that only names it.
_PLACE_FILLER = frozenset({
    "jeg", "vi", "han", "hun", "de", "bor", "boede", "i", "kommune", "og", "hvad", "med", "så",
    "nu", "er", "til", "fra", "flyttet", "men", "hos", "for", "det", "den", "hedder", "min",
    "mor", "far", "live", "in", "we", "ja", "tak", "om", "hvordan", "ved", "nej",
})


def only_a_place(text: str, match: Match | None) -> bool:
    """Tell whether a message says nothing but the place it names ("hjoerring", "og Rebild?")."""
    if match is None:
        return False
    rest = text.replace(match.matched, " ")
    return all(word in _PLACE_FILLER for word in re.findall(r"[\wæøåÆØÅ]+", rest.lower()))


def _key(name: str) -> str:
    # "Gl. Rye" and "Lyngby-Taarbæk" as a message's words are read: "gl rye", "lyngby tarbak".
    return " ".join(skeleton(word) for word in _WORD.findall(name))


def _only_place(keys: list[str]) -> bool:
    # "Vejen", "i Vejen", "Vejen kommune": a message that is nothing but a place.
    rest = [k for k in keys if k not in PLACE_WORDS and k not in {"kommune", "bor", "jeg"}]
    return len(rest) == 1


def _better(candidate: Match, best: Match) -> bool:
    return (not candidate.elsewhere, candidate.score, candidate.lived_in,
            not candidate.via_town, len(candidate.matched)) > (
        not best.elsewhere, best.score, best.lived_in, not best.via_town, len(best.matched))


def load_register(path: Path = _DATA, with_standard: frozenset[str] | None = None) -> Register:
    """Read the register from its data file.

    Args:
        path: The YAML list of municipalities.
        with_standard: Slugs whose standard is on file; by default the municipal knowledge
            files found in the knowledge folder.

    """
    on_file = None
    if with_standard is None:
        from genoptraening.settings import get_settings

        on_file = KnowledgeSlugs(get_settings().knowledge_dir)
        with_standard = on_file()
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    municipalities = [
        Municipality(
            code=row["code"],
            name=row["name"],
            official=row["official"],
            slug=slugify(row["name"]),
            aliases=tuple(row.get("aliases", ())),
            towns=tuple(row.get("towns", ())),
            place_towns=tuple(row.get("place_towns", ())),
            ambiguous=bool(row.get("ambiguous", False)),
            has_standard=slugify(row["name"]) in with_standard,
        )
        for row in rows
    ]
    return Register(municipalities, on_file)


class KnowledgeSlugs:
    """The slugs of the knowledge files in a folder, read again when the folder changes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._stamp: int | None = None
        self._slugs: frozenset[str] = frozenset()

    def __call__(self) -> frozenset[str]:
        """Return the slugs (the file names of ``*.yml``), looking at the folder once."""
        try:
            stamp = self.folder.stat().st_mtime_ns  # a file added, removed or moved in
        except OSError:
            return frozenset()
        if stamp != self._stamp:
            self._stamp = stamp
            self._slugs = frozenset(p.stem for p in self.folder.glob("*.yml"))
        return self._slugs


@lru_cache(maxsize=1)
def get_register() -> Register:
    """Return the process-wide register."""
    return load_register()


def place_names(register: Register) -> list[str]:
    """Return every name of a place the register knows: municipalities, aliases and towns."""
    return [name for m in register.municipalities
            for name in (m.name, *m.aliases, *m.towns, *m.place_towns)]

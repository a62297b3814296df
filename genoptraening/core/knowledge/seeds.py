r"""Access to the seed documents (the published standards as plain text).

PDF extraction left words hyphenated across line breaks ("vedlige-\\n\\nholdende") and ragged
white space; quotes in the knowledge files are compared after both are normalised the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# A hyphen at a line end inside a word: "vedlige-\n\nholdende" → "vedligeholdende".
# A hyphen followed by a space ("ergo- og fysioterapeuter") is a real one and is kept, also
# when the line breaks after it ("ergo-\nog fysioterapeuter").
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=[a-zæøå])(?!(?:og|eller)\b)")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Join words hyphenated at line ends and fold all white space to single spaces."""
    return _SPACE.sub(" ", _LINE_END_HYPHEN.sub("", text)).strip()


@lru_cache(maxsize=32)
def _read_normalised(path: Path, mtime_ns: int) -> str:
    return normalise(path.read_text(encoding="utf-8"))


def seed_text(seeds_dir: Path, name: str) -> str | None:
    """Return the normalised text of seed file ``name``, or None when it is not there."""
    path = seeds_dir / name
    if not path.is_file():
        return None
    return _read_normalised(path, path.stat().st_mtime_ns)


def contains(seeds_dir: Path, name: str, quote: str) -> bool:
    """Tell whether ``quote`` occurs in seed ``name`` (both normalised)."""
    text = seed_text(seeds_dir, name)
    return text is not None and normalise(quote) in text


#: The folder under the knowledge folder with the imported standards' source texts
#: (``genoptraening kb import``); the five curated standards' seeds are in the seeds folder.
SOURCES_DIR = "sources"


def source_folder(knowledge_dir: Path, seeds_dir: Path | None, name: str) -> Path | None:
    """Return the folder that holds a standard's source document: imported, else a seed."""
    for folder in (knowledge_dir / SOURCES_DIR, seeds_dir):
        if folder is not None and (folder / name).is_file():
            return folder
    return None

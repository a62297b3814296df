"""Short follow-ups that ask what the last answer meant ("Hvad betyder det?").

The words that ask it are vocabulary an editor keeps, ``knowledge/vocabulary/follow_ups.yml``,
written as the details' cues are (:class:`genoptraening.core.details.Cue`). A follow-up is short:
a longer message that holds such words asks something of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from genoptraening.core.details import Cue, words_of
from genoptraening.core.vocabulary_file import read_live, read_section

FOLLOW_UPS_FILE = "vocabulary/follow_ups.yml"
#: A follow-up is short; a longer message is a question of its own.
MAX_WORDS = 8


def asks_meaning(text: str) -> bool:
    """Tell whether a short message asks what the last answer meant."""
    words = words_of(text)
    return 0 < len(words) <= MAX_WORDS and any(cue.found_in(words) for cue in _cues())


def _cues() -> tuple[Cue, ...]:
    return read_live(FOLLOW_UPS_FILE, _parse, ())


def _parse(data: dict[str, Any]) -> tuple[Cue, ...]:
    meaning = data.get("meaning")
    asks = meaning.get("asks") if isinstance(meaning, dict) else None
    return tuple(Cue.parse(str(cue)) for cue in asks or ())


def follow_up_problems(path: Path) -> list[tuple[str, str]]:
    """Return what is wrong with the follow-ups file, as (where, Danish reason) pairs."""
    meaning, problems = read_section(path, "meaning", "en liste: asks: [ord eller udtryk]")
    if meaning is None:
        return problems
    asks = meaning.get("asks")
    if not isinstance(asks, list) or not asks or not all(
            isinstance(c, str) and words_of(c.replace("*", "")) for c in asks):
        problems.append(("meaning.asks", "skal være en liste af ord eller udtryk"))
    return problems

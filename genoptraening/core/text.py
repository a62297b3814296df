"""The Danish letters æ, ø and å, and how citizens write without them — written once.

Citizens write "Hjørring", "Hjoerring" and "Hjorring" for the same town, "lørdag", "loerdag"
and "lordag" for the same day. Three forms serve the project:

- :func:`skeleton` is the form texts are *compared* in: lower case, æ/ø/å and their spellings
  ae/oe/aa all folded to a/o/a (ä/ö/ü/é too), hyphens and runs of white space one space. The
  municipality register, the date reader, the signal readers and the staff tools match on it.
- :func:`to_ascii` is the spelling with ae/oe/aa ("Høje-Taastrup" → "Hoeje-Taastrup"): slugs
  and the spellings in the NLU lookup tables.
- :func:`drop_danish` drops the marks ("Hjørring" → "Hjorring"): the other spelling citizens
  use on keyboards without æ/ø/å.

:func:`squeeze` is the plain comparison for text that must keep its letters (a staff member's
required phrases in a bot answer): case and white space alone are ignored.
"""

from __future__ import annotations

import re
import unicodedata

_SKELETON = str.maketrans("æøåäöüé", "aoaaoue")
_PAIRS = (("ae", "a"), ("oe", "o"), ("aa", "a"))
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_DROPPED = str.maketrans("æøåÆØÅ", "aoaAOA")
_SPACES = re.compile(r"[-\s]+")


def skeleton(text: str) -> str:
    """Fold text to the form it is compared in: lower case, æ/ø/å and ae/oe/aa → a/o/a.

    The two-letter spellings are folded one after the other (ae, then oe, then aa), as the
    register's names and every pattern compiled from plain Danish were folded the same way.

    Args:
        text: Any text.

    Returns:
        The skeleton: "Hjørring", "Hjoerring" and "hjorring" all give "hjorring"; "Lyngby-
        Taarbæk" gives "lyngby tarbak".

    """
    text = unicodedata.normalize("NFC", text).lower().translate(_SKELETON)
    for pair, letter in _PAIRS:
        text = text.replace(pair, letter)
    return _SPACES.sub(" ", text).strip()


def to_ascii(text: str) -> str:
    """Spell æ/ø/å as ae/oe/aa, keeping case: "Høje-Taastrup" → "Hoeje-Taastrup", "Æ" → "Ae"."""
    return text.translate(_ASCII)


def drop_danish(text: str) -> str:
    """Write æ/ø/å as a/o/a, keeping case: "Hjørring" → "Hjorring", "Århus" → "Arhus"."""
    return text.translate(_DROPPED)


def squeeze(text: str) -> str:
    """Ignore case and white space only: "Ring  til  OS" → "ring til os" (æ/ø/å are kept)."""
    return " ".join(text.split()).casefold()

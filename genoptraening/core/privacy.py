"""CPR numbers (Danish personal identity numbers): found, masked, never repeated or stored.

The REST channel (``genoptraening.rasa_ext.channels``) and the web API mask them before a message is
stored or logged; the dialogue warns the citizen; the staff tools show texts masked.
Every function accepts any input and never raises; the whole text is searched.
"""

from __future__ import annotations

import re

#: A CPR number: ddmmyy and four digits, as "ddmmyy-xxxx", "ddmmyyxxxx", "ddmmyy xxxx", or with
#: the date grouped "dd mm yy" / "dd.mm.yy"; day 01-31, month 01-12. The four digits stand
#: together, so phone numbers ("92 43 43 48", "+45 92 43 43 48") and dates with a four-digit
#: year ("03.11.2026") are not taken; a neighbouring digit or a leading "+" rules a match out.
CPR = re.compile(r"(?<![0-9+])(?:0[1-9]|[12][0-9]|3[01])([ .]?)(?:0[1-9]|1[0-2])\1[0-9]{2}"
                 r"[ \-\u2010\u2011\u2013]?[0-9]{4}(?![0-9])")


def find_cpr(text: str) -> bool:
    """Tell whether the text holds something that looks like a CPR number."""
    return isinstance(text, str) and CPR.search(text) is not None


#: What a CPR number is replaced by. The REST channel masks messages before Rasa stores them
#: (genoptraening/rasa_ext/channels.py), so the dialogue mostly sees this rather than the number.
CPR_MASK = "[CPR]"


def mask_cpr(text: str) -> str:
    """Replace every CPR number by "[CPR]": "mit cpr er 010203-1234" → "mit cpr er [CPR]"."""
    return CPR.sub(CPR_MASK, text) if isinstance(text, str) else ""


def has_masked_cpr(text: str) -> bool:
    """Tell whether the text holds a CPR number that was masked ("[CPR]")."""
    return isinstance(text, str) and CPR_MASK in text


def mentions_cpr(text: str) -> bool:
    """Tell whether the citizen wrote a CPR number: as it was written, or as masked."""
    return find_cpr(text) or has_masked_cpr(text)

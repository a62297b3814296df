"""Cleaning what a citizen types before it goes on to Rasa."""

from __future__ import annotations

import re

from .schemas import ChatRequest

# Control characters (Unicode category Cc) except tab and newline, and lone surrogates
# (JSON can carry "\ud800"; it is not text and breaks UTF-8 further on).
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Remove control characters and lone surrogates; keep letters, emoji, tabs and newlines.

    Control characters that separate words (carriage return, vertical tab, form feed, …)
    become a space, so the words stay apart; the rest (NUL, escape, …) are removed.
    HTML is left as it is: it is plain text to the assistant and the widget shows it as text.

    Args:
        text: What the citizen sent.

    Returns:
        The text without the unwanted characters (not stripped).

    """
    return _UNWANTED.sub(_replacement, text.replace("\r\n", "\n"))


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group().isspace() else ""


def clean_chat_request(request: ChatRequest) -> ChatRequest:
    """Return the request with its message and municipality cleaned by :func:`clean_text`.

    A municipality that is blank after cleaning counts as none given.
    """
    municipality = clean_text(request.municipality).strip() if request.municipality else ""
    return request.copy(update={"message": clean_text(request.message),
                                "municipality": municipality or None})

"""The Test page's turns: a message sent as a citizen's, and why the assistant answered so.

Each panel of the page is a conversation of its own with the running assistant, through the
same client as the staff shell (``genoptraening.ops.assistant``): the REST channel as a
citizen's widget sends it, then Rasa's HTTP API for what NLU read. A turn is kept as plain data
for the page (the message CPR-masked, as the assistant itself stores it).
"""

from __future__ import annotations

from typing import Any

import httpx

from genoptraening.core.privacy import mask_cpr
from genoptraening.core.render import law_label, topic_label
from genoptraening.ops.answered import answered
from genoptraening.ops.assistant import SOURCE_LINE, AssistantClient, StaffTurn
from genoptraening.ops.console.texts import text

#: Turns kept per panel (the oldest go first).
MAX_TURNS = 20


def percent(value: float) -> str:
    """Format a confidence the Danish way: 0.934 → "93 %", 0.004 → "0,4 %"."""
    shown = f"{value * 100:.0f}" if value >= 0.01 else f"{value * 100:.1f}".replace(".", ",")
    return f"{shown} %"


def fact_lines(facts: dict[str, Any]) -> list[str]:
    """Return a topic's facts as short lines ("Telefon: 72 33 58 50 · Træningsenheden")."""
    lines = []
    for kind, value in facts.items():
        label = text(f"fact_kinds.{kind}") if kind in _KINDS else kind
        if isinstance(value, dict):
            lines += [f"{key}: {_plain(item)}" for key, item in value.items()]
        elif isinstance(value, list):
            lines += [f"{label}: {_plain(item)}" for item in value]
        else:
            lines.append(f"{label}: {_plain(value)}")
    return lines


_KINDS = ("phones", "emails", "addresses", "links", "prices", "deadlines")


def _plain(value: object) -> str:
    if isinstance(value, dict):
        return " · ".join(_plain(v) for k, v in value.items() if k != "open" and v not in
                          (None, "", [], False))
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)


def summary(turn: StaffTurn) -> dict[str, Any]:
    """Return a turn as the Test page shows it."""
    replies = []
    for reply in turn.answers:
        own = (reply.payload or {}).get("text")
        shown = own if isinstance(own, str) and own else "\n".join(
            line for line in reply.text.splitlines() if not line.startswith(SOURCE_LINE))
        if not shown and not reply.sources:
            continue
        passage = reply.passage
        replies.append({"text": shown, "sources": reply.sources, "answered": answered(reply),
                        "passage": {"section": passage.get("section"), "text": passage["text"]}
                        if passage else None,
                        "buttons": [str(b.get("title")) for b in reply.buttons if b.get("title")]})
    return {
        "message": mask_cpr(turn.message),
        "replies": replies,
        "intent": turn.intent,
        "confidence": percent(turn.confidence) if turn.intent else "",
        "candidates": [(name, percent(value)) for name, value in turn.candidates],
        "entities": [f"{entity} = {value}" for entity, value in turn.entities],
        "law": law_label(turn.law) if turn.law else None,
        "facts": [{"topic": topic_label(str(f["topic"])), "general": bool(f.get("general")),
                   "facts": fact_lines(dict(f.get("facts") or {})),
                   "sources": [_citation(s) for s in f.get("sources") or []]}
                  for f in turn.facts],
        "error": None,
    }


def _citation(source: dict[str, Any]) -> str:
    quote = f": »{source['quote']}«" if source.get("quote") else ""
    where = source.get("section") or source.get("law") or ""
    return f"{where}{quote}" if where else str(source.get("text", ""))


def ask(rasa_url: str, token: str, sender: str, message: str,
        municipality: str | None) -> dict[str, Any]:
    """Send one message of a conversation; return the turn as the page shows it.

    When the assistant does not answer, the turn says so (``error``) instead of failing.
    """
    client = AssistantClient(rasa_url, token, timeout=30, sender=sender)
    try:
        return summary(client.say(message, municipality))
    except (httpx.HTTPError, ValueError):
        return {"message": mask_cpr(message), "replies": [], "error": text("assistant_down")}
    finally:
        client.close()

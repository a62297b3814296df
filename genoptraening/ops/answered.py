"""What answered a reply, as the staff tools say it: the curated topic, the passage, its score.

The actions send each reply with a structured payload (``answered_by``, ``passage``); the staff
shell shows it under the answer ("Svaret: emnet »Pris og egenbetaling« (cost) · afsnit »9.
Transport …«: »Taksten reguleres …« score 0,71") and with the sources (``/kilde``).
"""

from __future__ import annotations

from typing import Any

from genoptraening.core.render import topic_labels
from genoptraening.ops.assistant import StaffReply, StaffTurn


def score(value: object) -> str:
    """Format a score the Danish way: ``0.714`` → "0,71"; "" when there is none."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return f"{value:.2f}".replace(".", ",") if ok else ""


def _first_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def answered(reply: StaffReply) -> str:
    """Say what answered a reply: the curated topic, the passage (section, first words), score.

    "" when the reply does not tell (an assistant that sends no structured payload).
    """
    found = reply.answered_by
    if found is None:
        return ""
    parts = []
    topic = found.get("topic")
    if isinstance(topic, str) and topic:
        parts.append(f"emnet »{topic_labels().get(topic, topic)}« ({topic})")
    passage = reply.passage
    if passage is not None:
        section = f"afsnit »{passage['section']}«: " if passage.get("section") else ""
        parts.append(f"{section}»{_first_words(passage['text'])}«")
    if not parts:
        return "en fast besked, ikke vidensbasen" if found["kind"] == "message" else found["kind"]
    value = score(found.get("score") if found.get("score") is not None else
                  (passage or {}).get("score"))
    if value and passage is None:  # the passage search's best, not quoted in this reply
        return " · ".join([*parts, f"bedste afsnit score {value}"])
    return " · ".join(parts) + (f" score {value}" if value else "")


def passages(turn: StaffTurn) -> list[tuple[str, dict[str, Any], str]]:
    """Return the passages quoted in a turn's replies: where from, the passage, its score."""
    found = []
    for reply in turn.answers:
        passage = reply.passage
        if passage is not None:
            where = ", ".join(str(passage[k]) for k in ("standard", "municipality")
                              if passage.get(k))
            by = reply.answered_by or {}
            found.append((where, passage, score(passage.get("score", by.get("score")))))
    return found

"""Conversation review: what citizens asked, what the assistant understood, what to train next.

Reads Rasa's SQL tracker store (table ``events``: sender_id, type_name, timestamp,
intent_name, action_name, data as JSON text) through :mod:`genoptraening.ops.conversations`, on
SQLite or PostgreSQL. The figures are pure functions over its rows, so they are tested
without a database; :func:`load_review` adds the query. Citizen text is masked (CPR numbers)
the moment it is read, so nothing built here holds one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from genoptraening.core.privacy import mask_cpr
from genoptraening.ops.conversations import (  # noqa: F401 - TrackerStoreMissing for callers
    ConversationStore,
    EventRow,
    TrackerStoreMissing,
)

#: Default share of confidence under which a recognised intent counts as a guess.
THRESHOLD = 0.5
#: Default length of the review window.
DAYS = 30
#: The intent Rasa's FallbackClassifier gives a message it does not understand.
FALLBACK = "nlu_fallback"
#: Sender ids of the staff's own test conversations (genoptraening.staff.assistant).
STAFF_PREFIX = "staff-"
#: How many topics per municipality the review lists.
TOP_TOPICS = 5


@dataclass(frozen=True)
class Message:
    """One citizen message as the review sees it (the text already masked)."""

    sender_id: str
    timestamp: float
    text: str
    intent: str
    confidence: float
    guess: str | None  # the best intent other than the fallback
    municipality: str | None  # slug, as the conversation stood after this message

    @property
    def fallback(self) -> bool:
        """NLU did not understand the message at all."""
        return self.intent == FALLBACK

    def understood(self, threshold: float) -> bool:
        """NLU recognised an intent with at least ``threshold`` confidence."""
        return not self.fallback and self.confidence >= threshold

    def as_dict(self) -> dict[str, Any]:
        """Return the message as plain data (JSON)."""
        return {
            "sender_id": self.sender_id,
            "time": _iso(self.timestamp),
            "municipality": self.municipality,
            "text": self.text,
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "guess": self.guess,
        }


@dataclass
class Review:
    """The figures of one review window."""

    since: float
    until: float
    threshold: float = THRESHOLD
    municipality: str | None = None
    messages: list[Message] = field(default_factory=list)

    @property
    def conversations(self) -> int:
        """Conversations with at least one message in the window."""
        return len({m.sender_id for m in self.messages})

    @property
    def understood(self) -> int:
        """Messages NLU understood."""
        return sum(m.understood(self.threshold) for m in self.messages)

    @property
    def share(self) -> float | None:
        """Share of messages understood (None without messages)."""
        return self.understood / len(self.messages) if self.messages else None

    @property
    def fallbacks(self) -> list[Message]:
        """Messages NLU did not understand (``nlu_fallback``)."""
        return [m for m in self.messages if m.fallback]

    @property
    def low_confidence(self) -> list[Message]:
        """Messages given an intent with less than the threshold's confidence."""
        return [m for m in self.messages
                if not m.fallback and not m.understood(self.threshold)]

    @property
    def misunderstood(self) -> list[Message]:
        """Fallbacks and low-confidence messages, in the order they were written."""
        return [m for m in self.messages if not m.understood(self.threshold)]

    def topics(self, top: int = TOP_TOPICS) -> dict[str | None, list[tuple[str, int]]]:
        """Return the most asked topics per municipality (understood messages only).

        Municipalities are ordered by how many messages they had; conversations without a
        municipality come under ``None``.
        """
        from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT

        volume = Counter(m.municipality for m in self.messages)
        counts: dict[str | None, Counter[str]] = {}
        for m in self.messages:
            topic = TOPIC_OF_INTENT.get(m.intent)
            if topic is not None and m.understood(self.threshold):
                counts.setdefault(m.municipality, Counter())[topic] += 1
        ordered = sorted(counts, key=lambda slug: (-volume[slug], slug is None, slug or ""))
        return {slug: sorted(counts[slug].items(), key=lambda kv: (-kv[1], kv[0]))[:top]
                for slug in ordered}

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as plain data (the web API's JSON)."""
        from genoptraening.core.render import topic_label

        topics = self.topics()
        volume = Counter(m.municipality for m in self.messages)
        return {
            "since": _iso(self.since),
            "until": _iso(self.until),
            "municipality": self.municipality,
            "threshold": self.threshold,
            "conversations": self.conversations,
            "messages": len(self.messages),
            "understood": self.understood,
            "understood_share": None if self.share is None else round(self.share, 4),
            "fallbacks": [m.as_dict() for m in self.fallbacks],
            "low_confidence": [m.as_dict() for m in self.low_confidence],
            "topics": [
                {"municipality": slug, "name": municipality_name(slug),
                 "messages": volume[slug],
                 "topics": [{"topic": t, "label": topic_label(t), "count": n} for t, n in ranked]}
                for slug, ranked in topics.items()
            ],
        }


@dataclass(frozen=True)
class Repeated:
    """Messages with the same text (case and spacing ignored), for a short list."""

    text: str
    count: int
    last: Message  # the latest of them
    municipalities: tuple[str | None, ...]  # in the order first seen


def repeated(messages: Iterable[Message]) -> list[Repeated]:
    """Group messages by text; the most frequent first, then the latest first."""
    groups: dict[str, list[Message]] = {}
    for m in messages:
        groups.setdefault(" ".join(m.text.casefold().split()), []).append(m)
    out = [Repeated(group[-1].text, len(group), group[-1],
                    tuple(dict.fromkeys(m.municipality for m in group)))
           for group in groups.values()]
    return sorted(out, key=lambda r: (-r.count, -r.last.timestamp))


def _iso(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).isoformat(timespec="seconds")


def municipality_name(slug: str | None) -> str:
    """Return a municipality's name for a slug ("lejre" → "Lejre"); "uden kommune" for None."""
    if slug is None:
        return "uden kommune"
    from genoptraening.core.register import get_register

    found = get_register().by_slug(slug)
    return found.name if found else slug


def messages_from_rows(rows: Iterable[EventRow]) -> list[Message]:
    """Turn tracker rows (in id order) into the citizens' messages.

    Each message is attributed to the municipality the conversation had after the assistant
    answered it: "hvad koster det i Lejre?" counts for Lejre even in a new conversation, and
    "og hvad med Rebild?" for Rebild.
    """
    messages: list[Message] = []
    current: dict[str, str | None] = {}  # sender → municipality slot
    pending: dict[str, tuple[Message, str | None]] = {}  # sender → (message, slot before it)

    def settle(sender: str) -> None:
        if sender in pending:
            message, before = pending.pop(sender)
            slug = current.get(sender) or before
            messages.append(replace(message, municipality=slug))

    for row in rows:
        data = _json(row.data)
        if row.type_name == "slot" and row.action_name == "municipality":
            value = data.get("value")
            current[row.sender_id] = value if isinstance(value, str) and value else None
        elif row.type_name == "user":
            settle(row.sender_id)
            message = _message(row, data)
            pending[row.sender_id] = (message, current.get(row.sender_id))
    for sender in list(pending):
        settle(sender)
    messages.sort(key=lambda m: m.timestamp)
    return messages


def _json(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _message(row: EventRow, data: dict[str, Any]) -> Message:
    parse = data.get("parse_data") or {}
    intent = parse.get("intent") or {}
    name = str(intent.get("name") or row.intent_name or "")
    ranking = [str(r.get("name")) for r in parse.get("intent_ranking") or [] if r.get("name")]
    guess = name if name and name != FALLBACK else next(
        (r for r in ranking if r != FALLBACK), None)
    # Spaces first: "010203  1234" becomes a CPR number only once they are collapsed.
    text = mask_cpr(" ".join(str(data.get("text") or "").split()))
    return Message(
        sender_id=row.sender_id,
        timestamp=float(row.timestamp or data.get("timestamp") or 0.0),
        text=text,
        intent=name,
        confidence=float(intent.get("confidence") or 0.0),
        guess=guess,
        municipality=None,
    )


def build_review(rows: Iterable[EventRow], since: float, until: float,
                 municipality: str | None = None, threshold: float = THRESHOLD,
                 include_staff: bool = False) -> Review:
    """Compute the review of the messages written between ``since`` and ``until``.

    Args:
        rows: Rows of the ``events`` table in id order (user and municipality-slot events
            suffice; earlier rows of the same conversations tell the municipality).
        since: Start of the window (Unix time).
        until: End of the window (Unix time).
        municipality: Only messages about this municipality (slug).
        threshold: Confidence under which a recognised intent counts as not understood.
        include_staff: Count the staff's own test conversations too.

    """
    messages = [
        m for m in messages_from_rows(rows)
        if since <= m.timestamp <= until
        and (include_staff or not m.sender_id.startswith(STAFF_PREFIX))
        and (municipality is None or m.municipality == municipality)
    ]
    return Review(since=since, until=until, threshold=threshold, municipality=municipality,
                  messages=messages)


def _store(db: Path | ConversationStore) -> ConversationStore:
    return db if isinstance(db, ConversationStore) else ConversationStore.sqlite(db)


def read_rows(db: Path | ConversationStore, since: float) -> list[EventRow]:
    """Read the rows of every conversation with a message since ``since``.

    Args:
        db: The tracker store, or the path of an SQLite one.
        since: Start of the window (Unix time).

    """
    return _store(db).rows_since(since)


def load_review(db: Path | ConversationStore, days: float = DAYS,
                municipality: str | None = None, threshold: float = THRESHOLD,
                include_staff: bool = False, now: float | None = None) -> Review:
    """Review the last ``days`` days of the tracker store ``db`` (or the SQLite file at it).

    Raises:
        TrackerStoreMissing: When ``db`` is not a tracker store or cannot be reached.

    """
    until = time.time() if now is None else now
    since = until - days * 86400
    return build_review(read_rows(db, since), since, until, municipality, threshold,
                        include_staff)


def nlu_export(messages: Iterable[Message], today: dt.date | None = None) -> tuple[str, int]:
    """Write misunderstood messages as Rasa NLU training data, ready to label.

    Each group is headed ``TODO_<best guess>``; texts are masked and deduplicated (case and
    spacing ignored); button payloads ("/ask_cost") are left out.

    Returns:
        The YAML text and the number of examples in it.

    """
    groups: dict[str, list[str]] = {}
    seen: set[str] = set()
    for m in messages:
        text = mask_cpr(" ".join(m.text.split()))
        key = text.casefold()
        if not text or text.startswith("/") or key in seen:
            continue
        seen.add(key)
        groups.setdefault(f"TODO_{m.guess or 'ukendt'}", []).append(text)
    day = (today or dt.date.today()).isoformat()
    return nlu_yaml(groups, _EXPORT_HEADER.format(day=day)), len(seen)


def nlu_yaml(groups: Mapping[str, Iterable[str]], header: str = "") -> str:
    """Write examples by intent as Rasa NLU training data (the format of ``data/nlu/``).

    Args:
        groups: The examples of each intent (the intents are written sorted).
        header: Comment lines to put first ("# …").

    """
    lines = [line.rstrip() for line in header.splitlines()]
    lines += ['version: "3.1"', "nlu:" if groups else "nlu: []"]
    for intent in sorted(groups):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {_example(text)}" for text in groups[intent]]
    return "\n".join(lines) + "\n"


def _example(text: str) -> str:
    # Rasa reads "[ord](entitet)" and "[ord]{…}" as entity annotations; a citizen's
    # brackets are plain text.
    return re.sub(r"\](?=[({\[])", "] ", text)


_EXPORT_HEADER = """\
# Beskeder som assistenten ikke forstod eller var usikker på (genoptraening review, {day}).
# CPR-numre er erstattet med [CPR], og ens beskeder står her kun én gang.
#
# Sådan bruger du filen:
# 1. Ret hver »intent: TODO_…« til den intent, beskederne skal forstås som. Ordet efter
#    TODO_ er assistentens bedste gæt, ikke nødvendigvis det rigtige.
#    Flyt en besked til en anden gruppe, hvis den hører til et andet sted.
# 2. Slet beskeder, som ikke skal læres (fx vrøvl eller personlige oplysninger).
# 3. Flyt eksemplerne ind under den samme intent i den rigtige fil i data/nlu/
#    (fx ask_cost i data/nlu/cost.yml). Filen her skal ikke selv ligge i data/nlu/.
# 4. Kør »make test«: assistenten trænes igen og måles på testsættet i tests/nlu/.
"""

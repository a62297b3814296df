"""What the Gennemgang page lists: messages not understood, and answers rated down.

The messages are the conversation review's (``genoptraening.ops.review``, the function behind
``genoptraening review`` and ``/api/admin/review``): fallbacks and low-confidence messages, CPR
numbers masked as they are read, the staff's own test conversations left out. A thumbs-down
(``genoptraening.ops.feedback``) carries the conversation and the time but no text; the message
it belongs to is the conversation's latest message before the rating, and the answer the
assistant's replies to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from genoptraening.core.privacy import mask_cpr
from genoptraening.ops.conversations import ConversationStore, EventRow
from genoptraening.ops.feedback import FeedbackStore, Rating
from genoptraening.ops.review import STAFF_PREFIX, THRESHOLD, Message, Review, build_review

#: How far before the window a rated conversation's message may lie (a rating comes later).
RATING_LAG = 86400.0


@dataclass(frozen=True)
class Item:
    """One line of the Gennemgang page."""

    origin: str  # "fallback", "low" or "down"
    message: Message
    answer: tuple[str, ...] = ()  # the assistant's replies (for a rated answer)
    rated_at: float | None = None

    @property
    def at(self) -> float:
        """When the citizen wrote (or rated), for the order of the page."""
        return self.rated_at or self.message.timestamp


@dataclass(frozen=True)
class Window:
    """The review of a window, with its ratings and each rated message."""

    review: Review
    ratings: list[tuple[Rating, Message | None]]
    replies: dict[tuple[str, float], tuple[str, ...]]  # (sender, message time) → replies


def load_window(store: ConversationStore, feedback: FeedbackStore | None, since: float,
                until: float, municipality: str | None = None,
                threshold: float = THRESHOLD) -> Window:
    """Read the messages and ratings of a window (one municipality's when given).

    Raises:
        TrackerStoreMissing: When the tracker store cannot be read.

    """
    rows = store.rows_since(since - RATING_LAG, replies=True)
    review = build_review(rows, since - RATING_LAG, until, municipality, threshold)
    ratings = feedback.ratings(since, until) if feedback is not None else []
    by_sender: dict[str, list[Message]] = {}
    for message in review.messages:
        by_sender.setdefault(message.sender_id, []).append(message)
    rated = []
    for rating in ratings:
        if rating.session_id.startswith(STAFF_PREFIX):
            continue
        before = [m for m in by_sender.get(rating.session_id, []) if m.timestamp <= rating.at]
        if municipality is not None and not before:
            continue  # not this municipality's conversation
        rated.append((rating, before[-1] if before else None))
    review.messages = [m for m in review.messages if m.timestamp >= since]
    review.since = since
    return Window(review, rated, _replies(rows))


def _replies(rows: Iterable[EventRow]) -> dict[tuple[str, float], tuple[str, ...]]:
    """Return the assistant's replies to each message, by sender and the message's time."""
    import json

    found: dict[tuple[str, float], list[str]] = {}
    latest: dict[str, tuple[str, float]] = {}
    for row in rows:
        if row.type_name == "user":
            latest[row.sender_id] = (row.sender_id, float(row.timestamp or 0.0))
        elif row.type_name == "bot" and row.sender_id in latest:
            try:
                data = json.loads(row.data or "{}")
            except json.JSONDecodeError:
                continue
            text = data.get("text") if isinstance(data, dict) else None
            if isinstance(text, str) and text:
                found.setdefault(latest[row.sender_id], []).append(mask_cpr(text))
    return {key: tuple(texts) for key, texts in found.items()}


def items(window: Window) -> list[Item]:
    """Return the page's lines, the newest first: rated answers, fallbacks, low confidence."""
    review = window.review
    out = [Item("fallback" if m.fallback else "low", m) for m in review.misunderstood]
    for rating, message in window.ratings:
        if rating.rating == "down" and message is not None:
            out.append(Item("down", message,
                            window.replies.get((message.sender_id, message.timestamp), ()),
                            rating.at))
    return sorted(out, key=lambda item: -item.at)

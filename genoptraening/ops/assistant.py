"""Talking to the running assistant as staff do: the replies, and why it answered so.

A turn goes through the REST channel exactly as a citizen's would; then Rasa's HTTP API (on
loopback, behind a token) tells which intent and entities NLU found, which slots were set and
which actions ran. The knowledge-base facts behind the answer come from the domain package.
The staff shell (``genoptraening.staff``) and the staff console in the browser (``api``) both
talk to the assistant through this module.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from genoptraening.core.knowledge.loader import get_knowledge_base
from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
from genoptraening.core.register import get_register
from genoptraening.core.render import answer_topic

#: The ``kind`` of the structured payload the actions send with every reply.
REPLY_KIND = "genoptraening.reply"
SOURCE_LINE = "Kilde:"


def _dict(value: object) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


@dataclass
class StaffReply:
    """One reply: the text the citizen reads (with its source lines), buttons, and payload.

    The payload is the structured form of the reply (``custom`` of the REST channel, ``kind``
    "genoptraening.reply"): the text without sources, the sources, the passage quoted, the
    phone numbers and what answered. Replies of an assistant that sends none have no payload.
    """

    text: str
    buttons: list[dict[str, Any]] = field(default_factory=list)
    payload: dict[str, Any] | None = None

    @property
    def sources(self) -> list[str]:
        """The reply's source lines: the payload's sources, or the "Kilde:" lines without one."""
        if self.payload is None:
            return [line for line in self.text.splitlines() if line.startswith(SOURCE_LINE)]
        found = self.payload.get("sources")
        lines = [str(s["text"]) for s in found if isinstance(s, dict) and s.get("text")] if (
            isinstance(found, list)) else []
        return list(dict.fromkeys(lines))  # several quotes of one section: one source line

    @property
    def passage(self) -> dict[str, Any] | None:
        """The passage of the standard the reply quotes, if any."""
        found = _dict((self.payload or {}).get("passage"))
        return found if found and isinstance(found.get("text"), str) else None

    @property
    def answered_by(self) -> dict[str, Any] | None:
        """What answered: ``kind`` (topic, passage, topic+passage or message), topic, score."""
        found = _dict((self.payload or {}).get("answered_by"))
        return found if found and isinstance(found.get("kind"), str) else None


def pair_replies(messages: list[dict[str, Any]]) -> list[StaffReply]:
    """Read the REST channel's messages as replies: each text entry with the payload after it.

    A payload without a text entry before it is a reply of its own (its text is what a client
    of the structured replies shows); other custom messages are ignored.
    """
    replies: list[StaffReply] = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        text = message.get("text")
        buttons = [b for b in message.get("buttons") or [] if isinstance(b, dict)]
        if isinstance(text, str) and text or buttons:
            replies.append(StaffReply(text if isinstance(text, str) else "", buttons))
        payload = _dict(message.get("custom"))
        if payload is None or payload.get("kind") != REPLY_KIND:
            continue
        if replies and replies[-1].payload is None:
            replies[-1].payload = payload
        else:
            own = payload.get("text")
            replies.append(StaffReply(own if isinstance(own, str) else "", payload=payload))
    return replies


@dataclass
class StaffTurn:
    """One turn as staff see it."""

    message: str
    replies: list[dict[str, Any]]  # as the REST channel returned them
    intent: str = ""
    confidence: float = 0.0
    candidates: list[tuple[str, float]] = field(default_factory=list)  # the next two
    entities: list[tuple[str, str]] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)  # set in this turn
    actions: list[str] = field(default_factory=list)  # run in this turn
    facts: list[dict[str, Any]] = field(default_factory=list)  # knowledge used, with sources
    situation: dict[str, Any] = field(default_factory=dict)  # the story's facts NLU read
    questions: list[dict[str, Any]] = field(default_factory=list)  # each question NLU read
    signals: dict[str, Any] = field(default_factory=dict)  # emergency, English, relative, …
    implied: list[dict[str, Any]] = field(default_factory=list)  # asked for without a question
    law: str | None = None  # the law the conversation is about after this turn, when known

    @property
    def answers(self) -> list[StaffReply]:
        """The replies, each with its structured payload when one came."""
        return pair_replies(self.replies)

    @property
    def texts(self) -> list[str]:
        """The replies' texts, as the citizen reads them (with their source lines)."""
        return [reply.text for reply in self.answers if reply.text]

    @property
    def sources(self) -> list[str]:
        """The source lines of the replies."""
        return [line for reply in self.answers for line in reply.sources]

    @property
    def answered_by(self) -> list[dict[str, Any] | None]:
        """Per text of ``texts``, what answered it and the passage quoted (None if not told)."""
        return [None if reply.answered_by is None else
                {**reply.answered_by, "passage": reply.passage}
                for reply in self.answers if reply.text]

    def as_dict(self) -> dict[str, Any]:
        """Return the turn as plain data (``--json``)."""
        return {
            "message": self.message, "replies": self.texts, "intent": self.intent,
            "confidence": self.confidence,
            "candidates": [{"intent": i, "confidence": c} for i, c in self.candidates],
            "entities": [{"entity": e, "value": v} for e, v in self.entities],
            "slots": self.slots, "actions": self.actions, "sources": self.sources,
            "answered_by": self.answered_by, "facts": self.facts,
            "situation": self.situation, "questions": self.questions,
            "signals": self.signals, "implied": self.implied,
        }


class AssistantClient:
    """A conversation with the assistant through its REST channel and HTTP API."""

    def __init__(self, rasa_url: str, token: str, timeout: float = 60.0,
                 sender: str | None = None):
        """Talk to the Rasa server at ``rasa_url``; a new conversation unless ``sender``."""
        self.rasa_url = rasa_url.rstrip("/")
        self.token = token
        self.http = httpx.Client(timeout=timeout)
        self.sender = sender or self.new_conversation()

    def new_conversation(self) -> str:
        """Start a new conversation (a new sender id); return it."""
        self.sender = f"staff-{uuid.uuid4().hex[:12]}"
        return self.sender

    def _tracker(self) -> dict[str, Any]:
        response = self.http.get(f"{self.rasa_url}/conversations/{self.sender}/tracker",
                                 params={"token": self.token})
        response.raise_for_status()
        return dict(response.json())

    def say(self, message: str, municipality: str | None = None) -> StaffTurn:
        """Send one message; return the replies with what NLU and the dialogue did."""
        before = len(self._tracker().get("events") or [])
        body: dict[str, Any] = {"sender": self.sender, "message": message}
        if municipality:
            body["metadata"] = {"municipality": municipality}
        response = self.http.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body)
        response.raise_for_status()
        tracker = self._tracker()
        turn = StaffTurn(message=message, replies=list(response.json()))
        latest = tracker.get("latest_message") or {}
        intent = latest.get("intent") or {}
        turn.intent = str(intent.get("name") or "")
        turn.confidence = float(intent.get("confidence") or 0.0)
        turn.candidates = [
            (str(i["name"]), float(i["confidence"]))
            for i in latest.get("intent_ranking") or [] if i.get("name") != turn.intent
        ][:2]
        turn.entities = [(str(e["entity"]), str(e["value"])) for e in latest.get("entities") or []]
        told = latest.get("situation")
        turn.situation = {k: v for k, v in told.items() if v is not None} if isinstance(
            told, dict) else {}
        signalled = latest.get("signals")
        turn.signals = dict(signalled) if isinstance(signalled, dict) else {}
        asked, implied = latest.get("questions"), latest.get("implied")
        turn.questions = [q for q in asked or [] if isinstance(q, dict)] if isinstance(
            asked, list) else []
        turn.implied = [q for q in implied if isinstance(q, dict)] if isinstance(
            implied, list) else []
        for event in (tracker.get("events") or [])[before:]:
            if event.get("event") == "slot" and event.get("name") != "session_started_metadata":
                turn.slots[str(event["name"])] = event.get("value")
            elif event.get("event") == "action" and event.get("name") not in (
                    "action_listen", None):
                turn.actions.append(str(event["name"]))
        slots = tracker.get("slots") or {}
        turn.facts = facts_used(turn.intent, slots.get("municipality"))
        turn.law = str(slots["law"]) if slots.get("law") else None
        return turn

    def close(self) -> None:
        """Close the HTTP connections."""
        self.http.close()


def facts_used(intent: str, municipality_slug: str | None) -> list[dict[str, Any]]:
    """Return the knowledge-base entries behind an answer to ``intent``, with their sources."""
    topic = TOPIC_OF_INTENT.get(intent)
    if topic is None:
        return []
    municipality = get_register().by_slug(municipality_slug) if municipality_slug else None
    answer = answer_topic(get_knowledge_base(), municipality, topic)
    return [
        {"topic": topic, "general": answer.general,
         "facts": entry.facts.dict(exclude_defaults=True),
         "sources": [c.as_dict() for c in answer.citations]}
        for entry in answer.entries
    ]


def is_up(rasa_url: str) -> bool:
    """Tell whether a Rasa server answers at ``rasa_url``."""
    try:
        return httpx.get(f"{rasa_url.rstrip('/')}/", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False

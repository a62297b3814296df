"""Translation between Rasa's tracker and the dialogue's ``Turn``, ``State`` and ``Reply``."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from genoptraening.core.intent_reader import Question
from genoptraening.core.knowledge.loader import get_knowledge_base
from genoptraening.core.passages import get_passage_search
from genoptraening.core.register import get_register
from genoptraening.core.signals import Signals
from genoptraening.core.situation import Situation
from genoptraening.dialogue import Reply, State, Turn
from genoptraening.dialogue.deps import Deps
from genoptraening.dialogue.engine import respond
from genoptraening.dialogue.model import STATE_SLOTS
from genoptraening.settings import get_settings


@lru_cache(maxsize=1)
def dialogue_deps() -> Deps:
    """Return the dialogue's dependencies (the knowledge base reloads itself)."""
    return Deps(get_knowledge_base(), get_register(), get_settings().timezone,
                passages=get_passage_search())


def turn_from(tracker: Tracker) -> Turn:
    """Build the turn from the tracker's latest user message."""
    message: dict[str, Any] = tracker.latest_message or {}
    text = str(message.get("text") or "")
    if text.startswith("/"):
        text = ""  # a button's payload ("/ask_cost"), not something the citizen wrote
    intent = message.get("intent") or {}
    ranking = tuple(
        (str(i.get("name")), float(i.get("confidence") or 0.0))
        for i in message.get("intent_ranking") or []
    )
    entities = tuple(
        (str(e.get("entity")), str(e.get("value")))
        for e in message.get("entities") or []
        if e.get("value") is not None
    )
    metadata = message.get("metadata") or tracker.get_slot("session_started_metadata") or {}
    return Turn(
        text=text,
        intent=str(intent.get("name") or ""),
        confidence=float(intent.get("confidence") or 0.0),
        ranking=ranking,
        entities=entities,
        metadata=metadata if isinstance(metadata, dict) else {},
        situation=Situation.from_dict(message.get("situation")),
        signals=Signals.from_dict(message.get("signals")),
        questions=tuple(q for q in map(Question.from_dict, message.get("questions") or [])
                        if q is not None),
        implied=tuple(q for q in map(Question.from_dict, message.get("implied") or [])
                      if q is not None),
    )


def state_from(tracker: Tracker) -> State:
    """Build the conversation's state from the slots."""
    return State.from_slots({name: tracker.get_slot(name) for name in STATE_SLOTS})


def send(dispatcher: CollectingDispatcher, replies: list[Reply]) -> None:
    """Send each reply: its text with the sources under it, its buttons, and its structure.

    Rasa's REST channel splits a text at blank lines into separate messages; single line
    breaks keep one reply, its source and its buttons together in one message. The same
    reply as structured data (``Reply.payload``) follows as the channel's ``custom`` entry:
    the web API, the widget and the staff tools read that; clients that read only ``text``
    still get the text with its source.
    """
    for reply in replies:
        text = re.sub(r"\n\s*\n", "\n", reply.full_text)
        dispatcher.utter_message(text=text, buttons=[b.as_dict() for b in reply.buttons],
                                 json_message=reply.payload())


def run_dialogue(
    kind: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType]:
    """Run one dialogue handler for the tracker's latest turn; return the slot events."""
    replies, changes = respond(kind, turn_from(tracker), state_from(tracker), dialogue_deps())
    send(dispatcher, replies)
    return [SlotSet(name, value) for name, value in changes.items()]

"""A small tracker store written by Rasa's own SQLTrackerStore (sqlite), for the review tests.

Conversations (times relative to ``now``; the window is the default 30 days):

- ``c-lejre`` (Lejre from the widget): "hvad koster det?" ask_cost 0.92, "kan jeg få kørsel"
  ask_transport 0.41 (low), "blablub 010203-1234" nlu_fallback (best guess ask_apply).
- ``c-switch``: "hvad koster træning i Hjørring" ask_cost 0.95 → Hjørring; "og hvad med
  Rebild?" nlu_fallback (best guess inform_municipality) → Rebild.
- ``c-none`` (no municipality): "hej" greet 0.97, "hvad koster det" ask_cost 0.9, the button
  "/ask_apply" 1.0, "BLABLUB  010203-1234" nlu_fallback (the same text as in c-lejre).
- ``c-old``: 40 days old, outside the window.
- ``staff-abc123``: a staff test conversation, "test" nlu_fallback.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

DAY = 86400.0


def _user(text: str, intent: str, confidence: float, at: float,
          ranking: list[tuple[str, float]] | None = None) -> Any:
    from rasa.shared.core.events import UserUttered

    ranking = ranking or [(intent, confidence)]
    parse = {"intent": {"name": intent, "confidence": confidence}, "entities": [],
             "text": text, "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]}
    return UserUttered(text, intent=parse["intent"], parse_data=parse, timestamp=at)


def _turn(at: float, text: str, intent: str, confidence: float, municipality: str | None = None,
          ranking: list[tuple[str, float]] | None = None) -> list[Any]:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet

    events = [_user(text, intent, confidence, at, ranking),
              ActionExecuted("action_answer_topic", timestamp=at + 0.1)]
    if municipality is not None:
        events.append(SlotSet("municipality", municipality, timestamp=at + 0.2))
    events += [BotUttered("svar", timestamp=at + 0.3),
               ActionExecuted("action_listen", timestamp=at + 0.4)]
    return events


def conversations(now: float) -> dict[str, list[Any]]:
    """The events of each conversation."""
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet

    def start(at: float, municipality: str | None = None) -> list[Any]:
        events = [ActionExecuted("action_session_start", timestamp=at),
                  SessionStarted(timestamp=at + 0.01)]
        if municipality:
            events.append(SlotSet("municipality", municipality, timestamp=at + 0.02))
        return events + [ActionExecuted("action_listen", timestamp=at + 0.03)]

    day1, day2 = now - DAY, now - 2 * DAY
    return {
        "c-lejre": start(day1, "lejre")
        + _turn(day1 + 1, "hvad koster det?", "ask_cost", 0.92)
        + _turn(day1 + 2, "kan jeg få kørsel", "ask_transport", 0.41)
        + _turn(day1 + 3, "blablub 010203-1234", "nlu_fallback", 0.3,
                ranking=[("nlu_fallback", 0.3), ("ask_apply", 0.25), ("greet", 0.1)]),
        "c-switch": start(day2)
        + _turn(day2 + 1, "hvad koster træning i Hjørring", "ask_cost", 0.95, "hjoerring")
        + _turn(day2 + 2, "og hvad med Rebild?", "nlu_fallback", 0.3, "rebild",
                ranking=[("nlu_fallback", 0.3), ("inform_municipality", 0.28)]),
        "c-none": start(day1)
        + _turn(day1 + 10, "hej", "greet", 0.97)
        + _turn(day1 + 11, "hvad koster det", "ask_cost", 0.9)
        + _turn(day1 + 12, "/ask_apply", "ask_apply", 1.0)
        + _turn(day1 + 13, "BLABLUB  010203-1234", "nlu_fallback", 0.3,
                ranking=[("nlu_fallback", 0.3), ("ask_apply", 0.2)]),
        "c-old": start(now - 40 * DAY, "lejre")
        + _turn(now - 40 * DAY + 1, "gammel besked", "ask_cost", 0.99),
        "staff-abc123": start(day1, "lejre") + _turn(day1 + 20, "test", "nlu_fallback", 0.3),
    }


def write_tracker_db(path: Path, now: float) -> Path:
    """Save the conversations with Rasa's SQLTrackerStore into a sqlite file at ``path``."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))

    async def save_all() -> None:
        for sender, events in conversations(now).items():
            await store.save(DialogueStateTracker.from_events(sender, events))

    asyncio.run(save_all())
    store.engine.dispose()
    return path

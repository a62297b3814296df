"""A small Rasa tracker store for the console's tests: citizens' messages, replies, slots."""

from __future__ import annotations

import json
import time
from pathlib import Path

import sqlalchemy as sa

from genoptraening.ops.conversations import _events_table


class Tracker:
    """Rows of Rasa's ``events`` table in an SQLite file, written as Rasa writes them."""

    def __init__(self, path: Path):
        self.engine = sa.create_engine(f"sqlite:///{path}")
        _events_table().metadata.create_all(self.engine)

    def say(self, sender: str, text: str, intent: str, confidence: float,
            municipality: str | None = None, reply: str = "Et svar.",
            at: float | None = None) -> float:
        """Store a citizen's message, the municipality slot and the assistant's reply."""
        at = time.time() if at is None else at
        parse = {"intent": {"name": intent, "confidence": confidence},
                 "intent_ranking": [{"name": intent, "confidence": confidence},
                                    {"name": "ask_cost", "confidence": 0.2}]}
        rows = [{"sender_id": sender, "type_name": "user", "timestamp": at,
                 "intent_name": intent, "action_name": None,
                 "data": json.dumps({"text": text, "parse_data": parse, "timestamp": at})}]
        if municipality:
            rows.append({"sender_id": sender, "type_name": "slot", "timestamp": at + .01,
                         "intent_name": None, "action_name": "municipality",
                         "data": json.dumps({"value": municipality})})
        rows.append({"sender_id": sender, "type_name": "bot", "timestamp": at + .02,
                     "intent_name": None, "action_name": None,
                     "data": json.dumps({"text": reply})})
        with self.engine.begin() as connection:
            connection.execute(_events_table().insert(), rows)
        return at

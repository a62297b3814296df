"""The dialogue state and Rasa's slots: a field without a slot is silently dropped by Rasa."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from genoptraening.dialogue.model import STATE_SLOTS, State

SLOTS_FILE = Path(__file__).resolve().parents[3] / "bot" / "domain" / "slots.yml"

#: Slots Rasa itself fills, which the dialogue does not keep.
RASA_SLOTS = {"session_started_metadata", "requested_slot"}


def test_the_slots_are_the_dialogue_state():
    declared = set(yaml.safe_load(SLOTS_FILE.read_text(encoding="utf-8"))["slots"]) - RASA_SLOTS
    fields = {f.name for f in dataclasses.fields(State)}
    assert declared == set(STATE_SLOTS) == fields
    assert len(STATE_SLOTS) == len(set(STATE_SLOTS))


def test_state_round_trips_through_its_slots():
    state = State(municipality="lejre", town="Hvalsø", pending_topic="cost",
                  pending_question="hvad koster det",
                  pending_reads=[{"text": "hvad koster det", "intent": "ask_cost",
                                  "confidence": 0.9}],
                  last_topic="apply", answered_topics=["apply", "cost"], law="sul_140",
                  relative="mor", eligibility={"hospital": True}, eligibility_question="plan",
                  misses=1)
    slots = state.changes_since(State())
    assert set(slots) == set(STATE_SLOTS)
    assert State.from_slots(slots) == state



def test_the_topics_answered_are_remembered_together_and_replaced_together():
    state = State()
    state.answered("cost", ["deadlines"])
    assert (state.last_topic, state.answered_topics) == ("cost", ["cost", "deadlines"])
    state.answered("contact")
    assert (state.last_topic, state.answered_topics) == ("contact", [])

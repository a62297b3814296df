"""The custom actions. Each names one handler of ``genoptraening.dialogue.engine``."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.adapter import run_dialogue
from genoptraening.dialogue.engine import warm_up

# The action server imports this module once, at start: load the knowledge base, the register
# and the Danish word table now, so that no citizen's first message waits ~1.5 s for them.
warm_up()


class ActionAnswerTopic(Action):
    """Answer a question about a topic of the municipality's standard, with its source."""

    def name(self) -> str:
        """Return the action's name in the domain."""
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Answer the topic of the latest intent."""
        return run_dialogue("answer_topic", dispatcher, tracker)


class ActionSetMunicipality(Action):
    """Take the municipality the citizen names, then answer what waited for it."""

    def name(self) -> str:
        """Return the action's name in the domain."""
        return "action_set_municipality"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set the municipality."""
        return run_dialogue("set_municipality", dispatcher, tracker)


class ActionEligibility(Action):
    """Find the law that fits the citizen's story, one yes/no question at a time."""

    def name(self) -> str:
        """Return the action's name in the domain."""
        return "action_eligibility"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Ask the next question or give the result."""
        return run_dialogue("eligibility", dispatcher, tracker)


class ActionClarify(Action):
    """Ask "Mente du …?" when unsure; after a second miss, hand over."""

    def name(self) -> str:
        """Return the action's name in the domain."""
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Clarify or hand over."""
        return run_dialogue("clarify", dispatcher, tracker)


class ActionHandover(Action):
    """Give the municipality's phone number, opening hours and whether it is open now."""

    def name(self) -> str:
        """Return the action's name in the domain."""
        return "action_handover"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Hand over to a person."""
        return run_dialogue("handover", dispatcher, tracker)


class ActionEmergency(Action):
    """Say 112 first."""

    def name(self) -> str:
        """Return the action's name in the domain."""
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Point to 112."""
        return run_dialogue("emergency", dispatcher, tracker)


class ActionSmalltalk(Action):
    """Greeting, goodbye, thanks, off-topic questions and questions about the assistant."""

    def name(self) -> str:
        """Return the action's name in the domain."""
        return "action_smalltalk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Answer kindly and steer back."""
        return run_dialogue("smalltalk", dispatcher, tracker)


class ActionSessionStart(Action):
    """Start a conversation: keep the slots, take a widget's municipality, say hello."""

    def name(self) -> str:
        """Return the action's name in the domain."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Start the session with the carried-over slots and the opening message."""
        events: list[EventType] = [SessionStarted()]
        carried: dict[str, Any] = {
            name: value for name, value in tracker.current_slot_values().items()
            if value is not None and name != "session_started_metadata"
        }
        events += [SlotSet(name, value) for name, value in carried.items()]
        events += run_dialogue("session_start", dispatcher, tracker)
        events.append(ActionExecuted("action_listen"))
        return events

"""The custom actions. Each names one handler of ``genoptraening.dialogue.engine``."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from genoptraening.dialogue import engine

from .adapter import dialogue_deps, run_dialogue


def warm_up() -> None:
    """Load the knowledge base, the register and the Danish word table now.

    The launcher (``genoptraening.rasa_ext.launch``) calls this before the action server takes
    requests, so that no citizen's first message waits ~1.5 s for them. Without it they load
    at the first request (``dialogue_deps`` is built lazily): nothing heavy runs at import.
    """
    engine.warm_up(dialogue_deps())


class DialogueAction(Action, ABC):
    """An action that runs one handler of the dialogue; it is named ``action_<kind>``.

    A subclass names its handler (in ``genoptraening.dialogue.engine.HANDLERS``) as a class
    keyword: ``class ActionHandover(DialogueAction, kind="handover")``. This class itself stays
    abstract, so rasa-sdk, which skips abstract classes, registers only the subclasses.
    """

    @property
    @abstractmethod
    def kind(self) -> str:
        """The handler in ``genoptraening.dialogue.engine.HANDLERS``."""

    def __init_subclass__(cls, *, kind: str, **rest: Any) -> None:
        super().__init_subclass__(**rest)
        cls.kind = kind  # type: ignore[assignment]  # a constant fills the abstract property

    def name(self) -> str:
        """Return the action's name in the domain."""
        return f"action_{self.kind}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Run the handler for the latest turn; send its replies; return the slot events."""
        return run_dialogue(self.kind, dispatcher, tracker)


class ActionAnswerTopic(DialogueAction, kind="answer_topic"):
    """Answer a question about a topic of the municipality's standard, with its source."""


class ActionSetMunicipality(DialogueAction, kind="set_municipality"):
    """Take the municipality the citizen names, then answer what waited for it."""


class ActionEligibility(DialogueAction, kind="eligibility"):
    """Find the law that fits the citizen's story, one yes/no question at a time."""


class ActionClarify(DialogueAction, kind="clarify"):
    """Ask "Mente du …?" when unsure; after a second miss, hand over."""


class ActionHandover(DialogueAction, kind="handover"):
    """Give the municipality's phone number, opening hours and whether it is open now."""


class ActionEmergency(DialogueAction, kind="emergency"):
    """Say 112 first."""


class ActionHealth(DialogueAction, kind="health"):
    """No health advice: the doctor or the therapist, and the municipality's phone number."""


class ActionGrant(DialogueAction, kind="grant"):
    """Never a grant: the municipality decides, and how to apply."""


class ActionSmalltalk(DialogueAction, kind="smalltalk"):
    """Greeting, goodbye, thanks, off-topic questions and questions about the assistant."""


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

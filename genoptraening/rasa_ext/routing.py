"""The message's own reading corrects the intent, as an NLU component.

``bot/config.yml`` names :class:`ReadingRouter` after the signals and before the fallback: a
message that only names a place is ``inform_municipality``; an emergency the words do not
describe gives way to the next-best intent and is marked ``emergency_unsure`` in the signals;
an unsure story around one sure question takes the question's reading
(:func:`genoptraening.core.routing.reread`). The Rasa rules then run the action the dialogue acts
on, and the tracker records it.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from genoptraening.core.register import Register, get_register
from genoptraening.core.routing import reread
from genoptraening.rasa_ext.intents import QUESTIONS
from genoptraening.rasa_ext.signals import SIGNALS


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False,
)
class ReadingRouter(GraphComponent):
    """Sets the intent a bare place name, a misheard emergency or an unsure story is acted on as."""

    def __init__(self, register: Register) -> None:
        self._register = register

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> ReadingRouter:
        """Create the router with the register of municipalities."""
        return cls(get_register())

    def process(self, messages: list[Message]) -> list[Message]:
        """Correct each message's intent and ranking where its own reading decides."""
        for message in messages:
            text, signals = message.get(TEXT), message.get(SIGNALS)
            ranking = message.get(INTENT_RANKING_KEY) or []
            if not (isinstance(text, str) and text and not text.startswith("/")
                    and isinstance(signals, dict) and ranking):
                continue
            pairs = [(str(r.get("name")), float(r.get("confidence") or 0.0)) for r in ranking]
            asked = message.get(QUESTIONS) or []
            # The story's question, or the first of its questions: what it leads with.
            question = ((str(asked[0]["intent"]), float(asked[0]["confidence"]))
                        if asked else None)
            reread_ranking, unsure = reread(text, pairs, bool(signals.get("emergency")),
                                            self._register, question,
                                            consent=bool(signals.get("consent")))
            if reread_ranking == pairs:
                continue
            ranked = [{"name": name, "confidence": confidence}
                      for name, confidence in reread_ranking]
            message.set(INTENT, ranked[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranked, add_to_output=True)
            if unsure:
                message.set(SIGNALS, {**signals, "emergency_unsure": True}, add_to_output=True)
        return messages

"""What a message signals as an NLU component: an emergency, English, a relative, consent.

``bot/config.yml`` names :class:`SignalReader` after the fact reader. Each message then carries
``signals`` (:func:`genoptraening.core.signals.read_signals`): whether it describes an
emergency happening now, is written in English, speaks of a relative (the noun) and says the
relative has agreed. The tracker's ``parse_data``, ``rasa test`` and the staff tools see them,
and the dialogue reads them from the turn instead of reading the text again.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from genoptraening.core.reading import warm_up
from genoptraening.core.signals import read_signals

#: The key of the parse data the signals are found under.
SIGNALS = "signals"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False,
)
class SignalReader(GraphComponent):
    """Reads a message's emergency, English, relative and consent signals."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SignalReader:
        """Create the reader (it learns nothing), its word lists loaded now.

        The emergency and relative readers correct typos against the Danish word list, which
        loads in seconds: loaded at the first citizen message, that message stalled the
        server's event loop (2.6 s in ``genoptraening bench``) and other conversations'
        actions timed out meanwhile.
        """
        warm_up()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Add each message's signals under ``signals`` (not to a button's payload)."""
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text and not text.startswith("/"):
                message.set(SIGNALS, read_signals(text).as_dict(), add_to_output=True)
        return messages

from __future__ import annotations

from collections.abc import Callable

import pytest

from genoptraening.core.knowledge.loader import get_knowledge_base
from genoptraening.core.passages import get_passage_search
from genoptraening.core.register import get_register
from genoptraening.dialogue import Reply, State, Turn
from genoptraening.dialogue.deps import Deps
from genoptraening.dialogue.engine import respond
from tests.genoptraening.dialogue.imported_kb import Imported


class Conversation:
    """Drive the dialogue directly, turn by turn, keeping the state like Rasa's slots do."""

    def __init__(self, passages: bool = True, **slots):
        self.state = State(**slots)
        self.replies: list[Reply] = []
        # As the actions run it: the standards' own text searched (off: curated topics only).
        self.deps = Deps(get_knowledge_base(), get_register(),
                         passages=get_passage_search() if passages else None)

    def say(self, kind: str, text: str, intent: str = "", **turn) -> str:
        self.replies, changes = respond(kind, Turn(text=text, intent=intent, **turn), self.state,
                                          self.deps)
        for name, value in changes.items():
            setattr(self.state, name, value)
        return "\n\n".join(r.full_text for r in self.replies)

    @property
    def buttons(self) -> list[str]:
        return [b.title for r in self.replies for b in r.buttons]


@pytest.fixture
def conversation() -> Callable[..., Conversation]:
    return Conversation


@pytest.fixture(scope="session")
def imported(tmp_path_factory) -> Imported:
    """Municipalities imported as if new from their seeds (each built once, when first used)."""
    return Imported(tmp_path_factory.mktemp("imported"))

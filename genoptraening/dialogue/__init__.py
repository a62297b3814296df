"""The dialogue: what the assistant answers to one turn, given the conversation's state.

Rasa's custom actions (``actions/``) are thin adapters over these functions: they build a
``Turn`` and a ``State`` from the tracker, call one function, send its replies and store the
changed state in slots. The staff tools and tests call the same functions directly.
"""

from genoptraening.dialogue.model import Button, Reply, State, Turn

__all__ = ["Button", "Reply", "State", "Turn"]

"""Asked to grant training: the assistant only guides, the municipality decides.

"Kan du ikke bare bevilge mig genoptræning to gange om ugen med det samme?": no grant and no
promise (the brief's rule), who decides, and how to apply there — the one thing that moves
the case on.
"""

from __future__ import annotations

from genoptraening.core.render import phrase
from genoptraening.dialogue import turns
from genoptraening.dialogue.context import Context, ask_municipality
from genoptraening.dialogue.model import Reply


def grant(context: Context) -> list[Reply]:
    """Say that the municipality decides, then how to apply (asking where when unknown)."""
    said = Reply(phrase("cannot_grant", **context.who()))
    if context.municipality is None:
        return [said, ask_municipality(context, "apply")]
    context.state.answered("apply")
    return [said, *turns.topic_replies(context, "apply", "", context.state.law)]

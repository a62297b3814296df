"""The turns that are not about a topic: 112, greetings, thanks, privacy, off-topic.

An off-topic message may still ask an in-domain detail ("Kan jeg få min træning om
aftenen?"), and a privacy question may ask how to write to the municipality ("må jeg sende
mit CPR-nummer på mail?"): those are answered from the standard.
"""

from __future__ import annotations

from genoptraening.core.render import phrase, phrases
from genoptraening.dialogue import details, passages
from genoptraening.dialogue.context import (
    Context,
    ask_municipality,
    emergency_reply,
    menu_buttons,
)
from genoptraening.dialogue.model import Button, Reply
from genoptraening.dialogue.turns import topic_replies

#: The topic a detail without a topic of its own is answered with, when NLU found none.
DETAIL_TOPIC = "scope"


def emergency(context: Context) -> list[Reply]:
    """Say 112 first."""
    return [emergency_reply(context.kb)]


def smalltalk(context: Context) -> list[Reply]:
    """Greet, say goodbye, thank, steer an off-topic question back, and the like."""
    intent = context.turn.intent
    if intent == "greet":
        return [Reply(phrase("greeting"), buttons=menu_buttons())]
    if intent == "out_of_scope":
        # An in-domain detail the classifier did not know is answered from the standard:
        # "Kan jeg få min træning om aftenen?" asks when the training is.
        detail = details.detail_asked(context.turn.text, intent)
        if detail is not None:
            topic = detail.topic or DETAIL_TOPIC
            context.state.answered(topic)
            context.state.misses = 0
            if context.municipality is None:
                return [ask_municipality(context, topic)]
            return topic_replies(context, topic, context.turn.text)
        return passages.instead_of_clarifying(context) or [
            Reply(phrase("out_of_scope"), buttons=menu_buttons())]
    if intent == "bot_challenge":
        labels = phrases()["intent_labels"]
        return [Reply(phrase("bot_challenge"),
                      buttons=[Button(labels["human_handoff"], "/human_handoff")])]
    key = {"goodbye": "goodbye", "thank": "thanks", "ask_privacy": "privacy"}.get(
        intent, "greeting")
    if intent == "ask_privacy" and context.municipality is not None and (
            details.detail_asked(context.turn.text, "contact")):
        # "Må jeg sende mit CPR-nummer på mail?": not here; and how the standard says to
        # write to the municipality (digital post for personal data, where it says so).
        return [Reply(phrase(key)), *topic_replies(context, "contact", context.turn.text)]
    return [Reply(phrase(key))]


def session_start(context: Context) -> list[Reply]:
    """Open the conversation: who the assistant is and the privacy note."""
    if context.municipality is not None:
        return [Reply(phrase("session_start_municipality",
                             municipality=context.municipality.official))]
    return [Reply(phrase("session_start"))]

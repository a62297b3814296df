"""The custom actions, run the way the action server runs them, with real trackers."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from genoptraening.actions.actions import (
    ActionAnswerTopic,
    ActionClarify,
    ActionEligibility,
    ActionEmergency,
    ActionHandover,
    ActionSessionStart,
    ActionSetMunicipality,
    ActionSmalltalk,
)
from genoptraening.actions.adapter import turn_from
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

DOMAIN: DomainDict = {}


def tracker(text: str, intent: str, slots: dict[str, Any] | None = None,
            metadata: dict[str, Any] | None = None,
            ranking: list[tuple[str, float]] | None = None) -> Tracker:
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.93},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [])],
        "entities": [],
        "metadata": metadata or {},
    }
    return Tracker("test", slots or {}, message, [], False, None, {}, "action_listen")


def run(action, tr: Tracker) -> tuple[CollectingDispatcher, list]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tr, DOMAIN))
    return dispatcher, events


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m["text"] for m in dispatcher.messages)


def test_answer_topic_sends_text_with_source_and_sets_slots():
    dispatcher, events = run(ActionAnswerTopic(), tracker("hvad koster kørsel i Lejre",
                                                          "ask_transport"))
    assert "41 kr." in texts(dispatcher)
    assert "Kilde: " in texts(dispatcher)
    assert SlotSet("municipality", "lejre") in events
    assert SlotSet("last_topic", "transport") in events


def test_set_municipality_answers_the_pending_topic():
    dispatcher, events = run(ActionSetMunicipality(),
                             tracker("Hedensted", "inform_municipality",
                                     {"pending_topic": "contact"}))
    assert "79 91 82 50" in texts(dispatcher)
    assert SlotSet("pending_topic", None) in events


def test_eligibility_asks_with_yes_no_buttons():
    dispatcher, events = run(ActionEligibility(), tracker("kan jeg få træning",
                                                         "check_eligibility"))
    assert [b["payload"] for b in dispatcher.messages[-1]["buttons"]] == ["/affirm", "/deny"]
    assert SlotSet("eligibility_question", "hospital") in events


def test_button_payload_is_not_taken_for_the_citizens_words():
    turn = turn_from(tracker('/inform_municipality{"municipality": "Lejre"}',
                             "inform_municipality"))
    assert turn.text == ""


def test_clarify_offers_the_likeliest_topics():
    dispatcher, events = run(ActionClarify(), tracker(
        "øhh", "nlu_fallback", {"municipality": "lejre"},
        ranking=[("nlu_fallback", 0.4), ("ask_cost", 0.3), ("ask_apply", 0.2)]))
    payloads = [b["payload"] for b in dispatcher.messages[-1]["buttons"]]
    assert payloads == ["/ask_cost", "/ask_apply", "/human_handoff"]
    assert SlotSet("misses", 1) in events


def test_handover_gives_the_phone_number():
    dispatcher, _ = run(ActionHandover(), tracker("menneske", "human_handoff",
                                                  {"municipality": "hjoerring"}))
    assert "72 33 58 50" in texts(dispatcher)


def test_emergency_says_112():
    dispatcher, _ = run(ActionEmergency(), tracker("min mor er faldet og bløder", "emergency"))
    assert dispatcher.messages[0]["text"].startswith("Ring 112 nu")


def test_smalltalk_goodbye():
    dispatcher, _ = run(ActionSmalltalk(), tracker("farvel", "goodbye"))
    assert "Farvel" in texts(dispatcher)


def test_session_start_keeps_slots_and_takes_the_widgets_municipality():
    tr = tracker("", "", {"relative": "mor", "session_started_metadata":
                          {"municipality": "hjoerring"}})
    dispatcher, events = run(ActionSessionStart(), tr)
    assert events[0] == SessionStarted()
    assert SlotSet("relative", "mor") in events
    assert SlotSet("municipality", "hjoerring") in events
    assert events[-1] == ActionExecuted("action_listen")
    assert "Skriv ikke dit CPR-nummer" in texts(dispatcher)


@pytest.mark.parametrize("action", [ActionAnswerTopic, ActionSetMunicipality, ActionEligibility,
                                    ActionClarify, ActionHandover, ActionEmergency,
                                    ActionSmalltalk, ActionSessionStart])
def test_every_action_names_a_domain_action(action):
    import yaml

    from genoptraening.settings import CHECKOUT as PROJECT_ROOT

    domain = yaml.safe_load((PROJECT_ROOT / "bot" / "domain" / "actions.yml").read_text())
    assert action().name() in domain["actions"]


def test_the_action_server_registers_exactly_the_domain_actions():
    import yaml
    from rasa_sdk.executor import ActionExecutor

    from genoptraening.settings import CHECKOUT as PROJECT_ROOT

    executor = ActionExecutor()
    executor.register_package("genoptraening.actions")
    domain = yaml.safe_load((PROJECT_ROOT / "bot" / "domain" / "actions.yml").read_text())
    assert set(executor.actions) == set(domain["actions"])


def test_the_rules_route_each_intent_to_the_handler_the_engine_expects():
    # The engine re-routes a misheard emergency by KIND_OF_INTENT; it must mirror the rules.
    import yaml

    from genoptraening.dialogue.engine import KIND_OF_INTENT
    from genoptraening.settings import CHECKOUT as PROJECT_ROOT

    routes = {}
    for path in (PROJECT_ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            steps = rule["steps"]
            routes[steps[0]["intent"]] = steps[1]["action"]
    assert routes == {intent: f"action_{kind}" for intent, kind in KIND_OF_INTENT.items()}


def test_the_questions_nlu_read_come_with_the_turn_and_malformed_ones_are_dropped():
    tr = tracker("Hvad koster det, og kan jeg blive kørt?", "ask_cost")
    tr.latest_message["questions"] = [
        {"text": "Hvad koster det", "intent": "ask_cost", "confidence": 0.9},
        {"text": "kan jeg blive kørt?", "intent": "ask_transport", "confidence": 0.8},
        {"text": "broken"}]
    turn = turn_from(tr)
    assert [(q.text, q.intent) for q in turn.questions] == [
        ("Hvad koster det", "ask_cost"), ("kan jeg blive kørt?", "ask_transport")]


def test_the_signals_nlu_read_come_with_the_turn():
    tr = tracker("min far er faldet", "check_eligibility")
    tr.latest_message["signals"] = {"emergency": False, "english": False, "relative": "far",
                                    "consent": True}
    turn = turn_from(tr)
    assert turn.signals is not None and turn.signals.consent
    assert turn.signalled.relative is not None and turn.signalled.relative.noun == "far"
    assert turn_from(tracker("hej", "greet")).signals is None

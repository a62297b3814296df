"""The Overblik page's figures per week and its SVG charts (titled, escaped, no inline style)."""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET

from genoptraening.ops.console.charts import bar_chart, bar_list
from genoptraening.ops.console.overview import as_csv, overview
from genoptraening.ops.console.review_items import Window
from genoptraening.ops.feedback import Rating
from genoptraening.ops.review import Message, Review

SVG = "{http://www.w3.org/2000/svg}"


def _message(at: float, intent: str, confidence: float) -> Message:
    return Message("c", at, "tekst", intent, confidence, intent, "lejre")


def test_the_weeks_of_a_window_count_messages_fallbacks_and_ratings():
    monday = dt.datetime(2026, 11, 30, 12, 0)
    start = time.mktime(monday.timetuple())
    week = 7 * 86400
    review = Review(start, start + 2 * week + 3600, messages=[
        _message(start, "ask_cost", 0.9), _message(start + 60, "nlu_fallback", 0.2),
        _message(start + week, "ask_cost", 0.3), _message(start + 2 * week, "ask_contact", 0.8)])
    window = Window(review, [(Rating(start + 10, "c", "r", "down"), None),
                             (Rating(start + week, "c", "r", "up"), None)], {})
    result = overview(window)
    assert [w.label for w in result.weeks] == ["uge 49", "uge 50", "uge 51"]
    first, second, _ = result.weeks
    assert (first.messages, first.understood, first.fallbacks, first.down) == (2, 1, 1, 1)
    assert (second.low, second.up, second.share) == (1, 1, 0.0)
    assert result.topics == [("contact", "Kontakt og åbningstider", 1), ("cost", "Pris", 1)] \
        or [t for t, _, _ in result.topics] == ["contact", "cost"]
    csv = as_csv(result, "lejre").splitlines()
    assert csv[1] == "2026-11-30;uge 49;lejre;2;1;0,5000;1;0;0;1"


def test_a_chart_is_titled_escaped_and_styled_by_attributes_only():
    svg = bar_chart("c1", "Andel <forstået>", "Beskrivelse & mere", ["uge 1", "uge 2"],
                    [("Forstået", [50.0, None]), ("Andet", [10.0, 20.0])], maximum=100,
                    unit=" %")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-t c1-d"
    assert root.find(f"{SVG}title").text == "Andel <forstået>"
    assert root.find(f"{SVG}desc").text == "Beskrivelse & mere"
    assert len(root.findall(f"{SVG}rect")) == 3 + 2  # three bars, two legend keys
    assert "style=" not in svg
    listed = ET.fromstring(bar_list("c2", "Emner", "De mest spurgte", [("Pris", 3), ("Kørsel", 1)]))
    assert [t.text for t in listed.findall(f"{SVG}text")][:2] == ["Pris", "3"]

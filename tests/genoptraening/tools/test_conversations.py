"""Held-out conversations: reading the set, checking a turn, the shares, the report."""

from __future__ import annotations

from dataclasses import dataclass

from genoptraening.core.register import get_register
from genoptraening.tools import conversations as tool
from genoptraening.tools.report import CONVERSATIONS_HEADING

SET = """\
version: 1
conversations:
  - id: c1
    kinds: [plain]
    widget_municipality: Lejre
    turns:
      - user: "hvad koster det?"
        must_contain_any: [["gratis", "koster ikke"]]
        must_not_contain: ["72 33 58 50"]
  - id: c2
    kinds: [follow_up, relative]
    widget_municipality: null
    turns:
      - user: "hvordan søger min mor?"
        must_contain_any: []
      - user: "hun bor i Hjørring"
        must_contain_any: [["72 33 58 50"]]
"""


def test_a_turn_needs_one_alternative_of_each_group_and_none_forbidden():
    turn = tool.Turn("?", (("gratis", "koster ikke"), ("Kilde",)), ("41 kr",))
    assert tool.turn_problems(turn, ["Træningen er GRATIS.\nKilde: Lejre"]) == []
    assert tool.turn_problems(turn, ["Det koster 41 kr."]) == [
        "mangler en af ['gratis', 'koster ikke']", "mangler en af ['Kilde']",
        "indeholder '41 kr'"]
    assert tool.turn_problems(tool.Turn("?", (("Hjørring",),)), ["hjoerring"]) == []


@dataclass
class FakeTurn:
    texts: list[str]


class FakeClient:
    """Answers from a table; records the municipality each message was sent with."""

    def __init__(self, answers: dict[str, str]):
        self.answers, self.sent, self.conversations = answers, [], 0

    def new_conversation(self) -> str:
        self.conversations += 1
        return str(self.conversations)

    def say(self, message: str, municipality: str | None = None) -> FakeTurn:
        self.sent.append((message, municipality))
        return FakeTurn([self.answers.get(message, "")])


def test_each_conversation_runs_in_its_own_conversation_and_is_scored(tmp_path):
    path = tmp_path / "set.yml"
    path.write_text(SET, encoding="utf-8")
    conversations = tool.load(path)
    client = FakeClient({"hvad koster det?": "Det er gratis.",
                         "hun bor i Hjørring": "Ring på 72 33 58 50."})
    outcomes = tool.run(conversations, client, get_register())
    assert client.conversations == 2
    assert client.sent[0] == ("hvad koster det?", "Lejre")
    assert [o.correct for o in outcomes] == [True, True]
    assert [o.municipality for o in outcomes] == ["Lejre", "Hjørring"]
    figures = tool.shares(outcomes)
    assert figures["alle"]["alle"] == (2, 2)
    assert figures["slags"]["relative"] == (1, 1)
    section = tool.render(outcomes, "Før.")
    assert section.startswith(CONVERSATIONS_HEADING)
    assert "**Correct: 2 of 2 (1.000).**" in section and "Før." in section


def test_the_held_out_set_is_large_and_varied():
    conversations = tool.load(tool.HELDOUT)
    assert len(conversations) >= 150
    assert len({c.id for c in conversations}) == len(conversations)
    kinds = {kind for c in conversations for kind in c.kinds}
    assert {"relative", "two_questions", "follow_up", "story"} <= kinds


def test_municipalities_without_a_standard_are_counted_together():
    conversation = tool.Conversation("c", ("no_standard",), None,
                                     (tool.Turn("jeg bor i Aarhus, hvad koster det?"),))
    assert tool.municipality_of(conversation, get_register()) == "uden standard"
    nowhere = tool.Conversation("d", ("law",), None, (tool.Turn("hvad er § 140?"),))
    assert tool.municipality_of(nowhere, get_register()) == "ingen"


def test_failures_are_shown_with_their_replies_for_a_set_that_is_not_held_out(tmp_path):
    path = tmp_path / "dev.yml"
    path.write_text(SET, encoding="utf-8")
    client = FakeClient({"hvad koster det?": "Det koster 41 kr."})
    outcomes = tool.run(tool.load(path), client, get_register())
    shown = tool.render_failures(outcomes)
    assert "### c1 (plain; widget: Lejre)" in shown
    assert "- tur 1: hvad koster det?" in shown
    assert "FEJL: mangler en af ['gratis', 'koster ikke']" in shown
    assert "> Det koster 41 kr." in shown
    assert tool.is_held_out(tool.HELDOUT) and not tool.is_held_out(path)


def test_the_cli_never_shows_which_held_out_conversations_failed(capsys):
    from genoptraening.cli import main

    assert main(["conversations", "evaluate", "--failures"]) == 2
    assert "kun andelen rigtige" in capsys.readouterr().out
    dev = str(tool.HELDOUT.with_name("dev.yml"))
    assert main(["conversations", "evaluate", "--file", dev, "--write-report"]) == 2
    assert "Kun de tilbageholdte" in capsys.readouterr().out

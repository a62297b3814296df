"""Held-out conversations through the running assistant: the share answered correctly.

The set (``tests/conversations/heldout.yml``) was written from the seeds and the brief by a
separate author, never trained or tuned on. Each conversation is put to the assistant through
its REST channel, turn by turn, in a conversation of its own, with the municipality the
website's widget would send. A turn is correct when its replies hold one alternative of every
expected group and none of the forbidden strings (compared as :func:`skeleton` folds them:
case, white space, æ/ø/å ≡ ae/oe/aa); a conversation when all its turns are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from genoptraening.core.text import skeleton
from genoptraening.settings import CHECKOUT
from genoptraening.tools.report import CONVERSATIONS_HEADING

HELDOUT = CHECKOUT / "tests" / "conversations" / "heldout.yml"


@dataclass(frozen=True)
class Turn:
    """One message of a conversation, with what the reply to it must (not) hold."""

    user: str
    must_contain_any: tuple[tuple[str, ...], ...] = ()
    must_not_contain: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conversation:
    """A held-out conversation."""

    id: str
    kinds: tuple[str, ...]
    widget_municipality: str | None
    turns: tuple[Turn, ...]


def load(path: Path = HELDOUT) -> list[Conversation]:
    """Read a conversation set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    conversations = []
    for row in data.get("conversations") or []:
        turns = tuple(
            Turn(str(t["user"]),
                 tuple(tuple(str(a) for a in group) for group in t.get("must_contain_any") or []),
                 tuple(str(s) for s in t.get("must_not_contain") or []))
            for t in row.get("turns") or [])
        conversations.append(Conversation(
            str(row["id"]), tuple(row.get("kinds") or ()), row.get("widget_municipality"), turns))
    return conversations


def turn_problems(turn: Turn, replies: Iterable[str]) -> list[str]:
    """Return what a turn's replies lack or hold wrongly (empty when the turn is correct)."""
    said = skeleton("\n".join(replies))
    problems = [f"mangler en af {list(group)}" for group in turn.must_contain_any
                if group and not any(skeleton(a) in said for a in group)]
    problems += [f"indeholder {s!r}" for s in turn.must_not_contain if skeleton(s) in said]
    return problems


@dataclass
class Outcome:
    """How one conversation went."""

    conversation: Conversation
    municipality: str
    problems: list[tuple[int, str]] = field(default_factory=list)  # (turn number, problem)
    replies: list[list[str]] = field(default_factory=list)  # each turn's replies

    @property
    def correct(self) -> bool:
        """Tell whether every turn was answered correctly."""
        return not self.problems


def municipality_of(conversation: Conversation, register: Any) -> str:
    """Name the municipality a conversation is about.

    The first one its messages name, else the widget's; "uden standard" for one whose
    standard is not on file, "ingen" when none is known.
    """
    found = next((match.municipality for turn in conversation.turns
                  if (match := register.find(turn.user)) is not None), None)
    widget = conversation.widget_municipality
    if found is None and widget:
        found = register.lookup(widget)
    if found is None:
        return "ingen"
    with_standard = {m.slug for m in register.with_standard()}
    return str(found.name) if found.slug in with_standard else "uden standard"


def run(conversations: list[Conversation], client: Any, register: Any) -> list[Outcome]:
    """Put each conversation to the assistant in a fresh conversation of its own."""
    outcomes = []
    for conversation in conversations:
        client.new_conversation()
        outcome = Outcome(conversation, municipality_of(conversation, register))
        for number, turn in enumerate(conversation.turns, start=1):
            replies = client.say(turn.user, conversation.widget_municipality).texts
            outcome.replies.append(list(replies))
            outcome.problems += [(number, p) for p in turn_problems(turn, replies)]
        outcomes.append(outcome)
    return outcomes


def is_held_out(path: Path) -> bool:
    """Tell whether a conversation file is a held-out set (its failures are never shown)."""
    return "heldout" in path.name


def render_failures(outcomes: list[Outcome]) -> str:
    """Render each failed conversation: its turns, what went wrong, and the replies."""
    lines: list[str] = []
    for outcome in outcomes:
        if outcome.correct:
            continue
        lines.append(f"\n### {outcome.conversation.id} ({', '.join(outcome.conversation.kinds)};"
                     f" widget: {outcome.conversation.widget_municipality})")
        for number, (turn, replies) in enumerate(
                zip(outcome.conversation.turns, outcome.replies, strict=False), start=1):
            lines.append(f"- tur {number}: {turn.user}")
            lines += [f"  - FEJL: {p}" for n, p in outcome.problems if n == number]
            lines += ["  > " + r.replace("\n", " ")[:400] for r in replies]
    return "\n".join(lines)


def shares(outcomes: list[Outcome]) -> dict[str, dict[str, tuple[int, int]]]:
    """Return (correct, total) overall, per municipality and per kind of conversation."""
    table: dict[str, dict[str, list[int]]] = {
        "alle": defaultdict(lambda: [0, 0]), "kommune": defaultdict(lambda: [0, 0]),
        "slags": defaultdict(lambda: [0, 0])}
    for outcome in outcomes:
        keys = [("alle", "alle"), ("kommune", outcome.municipality),
                *[("slags", kind) for kind in outcome.conversation.kinds]]
        for group, key in keys:
            table[group][key][0] += outcome.correct
            table[group][key][1] += 1
    return {group: {k: (v[0], v[1]) for k, v in sorted(rows.items())}
            for group, rows in table.items()}


def render(outcomes: list[Outcome], label: str) -> str:
    """Render the shares as the report's Markdown section."""
    figures = shares(outcomes)
    correct, total = figures["alle"]["alle"]

    def rows(group: str) -> list[str]:
        return [f"| {key} | {c} of {t} | {c / t:.3f} |" for key, (c, t) in figures[group].items()]

    return "\n".join([
        CONVERSATIONS_HEADING, "",
        "Produced by `make evaluate` (`genoptraening conversations evaluate --write-report`): "
        f"`{HELDOUT.relative_to(CHECKOUT)}`, written from the seeds and the brief by a separate "
        "author and never trained or tuned on, put to the assistant through its REST channel "
        "turn by turn. A conversation is correct when every turn's replies hold the expected "
        f"facts and none of the forbidden ones. {label}", "",
        f"**Correct: {correct} of {total} ({correct / total:.3f}).**", "",
        "| municipality | correct | share |", "| --- | --- | --- |", *rows("kommune"), "",
        "| kind of conversation | correct | share |", "| --- | --- | --- |", *rows("slags"), "",
    ])

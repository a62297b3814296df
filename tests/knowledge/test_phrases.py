"""Every phrase key the code uses is in knowledge/phrases/da.yml, and every phrase there is used.

Keys are read from the code itself: ``phrase("…")``, ``api_text("…")`` and ``problem(…, "…")``
(the ``api`` group), ``phrases()["…"]`` (a whole group, looked up by id), and ``T.…`` in
widget.js (the ``widget`` group). Nested keys are dotted paths ("api.not_found").
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from genoptraening.core.knowledge.schema import (
    LAWS,
    TOPICS,
    DeadlineEvent,
    DeadlineKind,
    DeadlineUnit,
)

ROOT = Path(__file__).resolve().parents[2]
PHRASES = ROOT / "knowledge" / "phrases" / "da.yml"
WIDGET_JS = ROOT / "api" / "static" / "widget.js"
SOURCES = ("genoptraening", "api", "actions")

#: Groups read key by key (not by id): their leaves are checked one by one.
LEAF_GROUPS = {"api", "widget"}

#: Keys built at run time, with the keys they can become and why they are built.
DYNAMIC = {
    # dialogue/eligibility.py asks its yes/no questions by id (``_next_question``).
    "q_{question}": {"q_hospital", "q_plan", "q_lasting"},
    # dialogue/eligibility.py concludes with the law that fits (``_law``).
    "result_{law}": {"result_sul_140", "result_sel_86_1", "result_sel_86_2"},
}

#: Groups looked up by an id from the code: their keys must be exactly those ids.
BY_ID = {
    "topics": set(TOPICS),
    "laws": set(LAWS),
    "law_offers": set(LAWS),
    "kinds": set(get_args(DeadlineKind)),
    "events": set(get_args(DeadlineEvent)),
    "units_singular": set(get_args(DeadlineUnit)),
}


def _file_keys() -> set[str]:
    data = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    keys = set()
    for key, value in data.items():
        keys.add(key)
        if key in LEAF_GROUPS:
            keys.update(f"{key}.{leaf}" for leaf in value)
    return keys


class _Uses(ast.NodeVisitor):
    """Collect the phrase keys one module uses (and the dynamic ones, as patterns)."""

    def __init__(self, tree: ast.Module) -> None:
        self.keys: set[str] = set()
        self.patterns: set[str] = set()
        self.unresolved: list[str] = []
        self.assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(node.value)

    def literals(self, node: ast.expr, group: str = "") -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {group + node.value}
        if isinstance(node, ast.IfExp):
            return self.literals(node.body, group) | self.literals(node.orelse, group)
        if isinstance(node, ast.Dict):  # {intent: key}.get(intent, default)
            return set().union(*(self.literals(v, group) for v in node.values))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr == "get" and isinstance(node.func.value, ast.Dict)):
            parts = [node.func.value, *node.args[1:]]
            return set().union(*(self.literals(n, group) for n in parts))
        if isinstance(node, ast.Name) and node.id in self.assigned:
            return set().union(*(self.literals(v, group) for v in self.assigned[node.id]))
        if isinstance(node, ast.JoinedStr):
            self.patterns.add("".join(
                v.value if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}"
                for v in node.values if isinstance(v, (ast.Constant, ast.FormattedValue))))
            return set()
        self.unresolved.append(ast.unparse(node))
        return set()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name == "phrase" and node.args:
            self.keys |= self.literals(node.args[0])
        elif name == "api_text" and node.args:
            self.keys |= self.literals(node.args[0], "api.")
        elif name == "problem" and len(node.args) > 1:
            self.keys |= self.literals(node.args[1], "api.")
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:  # noqa: N802
        # phrases()["menu"], or texts["kinds"] where texts = phrases().
        value = node.value
        if isinstance(value, ast.Name) and value.id in self.assigned:
            value = self.assigned[value.id][0]
        if (isinstance(value, ast.Call) and getattr(value.func, "id", None) == "phrases"
                and isinstance(node.slice, ast.Constant)):
            self.keys.add(node.slice.value)
        self.generic_visit(node)


#: The accessors themselves: they pass their caller's ``key`` on.
ACCESSORS = {"genoptraening/core/render.py", "api/errors.py"}


def _python_uses() -> _Uses:
    total = _Uses(ast.Module(body=[], type_ignores=[]))
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            uses = _Uses(tree)
            uses.visit(tree)
            total.keys |= uses.keys
            total.patterns |= uses.patterns
            total.unresolved += [f"{name}: {u}" for u in uses.unresolved
                                 if not (name in ACCESSORS and u == "key")]
    return total


def _widget_uses() -> set[str]:
    return {f"widget.{name}" for name in
            re.findall(r"\bT\.(\w+)", WIDGET_JS.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def uses() -> _Uses:
    return _python_uses()


def test_every_key_the_code_builds_is_known(uses):
    assert uses.unresolved == []  # a key the test cannot read: add it to DYNAMIC with a reason
    assert uses.patterns == set(DYNAMIC)


def test_every_key_used_exists(uses):
    used = uses.keys | _widget_uses() | set().union(*DYNAMIC.values())
    assert sorted(used - _file_keys()) == []


def test_every_phrase_is_used(uses):
    used = uses.keys | _widget_uses() | set().union(*DYNAMIC.values())
    assert sorted(_file_keys() - used - LEAF_GROUPS) == []
    assert LEAF_GROUPS <= used  # each group is read by its accessor


@pytest.mark.parametrize("group", sorted(BY_ID))
def test_groups_looked_up_by_id_have_every_id(group):
    data: dict[str, Any] = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    assert set(data[group]) == BY_ID[group]


def test_intent_labels_and_menu_name_intents_of_the_domain():
    domain = yaml.safe_load((ROOT / "bot" / "domain" / "intents.yml").read_text("utf-8"))
    intents = {i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]}
    data = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    assert set(data["intent_labels"]) | set(data["menu"]) <= intents

"""Training examples: marked once per text (again: a new intent), masked, exported as Rasa
NLU data in the format of data/nlu/, and only by those who may."""

from __future__ import annotations

import pytest
import yaml

from genoptraening.ops.console.accounts import Accounts
from genoptraening.ops.console.db import ConsoleDatabase
from genoptraening.ops.console.examples import Examples, intents
from genoptraening.ops.console.texts import ConsoleRefusal
from genoptraening.settings import get_settings

PASSWORD = "en lang og sikker adgangskode"
KNOWN = {"ask_cost", "ask_transport"}


@pytest.fixture
def setup(tmp_path):
    db = ConsoleDatabase.sqlite(tmp_path / "staff.db")
    accounts = Accounts(db)
    users = {"anna": accounts.add("anna", "admin", [], PASSWORD, "t"),
             "lene": accounts.add("lene", "editor", ["lejre"], PASSWORD, "t"),
             "rita": accounts.add("rita", "reader", [], PASSWORD, "t")}
    yield Examples(db), users
    db.dispose()


def test_a_text_is_kept_once_masked_and_exported_by_intent(setup):
    examples, users = setup
    examples.mark(users["lene"], "mit cpr er 010203-1234 hvad koster det", "ask_transport",
                  KNOWN, "lejre", "fallback", 1.0)
    examples.mark(users["anna"], "Mit CPR er 010203-1234  hvad koster det", "ask_cost",
                  KNOWN, "lejre", "down", 2.0)
    examples.mark(users["anna"], "[kørsel](x) til træning?", "ask_transport", KNOWN, None,
                  "low", 3.0)
    listed = examples.list()
    assert len(listed) == 2 and listed[1].intent == "ask_cost"
    body, count = examples.export()
    data = yaml.safe_load(body)
    assert count == 2 and body.startswith("# Træningseksempler")
    assert data == {"version": "3.1", "nlu": [
        {"intent": "ask_cost", "examples": "- Mit CPR er [CPR] hvad koster det\n"},
        {"intent": "ask_transport", "examples": "- [kørsel] (x) til træning?\n"}]}


def test_only_an_admin_or_the_municipalitys_editor_marks_and_removes(setup):
    examples, users = setup
    with pytest.raises(ConsoleRefusal, match="ikke adgang"):
        examples.mark(users["rita"], "x", "ask_cost", KNOWN, "lejre", "fallback", None)
    with pytest.raises(ConsoleRefusal, match="ikke adgang"):
        examples.mark(users["lene"], "x", "ask_cost", KNOWN, "hjoerring", "fallback", None)
    with pytest.raises(ConsoleRefusal, match="ikke adgang"):
        examples.mark(users["lene"], "x", "ask_cost", KNOWN, None, "fallback", None)
    with pytest.raises(ConsoleRefusal) as refused:
        examples.mark(users["anna"], "x", "ask_nothing", KNOWN, None, "fallback", None)
    assert refused.value.field == "intent"
    kept = examples.mark(users["anna"], "x", "ask_cost", KNOWN, "hjoerring", "low", None)
    with pytest.raises(ConsoleRefusal, match="ikke adgang"):
        examples.remove(users["lene"], kept.id)
    examples.remove(users["anna"], kept.id)
    assert examples.list() == []


def test_the_intents_are_the_domains_with_the_topics_first():
    found = intents(get_settings().bot_dir)
    names = [name for name, _ in found]
    assert "ask_cost" in names and "greet" in names
    assert names.index("ask_cost") < names.index("greet")
    assert dict(found)["ask_cost"].endswith("(ask_cost)")

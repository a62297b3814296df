"""The Import page's domain: the quote found and marked in its section, a fact's entry
replaced in place, a correction read from the form and checked."""

from __future__ import annotations

import yaml

from genoptraening.core.knowledge.schema import DraftFact
from genoptraening.core.knowledge.standards import parse_standard_text
from genoptraening.ops.console.drafts import (
    fields_of,
    marked_paragraphs,
    read_value,
    replace_entry,
)

TEXT = """\
---
municipality: Vejle Kommune
slug: vejle
seed_file: vejle.txt
title: Kvalitetsstandard
removed: []
---

## Ansøgning

Du kan ringe på telefon 72 33
58 50 hverdage kl. 8 – 9.

- Skriv til os
- eller ring
"""

PHONE = DraftFact.parse_obj({
    "id": "telefon-1", "topic": "contact", "section": "Ansøgning",
    "quote": "ringe på telefon 72 33 58 50 hverdage",
    "phone": {"number": "72 33 58 50", "hours": "hverdage kl. 8 – 9",
              "open": [{"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "09:00"}]}})


def test_the_quote_is_marked_across_line_breaks_and_list_items():
    text = parse_standard_text(TEXT, "vejle.md")
    paragraphs, found = marked_paragraphs(text, "Ansøgning", PHONE.quote)
    assert found
    marked = [piece for paragraph in paragraphs for piece, mark in paragraph if mark]
    assert marked == ["ringe på telefon 72 33\n58 50 hverdage"] or marked == [
        "ringe på telefon 72 33 58 50 hverdage"]
    paragraphs, found = marked_paragraphs(text, "Ansøgning", "Skriv til os eller ring")
    assert found
    paragraphs, found = marked_paragraphs(text, "Ansøgning", "står der ikke")
    assert not found and all(not mark for p in paragraphs for _, mark in p)


def test_a_correction_keeps_the_opening_hours_only_when_the_hours_are_unchanged():
    fields = fields_of(PHONE)
    assert fields["phones-0-number"] == "72 33 58 50"
    value, errors = read_value(PHONE, {**fields, "phones-0-label": "Træningsenheden"})
    assert not errors and value["label"] == "Træningsenheden" and value["open"]
    value, errors = read_value(PHONE, {**fields, "phones-0-hours": "hverdage kl. 8 – 10"})
    assert not errors and "open" not in value
    _, errors = read_value(PHONE, {"phones-0-number": ""})
    assert errors == {"phones-0-number": "Skal udfyldes."}


def test_an_approval_date_and_a_law_are_read_and_checked():
    approval = DraftFact.parse_obj({"id": "godkendelse-1", "topic": "approval",
                                    "section": "X", "quote": "Godkendt af udvalget",
                                    "approval": {"by": "udvalget"}})
    value, errors = read_value(approval, {"approval-by": "udvalget", "approval-date": "6.2.2024"})
    assert not errors and str(value["date"]) == "2024-02-06"
    _, errors = read_value(approval, {"approval-by": "udvalget", "approval-date": "i går"})
    assert "approval-date" in errors
    law = DraftFact.parse_obj({"id": "lov-1", "topic": "legal_basis", "section": "X",
                               "quote": "§ 86", "covers": "sel_86_1"})
    assert read_value(law, {"covers": "sel_86_2"}) == ("sel_86_2", {})
    assert "covers" in read_value(law, {"covers": "noget"})[1]


def test_one_entry_is_replaced_and_the_rest_of_the_file_stays():
    text = ("# header\nslug: x\ndrafts:\n- id: a\n  status: draft\n  topic: contact\n"
            "  quote: q\n- id: telefon-1\n  status: draft\n  phone:\n    number: 11 22 33 44\n"
            "- id: c\n  topic: cost\nlast: true\n")
    data = {**PHONE.dict(exclude_none=True), "status": "approved"}
    new = replace_entry(text, "telefon-1", data)
    loaded = yaml.safe_load(new)
    assert [d["id"] for d in loaded["drafts"]] == ["a", "telefon-1", "c"]
    assert loaded["drafts"][1]["phone"]["number"] == "72 33 58 50"
    assert loaded["drafts"][1]["status"] == "approved" and loaded["last"] is True
    assert new.startswith("# header\nslug: x\ndrafts:\n- id: a\n  status: draft\n")

"""A topic as form fields and back: rows added, removed, typed values, messages by field."""

from __future__ import annotations

from genoptraening.core.knowledge.validate import parse_file
from genoptraening.ops.console.topic_form import field_of, form_from_fields, form_of, topic_data
from genoptraening.settings import CHECKOUT

LEJRE = parse_file(CHECKOUT / "knowledge" / "lejre.yml")


def posted(form) -> dict[str, str]:
    fields = {"answer": form.answer}
    for group, rows in form.with_blank_rows().rows.items():
        for i, row in enumerate(rows):
            fields.update({f"{group}-{i}-{k}": v for k, v in row.items()})
    for group, origin in form.origin.items():
        fields.update({f"{group}-{i}-origin": str(o) for i, o in enumerate(origin)
                       if o is not None})
    return fields


def test_a_topic_round_trips_through_the_fields():
    for _, _, entry in LEJRE.iter_topics():
        form = form_from_fields(posted(form_of(entry)))
        data, errors = topic_data(form, entry)
        assert errors == {}
        assert type(entry).parse_obj(data) == entry


def test_rows_are_added_removed_and_keep_what_the_form_does_not_show():
    entry = LEJRE.topics["apply"]
    fields = posted(form_of(entry))
    fields["phones-1-number"] = "46 46 46 46"  # the blank row
    fields["addresses-0-remove"] = "on"
    data, errors = topic_data(form_from_fields(fields), entry)
    assert errors == {}
    assert data["facts"]["phones"][0]["open"] == [s.dict() for s in entry.facts.phones[0].open]
    assert data["facts"]["phones"][1] == {"number": "46 46 46 46"}
    assert "addresses" not in data["facts"]


def test_values_keep_their_type_and_numbers_are_read_the_danish_way():
    entry = LEJRE.topics["scope"]
    form = form_of(entry)
    values = {row["key"]: row for row in form.rows["values"]}
    assert values["max_months"]["value"] == "3"
    values["max_months"]["value"] = "fire"
    form.rows["values"].append({"key": "weekly", "value": "ja"})
    form.rows["values"].append({"key": "forms", "value": "hold; individuelt"})
    data, errors = topic_data(form, entry)
    index = [r["key"] for r in form.rows["values"]].index("max_months")
    assert errors == {f"values-{index}-value": "Skriv et helt tal, fx 14."}
    assert data["facts"]["values"]["weekly"] is True
    assert data["facts"]["values"]["forms"] == ["hold", "individuelt"]
    transport = form_of(LEJRE.topics["transport"])
    transport.rows["prices"][0]["amount"] = "41,50"
    assert topic_data(transport, LEJRE.topics["transport"])[0]["facts"]["prices"][0][
        "amount"] == 41.5


def test_problems_are_placed_beside_their_field():
    form = form_of(LEJRE.topics["scope"])
    assert field_of("facts.phones[0].number", form) == "phones-0-number"
    assert field_of("facts.deadlines[1].unit", form) == "deadlines-1-unit"
    assert field_of("sources[2]", form) == "sources-2-quote"
    assert field_of("answer", form) == "answer"
    assert field_of("facts.values.max_months", form) == "values-0-value"
    assert field_of("sources", form) == "sources"
    assert field_of("", form) == ""

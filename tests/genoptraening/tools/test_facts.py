"""The story reader's measurement: reading the labelled set, counting, the report."""

from __future__ import annotations

import pytest

from genoptraening.core.situation import Situation
from genoptraening.tools import facts as tool
from genoptraening.tools.report import FACTS_HEADING

FACTS = "{hospital_stay: %s, has_plan: null, new_loss: true, lasting: null, " \
        "can_train_alone: null, age: %s, vederlagsfri: null}"
SET = f"""\
version: 1
messages:
  - id: f1
    text: "Min mor på 84 faldt og blev indlagt."
    facts: {FACTS % ("true", "84")}
  - id: f2
    text: "Jeg faldt, men var ikke indlagt."
    facts: {FACTS % ("false", "null")}
"""


def test_counts_right_missed_invented_and_turned_round(tmp_path):
    path = tmp_path / "set.yml"
    path.write_text(SET, encoding="utf-8")
    items = tool.load(path)
    answers = {
        "Min mor på 84 faldt og blev indlagt.": Situation(hospital_stay=True, new_loss=True,
                                                          age=84, has_plan=False),
        "Jeg faldt, men var ikke indlagt.": Situation(hospital_stay=True),
    }
    table = tool.score(items, answers.__getitem__)
    assert table["hospital_stay"] == {"right": 1, "turned": 1}
    assert table["has_plan"] == {"right": 1, "invented": 1}
    assert table["new_loss"] == {"right": 1, "missed": 1}
    assert table["age"] == {"right": 2}
    section = tool.render(table, "Før.")
    assert section.startswith(FACTS_HEADING)
    assert "| hospital_stay | 0.500 | 0 | 0 | 1 |" in section
    assert "f1" not in section and "Min mor" not in section  # which message: never shown


def test_a_message_without_every_fact_is_refused(tmp_path):
    path = tmp_path / "set.yml"
    path.write_text('messages:\n  - id: x\n    text: "hej"\n    facts: {age: 3}\n',
                    encoding="utf-8")
    with pytest.raises(ValueError, match="x: mangler hospital_stay"):
        tool.load(path)


def test_the_held_out_set_labels_every_fact_of_its_messages():
    items = tool.load()
    assert len(items) >= 150
    assert all(set(i.facts) >= set(tool.FACTS) for i in items)

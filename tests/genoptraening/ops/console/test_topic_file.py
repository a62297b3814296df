"""A topic written back into its knowledge file: only its lines change, in the file's style."""

from __future__ import annotations

import difflib

import pytest

from genoptraening.core.knowledge.validate import knowledge_files, parse_file
from genoptraening.ops.console.topic_file import Place, check_text, fingerprint, replace_topic
from genoptraening.ops.console.topic_form import form_of, topic_data
from genoptraening.settings import CHECKOUT

KNOWLEDGE = CHECKOUT / "knowledge"
FILES = [p for p in knowledge_files(KNOWLEDGE) if p.name != "national.yml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_topic_written_unchanged_leaves_the_file_as_it_was(path):
    text = path.read_text(encoding="utf-8")
    standard = parse_file(path)
    for law, topic, entry in standard.iter_topics():
        place = Place(standard.slug, topic, law)
        data, errors = topic_data(form_of(entry), entry)
        new = replace_topic(text, place, data)
        changed = [line for line in difflib.ndiff(text.splitlines(), new.splitlines())
                   if line[0] in "+-"]
        # A list wrapped over two lines by hand is written on one (the same list).
        assert len(changed) <= 3, (place, changed)
        assert errors == {}
        written, problems = check_text(KNOWLEDGE, None, place, new)
        assert problems == [] and fingerprint(place.of(written)) == fingerprint(entry)


def test_a_changed_answer_is_folded_a_sentence_a_line_and_the_rest_kept():
    path = KNOWLEDGE / "hedensted.yml"
    text = path.read_text(encoding="utf-8")
    entry = parse_file(path).topics["contact"]
    form = form_of(entry)
    form.answer = "Ring til Sundhedshuset. Det koster 41 kr. pr. gang. Spørg om tider."
    data, _ = topic_data(form, entry)
    new = replace_topic(text, Place("hedensted", "contact"), data)
    assert "      Ring til Sundhedshuset.\n      Det koster 41 kr. pr. gang.\n" in new
    assert "# The seed prints Friday's hours" in new  # a comment inside the topic stays
    assert new.count("\n") - text.count("\n") < 0  # the old answer's lines went


def test_problems_are_those_of_the_edited_topic():
    path = KNOWLEDGE / "lejre.yml"
    entry = parse_file(path).topics["transport"]
    form = form_of(entry)
    form.rows["sources"][0]["quote"] = "står ikke i standarden"
    data, _ = topic_data(form, entry)
    new = replace_topic(path.read_text(encoding="utf-8"), Place("lejre", "transport"), data)
    _, problems = check_text(KNOWLEDGE, None, Place("lejre", "transport"), new)
    assert [p.path for p in problems] == ["topics.transport.sources[0]"]

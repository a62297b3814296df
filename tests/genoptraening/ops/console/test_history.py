"""Saving topics: the version check, the history on SQLite and PostgreSQL, revert, diff."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from genoptraening.core.knowledge.validate import parse_file
from genoptraening.ops.console.accounts import User
from genoptraening.ops.console.db import ConsoleDatabase
from genoptraening.ops.console.history import Checked, Conflict, TopicEditor, Version, diff
from genoptraening.ops.console.texts import ConsoleRefusal
from genoptraening.ops.console.topic_file import Place, fingerprint
from genoptraening.ops.console.topic_form import form_of
from genoptraening.settings import CHECKOUT
from tests.genoptraening.ops.stores import scratch_database

LENE = User(2, "lene", "editor", ("lejre",), 0.0)
HANS = User(3, "hans", "editor", ("hjoerring",), 0.0)
PLACE = Place("lejre", "transport")


@pytest.fixture(params=["sqlite", "postgresql"])
def editor(request, tmp_path) -> Iterator[TopicEditor]:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(CHECKOUT / "knowledge", knowledge)
    if request.param == "sqlite":
        db = ConsoleDatabase.sqlite(tmp_path / "staff.db")
        yield TopicEditor(db, knowledge, None)
        db.dispose()
        return
    with scratch_database() as url:
        db = ConsoleDatabase(url)
        yield TopicEditor(db, knowledge, None)
        db.dispose()


def _answer(editor: TopicEditor) -> str:
    return parse_file(editor.knowledge_dir / "lejre.yml").topics["transport"].answer


def test_save_history_and_revert(editor):
    original = editor.load(PLACE)
    form = form_of(original)
    form.answer = "Kørsel koster 45 kr."
    saved = editor.save(LENE, PLACE, form, fingerprint(original))
    assert isinstance(saved, Version) and saved.version == 1
    assert _answer(editor) == "Kørsel koster 45 kr."
    reverted = editor.revert(LENE, PLACE, 0, fingerprint(editor.load(PLACE)))
    assert isinstance(reverted, Version) and (reverted.version, reverted.reverted_to) == (2, 0)
    assert editor.load(PLACE) == original
    assert [(v.version, v.action) for v in editor.history(PLACE)] == [(2, "revert"), (1, "save")]


def test_the_second_of_two_saves_from_one_version_is_a_conflict(editor):
    original = editor.load(PLACE)
    results: list[object] = []

    def save(answer: str) -> None:
        form = form_of(original)
        form.answer = answer
        try:
            results.append(editor.save(LENE, PLACE, form, fingerprint(original)))
        except Conflict as exc:
            results.append(exc)

    threads = [threading.Thread(target=save, args=(f"Svar nummer {n}.",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = [r for r in results if isinstance(r, Version)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(saved) == 1 and len(refused) == 1
    assert refused[0].latest.author == "lene" and "ændret af lene" in str(refused[0])
    assert _answer(editor) == saved[0].after["answer"]
    assert len(editor.history(PLACE)) == 1


def test_an_editor_of_another_municipality_is_refused_and_nothing_is_written(editor):
    before = (editor.knowledge_dir / "lejre.yml").read_bytes()
    original = editor.load(PLACE)
    with pytest.raises(ConsoleRefusal) as refused:
        editor.save(HANS, PLACE, form_of(original), fingerprint(original))
    assert refused.value.key == "forbidden"
    assert (editor.knowledge_dir / "lejre.yml").read_bytes() == before
    assert editor.history(PLACE) == []


def test_an_invalid_form_is_not_saved(editor):
    original = editor.load(PLACE)
    form = form_of(original)
    form.answer = ""
    result = editor.save(LENE, PLACE, form, fingerprint(original))
    assert isinstance(result, Checked) and not result.ok and "answer" in result.errors
    assert editor.history(PLACE) == []


def test_the_diff_shows_sentences_and_facts():
    before = {"answer": "Det er gratis. Kørsel koster 41 kr.", "sources": [{"section": "9"}]}
    after = {"answer": "Det er gratis. Kørsel koster 45 kr.", "sources": [{"section": "9"}]}
    assert [(k, line) for k, line in diff(before, after) if k != "same"] == [
        ("removed", "Kørsel koster 41 kr."), ("added", "Kørsel koster 45 kr.")]


def test_a_knowledge_folder_of_an_installed_package_is_not_written(tmp_path: Path):
    from genoptraening.settings import BUNDLED

    editor = TopicEditor(ConsoleDatabase.sqlite(tmp_path / "s.db"), BUNDLED / "knowledge", None)
    with pytest.raises(ConsoleRefusal) as refused:
        editor.save(LENE, PLACE, form_of(parse_file(CHECKOUT / "knowledge" / "lejre.yml")
                                         .topics["transport"]), "x")
    assert refused.value.key in ("installed", "topic_unknown")

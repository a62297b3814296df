import logging
import os
import time

from genoptraening.core.knowledge.loader import KnowledgeBase
from tests.conftest import KNOWLEDGE


def bump(path, text):
    # Write and move the mtime forward, so the change is seen even within one clock tick.
    path.write_text(text, encoding="utf-8")
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


def test_loads_all_standards_and_the_national_rules(knowledge_copy):
    kb = KnowledgeBase(knowledge_copy, reload_interval=0)
    assert set(kb.standards()) == {"lejre", "hjoerring", "skanderborg", "rebild", "hedensted"}
    assert kb.national is not None and kb.national.general
    assert kb.problems == []
    assert kb.is_ready()


def test_a_changed_file_is_picked_up_without_restart(knowledge_copy):
    kb = KnowledgeBase(knowledge_copy, reload_interval=0)
    path = knowledge_copy / "lejre.yml"
    text = path.read_text(encoding="utf-8")
    assert "gratis" in kb.standard("lejre").topics["cost"].answer
    bump(path, text.replace("er gratis", "er stadig gratis", 1))
    assert "er stadig gratis" in kb.standard("lejre").topics["cost"].answer


def test_a_broken_file_keeps_the_last_good_version_and_is_logged(knowledge_copy, caplog):
    kb = KnowledgeBase(knowledge_copy, reload_interval=0)
    good = kb.standard("lejre")
    caplog.set_level(logging.ERROR)
    bump(knowledge_copy / "lejre.yml", "municipality: [broken\n")
    assert kb.standard("lejre") is good
    assert [p.file for p in kb.problems] == ["lejre.yml"]
    assert "lejre.yml is broken" in caplog.text
    assert "the last good version stays in use" in caplog.text
    # Mending the file clears the problem.
    bump(knowledge_copy / "lejre.yml", (KNOWLEDGE / "lejre.yml").read_text(encoding="utf-8"))
    assert kb.problems == []


def test_a_file_broken_from_the_start_is_not_loaded_but_others_are(knowledge_copy):
    (knowledge_copy / "rebild.yml").write_text("slug: rebild\n", encoding="utf-8")
    kb = KnowledgeBase(knowledge_copy, reload_interval=0)
    assert kb.standard("rebild") is None
    assert kb.standard("lejre") is not None
    assert {p.file for p in kb.problems} == {"rebild.yml"}


def test_reads_within_the_interval_do_not_touch_the_disk(knowledge_copy):
    kb = KnowledgeBase(knowledge_copy, reload_interval=3600)
    bump(knowledge_copy / "lejre.yml", "broken: [")
    assert kb.standard("lejre") is not None
    assert kb.problems == []  # not looked at again yet
    kb.refresh(force=True)
    assert [p.file for p in kb.problems] == ["lejre.yml"]


def test_a_removed_file_unloads_its_municipality(knowledge_copy):
    kb = KnowledgeBase(knowledge_copy, reload_interval=0)
    (knowledge_copy / "hedensted.yml").unlink()
    assert kb.standard("hedensted") is None

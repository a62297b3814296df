"""The import measured in conversation: the folders and subsets prepared, no server started."""

from __future__ import annotations

from pathlib import Path

import yaml

from genoptraening.cli import main
from genoptraening.core.knowledge.standards import load_standard_text
from genoptraening.core.register import load_register
from genoptraening.staff.assistant import REPLY_KIND, StaffTurn
from genoptraening.tools import conversations, import_answers, import_live
from tests.conftest import KNOWLEDGE, SEEDS

FIVE = {"lejre", "hjoerring", "skanderborg", "rebild", "hedensted"}
REGISTER = load_register(with_standard=frozenset(FIVE))
SET = """\
version: 1
conversations:
  - id: a
    kinds: [plain]
    widget_municipality: "Hjørring"
    turns:
      - user: "hvad er telefonnummeret?"
        must_contain_any: [["72 33 58 50"]]
  - id: b
    kinds: [plain]
    widget_municipality: "Lejre"
    turns:
      - user: "hvad koster det?"
  - id: c
    kinds: [typo]
    widget_municipality: null
    turns:
      - user: "jeg bor i hjørring"
  - id: d
    kinds: [plain]
    widget_municipality: "hjoerring"
    turns:
      - user: "hvornår er der åbent?"
"""


def test_the_five_curated_standards_are_found_with_their_seeds():
    found = import_answers.curated_standards(KNOWLEDGE, SEEDS, REGISTER)
    assert {c.slug for c in found} == FIVE
    hjoerring = next(c for c in found if c.slug == "hjoerring")
    assert hjoerring.name == "Hjørring" and hjoerring.seed.name.startswith("001_")
    assert set(import_live.QUESTIONS) == FIVE


def test_the_copy_lacks_only_the_municipality_left_out(tmp_path: Path):
    folder = import_answers.without(KNOWLEDGE, "lejre", tmp_path)
    assert folder == tmp_path / "knowledge"
    assert not (folder / "lejre.yml").exists()
    assert not (folder / "standards" / "lejre.md").exists()
    assert (folder / "hjoerring.yml").is_file()
    assert (folder / "standards" / "hjoerring.md").is_file()
    assert (folder / "national.yml").is_file() and (folder / "phrases" / "da.yml").is_file()
    assert (KNOWLEDGE / "lejre.yml").is_file()  # the curated folder is left as it was


def test_the_subset_holds_the_conversations_whose_widget_sends_the_municipality(tmp_path: Path):
    source = tmp_path / "heldout.yml"
    source.write_text(SET, encoding="utf-8")
    path, count = import_answers.subset(source, "hjoerring", REGISTER, tmp_path / "sets")
    assert (path.name, count) == ("heldout-hjoerring.yml", 2)
    assert conversations.is_held_out(path)  # still never shown conversation by conversation
    loaded = conversations.load(path)
    assert [c.id for c in loaded] == ["a", "d"]
    assert loaded[0].turns[0].must_contain_any == (("72 33 58 50",),)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["version"] == 1
    assert import_answers.subset(source, "rebild", REGISTER, tmp_path / "sets")[1] == 0


def test_the_seed_is_imported_into_the_copy_by_the_staff_command(tmp_path: Path):
    folder = import_answers.without(KNOWLEDGE, "hedensted", tmp_path)
    seed = next(c for c in import_answers.curated_standards(KNOWLEDGE, SEEDS, REGISTER)
                if c.slug == "hedensted")
    done = import_answers.import_command(seed.seed, seed.name, folder)
    assert done.returncode == 0, done.stdout + done.stderr
    standard = yaml.safe_load((folder / "hedensted.yml").read_text(encoding="utf-8"))
    assert standard["imported"] and standard["drafts"]
    assert all(d["status"] == "draft" for d in standard["drafts"])
    assert (folder / "standards" / "hedensted.md").is_file()
    assert not (KNOWLEDGE / "sources" / "hedensted.txt").exists()


def test_the_figures_and_the_target():
    rows = [import_answers.Row("lejre", 10, imported=9, curated=10),
            import_answers.Row("rebild", 4, imported=2, curated=4),
            import_answers.Row("hedensted", 5, curated=5, error="fejl")]
    section = import_answers.render(rows, Path("heldout.yml"), "genoptraening kb x")
    assert section.startswith(import_answers.HEADING)
    assert "| lejre | 10 | 9 of 10 (90 %) | 10 of 10 (100 %) |" in section
    assert "| hedensted | 5 | import failed: fejl |" in section
    assert "| **all** | 19 | 11 of 19 (58 %) | 19 of 19 (100 %) |" in section
    assert import_answers.below_target(rows) == ["rebild: 2 of 4 (50 %)", "hedensted: fejl"]


def _turn(section: str, quote: str) -> StaffTurn:
    payload = {"kind": REPLY_KIND, "text": "…", "sources": [],
               "passage": {"municipality": "Lejre", "section": section, "text": quote},
               "answered_by": {"kind": "passage"}}
    return StaffTurn("?", [{"text": "Det står i …"}, {"custom": payload}])


def test_an_answer_counts_when_it_quotes_a_passage_of_the_imported_text():
    text = load_standard_text(KNOWLEDGE / "standards" / "lejre.md")
    heading = "4. Hvad koster genoptræning og vedligeholdende træning?"
    quote = "Genoptræning og vedligeholdende træning er gratis for dig"
    assert import_live.quoted_section(_turn(heading, quote), text) == heading
    assert import_live.quoted_section(_turn(heading, "Det koster 41 kr."), text) is None
    start = "5. Hvornår kan du forvente at starte dit forløb?"
    some = ("Du kan forvente, at vi kontakter dig inden for 7 kalenderdage efter, at du har fået "
            "bevilliget dit forløb, for at aftale med dig, hvornår du skal starte. Du kan "
            "forvente, at dit forløb starter op hurtigst muligt, dog kan der gå op til 14 dage, "
            "fra du har fået bevilliget forløbet, til du tilbydes opstart.")
    assert import_live.quoted_section(_turn(start, some), text) == start
    assert import_live.quoted_section(_turn(heading, some), text) is None  # another section
    assert import_live.quoted_section(StaffTurn("?", [{"text": "Hej"}]), text) is None
    assert import_live.answered_by(_turn(heading, quote)) == f"passage »{heading}«"


def test_held_out_failures_are_refused_before_anything_starts(capsys):
    assert main(["kb", "evaluate-import", "--conversations", "--failures"]) == 2
    assert "kun andelen" in capsys.readouterr().out
    dev = conversations.HELDOUT.with_name("dev.yml")
    assert main(["kb", "evaluate-import", "--conversations", "--file", str(dev), "--write"]) == 2

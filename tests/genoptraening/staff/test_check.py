"""Answer checks: loading and validating the staff's files, and passing or failing on replies.

No assistant is needed here; the real console command against the real assistant is tested in
tests/e2e/test_staff_ask_check.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import pytest

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.knowledge.schema import TOPICS
from genoptraening.settings import get_settings
from genoptraening.staff.assistant import StaffTurn
from genoptraening.staff.check import (
    Case,
    CaseFileError,
    evaluate,
    load_file,
    load_files,
    run_case,
)
from tests.conftest import CLI, KNOWLEDGE


def write(tmp_path: Path, text: str, name: str = "tjek.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        load_file(path)
    return caught.value.problems


def one_problem(tmp_path: Path, text: str) -> str:
    found = problems(write(tmp_path, text))
    assert len(found) == 1, found
    return found[0]


def case(**fields) -> Case:
    values = {"name": "Pris", "municipality": "Lejre", "questions": ("hvad koster det?",),
              "must_contain": (), "must_not_contain": (), "file": Path("x.yml")}
    values.update(fields)
    return Case(**values)


# --- Loading --------------------------------------------------------------------------------


def test_valid_file_is_read_as_staff_wrote_it(tmp_path):
    path = write(tmp_path, """\
# en kommentar
- navn: Kørsel i Hjørring
  kommune: hjoerring
  spørgsmål:
    - hvad koster korsel?
    - og i Lejre?
  skal_indeholde: ["41 kr.", "Kilde:"]
  må_ikke_indeholde: [72 33 58 50]

- navn: Nødsituation
  kommune: null
  spørgsmål: min mand er faldet
  skal_indeholde: [112, 2023-06-12, nej]
""")
    first, second = load_file(path)
    assert first.name == "Kørsel i Hjørring"
    assert first.municipality == "Hjørring"  # the register's name, whatever the spelling
    assert first.questions == ("hvad koster korsel?", "og i Lejre?")
    assert first.must_contain == ("41 kr.", "Kilde:")
    assert first.must_not_contain == ("72 33 58 50",)
    assert (first.file, first.line) == (path, 2)
    assert second.municipality is None
    assert second.questions == ("min mand er faldet",)  # one question without brackets
    # Numbers, dates and yes/no words stay the text the staff wrote.
    assert second.must_contain == ("112", "2023-06-12", "nej")
    assert second.must_not_contain == ()
    assert second.line == 10


def test_field_names_without_special_letters_are_accepted(tmp_path):
    path = write(tmp_path, """\
- Navn: Pris
  Kommune: Lejre
  spoergsmaal: [hvad koster det]
  skal_indeholde: [gratis]
  maa_ikke_indeholde: [112]
- navn: Pris 2
  sporgsmal: [hvad koster det]
  ma_ikke_indeholde: [112]
""")
    first, second = load_file(path)
    assert first.questions == second.questions == ("hvad koster det",)
    assert first.must_not_contain == second.must_not_contain == ("112",)


def test_unknown_municipality_names_file_case_line_and_value(tmp_path):
    message = one_problem(tmp_path, """\
- navn: Pris
  kommune: Paris
  spørgsmål: [hvad koster det]
  skal_indeholde: [gratis]
""")
    assert "tjek.yml, tilfælde 1 »Pris« (linje 1)" in message
    assert "kender ikke kommunen »Paris«" in message


@pytest.mark.parametrize("text,expected", [
    ("- kommune: Lejre\n  spørgsmål: [a]\n  skal_indeholde: [b]\n", "feltet navn mangler"),
    ("- navn: ''\n  spørgsmål: [a]\n  skal_indeholde: [b]\n", "feltet navn er tomt"),
    ("- navn: A\n  skal_indeholde: [b]\n", "feltet spørgsmål mangler"),
    ("- navn: A\n  spørgsmål: []\n  skal_indeholde: [b]\n",
     "feltet spørgsmål er tomt: skriv mindst ét spørgsmål"),
    ("- navn: A\n  spørgsmål: [a, '']\n  skal_indeholde: [b]\n",
     "feltet spørgsmål indeholder et tomt spørgsmål"),
    ("- navn: A\n  spørgsmål: {a: b}\n  skal_indeholde: [b]\n",
     "feltet spørgsmål skal være en liste"),
    ("- navn: A\n  spørgsmål: [a]\n", "tjekker ikke noget"),
    ("- navn: A\n  spørgsmål: [a]\n  skal_indeholde: [Kilde, '']\n",
     "feltet skal_indeholde indeholder en tom tekst"),
    ("- navn: A\n  spørgsmål: [a]\n  skal_indeholde: [b]\n  svar: c\n",
     "ukendt felt »svar«; felterne er navn, kommune, spørgsmål, skal_indeholde, "
     "må_ikke_indeholde"),
    ("- navn: A\n  spørgsmål: [a]\n  skal_indeholde: [41 kr.]\n  må_ikke_indeholde: [41 KR.]\n",
     "»41 kr.« står både under skal_indeholde og må_ikke_indeholde"),
    ("- navn: A\n  spørgsmål: [a]\n  skal_indeholde: [Kilde:]\n",
     'feltet skal_indeholde nr. 1 blev læst som et felt (»Kilde: …«); sæt teksten i '
     'anførselstegn, fx "Kilde:"'),
    ("- bare en tekst\n", "tilfældet skal bestå af felterne navn, kommune"),
])
def test_each_mistake_is_said_in_danish(tmp_path, text, expected):
    message = one_problem(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'tjek.yml'}, tilfælde 1")
    assert expected in message


def test_every_problem_of_a_file_is_reported_with_its_case(tmp_path):
    found = problems(write(tmp_path, """\
- navn: God
  spørgsmål: [a]
  skal_indeholde: [b]
- navn: God
  spørgsmål: [a]
  skal_indeholde: [b]
- navn: Uden spørgsmål
  skal_indeholde: [b]
"""))
    assert len(found) == 2
    assert "tilfælde 2 »God« (linje 4): navnet er også brugt i tilfælde 1" in found[0]
    assert "tilfælde 3 »Uden spørgsmål« (linje 7): feltet spørgsmål mangler" in found[1]


@pytest.mark.parametrize("text,expected", [
    ("", "filen indeholder ingen tilfælde"),
    ("# kun en kommentar\n", "filen indeholder ingen tilfælde"),
    ("navn: A\nspørgsmål: [a]\n", "filen skal være en liste af tilfælde"),
    ("- navn: A\n  spørgsmål: [a\n", "filen er ikke gyldig YAML (linje 3)"),
    ("- navn: A\n  spørgsmål: [hvad koster det?]\n",
     'filen er ikke gyldig YAML (linje 2). Sæt spørgsmål og tekster i anførselstegn, '
     'fx ["hvad koster det?"]'),
    ("- navn: A\n  navn: B\n  spørgsmål: [a]\n",
     "feltet »navn« står to gange i samme tilfælde"),
])
def test_broken_files_are_refused(tmp_path, text, expected):
    message = one_problem(tmp_path, text)
    assert message.startswith(str(tmp_path / "tjek.yml") + ":")
    assert expected in message


def test_missing_file_and_problems_of_several_files(tmp_path):
    good = write(tmp_path, "- navn: A\n  spørgsmål: [a]\n  skal_indeholde: [b]\n", "a.yml")
    bad = write(tmp_path, "- navn: B\n  spørgsmål: [a]\n", "b.yml")
    with pytest.raises(CaseFileError) as caught:
        load_files([good, bad, tmp_path / "findes-ikke.yml"])
    assert len(caught.value.problems) == 2
    assert "b.yml, tilfælde 1 »B«" in caught.value.problems[0]
    assert caught.value.problems[1].endswith("findes-ikke.yml: filen findes ikke")


def test_a_folder_means_its_yml_files(tmp_path):
    write(tmp_path, "- navn: A\n  spørgsmål: [a]\n  skal_indeholde: [b]\n", "a.yml")
    write(tmp_path, "- navn: A\n  spørgsmål: [c]\n  skal_indeholde: [d]\n", "b.yml")
    write(tmp_path, "ikke et tjek", "noter.txt")
    assert [c.questions for c in load_files([tmp_path])] == [("a",), ("c",)]


# --- The shipped files ----------------------------------------------------------------------

KB = KnowledgeBase(KNOWLEDGE)
SLUGS = ["lejre", "hjoerring", "skanderborg", "rebild", "hedensted"]


def phones(slug: str) -> set[str]:
    standard = KB.standard(slug)
    return {p.number for _, _, entry in standard.iter_topics() for p in entry.facts.phones}


def test_shipped_files_load_one_per_municipality_and_general():
    assert {p.stem for p in get_settings().answers_dir.glob("*.yml")} == {*SLUGS, "general"}
    assert len(load_files([get_settings().answers_dir])) >= 100


@pytest.mark.parametrize("slug", SLUGS)
def test_shipped_municipality_cases_ask_for_source_name_and_no_foreign_numbers(slug):
    standard = KB.standard(slug)
    cases = load_file(get_settings().answers_dir / f"{slug}.yml")
    assert len(cases) >= sum(standard.covers(topic) for topic in TOPICS)
    others = set().union(*(phones(s) for s in SLUGS if s != slug))
    for item in cases:
        assert "Kilde:" in item.must_contain, item.name
        assert standard.municipality in item.must_contain, item.name
        assert set(item.must_not_contain) & others, item.name


# --- Passing and failing --------------------------------------------------------------------


def test_passes_when_everything_required_is_there_and_nothing_forbidden():
    result = evaluate(case(must_contain=("41 kr.", "kilde:"), must_not_contain=("72 33 58 50",)),
                      ["Hej.", "Taksten er 41 kr.\nKilde: Lejre Kommune"])
    assert result.passed
    assert result.missing == result.forbidden == []


def test_fails_and_says_what_was_missing_and_what_was_forbidden():
    result = evaluate(case(must_contain=("41 kr.", "Kilde:"), must_not_contain=("72 33 58 50",)),
                      ["Ring på 72 33 58 50."])
    assert not result.passed
    assert result.missing == ["41 kr.", "Kilde:"]
    assert result.forbidden == ["72 33 58 50"]


def test_case_and_line_breaks_do_not_matter():
    result = evaluate(case(must_contain=("ud- og hjemtransport", "KILDE: GENEREL REGEL")),
                      ["41 kr. for ud-  og\nhjemtransport", "kilde: Generel regel"])
    assert result.passed


def test_no_replies_fail_what_is_required():
    result = evaluate(case(must_contain=("gratis",), must_not_contain=("112",)), [])
    assert not result.passed and result.missing == ["gratis"] and result.forbidden == []


class FakeClient:
    """Answers like the assistant: "svar på <message>"; remembers what it was sent."""

    def __init__(self, fail_on: str | None = None):
        self.sent: list[tuple[str, str, str | None]] = []
        self.conversations = 0
        self.fail_on = fail_on

    def new_conversation(self) -> str:
        self.conversations += 1
        return f"c{self.conversations}"

    def say(self, message: str, municipality: str | None = None) -> StaffTurn:
        if message == self.fail_on:
            raise httpx.ConnectError("forbindelsen blev afvist")
        self.sent.append((f"c{self.conversations}", message, municipality))
        return StaffTurn(message, [{"text": f"svar på {message}"}], intent="ask_cost",
                         confidence=0.9)


def test_each_case_gets_a_fresh_conversation_and_only_the_last_turn_counts():
    client = FakeClient()
    first = run_case(client, case(questions=("første", "anden"),
                                  must_contain=("svar på anden",),
                                  must_not_contain=("svar på første",)))
    second = run_case(client, case(questions=("tredje",), municipality=None,
                                   must_contain=("svar på første",)))
    assert first.passed and first.intent == "ask_cost" and first.confidence == 0.9
    assert not second.passed and second.missing == ["svar på første"]
    assert client.sent == [("c1", "første", "Lejre"), ("c1", "anden", "Lejre"),
                           ("c2", "tredje", None)]


def test_an_assistant_that_does_not_answer_fails_the_case():
    result = run_case(FakeClient(fail_on="hej"), case(questions=("hej",),
                                                      must_contain=("svar",)))
    assert not result.passed
    assert result.error.startswith("assistenten svarede ikke")


# --- The commands refuse bad input before asking the assistant -------------------------------


def test_check_refuses_a_broken_file_with_exit_2(tmp_path):
    path = write(tmp_path, "- navn: A\n  kommune: Paris\n  spørgsmål: [a]\n"
                           "  skal_indeholde: [b]\n")
    result = subprocess.run([str(CLI), "check", "--rasa-url", "http://127.0.0.1:9", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"FEJL {path}, tilfælde 1 »A« (linje 1): feltet kommune kender ikke kommunen" \
           " »Paris«" in result.stdout
    assert "1 problem(er) i tjekfilerne" in result.stdout


def test_ask_refuses_an_unknown_municipality_with_exit_2():
    result = subprocess.run([str(CLI), "ask", "--kommune", "Paris", "--rasa-url",
                             "http://127.0.0.1:9", "hvad koster det?"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Kender ikke kommunen »Paris«" in result.stderr

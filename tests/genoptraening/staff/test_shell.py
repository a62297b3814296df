"""The staff shell without a Rasa server: commands, the knowledge commands and the output."""

import io
import subprocess
from contextlib import contextmanager

import httpx
import pytest
from rich.console import Console

from genoptraening.core.register import get_register
from genoptraening.staff.assistant import StaffTurn
from genoptraening.staff.shell import Command, Shell, main, parse_command
from genoptraening.staff.shell_input import _history, completions
from genoptraening.staff.shell_view import LABELS, RichView, View, percent
from tests.conftest import CLI

QUESTION = "hvad er telefonnummeret? mit cpr er 010203-1234"


def contact_turn(message: str = QUESTION) -> StaffTurn:
    source = {"text": "Kilde: Kvalitetsstandard – Genoptræning og træning, Hjørring Kommune, "
                      "afsnit »Ansøgning«",
              "general": False, "file": "001_f4a1c6cfc55bc51b.txt", "section": "Ansøgning",
              "quote": "på telefon 72 33 58 50 hverdage kl. 8 – 9"}
    return StaffTurn(
        message=message,
        replies=[{"text": "Ring på 72 33 58 50 på hverdage kl. 8-9.\n" + source["text"]},
                 {"text": "Vil du vide mere?", "buttons": [{"title": "Ja", "payload": "/affirm"}]}],
        intent="ask_contact", confidence=0.9922,
        candidates=[("ask_follow_up", 0.0036), ("ask_purpose", 0.0011)],
        entities=[("cpr", "010203-1234")],
        slots={"municipality": "hjoerring", "last_topic": "contact"},
        actions=["action_answer_topic"],
        facts=[{"topic": "contact", "general": False,
                "facts": {"phones": [{"number": "72 33 58 50", "label": "Træningsenheden",
                                      "hours": "hverdage kl. 8-9"}]},
                "sources": [source]}],
    )


class FakeClient:
    """Stands in for AssistantClient: records what the shell sends."""

    rasa_url = "http://fake:1"

    def __init__(self, fail: bool = False):
        self.sender = "staff-1"
        self.sent: list[tuple[str, str | None]] = []
        self.conversations = 1
        self.fail = fail

    def say(self, message, municipality=None):
        if self.fail:
            raise httpx.ConnectError("forbindelsen blev afvist")
        self.sent.append((message, municipality))
        return contact_turn(message)

    def new_conversation(self):
        self.conversations += 1
        self.sender = f"staff-{self.conversations}"
        return self.sender


def no_server():
    raise AssertionError("this command must not need the assistant")


def make_shell(client=None):
    out = io.StringIO()

    @contextmanager
    def connect():
        if client is None:
            no_server()
        yield client

    return Shell(View(out), connect), out


@pytest.mark.parametrize(("line", "expected"), [
    ("/kommune Hjørring", Command("kommune", "Hjørring")),
    ("  /kb  lejre transport ", Command("kb", "lejre transport")),
    ("/HJAELP", Command("hjælp", "")),
    ("/hjælp", Command("hjælp", "")),
    ("/ny", Command("ny", "")),
    ("/afslut", Command("afslut", "")),
    ("/findesikke x", Command("findesikke", "x")),
    ("hvad koster det?", None),
    ("/", None),
])
def test_parse_command(line, expected):
    assert parse_command(line) == expected


def test_kommune_refuses_what_is_not_a_municipality():
    shell, out = make_shell()
    for name in ("Paris", "genoptræning", "Hjørringvej 12"):
        shell.handle(f"/kommune {name}")
        assert shell.municipality is None
    assert out.getvalue().count("er ikke en dansk kommune") == 3
    assert "»Paris« er ikke en dansk kommune. Skriv fx /kommune Hjørring." in out.getvalue()


def test_kommune_is_tolerant_and_says_when_there_is_no_standard():
    shell, out = make_shell()
    shell.handle("/kommune hjoerring")
    assert shell.municipality.name == "Hjørring"
    assert shell.prompt == "borger (Hjørring) › "
    shell.handle("/kommune Hvalsø")
    assert shell.municipality.name == "Lejre"
    assert "Hvalsø ligger i Lejre Kommune." in out.getvalue()
    shell.handle("/kommune vejle kommune")
    assert shell.municipality.name == "Vejle"
    assert "ingen kvalitetsstandard på fil" in out.getvalue()
    shell.handle("/kommune")
    assert "Kommune: Vejle Kommune." in out.getvalue()
    assert "Hjørring" in out.getvalue().splitlines()[-1]


def test_chat_sends_the_municipality_and_shows_why():
    client = FakeClient()
    shell, out = make_shell(client)
    shell.handle("/kommune hjorring")
    shell.handle(QUESTION)
    assert client.sent == [(QUESTION, "Hjørring")]
    text = out.getvalue()
    assert "Assistent: Ring på 72 33 58 50 på hverdage kl. 8-9." in text
    assert "Knapper: [Ja]" in text
    for label, value in [
        ("Hensigt", "ask_contact"), ("Sikkerhed", "99 %"),
        ("Alternativer", "ask_follow_up 0,4 %; ask_purpose 0,1 %"),
        ("Slots", "municipality = hjoerring, last_topic = contact"),
        ("Handling", "action_answer_topic"),
        ("Fakta", "Kontakt og åbningstider: Telefon: 72 33 58 50 (Træningsenheden), "
                  "hverdage kl. 8-9"),
        ("Kilde", "Kvalitetsstandard – Genoptræning og træning, Hjørring Kommune, afsnit "
                  "»Ansøgning« (001_f4a1c6cfc55bc51b.txt)"),
    ]:
        assert f"  {label}: {value}\n" in text
    # The CPR number the "citizen" typed is never printed, not even as an entity.
    assert "010203-1234" not in text
    assert "Entiteter: cpr = " in text


def test_kilde_ny_and_a_changed_municipality():
    client = FakeClient()
    shell, out = make_shell(client)
    shell.handle("/kilde")
    assert "Der er ikke noget svar endnu" in out.getvalue()
    shell.handle("/kommune Hjørring")
    shell.handle("hvad er telefonnummeret?")
    shell.handle("/kilde")
    text = out.getvalue()
    assert "Kilde til svaret på »hvad er telefonnummeret?«:" in text
    assert "Afsnit: Ansøgning" in text
    assert "Citat: »på telefon 72 33 58 50 hverdage kl. 8 – 9«" in text
    shell.handle("/ny")
    assert client.conversations == 2
    shell.handle("/kilde")
    assert out.getvalue().endswith("Der er ikke noget svar endnu. Skriv et spørgsmål først.\n")
    shell.handle("hej")
    shell.handle("/kommune Rebild")  # a new citizen: the old conversation kept Hjørring
    assert client.conversations == 3
    assert "Ny samtale. Du skriver nu som borger i Rebild Kommune." in out.getvalue()


def test_sammenlign_shows_every_standard_and_says_when_one_is_silent():
    shell, out = make_shell()
    shell.handle("/sammenlign klage over afgørelsen")
    text = out.getvalue()
    assert text.startswith("Sammenligning: Klage over afgørelsen (complaint_decision)")
    blocks = {b.split("\n", 1)[0]: b for b in text.split("\n== ")[1:]}
    assert list(blocks) == [m.official for m in get_register().with_standard()]
    silent = "Standarden er tavs om emnet – den generelle regel gælder."
    assert silent in blocks["Hjørring Kommune"]
    assert "Kilde: Generel regel, Retssikkerhedsloven §§ 66 og 67" in blocks["Hjørring Kommune"]
    assert silent not in blocks["Lejre Kommune"]
    assert "afsnit »12.1. Hvis du vil klage over afgørelsen«" in blocks["Lejre Kommune"]


def test_sammenlign_transport_keeps_each_municipalitys_own_price():
    shell, out = make_shell()
    shell.handle("/sammenlign transport")
    blocks = {b.split("\n", 1)[0]: b for b in out.getvalue().split("\n== ")[1:]}
    assert "41 kr." in blocks["Lejre Kommune"]
    assert all("41 kr." not in b for name, b in blocks.items() if name != "Lejre Kommune")


def test_sammenlign_needs_a_known_topic():
    shell, out = make_shell()
    shell.handle("/sammenlign parkering")
    shell.handle("/sammenlign")
    assert "Ukendt emne »parkering«. Emner: purpose, target_group" in out.getvalue()
    assert "Skriv et emne. Emner:" in out.getvalue()


def test_kb_prints_what_kb_show_prints():
    shell, out = make_shell()
    shell.handle("/kb hjørring kontakt")
    cli = subprocess.run([str(CLI), "kb", "show", "hjørring", "kontakt"], capture_output=True,
                         text=True, timeout=120)
    assert cli.returncode == 0
    assert out.getvalue() == cli.stdout
    assert "Telefon: 72 33 58 50" in out.getvalue()


def test_kb_whole_standard_unknown_names_and_no_standard():
    shell, out = make_shell()
    shell.handle("/kb Rebild")
    assert "== Aflysning og udeblivelse (cancellation)" in out.getvalue()
    shell.handle("/kb Paris")
    assert "Kender ikke kommunen 'Paris'" in out.getvalue()
    shell.handle("/kb Vejle")
    assert "Vejle Kommune (kommunekode 0630): ingen kvalitetsstandard på fil" in out.getvalue()
    shell.handle("/kb")
    assert "Skriv en kommune, fx /kb Hjørring" in out.getvalue()


@pytest.mark.parametrize(("argument", "expected"), [
    ("hjørring kommune kontakt", "Telefon: 72 33 58 50"),
    ("Lejre pris og egenbetaling", "== Pris og egenbetaling (cost)"),
    ("lyngby-taarbæk", "Lyngby-Taarbæk Kommune (kommunekode 0173)"),
    ("hvalsø transport", "41 kr."),
    ("lejre parkering", "Ukendt emne 'parkering'"),  # never the whole standard instead
])
def test_kb_splits_name_and_topic(argument, expected):
    shell, out = make_shell()
    shell.handle(f"/kb {argument}")
    assert expected in out.getvalue()


def test_unknown_command_gets_a_danish_hint():
    shell, out = make_shell()
    shell.handle("/kommun Lejre")
    shell.handle("/xyz")
    lines = out.getvalue().splitlines()
    assert lines[0] == ("Ukendt kommando »/kommun«. Mente du /kommune? "
                        "Skriv /hjælp for at se kommandoerne.")
    assert lines[1] == "Ukendt kommando »/xyz«. Skriv /hjælp for at se kommandoerne."


def test_help_lists_every_command():
    shell, out = make_shell()
    shell.handle("/hjaelp")
    for usage in ("/kommune NAVN", "/ny", "/kilde", "/sammenlign EMNE", "/kb NAVN [EMNE]",
                  "/test [FIL]", "/hjælp", "/afslut"):
        assert f"  {usage} " in out.getvalue()


def test_run_stops_at_afslut_and_a_failed_turn_gives_exit_code_1():
    client = FakeClient()
    shell, _ = make_shell(client)
    assert shell.run(["/kommune Lejre", "hej", "/afslut", "efter afslut"]) == 0
    assert client.sent == [("hej", "Lejre")]
    shell, out = make_shell(FakeClient(fail=True))
    assert shell.run(["hej"]) == 1
    assert "Assistenten svarede ikke (ConnectError: forbindelsen blev afvist)." in out.getvalue()


CHECKS = """\
- navn: Telefonnummer
  kommune: Hjørring
  spørgsmål: ["hvad er telefonnummeret?"]
  skal_indeholde: ["72 33 58 50", "Kilde:"]
- navn: Pris på kørsel
  kommune: Lejre
  spørgsmål: ["hej", "hvad koster kørsel?"]
  skal_indeholde: ["41 kr."]
  må_ikke_indeholde: ["72 33 58 50"]
"""


def test_test_command_runs_check_files_and_keeps_the_staff_conversation(tmp_path):
    checks = tmp_path / "mine.yml"
    checks.write_text(CHECKS, encoding="utf-8")
    client = FakeClient()
    client.sender = "staff-own"
    shell, out = make_shell(client)
    assert shell.run([f"/test {checks}"]) == 1  # a failed check fails a script
    assert client.sent == [("hvad er telefonnummeret?", "Hjørring"), ("hej", "Lejre"),
                           ("hvad koster kørsel?", "Lejre")]
    assert client.conversations == 3  # a fresh conversation per case …
    assert client.sender == "staff-own"  # … and then back to the staff member's own
    text = out.getvalue()
    assert "  bestået Telefonnummer (mine)\n" in text
    assert ("  FEJLET  Pris på kørsel (mine) — mangler: »41 kr.«; må ikke stå der: "
            "»72 33 58 50«") in text
    assert ("Pris på kørsel (mine.yml, linje 5) — svaret på »hvad koster kørsel?« "
            "(Hensigt ask_contact, Sikkerhed 99 %):") in text
    assert text.rstrip().endswith("1 bestået, 1 fejlet")


def test_test_command_finds_shipped_files_by_name_and_reports_broken_ones(tmp_path):
    shell, out = make_shell(FakeClient())
    shell.handle("/test hjoerring")
    assert "Formål med træningen (hjoerring)" in out.getvalue()
    broken = tmp_path / "broken.yml"
    broken.write_text("- navn: uden spørgsmål\n  kommune: Lejre\n", encoding="utf-8")
    shell, out = make_shell()  # a broken file is reported before the assistant is needed
    shell.handle(f"/test {broken}")
    assert shell.failed
    assert out.getvalue().startswith("FEJL ")
    assert "broken.yml" in out.getvalue()


def test_main_piped_needs_no_server_for_knowledge_commands_and_exits_0_at_eof():
    stdout = io.StringIO()
    code = main(kommune="lejre", rasa_url="http://127.0.0.1:9", stdin=io.StringIO(
        "/kb lejre transport\n/sammenlign pris\n"), stdout=stdout)
    assert code == 0
    text = stdout.getvalue()
    assert "Du skriver nu som borger i Lejre Kommune." in text
    assert "> /kb lejre transport\n" in text  # piped lines are echoed for the transcript
    assert "Sammenligning: Pris og egenbetaling (cost)" in text
    assert "\x1b[" not in text and "│" not in text  # no colours, no boxes


def test_main_refuses_an_unknown_kommune_option():
    stdout = io.StringIO()
    assert main(kommune="Paris", stdin=io.StringIO("/ny\n"), stdout=stdout) == 2
    assert "»Paris« er ikke en dansk kommune" in stdout.getvalue()


def test_rich_view_shows_the_details_in_a_table():
    out = io.StringIO()
    view = RichView(Console(file=out, width=120, color_system=None))
    view.turn(contact_turn())
    view.help([("/kb NAVN [EMNE]", "vis vidensbasen")])
    text = out.getvalue()
    assert "Assistenten" in text and "╭" in text  # the answer in a panel
    for label in LABELS:
        assert label in text
    assert "ask_contact" in text and "99 %" in text
    assert "/kb NAVN [EMNE]" in text  # brackets are text, not rich markup
    assert "010203-1234" not in text


@pytest.mark.parametrize(("line", "expected"), [
    ("/ko", [("/kommune", "", 3)]),
    ("/kommune Hjø", [("Hjørring", "", 3)]),
    ("/kommune hjoe", [("Hjørring", "", 4)]),
    ("/kb lejre tra", [("transport", "Transport", 3)]),
    ("/sammenlign kon", [("contact", "Kontakt og åbningstider", 3)]),  # by the Danish label
    ("hvad koster", []),
])
def test_completions(line, expected):
    from genoptraening.staff.shell import COMMANDS

    assert completions(line, COMMANDS, get_register()) == expected


def test_history_file_never_holds_a_cpr_number(tmp_path):
    history = _history(tmp_path / "var" / "shell-history")
    history.store_string("mit cpr er 010203-1234")
    stored = (tmp_path / "var" / "shell-history").read_text(encoding="utf-8")
    assert "mit cpr er" in stored and "1234" not in stored


@pytest.mark.parametrize(("value", "text"), [(0.9922, "99 %"), (0.0036, "0,4 %"), (0.1, "10 %"),
                                             (0.0, "0 %")])
def test_percent(value, text):
    assert percent(value) == text

"""``genoptraening staff``: accounts from the command line, the password from stdin or getpass."""

from __future__ import annotations

import io

import pytest

from genoptraening.cli import main
from genoptraening.settings import get_settings

PASSWORD = "en lang og sikker adgangskode"


@pytest.fixture(autouse=True)
def staff_db(tmp_path, monkeypatch):
    monkeypatch.setattr(get_settings(), "database_url", None)
    monkeypatch.setattr(get_settings(), "staff_db", tmp_path / "staff.db")


def run(monkeypatch, capsys, args: list[str], stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["staff", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_add_list_and_remove_users(monkeypatch, capsys):
    code, out = run(monkeypatch, capsys, ["list-users"])
    assert code == 0 and "Opret den første administrator" in out
    code, out = run(monkeypatch, capsys, ["add-user", "Anna", "--role", "admin"], PASSWORD + "\n")
    assert (code, out.strip()) == (0, "Brugeren anna er oprettet (Administrator).")
    code, out = run(monkeypatch, capsys, ["add-user", "lene", "--role", "editor", "--kommune",
                                          "hvalsø", "--kommune", "Hjørring"], PASSWORD + "\n")
    assert out.strip() == "Brugeren lene er oprettet (Redaktør: Hjørring, Lejre)."
    code, out = run(monkeypatch, capsys, ["list-users"])
    assert "lene" in out and "Redaktør" in out and "Hjørring, Lejre" in out
    assert run(monkeypatch, capsys, ["remove-user", "lene"])[0] == 0
    code, out = run(monkeypatch, capsys, ["remove-user", "anna"])
    assert code == 1 and "sidste administrator" in out


@pytest.mark.parametrize("args, stdin, message", [
    (["add-user", "karen", "--role", "admin"], "", "første linje af standard-input"),
    (["add-user", "karen", "--role", "admin"], "kort\n", "mindst 12 tegn"),
    (["add-user", "karen", "--role", "editor", "--kommune", "Paris"], PASSWORD, "Paris"),
    (["add-user", "karen", "--role", "editor"], PASSWORD, "mindst én kommune"),
])
def test_refusals_exit_1_in_danish(monkeypatch, capsys, args, stdin, message):
    code, out = run(monkeypatch, capsys, args, stdin)
    assert code == 1 and message in out


def test_at_a_terminal_the_password_is_asked_twice_without_echo(monkeypatch, capsys):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["staff", "add-user", "anna", "--role", "admin"]) == 0


def test_export_examples_writes_rasa_nlu_data(monkeypatch, capsys, tmp_path):
    import yaml

    from genoptraening.ops.console.accounts import Accounts
    from genoptraening.ops.console.db import ConsoleDatabase
    from genoptraening.ops.console.examples import Examples

    db = ConsoleDatabase.from_settings(get_settings())
    admin = Accounts(db).add("anna", "admin", [], PASSWORD, "test")
    Examples(db).mark(admin, "hvad koster  korsel", "ask_transport", {"ask_transport"},
                      "lejre", "fallback", None)
    code, out = run(monkeypatch, capsys, ["export-examples"])
    assert code == 0 and yaml.safe_load(out)["nlu"][0]["intent"] == "ask_transport"
    target = tmp_path / "eksempler.yml"
    code, out = run(monkeypatch, capsys, ["export-examples", "--out", str(target)])
    assert code == 0 and "1 træningseksempler skrevet til" in out
    assert "    - hvad koster korsel\n" in target.read_text(encoding="utf-8")

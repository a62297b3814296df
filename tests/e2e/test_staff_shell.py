"""The staff shell as staff script it: the console command, piped input, the real assistant."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import CLI

SCRIPT = """\
/kommune hjoerring
hvad er telefonnummeret?
/kilde
/test {checks}
/ny
/kilde
hvad er telefonnummeret?
/afslut
hvad koster det?
"""
CHECKS = """\
- navn: Pris i Lejre
  kommune: Lejre
  spørgsmål: ["hvad koster genoptræning?"]
  skal_indeholde: ["gratis", "Kilde:", "Lejre Kommune"]
  må_ikke_indeholde: ["72 33 58 50"]
"""


def test_scripted_session_shows_answer_why_and_source(rasa_url, tmp_path):
    checks = tmp_path / "pris.yml"
    checks.write_text(CHECKS, encoding="utf-8")
    result = subprocess.run([str(CLI), "shell", "--rasa-url", rasa_url],
                            input=SCRIPT.format(checks=checks), capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "\x1b[" not in out and "│" not in out  # no terminal: plain text
    assert "Du skriver nu som borger i Hjørring Kommune." in out

    first, after_new = out.split("> /ny\n")
    # The answer, with Hjørring's own number and its source line.
    assert re.search(r"Assistent: .*Ring på 72 33 58 50", first)
    assert "Kilde: Kvalitetsstandard – Genoptræning og træning, Hjørring Kommune, afsnit " \
           "»Ansøgning«" in first
    # Why: the intent with its confidence and the next candidates, the action, the facts.
    assert re.search(r"^  Hensigt: ask_contact$", first, re.M)
    assert re.search(r"^  Sikkerhed: \d{1,3}(,\d)? %$", first, re.M)
    assert re.search(r"^  Alternativer: \w+ \d", first, re.M)
    assert re.search(r"^  Slots: .*municipality = hjoerring", first, re.M)
    assert re.search(r"^  Handling: action_answer_topic$", first, re.M)
    assert re.search(r"^  Fakta: Kontakt og åbningstider: Telefon: 72 33 58 50", first, re.M)
    assert re.search(r"^  Kilde: .*afsnit »Ansøgning« \(001_f4a1c6cfc55bc51b\.txt\)$", first,
                     re.M)
    # /kilde: the quotes from the standard behind the answer.
    assert "Kilde til svaret på »hvad er telefonnummeret?«:" in first
    assert "Citat: »på telefon 72 33 58 50 hverdage kl. 8 – 9«" in first
    # /test: answer checks against the same assistant.
    assert "  bestået Pris i Lejre (pris)\n" in first
    assert "1 bestået, 0 fejlet" in first

    # /ny: a new conversation — nothing to cite yet, and the assistant greets anew, still
    # as a citizen of Hjørring (the metadata goes with every message).
    assert "Ny samtale startet." in after_new
    assert "Der er ikke noget svar endnu." in after_new
    assert "Hej, jeg er Genoptræningsguiden" in after_new
    assert "Ring på 72 33 58 50" in after_new
    # /afslut ends the shell: the line after it is never sent.
    assert "hvad koster det?" not in out

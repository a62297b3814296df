import subprocess

from tests.conftest import CLI


def run(*args):
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=120)


def test_show_topic_with_sources_and_misspelt_name():
    result = run("kb", "show", "hjorring", "kontakt")
    assert result.returncode == 0, result.stderr
    assert "Hjørring Kommune" in result.stdout
    assert "Telefon: 72 33 58 50" in result.stdout
    assert "Kilde: 001_f4a1c6cfc55bc51b.txt, afsnit »Ansøgning«" in result.stdout


def test_show_whole_standard_lists_every_law():
    result = run("kb", "show", "Rebild")
    assert result.returncode == 0
    assert "Sundhedsloven § 140" in result.stdout
    assert "== Aflysning og udeblivelse (cancellation)" in result.stdout


def test_show_municipality_without_standard():
    result = run("kb", "show", "Vejle")
    assert result.returncode == 0
    assert "Vejle Kommune (kommunekode 0630): ingen kvalitetsstandard på fil" in result.stdout


def test_show_silent_topic_says_so():
    result = run("kb", "show", "hjoerring", "complaint_decision")
    assert result.returncode == 0
    assert "Standarden siger ikke noget om »Klage over afgørelsen«" in result.stdout


def test_show_rejects_unknown_municipality_and_topic():
    result = run("kb", "show", "Paris")
    assert result.returncode == 1
    assert "Kender ikke kommunen 'Paris'" in result.stdout
    result = run("kb", "show", "lejre", "parkering")
    assert result.returncode == 1
    assert "Ukendt emne 'parkering'" in result.stdout

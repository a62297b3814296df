"""``genoptraening retrieval evaluate`` and ``calibrate``."""

from __future__ import annotations

from genoptraening.cli import main


def test_evaluate_prints_recall_per_municipality_and_the_treatments(capsys):
    assert main(["retrieval", "evaluate", "--min-recall3", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "## Passage retrieval" in out
    for slug in ("lejre", "hjoerring", "skanderborg", "rebild", "hedensted"):
        assert f"| {slug} |" in out
    assert "| uden compounds |" in out and "| uden ngrams |" in out


def test_evaluate_fails_under_the_recall_asked_for(capsys):
    assert main(["retrieval", "evaluate", "--min-recall3", "0.999"]) == 1
    assert "er under 0.999" in capsys.readouterr().out

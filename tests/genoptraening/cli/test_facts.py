"""``genoptraening facts evaluate``."""

from __future__ import annotations

from genoptraening.cli import main


def test_evaluate_prints_the_share_right_per_fact(capsys):
    assert main(["facts", "evaluate"]) == 0
    out = capsys.readouterr().out
    assert "## Story facts" in out
    for fact in ("hospital_stay", "has_plan", "new_loss", "lasting", "age", "vederlagsfri"):
        assert f"| {fact} |" in out


def test_a_broken_file_is_reported_in_danish(tmp_path, capsys):
    broken = tmp_path / "x.yml"
    broken.write_text("messages: [unclosed\n", encoding="utf-8")
    assert main(["facts", "evaluate", "--file", str(broken)]) == 2
    assert "kan ikke læses" in capsys.readouterr().out
    assert main(["facts", "evaluate", "--file", str(tmp_path / "none.yml")]) == 2


def test_broken_training_sentences_are_reported_in_danish(tmp_path, capsys, monkeypatch):
    from genoptraening.tools import facts as tool

    def broken(folder):  # noqa: ANN001, ANN202
        raise ValueError("x.yml, sætning 3: ugyldig mærkning (indlagt)")

    monkeypatch.setattr(tool, "across_authors", broken)
    assert main(["facts", "evaluate"]) == 2
    out = capsys.readouterr().out
    assert "data/facts kan ikke læses" in out and "sætning 3" in out

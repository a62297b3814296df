from genoptraening.tools.bench import percentile, render, write_section


def test_percentile_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.5) == 50
    assert percentile([7.0], 0.95) == 7.0


def test_write_section_replaces_only_its_own_section(tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\nintro\n\n## Other\n\nkeep me\n", encoding="utf-8")
    first = render([10.0, 20.0, 30.0], 60.0, {"rasa": 900.0}, 1)
    write_section(first, path)
    second = render([11.0, 21.0, 31.0], None, {"rasa": 901.0}, 1)
    write_section(second, path)
    text = path.read_text(encoding="utf-8")
    assert text.count("## Latency, training time and memory") == 1
    assert "keep me" in text and "901 MB" in text and "900 MB" not in text


def test_write_section_keeps_the_hand_written_comparisons_below_the_figures(tmp_path):
    path = tmp_path / "benchmarks.md"
    write_section(render([10.0], 60.0, {"rasa": 900.0}, 1), path)
    with path.open("a", encoding="utf-8") as f:
        f.write("\n### Before and after\n\nby hand\n\n## Load\n\nkeep me\n")
    write_section(render([11.0], None, {"rasa": 901.0}, 1), path)
    text = path.read_text(encoding="utf-8")
    assert "901 MB" in text and "900 MB" not in text
    assert text.index("901 MB") < text.index("### Before and after\n\nby hand") < text.index(
        "## Load\n\nkeep me")
    assert "by hand\n\n## Load" in text

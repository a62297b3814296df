from pathlib import Path

import pytest

from genoptraening.core.follow_ups import asks_meaning, follow_up_problems


@pytest.mark.parametrize("text", [
    "Hvad betyder det?", "hvad betyder det helt præcist?", "hvad mener du med det",
    "Det forstår jeg ikke", "kan du forklare det?",
])
def test_short_questions_of_meaning(text):
    assert asks_meaning(text)


@pytest.mark.parametrize("text", [
    "Hvad koster det?",
    # Long: a question of its own, though it says "hvad betyder det".
    "Hvad betyder det for min mor, hvis hun ikke kan komme til træning om tirsdagen?",
    "",
])
def test_other_messages_do_not(text):
    assert not asks_meaning(text)


def test_the_shipped_file_is_valid():
    from genoptraening.core.follow_ups import FOLLOW_UPS_FILE
    from genoptraening.settings import get_settings

    assert follow_up_problems(get_settings().knowledge_dir / FOLLOW_UPS_FILE) == []


def test_a_broken_file_gets_a_danish_reason(tmp_path: Path):
    path = tmp_path / "follow_ups.yml"
    path.write_text("meaning:\n  asks: [1, '']\n", encoding="utf-8")
    assert follow_up_problems(path) == [("meaning.asks", "skal være en liste af ord eller udtryk")]
    path.write_text("meaning: [a]\n", encoding="utf-8")
    assert follow_up_problems(path)[0][0] == "meaning"
    assert follow_up_problems(tmp_path / "missing.yml") == []

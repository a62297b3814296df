from genoptraening.core.register import get_register
from genoptraening.tools.lookups import LOOKUP_DIR, rendered, spellings


def test_lookup_files_are_up_to_date():
    for name, text in rendered(get_register()).items():
        assert (LOOKUP_DIR / name).read_text(encoding="utf-8") == text, (
            f"{name} is out of date: run `genoptraening nlu lookups`")


def test_spellings_without_danish_letters():
    assert spellings("Hjørring") == ["Hjørring", "Hjoerring", "Hjorring"]
    assert "Hoeje Taastrup" in spellings("Høje-Taastrup")


def test_everyday_words_are_not_in_the_municipality_lookup():
    text = rendered(get_register())["municipality.yml"]
    assert "      - Vejen\n" not in text and "      - Skive\n" not in text
    assert "      - Hjoerring\n" in text

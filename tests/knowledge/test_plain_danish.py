"""Plain Danish: LIX over every text a citizen reads stays at 40 or below."""

import re

import yaml

from genoptraening.core.knowledge.validate import knowledge_files, parse_file
from tests.conftest import KNOWLEDGE

WORD = re.compile(r"[A-Za-zÆØÅæøåéü]+")
SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)")


def lix(text: str) -> float:
    """LIX = words per sentence + percentage of words longer than six letters."""
    words = WORD.findall(text)
    sentences = max(1, len(SENTENCE_END.findall(text)))
    long_words = sum(len(w) > 6 for w in words)
    return len(words) / sentences + 100 * long_words / len(words)


def answer_texts() -> list[str]:
    return [entry.answer for path in knowledge_files(KNOWLEDGE)
            for _, _, entry in parse_file(path).iter_topics()]


def phrase_texts() -> list[str]:
    data = yaml.safe_load((KNOWLEDGE / "phrases" / "da.yml").read_text(encoding="utf-8"))
    out = []
    for value in data.values():
        out.extend(value.values() if isinstance(value, dict) else [value])
    return [re.sub(r"\{[^}]*\}", "X", str(v)) for v in out if not str(v).startswith("Kilde")]


def test_lix_of_all_answer_texts_is_at_most_40():
    score = lix(" ".join(answer_texts()))
    assert score <= 40, f"LIX {score:.1f}"


def test_lix_of_the_dialogue_phrases_is_at_most_40():
    score = lix(" ".join(phrase_texts()))
    assert score <= 40, f"LIX {score:.1f}"


def test_lix_itself():
    assert lix("Jeg bor i Lejre. Det er godt.") == 7 / 2 + 0
    assert lix("Genoptræningen foregår på centret.") == 4 + 75.0

"""How citizens ask for each topic: the NLU training examples (``data/nlu/``), read as data.

The passage search adds them, with the curated answers, to the sections each topic's answer
cites: the standards write "befordring" and "visitation", citizens write "taxa" and "hvem
bestemmer". Only the YAML is read; nothing of Rasa is imported.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

# "[Lejre](municipality)" or "[min mor]{"entity": "relative"}" → the words.
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


@lru_cache(maxsize=4)
def _read(files: tuple[tuple[Path, int], ...]) -> dict[str, tuple[str, ...]]:
    examples: dict[str, list[str]] = {}
    for path, _ in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue  # Rasa's own validation reports a broken training file
        for block in data.get("nlu") or [] if isinstance(data, dict) else []:
            if not isinstance(block, dict) or not isinstance(block.get("examples"), str):
                continue
            intent = block.get("intent")
            if not isinstance(intent, str):
                continue
            lines = [line[2:].strip() for line in block["examples"].splitlines()
                     if line.startswith("- ")]
            examples.setdefault(intent, []).extend(_ANNOTATION.sub(r"\1", line) for line in lines)
    return {intent: tuple(lines) for intent, lines in examples.items()}


def intent_examples(nlu_dir: Path) -> dict[str, tuple[str, ...]]:
    """Return each intent's training examples, annotations removed (re-read when changed)."""
    if not nlu_dir.is_dir():
        return {}
    files = tuple((path, path.stat().st_mtime_ns) for path in sorted(nlu_dir.glob("*.yml")))
    return _read(files)

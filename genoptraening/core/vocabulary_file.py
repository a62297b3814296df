"""Reading a vocabulary file an editor keeps (``knowledge/vocabulary/*.yml``) for validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_section(path: Path, key: str, shape: str) -> tuple[dict[Any, Any] | None,
                                                             list[tuple[str, str]]]:
    """Return the mapping under ``key`` of a YAML file, or what is wrong with it.

    Args:
        path: The file; a missing file is no problem (the vocabulary is optional).
        key: The top-level key holding the mapping ("groups", "details").
        shape: How the mapping is written, in Danish, for the message when it is not one.

    Returns:
        (the mapping, []) when the file reads; (None, []) when there is no file; else
        (None, [(where, Danish reason)]).

    """
    if not path.is_file():
        return None, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        return None, [("", f"filen er ikke gyldig YAML: {exc}")]
    section = data.get(key) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        return None, [(key, f"skal være {shape}")]
    return section, []

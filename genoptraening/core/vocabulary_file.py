"""Reading a vocabulary file an editor keeps (``knowledge/vocabulary/*.yml``) for validation."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


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


def read_live(relative: str, parse: Callable[[dict[str, Any]], T], missing: T) -> T:
    """Return a vocabulary file of the knowledge folder parsed, read again when it changes.

    Args:
        relative: The file's path in the knowledge folder ("vocabulary/details.yml").
        parse: Turns the file's YAML mapping into what the caller keeps.
        missing: What a missing file gives.

    """
    from genoptraening.settings import get_settings

    path = get_settings().knowledge_dir / relative
    if not path.is_file():
        return missing
    return _parsed(path, path.stat().st_mtime_ns, parse)


@lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int, parse: Callable[[dict[str, Any]], Any]) -> Any:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return parse(data if isinstance(data, dict) else {})

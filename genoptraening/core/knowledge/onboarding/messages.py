"""The staff's messages of import and review, from ``knowledge/phrases/onboarding.yml``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

#: The file under the knowledge folder with every message of ``kb import``/``review``/``approve``.
MESSAGES_FILE = Path("phrases") / "onboarding.yml"


@lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> dict[str, str]:
    return {str(k): str(v) for k, v in (yaml.safe_load(path.read_text("utf-8")) or {}).items()}


def messages() -> dict[str, str]:
    """Return every message by key (read again when the file changes)."""
    from genoptraening.settings import get_settings

    path = get_settings().knowledge_dir / MESSAGES_FILE
    return _read(path, path.stat().st_mtime_ns)


def say(key: str, **values: object) -> str:
    """Return message ``key`` with its placeholders filled in."""
    return messages()[key].format(**values)


class ImportRefused(Exception):
    """An import, review or approval that cannot go ahead; nothing was written.

    Attributes:
        key: The message's key in ``knowledge/phrases/onboarding.yml``.
        values: Its placeholders.

    """

    def __init__(self, key: str, **values: object):
        self.key = key
        self.values = values
        super().__init__(say(key, **values))

"""The console's Danish messages, from ``knowledge/phrases/console.yml``.

The pages' own words are in their templates (``api/templates/staff/``); what the code says —
refusals, validation messages, the audit log's actions — is here, where editors find it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

#: The file under the knowledge folder with the console's messages.
TEXTS_FILE = Path("phrases") / "console.yml"


@lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text("utf-8")) or {})


def texts() -> dict[str, Any]:
    """Return every message by key, groups as mappings (read again when the file changes)."""
    from genoptraening.settings import get_settings

    path = get_settings().knowledge_dir / TEXTS_FILE
    return _read(path, path.stat().st_mtime_ns)


def text(key: str, **values: object) -> str:
    """Return message ``key`` (dotted for a group: "roles.admin") with its placeholders."""
    found: Any = texts()
    for part in key.split("."):
        found = found[part]
    return str(found).format(**values)


class ConsoleRefusal(Exception):
    """Something the console refuses to do; nothing was written. The message is Danish.

    Attributes:
        key: The message's key in ``knowledge/phrases/console.yml``.
        field: The form field the message belongs beside, if any.

    """

    def __init__(self, key: str, field: str | None = None, **values: object):
        self.key = key
        self.field = field
        super().__init__(text(key, **values))

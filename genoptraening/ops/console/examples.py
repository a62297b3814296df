"""Training examples that staff collect on the Gennemgang page, and their export.

A citizen's message the assistant did not understand (or answered with low confidence, or whose
answer was rated down) is marked with the topic (intent) it should have been; the marked text —
CPR-masked, as the review reads it — is kept in the console's database (``staff_examples``, one
row per text: marking it again changes its intent). ``export`` writes them all as Rasa NLU
training data in the format of ``data/nlu/`` for the next training run (the page's download and
``genoptraening staff export-examples``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from genoptraening.core.knowledge.schema import TOPIC_OF_INTENT
from genoptraening.core.privacy import mask_cpr
from genoptraening.core.render import topic_label
from genoptraening.ops.console import audit
from genoptraening.ops.console.accounts import User
from genoptraening.ops.console.db import ConsoleDatabase, tables
from genoptraening.ops.console.texts import ConsoleRefusal
from genoptraening.ops.review import nlu_yaml

#: Where a marked message came from.
ORIGINS = ("fallback", "low", "down")
_HEADER = """\
# Træningseksempler markeret i personalekonsollen (Gennemgang), {day}.
# CPR-numre er erstattet med [CPR]. Flyt eksemplerne ind under den samme intent i den rigtige
# fil i data/nlu/ (fx ask_cost i data/nlu/cost.yml), og kør »make test«.
"""


@dataclass(frozen=True)
class Example:
    """One marked message."""

    id: int
    text: str
    intent: str
    municipality: str | None
    origin: str
    asked_at: float | None
    at: float
    author: str


@lru_cache(maxsize=4)
def _intents(path: Path, mtime_ns: int) -> tuple[str, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(str(i) for i in data.get("intents") or [] if isinstance(i, str))


def intents(bot_dir: Path) -> list[tuple[str, str]]:
    """Return the assistant's intents with a Danish label, the topics' first.

    Read from Rasa's domain (``bot/domain/intents.yml``).
    """
    path = bot_dir / "domain" / "intents.yml"
    found = _intents(path, path.stat().st_mtime_ns)
    labelled = [(i, f"{topic_label(TOPIC_OF_INTENT[i])} ({i})" if i in TOPIC_OF_INTENT else i)
                for i in found]
    return sorted(labelled, key=lambda pair: (pair[0] not in TOPIC_OF_INTENT, pair[1].lower()))


def _key(text: str) -> str:
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


class Examples:
    """The collected training examples in the console's database."""

    def __init__(self, db: ConsoleDatabase, clock: Callable[[], float] = time.time):
        """Keep the examples in ``db``."""
        self.db = db
        self.clock = clock

    def mark(self, user: User, text: str, intent: str, known: set[str],
             municipality: str | None, origin: str, asked_at: float | None,
             ip: str | None = None) -> Example:
        """Keep a message as an example of ``intent`` (marking it again changes the intent).

        Raises:
            ConsoleRefusal: ``forbidden`` when the user may not edit the municipality (a
                message without one: only an administrator), ``intent_unknown`` for an
                intent not in ``known``.

        """
        if not (user.is_admin or (municipality is not None and user.can_edit(municipality))):
            raise ConsoleRefusal("forbidden")
        if intent not in known:
            raise ConsoleRefusal("intent_unknown", field="intent")
        text = mask_cpr(" ".join(text.split()))[:1000]
        if not text:
            raise ConsoleRefusal("form.required", field="text")
        examples = tables()["examples"]
        now = self.clock()
        values = {"text": text, "intent": intent, "municipality": municipality,
                  "origin": origin if origin in ORIGINS else "fallback", "asked_at": asked_at,
                  "at": now, "author": user.username}
        with self.db.begin() as connection:
            key = _key(text)
            done = connection.execute(examples.update().where(examples.c.key == key)
                                      .values(**values)).rowcount
            if not done:
                connection.execute(examples.insert().values(key=key, **values))
            audit.record(connection, now, user.username, "example_marked",
                         municipality=municipality, target=intent, ip=ip)
            row = connection.execute(examples.select().where(examples.c.key == key)).one()
        return _example(row)

    def remove(self, user: User, example_id: int, ip: str | None = None) -> None:
        """Delete an example (by whoever may mark its municipality's messages).

        Raises:
            ConsoleRefusal: ``forbidden``, or ``version_unknown`` for no such example.

        """
        examples = tables()["examples"]
        with self.db.begin() as connection:
            row = connection.execute(examples.select().where(examples.c.id == example_id)
                                     ).one_or_none()
            if row is None:
                raise ConsoleRefusal("version_unknown")
            if not (user.is_admin or (row.municipality and user.can_edit(row.municipality))):
                raise ConsoleRefusal("forbidden")
            connection.execute(examples.delete().where(examples.c.id == example_id))
            audit.record(connection, self.clock(), user.username, "example_removed",
                         municipality=row.municipality, target=row.intent, ip=ip)

    def list(self) -> list[Example]:
        """Return every example, the newest marked first."""
        examples = tables()["examples"]
        with self.db.begin() as connection:
            rows = connection.execute(examples.select().order_by(examples.c.at.desc(),
                                                                 examples.c.id.desc())).all()
        return [_example(row) for row in rows]

    def marked(self) -> dict[str, str]:
        """Return the intent each marked text has, by the text's key (see ``key_of``)."""
        examples = tables()["examples"]
        with self.db.begin() as connection:
            rows = connection.execute(examples.select().with_only_columns(
                examples.c.key, examples.c.intent)).all()
        return {row.key: row.intent for row in rows}

    def export(self, today: dt.date | None = None) -> tuple[str, int]:
        """Return every example as Rasa NLU training data, and how many there are."""
        groups: dict[str, list[str]] = {}
        every = sorted(self.list(), key=lambda e: e.id)
        for example in every:
            groups.setdefault(example.intent, []).append(example.text)
        day = (today or dt.date.today()).isoformat()
        return nlu_yaml(groups, _HEADER.format(day=day)), len(every)


def key_of(text: str) -> str:
    """Return the key a message's text is kept under (case and spacing ignored)."""
    return _key(mask_cpr(" ".join(text.split())))


def _example(row: object) -> Example:
    return Example(row.id, row.text, row.intent, row.municipality,  # type: ignore[attr-defined]
                   row.origin, row.asked_at, row.at, row.author)  # type: ignore[attr-defined]

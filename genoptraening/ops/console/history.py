"""Saving a topic from the console: checked, versioned, kept with its author, revertible.

A save reads the knowledge file under a lock, refuses when the topic changed since the editor
opened it (the version they started from is not the file's any more: an optimistic check, so
two editors never overwrite each other unknowingly), writes the file (the running assistant and
every web API process read it again within ``reload_interval``: live without retraining), and
keeps the topic before and after in the database with the author and the time. A revert is a
save of an earlier version, through the same checks.
"""

from __future__ import annotations

import contextlib
import difflib
import fcntl
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from genoptraening.core.knowledge.onboarding.importer import write_together
from genoptraening.core.knowledge.schema import Standard, Topic
from genoptraening.core.knowledge.validate import KnowledgeFileError, parse_file
from genoptraening.ops.console import audit
from genoptraening.ops.console.accounts import User
from genoptraening.ops.console.db import ConsoleDatabase, tables
from genoptraening.ops.console.texts import ConsoleRefusal, text
from genoptraening.ops.console.topic_file import (
    SENTENCE_END,
    Place,
    check_text,
    fingerprint,
    relative,
    replace_topic,
    topic_json,
)
from genoptraening.ops.console.topic_form import TopicForm, field_of, topic_data

#: The lock file that makes saves of the knowledge files one at a time (in the knowledge folder,
#: which every process that saves shares).
LOCK_FILE = ".console.lock"


@dataclass
class Checked:
    """A form checked as the knowledge would be: the new file text and what is wrong."""

    data: dict[str, Any]
    text: str | None  # the knowledge file with the topic replaced; None when unreadable
    errors: dict[str, str] = field(default_factory=dict)  # by form field
    general: list[str] = field(default_factory=list)  # not tied to one field
    standard: Standard | None = None

    @property
    def ok(self) -> bool:
        """Whether the topic may be saved."""
        return self.text is not None and self.standard is not None and not self.errors \
            and not self.general


@dataclass(frozen=True)
class Version:
    """One save of a topic."""

    version: int
    at: float
    author: str
    action: str  # "save" or "revert"
    before: dict[str, Any]
    after: dict[str, Any]
    reverted_to: int | None = None


class Conflict(ConsoleRefusal):
    """The topic changed since the editor opened it; nothing was written.

    Attributes:
        current: The topic as it is now.
        latest: The save that changed it, when it was made in the console.

    """

    def __init__(self, current: Topic, latest: Version | None):
        self.current = current
        self.latest = latest
        if latest is None:
            super().__init__("conflict_file")
        else:
            super().__init__("conflict", author=latest.author,
                             at=time.strftime("%H:%M", time.localtime(latest.at)))


class KnowledgeWork:
    """The console's changes to a knowledge folder, logged (and kept) in its database."""

    def __init__(self, db: ConsoleDatabase, knowledge_dir: Path, seeds_dir: Path | None,
                 clock: Callable[[], float] = time.time):
        """Change the files in ``knowledge_dir``, checking quotes against ``seeds_dir``."""
        self.db = db
        self.knowledge_dir = knowledge_dir
        self.seeds_dir = seeds_dir
        self.clock = clock


class TopicEditor(KnowledgeWork):
    """Edits of the curated topics of the municipalities' knowledge files."""

    def _path(self, place: Place) -> Path:
        return self.knowledge_dir / f"{place.slug}.yml"

    def load(self, place: Place) -> Topic:
        """Return the topic as the file has it now.

        Raises:
            ConsoleRefusal: ``topic_unknown`` when the file or the topic is not there,
                ``file_broken`` when the file does not load.

        """
        try:
            standard = parse_file(self._path(place))
        except FileNotFoundError as exc:
            raise ConsoleRefusal("topic_unknown") from exc
        except KnowledgeFileError as exc:
            raise ConsoleRefusal("file_broken", problem=str(exc.problems[0])) from exc
        topic = place.of(standard)
        if topic is None:
            raise ConsoleRefusal("topic_unknown")
        return topic

    def check(self, place: Place, form: TopicForm, original: Topic | None = None) -> Checked:
        """Check a form as the knowledge is validated, without writing anything."""
        original = original or self.load(place)
        data, errors = topic_data(form, original)
        checked = Checked(data, None, errors)
        if errors:
            return checked
        return self._check_data(place, data, form, checked)

    def _check_data(self, place: Place, data: dict[str, Any], form: TopicForm | None,
                    checked: Checked) -> Checked:
        checked.text = replace_topic(self._path(place).read_text(encoding="utf-8"), place, data)
        checked.standard, problems = check_text(self.knowledge_dir, self.seeds_dir, place,
                                                checked.text)
        for problem in problems:
            where = field_of(relative(problem, place), form) if form is not None else ""
            if where:
                known = checked.errors.get(where)
                checked.errors[where] = f"{known} {problem.reason}" if known else problem.reason
            else:
                checked.general.append(problem.reason)
        return checked

    def save(self, user: User, place: Place, form: TopicForm, base: str,
             ip: str | None = None) -> Version | Checked:
        """Save a form when it checks out and the topic is still at version ``base``.

        Returns:
            The version saved, or the check's result when something is wrong (nothing written).

        Raises:
            ConsoleRefusal: ``forbidden`` when the user may not edit the municipality.
            Conflict: when the topic changed since ``base``.

        """
        self._allowed(user, place)
        with self._locked():
            current = self.load(place)
            self._unchanged(place, current, base)
            checked = self.check(place, form, current)
            if not checked.ok:
                return checked
            return self._write(user, place, current, checked, "save", None, ip)

    def revert(self, user: User, place: Place, version: int, base: str,
               ip: str | None = None) -> Version | Checked:
        """Make the topic what it was after save ``version`` (0: before the first save).

        Raises:
            ConsoleRefusal: ``forbidden``, or ``version_unknown``.
            Conflict: when the topic changed since ``base``.

        """
        self._allowed(user, place)
        versions = {v.version: v for v in self.history(place)}
        if version == 0 and 1 in versions:
            data = versions[1].before
        elif version in versions:
            data = versions[version].after
        else:
            raise ConsoleRefusal("version_unknown")
        with self._locked():
            current = self.load(place)
            self._unchanged(place, current, base)
            checked = self._check_data(place, data, None, Checked(data, None))
            if not checked.ok:
                return checked
            return self._write(user, place, current, checked, "revert", version, ip)

    def history(self, place: Place) -> list[Version]:
        """Return the saves of a topic, the newest first."""
        history = tables()["history"]
        with self.db.begin() as connection:
            rows = connection.execute(history.select().where(
                history.c.slug == place.slug, history.c.law == (place.law or ""),
                history.c.topic == place.topic).order_by(history.c.version.desc())).all()
        return [Version(r.version, r.at, r.author, r.action, json.loads(r.before),
                        json.loads(r.after), r.reverted_to) for r in rows]

    def _allowed(self, user: User, place: Place) -> None:
        if not user.can_edit(place.slug):
            raise ConsoleRefusal("forbidden")

    def _unchanged(self, place: Place, current: Topic, base: str) -> None:
        if fingerprint(current) != base:
            history = self.history(place)
            raise Conflict(current, history[0] if history else None)

    def _write(self, user: User, place: Place, current: Topic, checked: Checked,
               action: str, reverted_to: int | None, ip: str | None) -> Version:
        import sqlalchemy as sa

        assert checked.text is not None and checked.standard is not None
        after = place.of(checked.standard)
        assert after is not None
        history = tables()["history"]
        now = self.clock()
        with self.db.begin() as connection:
            number = 1 + (connection.execute(sa.select(sa.func.max(history.c.version)).where(
                history.c.slug == place.slug, history.c.law == (place.law or ""),
                history.c.topic == place.topic)).scalar() or 0)
            version = Version(number, now, user.username, action, topic_json(current),
                              topic_json(after), reverted_to)
            # A second save of the same version fails here (unique), before any file is written.
            connection.execute(history.insert().values(
                slug=place.slug, law=place.law or "", topic=place.topic, version=number,
                at=now, author=user.username, action=action,
                before=json.dumps(version.before, ensure_ascii=False),
                after=json.dumps(version.after, ensure_ascii=False), reverted_to=reverted_to))
            audit.record(connection, now, user.username,
                         "topic_saved" if action == "save" else "topic_reverted",
                         municipality=place.slug, target=place.prefix,
                         detail={"version": number, "reverted_to": reverted_to}, ip=ip)
            write_together({self._path(place): checked.text})  # committed only once written
        return version

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return knowledge_lock(self.knowledge_dir)


@contextmanager
def knowledge_lock(knowledge_dir: Path) -> Iterator[None]:
    """Hold the lock under which the console writes the knowledge folder's files.

    Raises:
        ConsoleRefusal: ``installed`` when the folder is an installed package's own.

    """
    from genoptraening.settings import BUNDLED

    if knowledge_dir.resolve().is_relative_to(BUNDLED.resolve()):
        raise ConsoleRefusal("installed", folder=knowledge_dir)
    with open(knowledge_dir / LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def readable_lines(data: dict[str, Any]) -> list[str]:
    """Return a topic as lines to compare: the answer a sentence a line, then the facts."""
    answer = str(data.get("answer", ""))
    lines = [text("diff.answer")]
    lines += [part.strip() for part in SENTENCE_END.split(answer) if part.strip()]
    for key in ("facts", "sources"):
        if data.get(key):
            lines.append(text(f"diff.{key}"))
            dumped = yaml.safe_dump(data[key], allow_unicode=True, sort_keys=False, width=1000)
            lines += dumped.rstrip("\n").split("\n")
    return lines


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str]]:
    """Return the lines of two versions of a topic marked "same", "removed" or "added"."""
    marks = {" ": "same", "-": "removed", "+": "added"}
    return [(marks[line[0]], line[2:]) for line in
            difflib.ndiff(readable_lines(before), readable_lines(after)) if line[0] in marks]

"""The knowledge base: all knowledge files, loaded once, reloaded when a file changes.

The knowledge files (``<slug>.yml``) and the standards as text (``standards/<slug>.md``) are
read the same way. A running assistant must never go down over a broken file: a file that fails
to parse is reported (logged and kept in ``problems``) and its last good version stays in use.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from genoptraening.core.knowledge.reviewed import effective
from genoptraening.core.knowledge.schema import Standard
from genoptraening.core.knowledge.standards import (
    STANDARDS_DIR,
    StandardText,
    StandardTextError,
    load_standard_text,
    standard_files,
)
from genoptraening.core.knowledge.validate import (
    NATIONAL_FILE,
    KnowledgeFileError,
    Problem,
    knowledge_files,
    parse_file,
    text_problem,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Loaded:
    mtime_ns: int
    size: int
    standard: Standard | None  # None when the file never loaded


@dataclass(frozen=True)
class _LoadedText:
    mtime_ns: int
    size: int
    text: StandardText | None  # None when the file never loaded


class KnowledgeBase:
    """The standards on file, by slug, and the national rules.

    Reads are cheap: files are stat-ed at most once per ``reload_interval`` seconds and only a
    changed file is parsed again.
    """

    def __init__(self, directory: Path, reload_interval: float = 1.0):
        self.directory = directory
        self.reload_interval = reload_interval
        self._files: dict[str, _Loaded] = {}
        self._texts: dict[str, _LoadedText] = {}  # by slug (the file's stem)
        self._problems: dict[str, list[Problem]] = {}
        self._checked = 0.0
        self._lock = threading.Lock()
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        """Reload the files that changed since the last look (at most once per interval)."""
        now = time.monotonic()
        if not force and now - self._checked < self.reload_interval:
            return
        with self._lock:
            self._checked = now
            present = {p.name: p for p in knowledge_files(self.directory)}
            for name in set(self._files) - set(present):
                log.warning("knowledge file %s was removed; its municipality is unloaded", name)
                del self._files[name]
                self._problems.pop(name, None)
            for name, path in present.items():
                old = self._files.get(name)
                if (stat := _changed(path, old)) is not None:
                    self._load(name, path, stat.st_mtime_ns, stat.st_size, old)
            self._refresh_texts()

    def _refresh_texts(self) -> None:
        present = {p.stem: p for p in standard_files(self.directory)}
        for slug in set(self._texts) - set(present):
            log.warning("standard text %s/%s.md was removed", STANDARDS_DIR, slug)
            del self._texts[slug]
            self._problems.pop(f"{STANDARDS_DIR}/{slug}.md", None)
        for slug, path in present.items():
            old = self._texts.get(slug)
            if (stat := _changed(path, old)) is None:
                continue
            key = f"{STANDARDS_DIR}/{path.name}"
            try:
                text = load_standard_text(path)
            except StandardTextError as exc:
                self._problems[key] = [text_problem(exc)]
                kept = old.text if old else None
                log.error(
                    "standard text %s is broken (%s); %s", key, exc,
                    "the last good version stays in use" if kept else "it is not loaded",
                )
                # Remember the stamp so a broken file is not parsed again every second.
                self._texts[slug] = _LoadedText(stat.st_mtime_ns, stat.st_size, kept)
                continue
            self._problems.pop(key, None)
            self._texts[slug] = _LoadedText(stat.st_mtime_ns, stat.st_size, text)
            if old is not None:
                log.info("standard text %s reloaded", key)

    def _load(self, name: str, path: Path, mtime_ns: int, size: int, old: _Loaded | None) -> None:
        try:
            # An imported standard answers from its approved facts only (reviewed.py).
            standard = effective(parse_file(path))
        except KnowledgeFileError as exc:
            self._problems[name] = exc.problems
            kept = old.standard if old else None
            log.error(
                "knowledge file %s is broken (%d problem(s): %s); %s",
                name, len(exc.problems), exc.problems[0],
                "the last good version stays in use" if kept else "it is not loaded",
            )
            # Remember the stamp so a broken file is not parsed again every second.
            self._files[name] = _Loaded(mtime_ns, size, kept)
            return
        self._problems.pop(name, None)
        self._files[name] = _Loaded(mtime_ns, size, standard)
        if old is not None:
            log.info("knowledge file %s reloaded", name)

    @property
    def problems(self) -> list[Problem]:
        """Problems of files that failed to load (their last good version is in use)."""
        self.refresh()
        return [p for problems in self._problems.values() for p in problems]

    def standards(self) -> dict[str, Standard]:
        """Return the municipal standards on file, by slug."""
        self.refresh()
        return {
            loaded.standard.slug: loaded.standard
            for name, loaded in sorted(self._files.items())
            if loaded.standard is not None and name != NATIONAL_FILE
        }

    def standard(self, slug: str) -> Standard | None:
        """Return the standard of the municipality with this slug, if it is on file."""
        return self.standards().get(slug)

    def text(self, slug: str) -> StandardText | None:
        """Return the published standard of this municipality as text, if it is on file."""
        self.refresh()
        loaded = self._texts.get(slug)
        return loaded.text if loaded else None

    @property
    def national(self) -> Standard | None:
        """Return the national (general) rules."""
        self.refresh()
        loaded = self._files.get(NATIONAL_FILE)
        return loaded.standard if loaded else None

    def links(self) -> dict[str, str]:
        """Return every link the standards print (URL → label): the only ones made clickable."""
        return {
            link.url: link.label
            for standard in self.standards().values()
            for _, _, entry in standard.iter_topics()
            for link in entry.facts.links
        }

    def is_ready(self) -> bool:
        """Tell whether the national rules and at least one standard are loaded."""
        return self.national is not None and bool(self.standards())


def _changed(path: Path, old: _Loaded | _LoadedText | None) -> os.stat_result | None:
    """Return a file's stat when it is new or changed since ``old`` was loaded, else None."""
    try:
        stat = path.stat()
    except OSError:
        return None  # gone between listing and reading: the next look sees it
    if old and (old.mtime_ns, old.size) == (stat.st_mtime_ns, stat.st_size):
        return None
    return stat


_instance: KnowledgeBase | None = None
_instance_lock = threading.Lock()


def get_knowledge_base() -> KnowledgeBase:
    """Return the process-wide knowledge base, loading it on first use."""
    global _instance
    if _instance is None:
        with _instance_lock:
            if _instance is None:
                from genoptraening.settings import get_settings

                settings = get_settings()
                _instance = KnowledgeBase(settings.knowledge_dir, settings.reload_interval)
    return _instance

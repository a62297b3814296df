"""A municipality imported as if new (its curated files removed, its seed imported), talked to."""

from __future__ import annotations

import shutil
from pathlib import Path

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.knowledge.onboarding.importer import import_standard
from genoptraening.core.passages import PassageSearch
from genoptraening.core.register import Register, load_register
from genoptraening.core.situation import Situation
from genoptraening.dialogue import Reply, State, Turn
from genoptraening.dialogue.deps import Deps
from genoptraening.dialogue.engine import respond
from genoptraening.settings import CHECKOUT
from tests.conftest import KNOWLEDGE, SEEDS

#: Each curated municipality's seed document.
SEED_OF = {"lejre": "000_fcbf1760aa121c15.txt", "hjoerring": "001_f4a1c6cfc55bc51b.txt",
           "skanderborg": "002_799ebacafca7cc2e.txt", "rebild": "003_d40ffce71fe9f5f8.txt",
           "hedensted": "004_88f73513f2113e1d.txt"}


def imported_deps(tmp: Path, slug: str) -> Deps:
    """Return the dialogue's dependencies on a knowledge folder where ``slug`` is imported."""
    folder = tmp / slug / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    for path in (folder / f"{slug}.yml", folder / "standards" / f"{slug}.md"):
        path.unlink()
    import_standard(SEEDS / SEED_OF[slug], slug, folder,
                    load_register(with_standard=frozenset()))
    return deps_on(folder)


def deps_on(folder: Path, register: Register | None = None) -> Deps:
    """Return the dialogue's dependencies on a knowledge folder (its standards' text searched)."""
    kb = KnowledgeBase(folder, reload_interval=0)
    search = PassageSearch(kb, folder / "vocabulary" / "synonyms.yml",
                           nlu_dir=CHECKOUT / "data" / "nlu")
    return Deps(kb, register or load_register(with_standard=frozenset(kb.standards())),
                passages=search)


class Imported:
    """Each municipality imported as if new, once a test session, when a test first asks."""

    def __init__(self, tmp: Path):
        self._tmp = tmp
        self._built: dict[str, Deps] = {}

    def __getitem__(self, slug: str) -> Deps:
        if slug not in self._built:
            self._built[slug] = imported_deps(self._tmp, slug)
        return self._built[slug]


class Talk:
    """A conversation with an imported municipality's assistant, its state kept between turns."""

    def __init__(self, deps: Deps, municipality: str):
        self.deps = deps
        self.state = State(municipality=municipality)
        self.replies: list[Reply] = []

    def say(self, kind: str, text: str, intent: str, confidence: float = 0.95,
            situation: Situation | None = None) -> str:
        """Send one turn as NLU read it; return the replies as the citizen reads them."""
        turn = Turn(text=text, intent=intent, confidence=confidence,
                    situation=situation or Situation())
        self.replies, changes = respond(kind, turn, self.state, self.deps)
        for name, value in changes.items():
            setattr(self.state, name, value)
        return "\n\n".join(r.full_text for r in self.replies)

    @property
    def kinds(self) -> list[str]:
        """What answered each reply ("passage", "topic", …)."""
        return [r.answered_by.get("kind", "") for r in self.replies]

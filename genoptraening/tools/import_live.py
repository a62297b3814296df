"""From ``kb import`` to the first right answer over the REST channel, without a restart.

An assistant (Rasa and action server) is started once on a copy of the knowledge folder without
one municipality's curated files. A citizen's question for that municipality is put to it over
the REST channel (``POST /webhooks/rest/webhook`` with ``metadata.municipality``, as the widget
sends it) and gets the general rule. Then ``genoptraening kb import`` is run on the copy with
the municipality's seed text, and the same question is asked again, each time in a new
conversation, until the answer quotes a passage of the imported standard (its section and text
stand in the imported ``standards/<slug>.md``) and holds what a right answer must hold. The time
is counted from the start of the import command.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from genoptraening.core.knowledge.standards import StandardText, load_standard_text
from genoptraening.core.register import Register
from genoptraening.tools import conversations
from genoptraening.tools.import_answers import (
    assistant_on,
    curated_standards,
    import_command,
    model_copy,
    without,
)

HEADING = "## Measured: from kb import to the first answer"
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|…")


@dataclass(frozen=True)
class Question:
    """A citizen's question for a municipality and what a right answer holds (one of each)."""

    text: str
    must_contain_any: tuple[tuple[str, ...], ...]


#: A question per municipality that a passage of its standard answers (checked against the
#: seeds; the imported text answers these without any approved fact).
QUESTIONS = {
    "lejre": Question("Hvad koster genoptræning hos jer?", (("gratis",),)),
    "hjoerring": Question("Hvornår kan jeg ringe til Træningsenheden?", (("72 33 58 50",),)),
    "skanderborg": Question("Hvad koster kørsel?", (("egenbetaling",),)),
    "rebild": Question("Kan jeg selv vælge hvor jeg træner?", (("frit vælge",),)),
    "hedensted": Question("Hvad er telefonnummeret?", (("79 91 82 50",),)),
}


@dataclass
class Timing:
    """How one municipality's import went live."""

    slug: str
    question: str
    before: str = ""  # what answered before the import ("general", or the section quoted)
    import_seconds: float | None = None  # the import command, start to end
    seconds: float | None = None  # import start to the first right answer
    polls: int = 0
    section: str = ""  # the imported section the right answer quoted
    error: str = ""
    steps: list[tuple[float, str]] = field(default_factory=list)  # (seconds, what answered)


def quoted_section(turn: Any, text: StandardText) -> str | None:
    """Return the section of ``text`` a turn's replies quote a passage of, if any.

    A passage may leave sentences of its section out, so each of its sentences must stand in
    the section named.
    """
    for reply in turn.answers:
        passage = reply.passage
        if not passage:
            continue
        heading = str(passage.get("section") or "")
        parts = [p.strip() for p in _SENTENCE_END.split(str(passage["text"])) if p.strip()]
        if parts and all(text.contains(heading, part) for part in parts):
            return heading
    return None


def answered_by(turn: Any) -> str:
    """Say briefly what answered a turn: the sections quoted, else the kinds of answer."""
    sections = [str(reply.passage.get("section")) for reply in turn.answers if reply.passage]
    if sections:
        return "passage »" + "«, »".join(sections) + "«"
    kinds = [str((reply.answered_by or {}).get("kind", "?")) for reply in turn.answers]
    general = any(isinstance(source, dict) and source.get("general")
                  for reply in turn.answers
                  for source in (reply.payload or {}).get("sources") or [])
    # "message" is the greeting and the like; "topic" without a standard: not reviewed yet.
    told = [kind for kind in kinds if kind != "message"] or kinds
    return "no passage: " + ", ".join(told) + (" with the general rule" if general else "")


def measure(knowledge_dir: Path, seeds_dir: Path, register: Register, slug: str,
            question: Question | None = None, timeout: float = 60.0, interval: float = 0.2,
            progress: Callable[[str], None] = lambda _: None) -> Timing:
    """Start an assistant without a municipality, import it, and time the first right answer.

    Args:
        knowledge_dir: The curated knowledge folder (copied; the copy lacks ``slug``).
        seeds_dir: The seed documents; the municipality's is imported as it is.
        register: The municipalities.
        slug: The municipality.
        question: The citizen's question (``QUESTIONS[slug]`` by default).
        timeout: Seconds after the import's start to give up.
        interval: Seconds between questions while waiting.
        progress: Told what happens.

    """
    question = question or QUESTIONS[slug]
    timing = Timing(slug, question.text)
    found = next((c for c in curated_standards(knowledge_dir, seeds_dir, register)
                  if c.slug == slug), None)
    if found is None:
        timing.error = f"ingen kurateret standard med kildetekst for {slug}"
        return timing
    wanted = conversations.Turn(question.text, question.must_contain_any)
    with tempfile.TemporaryDirectory(prefix="import-live-") as name:
        scratch = Path(name)
        model = model_copy(scratch / "model")
        folder = without(knowledge_dir, slug, scratch)
        progress(f"{slug}: assistenten startes uden kommunens standard")
        with assistant_on(folder, model, scratch / "assistant") as client:
            client.new_conversation()
            timing.before = answered_by(client.say(question.text, found.name))
            progress(f"{slug}: før importen: {timing.before}; importerer")
            start = time.monotonic()
            done = import_command(found.seed, found.name, folder)
            timing.import_seconds = time.monotonic() - start
            if done.returncode != 0:
                timing.error = (done.stdout + done.stderr).strip() or f"exit {done.returncode}"
                return timing
            text = load_standard_text(folder / "standards" / f"{slug}.md")
            while time.monotonic() - start < timeout:
                client.new_conversation()
                turn = client.say(question.text, found.name)
                timing.polls += 1
                elapsed = time.monotonic() - start
                timing.steps.append((elapsed, answered_by(turn)))
                section = quoted_section(turn, text)
                if section is not None and not conversations.turn_problems(wanted, turn.texts):
                    timing.seconds, timing.section = elapsed, section
                    break
                time.sleep(interval)
            else:
                timing.error = f"intet rigtigt svar inden for {timeout:.0f} s"
    return timing


def render(timings: list[Timing], command: str, label: str = "") -> str:
    """Write the timings as a Markdown section of docs/onboarding.md."""
    lines = [HEADING, "",
             f"`{command}`: an assistant started once on a copy of the knowledge folder without "
             "the municipality's curated files; the question put over the REST channel "
             "(`metadata.municipality`), `genoptraening kb import` run on the copy with the seed "
             "text, and the question asked again in a new conversation every "
             "0.2 s until the answer quotes a passage of the imported standard and holds the "
             f"expected words. Seconds from the start of the import command. {label}".rstrip(),
             "",
             "| municipality | question | before the import | import command | first right "
             "answer | asked | section quoted |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for t in timings:
        if t.error:
            lines.append(f"| {t.slug} | {t.question} | {t.before} | | {t.error} | {t.polls} | |")
            continue
        lines.append(f"| {t.slug} | {t.question} | {t.before} | {t.import_seconds:.2f} s | "
                     f"**{t.seconds:.2f} s** | {t.polls} | »{t.section}« |")
    return "\n".join(lines) + "\n"

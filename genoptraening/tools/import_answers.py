"""The import measured in conversation: each standard left out, imported, and talked to.

For each municipality with a curated standard and a seed document, in turn: the knowledge
folder is copied to a scratch folder, the municipality's curated files (``<slug>.yml`` and
``standards/<slug>.md``) are removed from the copy, its seed text is imported into the copy
with ``genoptraening kb import`` (the command staff run, as a process of its own, pointed at
the copy by ``GENOPTRAENING_KNOWLEDGE_DIR``), and an assistant started on the copy is put the
conversations of a set whose widget sends that municipality. The same conversations are put to
an assistant on the curated knowledge for comparison. No fact is approved: the imported
municipality is answered from its standard's text only.

The conversations are scored as ``genoptraening conversations evaluate`` scores them
(:mod:`genoptraening.tools.conversations`); only the counts leave this module, so a held-out set
stays unread. The assistants run on ports of their own with a scratch tracker store and a copy
of the trained model taken once at the start: nothing is trained, and a ``make run`` beside it
is neither used nor disturbed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from genoptraening.core.knowledge.validate import knowledge_files, parse_file
from genoptraening.core.register import Register
from genoptraening.tools import conversations

#: Ports of the assistants started here (``make run`` uses 5005/5055, the e2e tests 5105/5155,
#: ``conversations evaluate`` 5405/5455).
RASA_PORT, ACTIONS_PORT = 5505, 5555
KNOWLEDGE_ENV = "GENOPTRAENING_KNOWLEDGE_DIR"
#: The issue's target: the share of the conversations answered right from the imported text.
TARGET = 0.80
HEADING = "## Measured: conversations answered from the imported text"


@dataclass(frozen=True)
class Curated:
    """A municipality with a curated standard: its slug, name (as a widget sends it), seed."""

    slug: str
    name: str
    seed: Path


@dataclass
class Row:
    """One municipality's conversations: how many, and how many answered right each way."""

    slug: str
    total: int
    imported: int | None = None
    curated: int | None = None
    error: str = ""
    failures: str = ""  # the imported run's failed conversations, only when asked for


def curated_standards(knowledge_dir: Path, seeds_dir: Path,
                      register: Register) -> list[Curated]:
    """Return the municipalities with a curated standard whose seed document is at hand."""
    found = []
    for path in knowledge_files(knowledge_dir):
        standard = parse_file(path)
        seed = seeds_dir / (standard.seed_file or "")
        municipality = register.by_slug(standard.slug)
        if (standard.general or standard.imported is not None or not seed.is_file()
                or municipality is None):
            continue
        found.append(Curated(standard.slug, municipality.name, seed))
    return found


def without(knowledge_dir: Path, slug: str, scratch: Path) -> Path:
    """Copy the knowledge folder into ``scratch`` without a municipality's files; return it."""
    folder = scratch / "knowledge"
    shutil.copytree(knowledge_dir, folder)
    for path in (folder / f"{slug}.yml", folder / "standards" / f"{slug}.md",
                 folder / "sources" / f"{slug}.txt"):
        path.unlink(missing_ok=True)
    return folder


def subset(source: Path, slug: str, register: Register, folder: Path) -> tuple[Path, int]:
    """Write the conversations of ``source`` whose widget sends a municipality to ``folder``.

    The file is named after the set and the municipality (``heldout-lejre.yml``), so that a
    held-out set's subset is still treated as held out. Returns the file and how many
    conversations it holds; the conversations themselves are neither returned nor shown.
    """
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    rows = [row for row in data.get("conversations") or []
            if _slug_of(row.get("widget_municipality"), register) == slug]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source.stem}-{slug}.yml"
    target.write_text(yaml.safe_dump({"version": data.get("version", 1), "conversations": rows},
                                     allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target, len(rows)


def _slug_of(widget: object, register: Register) -> str | None:
    found = register.lookup(str(widget)) if widget else None
    return found.slug if found is not None else None


def import_command(seed: Path, name: str, knowledge_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run ``genoptraening kb import SEED --kommune NAME`` on a knowledge folder, as staff do."""
    command = Path(sys.executable).parent / "genoptraening"
    env = {**os.environ, KNOWLEDGE_ENV: str(knowledge_dir)}
    return subprocess.run([str(command), "kb", "import", str(seed), "--kommune", name],
                          env=env, capture_output=True, text=True, check=False)


def model_copy(folder: Path) -> Path:
    """Copy the newest trained model into ``folder`` (training elsewhere cannot pull it away).

    Raises:
        RuntimeError: when no model has been trained.

    """
    from genoptraening.ops.services import latest_model

    model = latest_model()
    if model is None:
        raise RuntimeError("Ingen trænet model: kør `make train` først.")
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(model, folder / model.name))


@contextlib.contextmanager
def assistant_on(knowledge_dir: Path, model: Path, scratch: Path,
                 rasa_port: int = RASA_PORT, actions_port: int = ACTIONS_PORT) -> Iterator[Any]:
    """Yield a client of an assistant (Rasa and action server) started on a knowledge folder.

    Both servers get ``GENOPTRAENING_KNOWLEDGE_DIR``; their tracker store, endpoints file and
    logs are in ``scratch``. They are stopped when the block ends.
    """
    from genoptraening.ops.services import Services, rasa_token, scratch_settings, start_assistant
    from genoptraening.staff.assistant import AssistantClient

    scratch.mkdir(parents=True, exist_ok=True)
    with Services(log_dir=scratch / "logs") as services:
        urls = start_assistant(services, model, rasa_port, actions_port,
                               settings=scratch_settings(scratch),
                               extra_env={KNOWLEDGE_ENV: str(knowledge_dir)})
        services.wait_ready()
        client = AssistantClient(urls[0], rasa_token())
        try:
            yield client
        finally:
            client.close()


def score(path: Path, client: Any, register: Register) -> list[conversations.Outcome]:
    """Put a conversation file to the assistant; return how each conversation went."""
    return conversations.run(conversations.load(path), client, register)


def _right(outcomes: list[conversations.Outcome]) -> int:
    return sum(outcome.correct for outcome in outcomes)


def measure(source: Path, knowledge_dir: Path, seeds_dir: Path, register: Register,
            slugs: Iterable[str] | None = None, failures: bool = False,
            progress: Callable[[str], None] = lambda _: None) -> list[Row]:
    """Measure each municipality's conversations from its imported text and from the curated.

    Args:
        source: The conversation set (``tests/conversations/heldout.yml``).
        knowledge_dir: The curated knowledge folder.
        seeds_dir: The seed documents, imported as they are.
        register: The municipalities, to read each conversation's widget municipality.
        slugs: Only these municipalities (all five by default).
        failures: Keep the imported runs' failed conversations (never for a held-out set).
        progress: Told what runs (slugs and counts only).

    """
    wanted = set(slugs) if slugs else None
    with tempfile.TemporaryDirectory(prefix="import-answers-") as name:
        scratch = Path(name)
        model = model_copy(scratch / "model")
        runs = []  # each municipality with its subset file and row
        for municipality in curated_standards(knowledge_dir, seeds_dir, register):
            if wanted is None or municipality.slug in wanted:
                path, total = subset(source, municipality.slug, register, scratch / "sets")
                if total:
                    runs.append((municipality, path, Row(municipality.slug, total)))
        if not runs:
            return []
        progress("kurateret viden: " + ", ".join(f"{r.slug} ({r.total})" for _, _, r in runs))
        curated = shutil.copytree(knowledge_dir, scratch / "curated" / "knowledge")
        with assistant_on(curated, model, scratch / "curated") as client:
            for _, path, row in runs:
                row.curated = _right(score(path, client, register))
        for municipality, path, row in runs:
            progress(f"{municipality.slug}: importeret tekst ({row.total})")
            outcomes = _imported(municipality, path, row, knowledge_dir, model,
                                 scratch / municipality.slug, register)
            if outcomes is not None and failures and not conversations.is_held_out(source):
                row.failures = conversations.render_failures(outcomes)
    return [row for _, _, row in runs]


def _imported(municipality: Curated, path: Path, row: Row, knowledge_dir: Path, model: Path,
              work: Path, register: Register) -> list[conversations.Outcome] | None:
    """Import a municipality into a copy without it and put its conversations to it."""
    folder = without(knowledge_dir, municipality.slug, work)
    done = import_command(municipality.seed, municipality.name, folder)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        row.error = output.splitlines()[-1] if output else f"exit {done.returncode}"
        return None
    with assistant_on(folder, model, work) as client:
        outcomes = score(path, client, register)
    row.imported = _right(outcomes)
    return outcomes


def _share(correct: int | None, total: int) -> str:
    return "—" if correct is None else f"{correct} of {total} ({100 * correct / total:.0f} %)"


def render(rows: list[Row], source: Path, command: str, label: str = "") -> str:
    """Write the figures as a Markdown section of docs/onboarding.md."""
    lines = [HEADING, "",
             f"`{command}`: for each municipality in turn, its curated files removed from a "
             "copy of the knowledge folder, its seed text imported into the copy with "
             "`genoptraening kb import` (no fact approved), and the conversations of "
             f"`{source.name}` whose widget sends that municipality put to an assistant "
             "started on the copy; the same conversations put to one on the curated knowledge "
             "for comparison. A conversation is right when every turn is (as `genoptraening "
             f"conversations evaluate` scores it). {label}".rstrip(), "",
             "| municipality | conversations | imported text only | curated |",
             "| --- | --- | --- | --- |"]
    for row in rows:
        imported = f"import failed: {row.error}" if row.error else _share(row.imported, row.total)
        lines.append(f"| {row.slug} | {row.total} | {imported} | "
                     f"{_share(row.curated, row.total)} |")
    total = sum(row.total for row in rows)
    if total:
        imported_sum = sum(row.imported or 0 for row in rows)
        curated_sum = sum(row.curated or 0 for row in rows)
        lines.append(f"| **all** | {total} | {_share(imported_sum, total)} | "
                     f"{_share(curated_sum, total)} |")
    lines += ["", f"Target: ≥ {TARGET:.0%} of the conversations answered right from the "
              "imported text, per municipality."]
    return "\n".join(lines) + "\n"


def below_target(rows: list[Row]) -> list[str]:
    """Name each municipality whose imported text answers under the target share."""
    return [f"{row.slug}: {_share(row.imported, row.total)}" if not row.error
            else f"{row.slug}: {row.error}"
            for row in rows if row.error or (row.imported or 0) < TARGET * row.total]

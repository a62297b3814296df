"""The import measured: each of the five standards imported as if it were new.

For each municipality with a curated knowledge file and a seed document, the seed's text is
made into a PDF and a Word file (headings set as headings, from the curated text by section,
with a running header and page numbers on every page of the PDF) and imported as it is (the
plain text), each into a scratch knowledge folder of its own. The facts drafted are compared
with the curated file's: phones (the number), e-mails (the address), opening hours (a phone's
windows per weekday), prices (amount and year) and deadlines (kind, number, unit and the event
it runs from). Precision is the share of drafted facts that the curated file has, recall the
share of the curated facts that were drafted. The headings found are compared too.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from genoptraening.core.knowledge.onboarding.importer import import_standard
from genoptraening.core.knowledge.schema import Facts, Standard
from genoptraening.core.knowledge.standards import StandardText, load_standard_text
from genoptraening.core.knowledge.validate import knowledge_files, parse_file
from genoptraening.core.register import Register
from genoptraening.settings import CHECKOUT
from genoptraening.tools.import_documents import write_docx, write_pdf
from genoptraening.tools.report import replace_section

#: The kinds of fact measured, in the order reported.
KINDS = ("phones", "emails", "hours", "prices", "deadlines")
#: The formats each standard is imported from.
FORMATS = ("pdf", "docx", "text")
#: The targets of issue 13.
PRECISION_TARGET, RECALL_TARGET = 0.95, 0.80
_HEADING = "## Measured: the five standards imported as if new"
REPORT = CHECKOUT / "docs" / "onboarding.md"


@dataclass
class Score:
    """Drafted, curated and shared facts of one kind."""

    drafted: int = 0
    curated: int = 0
    shared: int = 0

    def add(self, drafted: set[object], curated: set[object]) -> None:
        """Count one comparison."""
        self.drafted += len(drafted)
        self.curated += len(curated)
        self.shared += len(drafted & curated)

    @property
    def precision(self) -> float | None:
        """Share of the drafted facts that are right (None when none was drafted)."""
        return self.shared / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        """Share of the curated facts that were drafted (None when there are none)."""
        return self.shared / self.curated if self.curated else None


@dataclass
class Result:
    """One municipality imported from one format."""

    slug: str
    kind: str
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    headings: Score = field(default_factory=Score)
    error: str = ""


def fact_sets(facts: Iterable[Facts]) -> dict[str, set[object]]:
    """Return the measured facts of some topics' facts, as comparable values per kind."""
    out: dict[str, set[object]] = {kind: set() for kind in KINDS}
    for item in facts:
        for phone in item.phones:
            out["phones"].add(phone.number)
            if phone.open:
                out["hours"].add((phone.number, frozenset(
                    (day, slot.start, slot.end) for slot in phone.open for day in slot.days)))
        out["emails"].update(email.address.lower() for email in item.emails)
        out["prices"].update((price.amount, price.year) for price in item.prices)
        out["deadlines"].update((d.kind, d.number, d.unit, d.from_event) for d in item.deadlines)
    return out


def curated_sets(standard: Standard) -> dict[str, set[object]]:
    """Return the curated file's measured facts."""
    return fact_sets(entry.facts for _, _, entry in standard.iter_topics())


def drafted_sets(standard: Standard) -> dict[str, set[object]]:
    """Return an imported file's drafted facts, as the curated ones are compared."""
    facts = [Facts(phones=[d.phone] if d.phone else [], emails=[d.email] if d.email else [],
                   prices=[d.price] if d.price else [],
                   deadlines=[d.deadline] if d.deadline else []) for d in standard.drafts]
    return fact_sets(facts)


def measure(knowledge_dir: Path, seeds_dir: Path, register: Register,
            formats: Iterable[str] = FORMATS,
            progress: Callable[[str], None] = lambda _: None) -> list[Result]:
    """Import every curated standard from each format and compare the drafts with it."""
    results = []
    for path in knowledge_files(knowledge_dir):
        curated = parse_file(path)
        seed = seeds_dir / (curated.seed_file or "")
        if curated.general or curated.imported is not None or not seed.is_file():
            continue
        text = load_standard_text(knowledge_dir / "standards" / f"{curated.slug}.md")
        for kind in formats:
            progress(f"{curated.slug} ({kind})")
            results.append(_one(curated, text, seed, kind, register))
    return results


def _one(curated: Standard, text: StandardText, seed: Path, kind: str,
         register: Register) -> Result:
    result = Result(curated.slug, kind)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        document = folder / f"{curated.slug}.{ {'text': 'txt'}.get(kind, kind)}"
        if kind == "pdf":
            write_pdf(text, document)
        elif kind == "docx":
            write_docx(text, document)
        else:
            document.write_bytes(seed.read_bytes())
        (folder / "knowledge").mkdir()
        try:
            prepared = import_standard(document, curated.municipality, folder / "knowledge",
                                       register, today=dt.date(2025, 1, 1))
        except Exception as exc:  # noqa: BLE001 - a failed import is a result to report
            result.error = str(exc)
            return result
    drafted, wanted = drafted_sets(prepared.standard), curated_sets(curated)
    for name in KINDS:
        result.scores[name].add(drafted[name], wanted[name])
    result.headings.add(set(prepared.text.headings()), set(text.headings()))
    return result


def _share(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def render(results: list[Result]) -> str:
    """Write the figures as the Markdown section of docs/onboarding.md."""
    lines = [_HEADING, "",
             "`genoptraening kb evaluate-import` (PDF and Word made from each seed's text; the "
             "plain text imported as it is). Precision / recall per kind, with the counts "
             "(drafted, curated, shared); headings: found / in the curated text.", "",
             "| municipality | from | " + " | ".join(KINDS) + " | headings |",
             "| --- | --- | " + " | ".join("---" for _ in KINDS) + " | --- |"]
    for result in results:
        if result.error:
            lines.append(f"| {result.slug} | {result.kind} | import failed: {result.error} |")
            continue
        cells = [_cell(result.scores[name]) for name in KINDS]
        lines.append(f"| {result.slug} | {result.kind} | " + " | ".join(cells)
                     + f" | {_share(result.headings.precision)} / "
                       f"{_share(result.headings.recall)} |")
    total = {name: Score() for name in KINDS}
    for result in results:
        for name in KINDS:
            score = result.scores[name]
            total[name].drafted += score.drafted
            total[name].curated += score.curated
            total[name].shared += score.shared
    lines.append("| **all** | | " + " | ".join(_cell(total[name]) for name in KINDS) + " | |")
    lines += ["", f"Targets: precision ≥ {PRECISION_TARGET:.0%}, recall ≥ {RECALL_TARGET:.0%} "
              "per municipality and kind."]
    return "\n".join(lines) + "\n"


def _cell(score: Score) -> str:
    if not score.drafted and not score.curated:
        return "— (0)"
    return (f"{_share(score.precision)} / {_share(score.recall)} "
            f"({score.drafted}, {score.curated}, {score.shared})")


def below_target(results: list[Result]) -> list[str]:
    """Name each municipality, format and kind that misses a target."""
    misses = []
    for result in results:
        if result.error:
            misses.append(f"{result.slug} ({result.kind}): {result.error}")
        for name, score in result.scores.items():
            if score.precision is not None and score.precision < PRECISION_TARGET:
                misses.append(f"{result.slug} ({result.kind}) {name}: precision "
                              f"{_share(score.precision)}")
            if score.recall is not None and score.recall < RECALL_TARGET:
                misses.append(f"{result.slug} ({result.kind}) {name}: recall "
                              f"{_share(score.recall)}")
    return misses


def write(section: str, path: Path = REPORT) -> None:
    """Put the figures in docs/onboarding.md, in place of the ones there."""
    replace_section(section, path)

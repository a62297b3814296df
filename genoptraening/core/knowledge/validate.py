"""Checks of knowledge files: schema, topics, units, phone numbers and source quotes.

``parse_file`` is what loading uses (schema only); ``validate_dir`` adds the checks against the
seed documents that ``genoptraening kb validate`` runs for content editors, and checks the
standards' text files (``standards/<slug>.md``): that each holds its seed's text and that every
section a knowledge file cites is one of its headings, with the quote in it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from genoptraening.core.analysis import SYNONYMS_FILE, synonym_problems
from genoptraening.core.details import DETAILS_FILE, detail_problems
from genoptraening.core.follow_ups import FOLLOW_UPS_FILE, follow_up_problems
from genoptraening.core.knowledge import seeds
from genoptraening.core.knowledge.onboarding.evidence import quoted
from genoptraening.core.knowledge.schema import LAWS, TOPICS, DraftFact, Source, Standard
from genoptraening.core.knowledge.standards import (
    STANDARDS_DIR,
    StandardText,
    StandardTextError,
    load_standard_text,
    seed_mismatch,
    standard_files,
)

#: The file that holds the national (general) rules.
NATIONAL_FILE = "national.yml"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge file."""

    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.reason}"


class KnowledgeFileError(Exception):
    """A knowledge file could not be read or does not follow the schema."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _loc_to_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item != "__root__":
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _topic_key_problems(name: str, raw: dict[str, Any]) -> list[Problem]:
    # Checked before pydantic so that an unknown topic is named, not just "unexpected value".
    problems = []
    tables: list[tuple[str, Any]] = [("topics", raw.get("topics"))]
    by_law = raw.get("by_law")
    if isinstance(by_law, dict):
        for law, table in by_law.items():
            if law not in LAWS:
                problems.append(
                    Problem(name, f"by_law.{law}", f"ukendt lov {law!r}; kendte: {', '.join(LAWS)}")
                )
            tables.append((f"by_law.{law}", table))
    for prefix, table in tables:
        if isinstance(table, dict):
            for key in table:
                if key not in TOPICS:
                    problems.append(
                        Problem(name, f"{prefix}.{key}", f"ukendt emne {key!r}; kendte emner: "
                                f"{', '.join(TOPICS)}")
                    )
    return problems


def _danish(error: Mapping[str, Any]) -> str:
    """Say a pydantic error in Danish for content editors."""
    kind, field = error["type"], error["loc"][-1]
    if kind == "value_error.missing":
        if field == "unit":
            return "frist uden enhed: angiv hverdage, kalenderdage, dage eller uger"
        if field == "sources":
            return "mangler kilde: hvert emne skal have mindst én kilde"
        return "feltet mangler"
    if kind == "value_error.extra":
        return "ukendt felt"
    if kind == "value_error.const":
        permitted = ", ".join(str(v) for v in error.get("ctx", {}).get("permitted", ()))
        return f"ugyldig værdi; tilladt: {permitted}"
    if kind.startswith("type_error"):
        return f"forkert type ({error['msg']})"
    return str(error["msg"])


def parse_file(path: Path) -> Standard:
    """Read and schema-check one knowledge file.

    Raises:
        KnowledgeFileError: with every problem found, each with file, path and reason.

    """
    name = path.name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeFileError([Problem(name, "", f"filen kan ikke læses: {exc}")]) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeFileError([Problem(name, "", f"ikke gyldig YAML: {exc}")]) from exc
    if not isinstance(raw, dict):
        raise KnowledgeFileError([Problem(name, "", "filen skal indeholde en YAML-mapping øverst")])
    problems = _topic_key_problems(name, raw)
    try:
        standard = Standard.parse_obj(raw)
    except ValidationError as exc:
        for error in exc.errors():
            if "__key__" in error["loc"]:
                continue  # already reported by _topic_key_problems
            problems.append(Problem(name, _loc_to_path(error["loc"]), _danish(error)))
        raise KnowledgeFileError(problems) from exc
    if problems:
        raise KnowledgeFileError(problems)
    expected_slug = path.stem
    if not standard.general and standard.slug != expected_slug:
        raise KnowledgeFileError(
            [Problem(name, "slug", f"slug {standard.slug!r} passer ikke til filnavnet")]
        )
    return standard


def _citations(standard: Standard) -> Iterator[tuple[str, Source | DraftFact]]:
    """Yield every quoted source of a file with where it stands: topics' sources, drafts."""
    for law, topic, entry in standard.iter_topics():
        prefix = f"by_law.{law}.{topic}" if law else f"topics.{topic}"
        for index, source in enumerate(entry.sources):
            if source.quote is not None and source.section is not None:
                yield f"{prefix}.sources[{index}]", source
    for index, draft in enumerate(standard.drafts):
        yield f"drafts[{index}]", draft


def check_sources(name: str, standard: Standard, seeds_dir: Path) -> list[Problem]:
    """Check that every quoted source and section heading occurs in its seed file."""
    problems = []
    for where, source in _citations(standard):
        seed = getattr(source, "file", None) or standard.seed_file
        assert source.quote is not None and source.section is not None
        if seed is None:
            problems.append(Problem(name, where, "ingen kildefil angivet for citatet"))
            continue
        if seeds.seed_text(seeds_dir, seed) is None:
            problems.append(Problem(name, where, f"kildefilen {seed!r} findes ikke"))
            continue
        if not seeds.contains(seeds_dir, seed, source.quote):
            problems.append(
                Problem(name, where, f"citatet findes ikke i {seed}: {source.quote!r}")
            )
        if not seeds.contains(seeds_dir, seed, source.section):
            problems.append(
                Problem(name, where, f"afsnitsoverskriften findes ikke i {seed}: "
                        f"{source.section!r}")
            )
    return problems


def check_drafts(name: str, standard: Standard) -> list[Problem]:
    """Check that each drafted fact's quote holds its value (the number, address, amount …)."""
    return [Problem(name, f"drafts[{index}]", f"citatet indeholder ikke værdien ({draft.id})")
            for index, draft in enumerate(standard.drafts) if not quoted(draft)]


def text_problem(exc: StandardTextError) -> Problem:
    """Turn a standard text's parse error into a problem report."""
    return Problem(f"{STANDARDS_DIR}/{exc.file}", exc.where, exc.reason)


def check_sections(name: str, standard: Standard, text: StandardText) -> list[Problem]:
    """Check that every cited section is a heading of the standard's text and holds its quote."""
    problems = []
    where_text = f"{STANDARDS_DIR}/{text.slug}.md"
    headings = set(text.headings())
    for where, source in _citations(standard):
        if (getattr(source, "file", None) or standard.seed_file) != text.seed_file:
            continue  # quotes another document
        assert source.quote is not None and source.section is not None
        if source.section not in headings:
            problems.append(
                Problem(name, where, f"afsnittet {source.section!r} er ikke en overskrift i "
                        f"{where_text}")
            )
        elif not text.contains(source.section, source.quote):
            problems.append(
                Problem(name, where, f"citatet står ikke i afsnittet {source.section!r} i "
                        f"{where_text}: {source.quote!r}")
            )
    return problems


def check_texts(
    knowledge_dir: Path, seeds_dir: Path | None, standards: dict[str, Standard]
) -> tuple[list[Problem], int]:
    """Check the standards' text files against their seeds and the knowledge files.

    Args:
        knowledge_dir: The knowledge folder (the texts are in its ``standards/``).
        seeds_dir: The seed documents, or None when they are not at hand.
        standards: The municipal knowledge files that parsed, by slug.

    Returns:
        The problems found and the number of text files looked at.

    """
    problems: list[Problem] = []
    paths = standard_files(knowledge_dir)
    for path in paths:
        where = f"{STANDARDS_DIR}/{path.name}"
        try:
            text = load_standard_text(path)
        except StandardTextError as exc:
            problems.append(text_problem(exc))
            continue
        folder = seeds.source_folder(knowledge_dir, seeds_dir, text.seed_file)
        if folder is None and seeds_dir is not None:
            problems.append(Problem(where, "seed_file", f"kildefilen {text.seed_file!r} "
                                    "findes ikke"))
        elif folder is not None and (mismatch := seed_mismatch(
                text, (folder / text.seed_file).read_text(encoding="utf-8"))):
            problems.append(Problem(where, "", f"{mismatch} (kilde: {text.seed_file})"))
        standard = standards.get(text.slug)
        if standard is None:
            if not (knowledge_dir / f"{text.slug}.yml").is_file():
                problems.append(Problem(where, "slug", f"der findes ingen videnfil "
                                        f"{text.slug}.yml til teksten"))
            continue  # a broken knowledge file is reported on its own
        if standard.seed_file != text.seed_file:
            problems.append(Problem(where, "seed_file", f"{text.seed_file!r} er ikke "
                                    f"{text.slug}.yml's seed_file {standard.seed_file!r}"))
            continue
        problems.extend(check_sections(f"{text.slug}.yml", standard, text))
    if (knowledge_dir / STANDARDS_DIR).is_dir():
        present = {path.stem for path in paths}
        problems.extend(
            Problem(f"{slug}.yml", "", f"teksten {STANDARDS_DIR}/{slug}.md mangler")
            for slug in sorted(standards) if slug not in present
        )
    return problems, len(paths)


@dataclass
class ValidationReport:
    """What ``validate_dir`` found.

    ``files`` counts the knowledge files (YAML), ``texts`` the standards' text files.
    """

    problems: list[Problem]
    files: int
    quotes_checked: bool
    texts: int = 0


def knowledge_files(knowledge_dir: Path) -> list[Path]:
    """List the knowledge files in a folder, sorted by name."""
    return sorted(knowledge_dir.glob("*.yml"))


def validate_dir(knowledge_dir: Path, seeds_dir: Path) -> ValidationReport:
    """Validate every knowledge file in ``knowledge_dir``.

    Quotes and section headings are checked against ``seeds_dir`` when it exists.
    """
    from genoptraening.core.register import get_register  # local: the register is only needed here

    problems: list[Problem] = []
    files = knowledge_files(knowledge_dir)
    if not knowledge_dir.is_dir():
        problems.append(Problem(str(knowledge_dir), "", "mappen med videnfiler findes ikke"))
    elif NATIONAL_FILE not in {f.name for f in files}:
        problems.append(Problem(NATIONAL_FILE, "", "filen med de generelle regler mangler"))
    quotes_checked = seeds_dir.is_dir()
    register = get_register()
    municipal: dict[str, Standard] = {}
    for path in files:
        try:
            standard = parse_file(path)
        except KnowledgeFileError as exc:
            problems.extend(exc.problems)
            continue
        if not standard.general:
            municipal[standard.slug] = standard
            if register.by_slug(standard.slug) is None:
                problems.append(
                    Problem(path.name, "slug", f"{standard.slug!r} er ikke en kommunes slug")
                )
        folder = seeds.source_folder(knowledge_dir, seeds_dir if quotes_checked else None,
                                     standard.seed_file or "")
        if folder is not None or quotes_checked:
            problems.extend(check_sources(path.name, standard, folder or seeds_dir))
        problems.extend(check_drafts(path.name, standard))
    text_problems, texts = check_texts(
        knowledge_dir, seeds_dir if quotes_checked else None, municipal
    )
    problems.extend(text_problems)
    problems.extend(Problem(SYNONYMS_FILE, where, reason)
                    for where, reason in synonym_problems(knowledge_dir / SYNONYMS_FILE))
    problems.extend(Problem(DETAILS_FILE, where, reason)
                    for where, reason in detail_problems(knowledge_dir / DETAILS_FILE, TOPICS))
    problems.extend(Problem(FOLLOW_UPS_FILE, where, reason)
                    for where, reason in follow_up_problems(knowledge_dir / FOLLOW_UPS_FILE))
    return ValidationReport(
        problems=problems, files=len(files), quotes_checked=quotes_checked, texts=texts
    )

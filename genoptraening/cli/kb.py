"""``genoptraening kb``: validate the knowledge files and show what they hold."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from genoptraening.core.knowledge.schema import TOPICS


def register(commands: Any) -> None:
    """Add the ``kb`` command group to the top-level parser."""
    kb = commands.add_parser("kb", help="vidensbasen: valider og vis")
    sub = kb.add_subparsers(dest="kb_command", metavar="KOMMANDO")
    sub.required = True

    validate = sub.add_parser("validate", help="tjek alle videnfiler mod skema og kilder")
    validate.add_argument("--knowledge-dir", type=Path, help="mappe med videnfiler")
    validate.add_argument("--seeds-dir", type=Path, help="mappe med kildedokumenterne")
    validate.set_defaults(handler=run_validate)

    show = sub.add_parser("show", help="vis hvad vidensbasen ved om en kommune")
    show.add_argument("kommune", help='kommunens navn, fx "Hjørring" eller "hjoerring"')
    show.add_argument("emne", nargs="?", help=f"emne, fx {', '.join(list(TOPICS)[:4])} …")
    show.set_defaults(handler=run_show)


def run_validate(args: argparse.Namespace) -> int:
    """Validate every knowledge file; print each problem; exit 1 on any problem."""
    from genoptraening.core.knowledge.validate import validate_dir
    from genoptraening.settings import get_settings

    settings = get_settings()
    knowledge_dir = args.knowledge_dir or settings.knowledge_dir
    seeds_dir = args.seeds_dir or settings.seeds_dir
    report = validate_dir(knowledge_dir, seeds_dir)
    for problem in report.problems:
        print(f"FEJL {problem}")
    if not report.quotes_checked:
        print(f"BEMÆRK: kildemappen {seeds_dir} findes ikke, så citaterne er ikke tjekket "
              "(angiv den med --seeds-dir eller GENOPTRAENING_SEEDS_DIR).")
    if report.problems:
        print(f"{len(report.problems)} problem(er) i {report.files} fil(er).")
        return 1
    checked = "citater tjekket mod kilderne" if report.quotes_checked else "citater ikke tjekket"
    print(f"OK: {report.files} fil(er) i orden ({checked}).")
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print a municipality's knowledge (or one topic of it) with sources."""
    from genoptraening.staff.kb_show import show

    return show(args.kommune, args.emne)

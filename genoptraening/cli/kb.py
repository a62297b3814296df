"""``genoptraening kb``: validate the knowledge files, show them, import a new standard."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from genoptraening.core.knowledge.schema import TOPICS


def register(commands: Any) -> None:
    """Add the ``kb`` command group to the top-level parser."""
    kb = commands.add_parser("kb", help="vidensbasen: valider, vis og importér")
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

    imports = sub.add_parser("import", help="importér en kommunes kvalitetsstandard (PDF, "
                             ".docx eller tekst)")
    imports.add_argument("fil", type=Path, help="standarden, fx hentet fra kommunens hjemmeside")
    imports.add_argument("--kommune", required=True, help='kommunens navn, fx "Vejle"')
    imports.add_argument("--replace", action="store_true",
                         help="erstat kommunens filer (godkendte, uændrede fakta forbliver "
                              "godkendt)")
    imports.set_defaults(handler=run_import)

    review = sub.add_parser("review", help="vis de importerede faktaudkast med citater og tjek")
    review.add_argument("kommune", help='kommunens navn, fx "Vejle"')
    review.set_defaults(handler=run_review)

    for name, status, text in (
            ("approve", "approved", "godkend faktaudkast (uden ID: alle udkast uden problemer)"),
            ("reject", "rejected", "afvis faktaudkast")):
        command = sub.add_parser(name, help=text)
        command.add_argument("kommune", help='kommunens navn, fx "Vejle"')
        command.add_argument("fakta", nargs="*" if status == "approved" else "+", metavar="ID",
                             help="faktaets id fra kb review, fx telefon-1")
        command.set_defaults(handler=run_status, status=status)

    evaluate = sub.add_parser("evaluate-import", help="mål importen på de fem standarder")
    evaluate.add_argument("--format", choices=("pdf", "docx", "text"), action="append",
                          help="kun dette format (kan gentages)")
    evaluate.add_argument("--write", action="store_true",
                          help="skriv tallene i docs/onboarding.md")
    evaluate.set_defaults(handler=run_evaluate_import)


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


def run_import(args: argparse.Namespace) -> int:
    """Import a municipality's standard."""
    from genoptraening.staff.onboarding import import_file

    return import_file(args.fil, args.kommune, replace=args.replace)


def run_review(args: argparse.Namespace) -> int:
    """List an imported standard's drafted facts."""
    from genoptraening.staff.onboarding import show_review

    return show_review(args.kommune)


def run_status(args: argparse.Namespace) -> int:
    """Approve or reject drafted facts."""
    from genoptraening.staff.onboarding import set_status

    return set_status(args.kommune, args.fakta, args.status)


def run_evaluate_import(args: argparse.Namespace) -> int:
    """Import the five standards as if new; print (and write) precision and recall."""
    import sys

    from genoptraening.core.register import get_register
    from genoptraening.settings import get_settings
    from genoptraening.tools import import_eval

    settings = get_settings()
    results = import_eval.measure(settings.knowledge_dir, settings.seeds_dir, get_register(),
                                  args.format or import_eval.FORMATS,
                                  progress=lambda what: print(what, file=sys.stderr))
    if not results:
        print(f"Ingen standarder at måle: kildemappen {settings.seeds_dir} mangler.")
        return 2
    section = import_eval.render(results)
    print(section)
    if args.write:
        import_eval.write(section)
    misses = import_eval.below_target(results)
    for miss in misses:
        print(f"UNDER MÅL: {miss}")
    return 1 if misses else 0

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
    evaluate.add_argument("--conversations", action="store_true",
                          help="i stedet: samtalerne om hver kommune besvaret fra den importerede "
                               "tekst alene og fra den kuraterede (starter assistenten)")
    evaluate.add_argument("--file", type=Path, default=None,
                          help="samtalefil til --conversations (standard: "
                               "tests/conversations/heldout.yml)")
    evaluate.add_argument("--failures", action="store_true",
                          help="--conversations: vis de fejlede samtaler fra den importerede "
                               "tekst (ikke for de tilbageholdte)")
    evaluate.add_argument("--live", action="store_true",
                          help="i stedet: sekunder fra kb import til første rigtige svar over "
                               "REST-kanalen, uden genstart (starter assistenten)")
    evaluate.add_argument("--label", default="",
                          help="--conversations/--live: en sætning om hvad der blev målt")
    evaluate.add_argument("--kommune", action="append",
                          help="kun denne kommune (kan gentages)")
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

    if args.conversations or args.live:
        return run_import_conversations(args) if args.conversations else run_import_live(args)
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


def _command(args: argparse.Namespace) -> str:
    """Return the command as run, for the report."""
    words = ["genoptraening kb evaluate-import", "--live" if args.live else "--conversations"]
    if args.file:
        words.append(f"--file {args.file}")
    words += [f"--kommune {k}" for k in args.kommune or ()]
    return " ".join(words)


def _slugs(names: list[str] | None) -> list[str] | None:
    """Return the slugs of the municipalities named ("Hjørring" → hjoerring)."""
    from genoptraening.core.register import get_register

    if not names:
        return None
    found = [(name, get_register().lookup(name)) for name in names]
    return [m.slug if m is not None else name for name, m in found]


def run_import_conversations(args: argparse.Namespace) -> int:
    """Each municipality's conversations from its imported text alone, and from the curated."""
    import sys

    from genoptraening.core.register import get_register
    from genoptraening.ops.processes import PortBusyError
    from genoptraening.settings import get_settings
    from genoptraening.tools import conversations, import_answers, import_eval
    from genoptraening.tools.report import replace_section

    settings = get_settings()
    path = args.file or conversations.HELDOUT
    if not path.is_file():
        print(f"Samtalefilen findes ikke: {path}")
        return 1
    if args.write and not conversations.is_held_out(path):
        print("Kun de tilbageholdte samtaler skrives i docs/onboarding.md.")
        return 2
    if args.failures and conversations.is_held_out(path):
        # Which held-out conversations failed is never shown, so nobody tunes on them.
        print("De tilbageholdte samtaler viser kun andelen rigtige, ikke hvilke der fejlede.")
        return 2
    try:
        rows = import_answers.measure(path, settings.knowledge_dir, settings.seeds_dir,
                                      get_register(), _slugs(args.kommune), args.failures,
                                      progress=lambda what: print(what, file=sys.stderr))
    except (PortBusyError, RuntimeError) as problem:
        print(problem)
        return 2
    if not rows:
        print("Ingen samtaler at måle for kommunerne med en kurateret standard.")
        return 2
    section = import_answers.render(rows, path, _command(args), args.label)
    print(section)
    for row in rows:
        if row.failures:
            print(f"## {row.slug}: fejlede samtaler fra den importerede tekst\n{row.failures}\n")
    if args.write:
        replace_section(section, import_eval.REPORT)
    misses = import_answers.below_target(rows)
    for miss in misses:
        print(f"UNDER MÅL: {miss}")
    return 1 if misses else 0


def run_import_live(args: argparse.Namespace) -> int:
    """Time from kb import to the first right answer over the REST channel, without restart."""
    import sys

    from genoptraening.core.register import get_register
    from genoptraening.ops.processes import PortBusyError
    from genoptraening.settings import get_settings
    from genoptraening.tools import import_eval, import_live
    from genoptraening.tools.report import replace_section

    settings = get_settings()
    timings = []
    for slug in _slugs(args.kommune) or list(import_live.QUESTIONS):
        if slug not in import_live.QUESTIONS:
            print(f"Ingen spørgsmål til {slug}: vælg blandt {', '.join(import_live.QUESTIONS)}.")
            return 2
        try:
            timings.append(import_live.measure(
                settings.knowledge_dir, settings.seeds_dir, get_register(), slug,
                progress=lambda what: print(what, file=sys.stderr)))
        except (PortBusyError, RuntimeError) as problem:
            print(problem)
            return 2
    section = import_live.render(timings, _command(args), args.label)
    print(section)
    if args.write:
        replace_section(section, import_eval.REPORT)
    return 1 if any(t.error for t in timings) else 0

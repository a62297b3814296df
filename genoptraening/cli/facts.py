"""``genoptraening facts``: the story reader measured on held-out labelled messages."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from genoptraening.cli.report_options import add_report_options, report


def register(commands: Any) -> None:
    """Add the ``facts`` command group."""
    facts = commands.add_parser("facts", help="læsning af fakta i borgerens historie")
    sub = facts.add_subparsers(dest="facts_command", metavar="KOMMANDO")
    sub.required = True
    evaluate = sub.add_parser("evaluate", help="andel rigtigt læste fakta pr. slags")
    evaluate.add_argument("--file", type=Path, default=None,
                          help="fil med mærkede beskeder (standard: tests/facts/heldout.yml)")
    add_report_options(evaluate)
    evaluate.set_defaults(handler=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    """Read every labelled message; print (and optionally write) the share right per fact."""
    import yaml

    from genoptraening.tools import facts as tool

    path = args.file or tool.HELDOUT
    try:
        items = tool.load(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"Filen med mærkede beskeder kan ikke læses: {path}: {error}")
        return 2
    # The shares only: which messages were missed is never shown.
    report(tool.render(tool.score(items), args.label), args)
    return 0

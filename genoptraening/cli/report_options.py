"""The options and the ending every measuring command that writes docs/nlu-evaluation.md has."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def evaluate_command(commands: Any, group: str, helps: tuple[str, str, str]) -> Any:
    """Add ``genoptraening <group> evaluate [--file FILE]`` and return its parser.

    Args:
        commands: The top-level subparsers.
        group: The command group's name.
        helps: The group's help, the evaluate command's help and the ``--file`` help.

    """
    parser = commands.add_parser(group, help=helps[0])
    sub = parser.add_subparsers(dest=f"{group}_command", metavar="KOMMANDO")
    sub.required = True
    evaluate = sub.add_parser("evaluate", help=helps[1])
    evaluate.add_argument("--file", type=Path, default=None, help=helps[2])
    add_report_options(evaluate)
    return evaluate


def add_report_options(parser: Any) -> None:
    """Add ``--write-report`` and ``--label`` to a measuring command."""
    parser.add_argument("--write-report", action="store_true",
                        help="skriv tallene i docs/nlu-evaluation.md")
    parser.add_argument("--label", default="",
                        help="en sætning om hvad der blev målt (fx 'Før issue 12.')")


def report(section: str, args: argparse.Namespace) -> None:
    """Print a measurement's section; with ``--write-report`` also put it in the report."""
    from genoptraening.tools.report import replace_section

    print(section)
    if args.write_report:
        replace_section(section)
        print("Skrevet i docs/nlu-evaluation.md")

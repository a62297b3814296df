"""The options and the ending every measuring command that writes docs/nlu-evaluation.md has."""

from __future__ import annotations

import argparse
from typing import Any


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

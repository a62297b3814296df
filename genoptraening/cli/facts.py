"""``genoptraening facts``: the story reader measured on held-out labelled messages."""

from __future__ import annotations

import argparse
from typing import Any

from genoptraening.cli.report_options import evaluate_command, report


def register(commands: Any) -> None:
    """Add the ``facts`` command group."""
    evaluate = evaluate_command(commands, "facts", (
        "læsning af fakta i borgerens historie", "andel rigtigt læste fakta pr. slags",
        "fil med mærkede beskeder (standard: tests/facts/heldout.yml)"))
    evaluate.set_defaults(handler=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    """Read every labelled message; print (and optionally write) the share right per fact."""
    import yaml

    from genoptraening.settings import get_settings
    from genoptraening.tools import facts as tool

    path = args.file or tool.HELDOUT
    try:
        items = tool.load(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"Filen med mærkede beskeder kan ikke læses: {path}: {error}")
        return 2
    try:
        authors = tool.across_authors(get_settings().training_data_dir / "facts")
    except (OSError, ValueError) as error:
        print(f"De mærkede sætninger i data/facts kan ikke læses: {error}")
        return 2
    # The shares only: which messages were missed is never shown.
    report(tool.render(tool.score(items), args.label, authors), args)
    return 0

"""``genoptraening conversations``: the held-out conversations through the running assistant."""

from __future__ import annotations

import argparse
from typing import Any

from genoptraening.cli.report_options import evaluate_command, report


def register(commands: Any) -> None:
    """Add the ``conversations`` command group."""
    evaluate = evaluate_command(commands, "conversations", (
        "tilbageholdte samtaler", "kør samtalerne gennem assistenten; andel rigtige",
        "samtalefil (standard: tests/conversations/heldout.yml)"))
    evaluate.add_argument("--rasa-url", default=None,
                          help="en kørende assistent; ellers startes en for kørslen")
    evaluate.add_argument("--failures", action="store_true",
                          help="vis de fejlede samtaler med svarene (ikke for de tilbageholdte)")
    evaluate.set_defaults(handler=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    """Run the conversations; print (and optionally write) the share answered correctly."""
    from genoptraening.core.register import get_register
    from genoptraening.staff.assistant import assistant
    from genoptraening.tools import conversations as tool

    path = args.file or tool.HELDOUT
    if not path.is_file():
        print(f"Samtalefilen findes ikke: {path}")
        return 1
    if args.failures and tool.is_held_out(path):
        # Which held-out conversations failed is never shown, so nobody tunes on them.
        print("De tilbageholdte samtaler viser kun andelen rigtige, ikke hvilke der fejlede.")
        return 2
    if args.write_report and not tool.is_held_out(path):
        print("Kun de tilbageholdte samtaler skrives i rapporten.")
        return 2
    items = tool.load(path)
    with assistant(args.rasa_url) as client:
        outcomes = tool.run(items, client, get_register())
    report(tool.render(outcomes, args.label), args)
    if args.failures:
        print(tool.render_failures(outcomes))
    return 0

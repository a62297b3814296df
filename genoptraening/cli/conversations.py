"""``genoptraening conversations``: the held-out conversations through the running assistant."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    """Add the ``conversations`` command group."""
    conversations = commands.add_parser("conversations", help="tilbageholdte samtaler")
    sub = conversations.add_subparsers(dest="conversations_command", metavar="KOMMANDO")
    sub.required = True
    evaluate = sub.add_parser("evaluate", help="kør samtalerne gennem assistenten; andel rigtige")
    evaluate.add_argument("--file", type=Path, default=None,
                          help="samtalefil (standard: tests/conversations/heldout.yml)")
    evaluate.add_argument("--rasa-url", default=None,
                          help="en kørende assistent; ellers startes en for kørslen")
    evaluate.add_argument("--write-report", action="store_true",
                          help="skriv tallene i docs/nlu-evaluation.md")
    evaluate.add_argument("--label", default="",
                          help="en sætning om hvad der blev målt (fx 'Før issue 12.')")
    evaluate.set_defaults(handler=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    """Run the conversations; print (and optionally write) the share answered correctly."""
    from genoptraening.core.register import get_register
    from genoptraening.staff.assistant import assistant
    from genoptraening.tools import conversations as tool
    from genoptraening.tools.report import replace_section

    path = args.file or tool.HELDOUT
    if not path.is_file():
        print(f"Samtalefilen findes ikke: {path}")
        return 1
    items = tool.load(path)
    with assistant(args.rasa_url) as client:
        outcomes = tool.run(items, client, get_register())
    section = tool.render(outcomes, args.label)
    # Only the shares: which conversations failed is not shown, so that nobody tunes the
    # assistant on the held-out set.
    print(section)
    if args.write_report:
        replace_section(section)
        print("Skrevet i docs/nlu-evaluation.md")
    return 0

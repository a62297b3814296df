"""``genoptraening shell``: chat with the assistant as a citizen and see why it answers so."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    """Add the ``shell`` command to the top-level parser."""
    shell = commands.add_parser(
        "shell", help="chat med assistenten som borger og se, hvorfor den svarer som den gør",
        description="Interaktiv skal for personale. Virker også med input fra en pipe "
                    "(uden farver), så den kan bruges i scripts.")
    shell.add_argument("--kommune", metavar="NAVN", help='borgerens kommune, fx "Hjørring"')
    shell.add_argument("--rasa-url", metavar="URL",
                       help="en kørende assistent (ellers indstillingen, og kører den ikke, "
                            "startes en)")
    shell.set_defaults(handler=run_shell)


def run_shell(args: argparse.Namespace) -> int:
    """Run the staff shell."""
    from genoptraening.staff.shell import main

    return main(kommune=args.kommune, rasa_url=args.rasa_url)

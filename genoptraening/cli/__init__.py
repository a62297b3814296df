"""The ``genoptraening`` console command for staff and operators.

Each command group lives in its own module and registers itself on the parser; nothing heavy
is imported until a command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from genoptraening.cli import (
    ask,
    conversations,
    facts,
    kb,
    purge,
    retrieval,
    review,
    run,
    shell,
    staff,
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every command group."""
    parser = argparse.ArgumentParser(
        prog="genoptraening",
        description="Genoptræningsguiden: værktøjer til vidensbasen og assistenten.",
    )
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    commands.required = True
    kb.register(commands)
    ask.register(commands)
    run.register(commands)
    review.register(commands)
    purge.register(commands)
    retrieval.register(commands)
    conversations.register(commands)
    facts.register(commands)
    shell.register(commands)
    staff.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())

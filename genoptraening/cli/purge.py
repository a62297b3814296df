"""``genoptraening purge``: delete conversations and ratings older than the retention period."""

from __future__ import annotations

import argparse
import sqlite3
from typing import Any

from genoptraening.cli.review import _positive


def register(commands: Any) -> None:
    """Add the ``purge`` command to the top-level parser."""
    purge = commands.add_parser(
        "purge", help="slet samtaler og bedømmelser, der er ældre end opbevaringsperioden",
        description="Sletter hele samtaler, hvor den seneste besked er ældre end N dage, fra "
                    "Rasas samtaledatabase, og borgernes bedømmelser (tommel op/ned) ældre end "
                    "N dage. Web-API'et gør det selv hver GENOPTRAENING_PURGE_INTERVAL sekunder.")
    purge.add_argument("--days", type=_positive, default=None, metavar="N",
                       help="antal dage, der gemmes (standard: GENOPTRAENING_RETENTION_DAYS, "
                            "30 hvis den ikke er sat)")
    purge.set_defaults(handler=run_purge)


def run_purge(args: argparse.Namespace) -> int:
    """Purge both stores; say in Danish how much was deleted. Exit 1 when a store failed."""
    from genoptraening.cli.review import _num, store_problem
    from genoptraening.ops.conversations import ConversationStore, TrackerStoreMissing
    from genoptraening.ops.retention import purge_conversations, purge_feedback
    from genoptraening.settings import get_settings

    settings = get_settings()
    days = settings.retention_days if args.days is None else args.days
    older = f"ældre end {_num(days)} {'dag' if days == 1 else 'dage'}"
    code = 0
    try:
        purged = purge_conversations(settings, days)
    except TrackerStoreMissing as exc:
        store = ConversationStore.from_settings(settings)
        print(store_problem(store, exc, "Start assistenten (make run) først."))
        code = 1
    else:
        print(f"Slettede {_count(purged.conversations, 'samtale', 'samtaler')} "
              f"({_count(purged.events, 'hændelse', 'hændelser')}), hvor den seneste besked "
              f"var {older}.")
    try:
        ratings = purge_feedback(settings, days)
    except (OSError, sqlite3.Error) as exc:
        print(f"Kunne ikke slette bedømmelserne i {settings.data_dir}: {exc}")
        return 1
    print(f"Slettede {_count(ratings, 'bedømmelse', 'bedømmelser')} (tommel op/ned) {older}.")
    return code


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"

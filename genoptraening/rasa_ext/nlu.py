"""A trained model's NLU as a batch command, for measuring tools (no server, no dialogue).

``python -m genoptraening.rasa_ext.nlu MODEL`` reads one text per line on standard input and
writes Rasa's parse result for each as one JSON line. The tools run it as a process of its
own, so that nothing outside the Rasa extensions imports Rasa.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys


async def _parse_all(model: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    return [dict(await agent.parse_message(text)) for text in texts]


def main(argv: list[str] | None = None) -> int:
    """Parse standard input's lines with the model named first in ``argv``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Brug: python -m genoptraening.rasa_ext.nlu MODEL < tekster", file=sys.stderr)
        return 2
    # Rasa logs each parsed text at debug level: held-out questions stay unread.
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    texts = [line.rstrip("\n") for line in sys.stdin]
    for result in asyncio.run(_parse_all(args[0], texts)):
        print(json.dumps(result, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())

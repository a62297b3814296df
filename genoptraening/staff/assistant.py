"""The staff tools' assistant: the running one, or one of their own while none is running.

How a turn is sent and read is ``genoptraening.ops.assistant`` (shared with the staff console in
the browser); its names are re-exported here for the shell and the commands.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from genoptraening.ops.assistant import (
    REPLY_KIND,
    SOURCE_LINE,
    AssistantClient,
    StaffReply,
    StaffTurn,
    facts_used,
    is_up,
    pair_replies,
)

__all__ = ["REPLY_KIND", "SOURCE_LINE", "AssistantClient", "StaffReply", "StaffTurn",
           "assistant", "facts_used", "is_up", "pair_replies"]


@contextlib.contextmanager
def assistant(rasa_url: str | None = None) -> Iterator[AssistantClient]:
    """Yield a client of the running assistant, or start one for the duration and stop it.

    The assistant started here uses its own ports, so it never collides with `make run`.
    """
    from genoptraening.ops.services import HOST, Services, rasa_token, start_assistant, train
    from genoptraening.settings import get_settings

    url = rasa_url or get_settings().rasa_urls[0]
    if is_up(url):
        client = AssistantClient(url, rasa_token())
        try:
            yield client
        finally:
            client.close()
        return
    with Services(log_dir=get_settings().data_dir / "logs") as services:
        start_assistant(services, train(), rasa_port=5405, actions_port=5455)
        services.wait_ready()
        client = AssistantClient(f"http://{HOST}:5405", rasa_token())
        try:
            yield client
        finally:
            client.close()

"""Rasa's Redis lock store, with its ticket bookkeeping made atomic across Rasa servers.

Rasa serialises the messages of one conversation with a "ticket lock" kept in Redis: a message
takes the next ticket and waits until it is served. Rasa 3.6 updates that lock by reading it,
changing it in Python and writing it back — three separate Redis calls. Within one Rasa process
nothing runs in between (the calls do not yield to the event loop), but two Rasa servers can
interleave them: one server deletes the finished lock while the other is writing a new ticket
into its stale copy, and the next message then waits for a ticket nobody serves until the lock's
lifetime (60 s) runs out. The replica test (``tests/e2e/test_replicas.py``, two messages of one
conversation sent to two servers at once) hit exactly that with the plain store.

Here each of those read-change-write steps runs under a short Redis mutex per conversation
(redis-py's ``Lock``: ``SET NX PX`` and a compare-and-delete script), so the ticket lock keeps
Rasa's semantics and is consistent across any number of servers. Everything else is Rasa's
``RedisLockStore`` unchanged; ``bot`` endpoints name this class as the lock store's ``type``
when ``GENOPTRAENING_REDIS_URL`` is set (see ``genoptraening.ops.stores``).
"""

from __future__ import annotations

from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

#: Seconds a mutex is held at most (a step takes a few milliseconds) and waited for at most.
MUTEX_SECONDS = 5.0


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's ``RedisLockStore`` whose ticket updates are atomic per conversation."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Take the endpoint config Rasa passes to lock stores named by module path.

        Args:
            endpoint_config: ``url`` (the Redis host), ``port``, ``db``, ``password``,
                ``key_prefix`` … as for Rasa's ``redis`` lock store.
            **kwargs: The same settings given directly (tests).

        """
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _mutex(self, conversation_id: str) -> Any:
        # Outside Rasa's own key space ("<prefix>lock:<id>"), so no conversation id collides.
        return self.red.lock(f"mutex:{self.key_prefix}{conversation_id}", timeout=MUTEX_SECONDS,
                             blocking_timeout=MUTEX_SECONDS, sleep=0.002)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket for the conversation (atomically)."""
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets (atomically)."""
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish the ticket and delete the lock when nobody waits (atomically)."""
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)

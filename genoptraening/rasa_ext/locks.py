"""Rasa's Redis lock store, with its ticket bookkeeping atomic across Rasa servers.

Rasa serialises the messages of one conversation with a "ticket lock" kept in Redis: a message
takes the next ticket and waits until it is served. Rasa 3.6 updates that lock by reading it,
changing it in Python and writing it back — separate Redis calls. Within one Rasa process
nothing runs in between (the calls do not yield to the event loop), but two Rasa servers can
interleave them: one server deletes the finished lock while the other is writing a new ticket
into its stale copy, and the next message then waits for a ticket nobody serves until the lock's
lifetime (60 s) runs out. The replica test (``tests/e2e/test_replicas.py``, two messages of one
conversation sent to two servers at once) hit exactly that with the plain store.

Here each of those read-change-write steps (issue a ticket, drop expired tickets, finish a
ticket) is one Lua script that Redis runs atomically: one round trip, no mutex, no retry and no
waiting — nothing sleeps in Rasa's event loop (an earlier version took a redis-py ``Lock``
per step, which spin-waits with ``time.sleep``). The scripts read and write the lock in
Rasa's own format (``TicketLock.dumps``: a JSON object whose ``tickets`` are JSON strings),
keep the remaining tickets' text unchanged and take "now" from the Rasa server's clock as
Rasa does, so Rasa's own code (``get_lock``, ``TicketLock.from_dict``, a plain
``RedisLockStore``) reads every lock they write.

Everything else is Rasa's ``RedisLockStore`` unchanged; ``bot`` endpoints name this class as
the lock store's ``type`` when ``GENOPTRAENING_REDIS_URL`` is set (see
``genoptraening.ops.stores``). A Redis error while a message waits for the lock is raised as
Rasa's ``LockError``, which the REST channel answers with the Danish apology.
"""

from __future__ import annotations

import time
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# Shared by the scripts: KEYS[1] is the lock, ARGV[1] "now" (seconds, the server's clock).
# ``kept`` holds the unexpired tickets as Rasa stored them; ``last`` the last one's number.
_READ = """
local now = tonumber(ARGV[1])
local kept, numbers = {}, {}
local raw = redis.call('GET', KEYS[1])
local conversation = nil
if raw then
  local lock = cjson.decode(raw)
  conversation = lock['conversation_id']
  if type(lock['tickets']) == 'table' then
    for _, text in ipairs(lock['tickets']) do
      local ticket = cjson.decode(text)
      if not (now > tonumber(ticket['expires'])) then
        table.insert(kept, text)
        table.insert(numbers, tonumber(ticket['number']))
      end
    end
  end
end
local function save(id)
  local items = {}
  for i, text in ipairs(kept) do items[i] = cjson.encode(text) end
  redis.call('SET', KEYS[1], '{"conversation_id": ' .. cjson.encode(id) ..
             ', "tickets": [' .. table.concat(items, ', ') .. ']}')
end
"""

#: ARGV[2] the conversation id, ARGV[3] the new ticket's expiry. Returns the ticket number.
_ISSUE = _READ + """
local number = 0
if #numbers > 0 then number = numbers[#numbers] + 1 end
table.insert(kept, '{"number": ' .. string.format('%d', number) .. ', "expires": ' ..
             ARGV[3] .. '}')
save(ARGV[2])
return number
"""

#: Drop expired tickets (Rasa saves the lock even when none is left).
_UPDATE = _READ + """
if raw then save(conversation) end
return #kept
"""

#: ARGV[2] the finished ticket's number. Deletes the lock when nobody else waits.
_CLEANUP = _READ + """
local finished = tonumber(ARGV[2])
for i = #numbers, 1, -1 do
  if numbers[i] == finished then table.remove(kept, i) end
end
if #kept == 0 then
  redis.call('DEL', KEYS[1])
else
  save(conversation)
end
return #kept
"""


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's ``RedisLockStore`` whose ticket updates are single atomic Redis scripts."""

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
        self._issue = self.red.register_script(_ISSUE)
        self._update = self.red.register_script(_UPDATE)
        self._cleanup = self.red.register_script(_CLEANUP)

    def _key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket for the conversation, in one atomic step.

        Raises:
            LockError: when Redis fails (as Rasa's store does).

        """
        now = time.time()
        try:
            return int(self._issue(keys=[self._key(conversation_id)],
                                   args=[repr(now), conversation_id, repr(now + lock_lifetime)]))
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        """Read the lock as Rasa does; a Redis error is a lock that cannot be had.

        Raises:
            LockError: when Redis fails.

        """
        try:
            return super().get_lock(conversation_id)
        except LockError:
            raise
        except Exception as error:
            raise LockError(f"Could not read the lock of a conversation: {error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets, in one atomic step.

        Raises:
            LockError: when Redis fails (Rasa calls this while a message waits).

        """
        try:
            self._update(keys=[self._key(conversation_id)], args=[repr(time.time())])
        except Exception as error:
            raise LockError(f"Could not update the lock of a conversation: {error}") from error

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish the ticket and delete the lock when nobody waits, in one atomic step."""
        self._cleanup(keys=[self._key(conversation_id)],
                      args=[repr(time.time()), int(ticket_number)])

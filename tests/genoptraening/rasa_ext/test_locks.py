"""Rasa's ticket lock in Redis, shared by several servers, with atomic updates (Lua)."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from rasa.core.lock_store import LockError, RedisLockStore

from genoptraening.rasa_ext.locks import AtomicRedisLockStore
from tests.e2e.stacks import REDIS, needs_redis

pytestmark = needs_redis


@pytest.fixture
def stores() -> Iterator[tuple[AtomicRedisLockStore, AtomicRedisLockStore]]:
    """Two lock stores on one Redis, as two Rasa servers have, with a prefix of their own."""
    prefix = f"t{uuid.uuid4().hex[:8]}"
    pair = (AtomicRedisLockStore(host=REDIS[0], port=REDIS[1], db=1, key_prefix=prefix),
            AtomicRedisLockStore(host=REDIS[0], port=REDIS[1], db=1, key_prefix=prefix))
    yield pair
    for key in pair[0].red.scan_iter(f"*{prefix}*"):
        pair[0].red.delete(key)


def test_created_from_rasas_endpoint_config() -> None:
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    store = LockStore.create(EndpointConfig(
        url=REDIS[0], port=REDIS[1], db=1, key_prefix="abc",
        type="genoptraening.rasa_ext.locks.AtomicRedisLockStore"))
    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix == "abc:lock:"


def test_tickets_are_served_in_order_across_servers(stores) -> None:  # noqa: ANN001
    first, second = stores
    a = first.issue_ticket("samtale")
    b = second.issue_ticket("samtale")
    assert b == a + 1
    assert not first.get_lock("samtale").is_locked(a)
    assert second.get_lock("samtale").is_locked(b)  # waits for the first server
    first.cleanup("samtale", a)
    assert not second.get_lock("samtale").is_locked(b)
    second.cleanup("samtale", b)
    assert first.get_lock("samtale") is None  # nobody waits: the lock is gone


def test_concurrent_servers_leave_no_stale_ticket(stores) -> None:  # noqa: ANN001
    """Two servers taking and finishing tickets at once: afterwards the lock is gone.

    With Rasa's plain Redis store the interleaved read-change-write can leave a ticket that
    nobody serves, and the conversation's next message waits out the lock's lifetime.
    """
    errors: list[BaseException] = []

    def work(store: AtomicRedisLockStore) -> None:
        try:
            for _ in range(150):
                ticket = store.issue_ticket("travl")
                store.update_lock("travl")
                store.cleanup("travl", ticket)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(store,)) for store in (*stores, *stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert stores[0].get_lock("travl") is None


def _state(store: RedisLockStore, conversation: str) -> list[int] | None:
    lock = store.get_lock(conversation)
    return None if lock is None else [t.number for t in lock.tickets]


def test_same_tickets_as_rasas_store_step_by_step() -> None:
    """The same steps on Rasa's store and ours leave the same tickets after each step."""
    prefix = f"c{uuid.uuid4().hex[:8]}"
    rasas = RedisLockStore(host=REDIS[0], port=REDIS[1], db=1, key_prefix=prefix + "r")
    ours = AtomicRedisLockStore(host=REDIS[0], port=REDIS[1], db=1, key_prefix=prefix + "o")
    steps: list[tuple[str, Any]] = [
        ("issue", 60), ("issue", 60), ("issue", 0.05), ("issue", 60), ("sleep", 0.1),
        ("update", None), ("cleanup", 0), ("cleanup", 7), ("issue", 60), ("cleanup", 1),
        ("cleanup", 3), ("issue", 0.05), ("sleep", 0.1), ("issue", 60), ("cleanup", 4),
        ("cleanup", 5), ("issue", 60), ("cleanup", 0),
    ]
    try:
        for step, value in steps:
            if step == "sleep":
                time.sleep(value)
                continue
            results = []
            for store in (rasas, ours):
                if step == "issue":
                    results.append(store.issue_ticket("k", value))
                elif step == "update":
                    results.append(store.update_lock("k"))
                else:
                    results.append(store.cleanup("k", value))
            assert results[0] == results[1], (step, value)
            assert _state(rasas, "k") == _state(ours, "k"), (step, value)
        assert _state(ours, "k") is None
    finally:
        for key in rasas.red.scan_iter(f"*{prefix}*"):
            rasas.red.delete(key)


def test_rasas_own_store_reads_and_continues_our_locks(stores) -> None:  # noqa: ANN001
    ours = stores[0]
    rasas = RedisLockStore(host=REDIS[0], port=REDIS[1], db=1,
                           key_prefix=ours.key_prefix.split(":")[0])
    first = ours.issue_ticket("blandet")
    lock = rasas.get_lock("blandet")
    assert lock is not None and lock.conversation_id == "blandet"
    assert [t.number for t in lock.tickets] == [first] and lock.tickets[0].expires > time.time()
    second = rasas.issue_ticket("blandet")
    assert ours.issue_ticket("blandet") == second + 1
    ours.cleanup("blandet", first)
    rasas.cleanup("blandet", second)
    assert rasas.get_lock("blandet").now_serving == second + 1  # type: ignore[union-attr]
    ours.cleanup("blandet", second + 1)
    assert rasas.get_lock("blandet") is None


def test_rasas_lock_serialises_two_messages_of_a_conversation(stores) -> None:  # noqa: ANN001
    """Rasa's ``LockStore.lock`` on our store: the second message waits for the first."""
    order: list[str] = []

    async def message(store: AtomicRedisLockStore, name: str, hold: float) -> None:
        async with store.lock("samtidig", wait_time_in_seconds=0.01):
            order.append(f"{name} in")
            await asyncio.sleep(hold)
            order.append(f"{name} out")

    async def both() -> None:
        first = asyncio.create_task(message(stores[0], "a", 0.2))
        await asyncio.sleep(0.05)
        await message(stores[1], "b", 0)
        await first

    asyncio.run(both())
    assert order == ["a in", "a out", "b in", "b out"]
    assert stores[0].get_lock("samtidig") is None


def test_a_redis_that_cannot_be_reached_is_rasas_lock_error() -> None:
    store = AtomicRedisLockStore(host="127.0.0.1", port=1, db=1, socket_timeout=0.5)
    with pytest.raises(LockError):
        store.issue_ticket("k")
    with pytest.raises(LockError):
        store.get_lock("k")
    with pytest.raises(LockError):
        store.update_lock("k")


def test_each_step_is_one_round_trip_without_waiting(stores, monkeypatch) -> None:  # noqa: ANN001
    """Each step is one Redis command (a script): no mutex, no retry, no ``time.sleep``."""
    store = stores[0]
    store.cleanup("runde", store.issue_ticket("runde"))  # the scripts are loaded now
    commands: list[str] = []
    execute = store.red.execute_command

    def counted(*args: Any, **kwargs: Any) -> Any:
        commands.append(str(args[0]))
        return execute(*args, **kwargs)

    def no_sleep(seconds: float) -> None:
        raise AssertionError("the lock store slept")

    monkeypatch.setattr(store.red, "execute_command", counted)
    monkeypatch.setattr(time, "sleep", no_sleep)
    ticket = store.issue_ticket("runde")
    store.update_lock("runde")
    store.cleanup("runde", ticket)
    assert commands == ["EVALSHA", "EVALSHA", "EVALSHA"]

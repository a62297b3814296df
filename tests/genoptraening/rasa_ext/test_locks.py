"""Rasa's ticket lock in Redis, shared by several servers, with atomic updates."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest

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

"""Limits on what one client may send: body size (413) and messages a minute (429).

The body size is checked here, as the request streams in. The messages a minute are counted by
the ``limits`` package (2.x: what Rasa's ``packaging<21`` pin allows) with its moving window,
in memory or, when ``GENOPTRAENING_REDIS_URL`` is set, in Redis shared by the API's replicas.
Its asyncio API is not used: its Redis storage needs ``coredis``, which is not installed.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from fastapi import Request
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from genoptraening.settings import Settings

from .errors import api_text

log = logging.getLogger(__name__)

#: The response refusing a body over a path's own limit, given the scope and declared size.
Refusal = Callable[[Scope, int], Response]
#: Redis keys of the counts start with this (the Redis may be shared with Rasa's lock store).
REDIS_PREFIX = "genoptraening:rate:"


class BodyTooLarge(HTTPException):
    """A request body over the limit (413)."""

    def __init__(self) -> None:
        super().__init__(413, detail=api_text("body_too_large"))


class BodyLimitMiddleware:
    """Refuse request bodies larger than ``max_body`` bytes with 413 and a Danish message.

    A declared ``Content-Length`` over the limit is refused before anything is read. A body
    without one (chunked) is counted as it streams in and refused at the first chunk past
    the limit, so no more than the limit plus one chunk is ever read.
    """

    def __init__(self, app: ASGIApp, max_body: int,
                 larger: Mapping[str, tuple[int, Refusal]] | None = None) -> None:
        """Wrap ``app``.

        Args:
            app: The ASGI application.
            max_body: Largest body, in bytes.
            larger: Paths that take a larger body (an upload): their limit, and the response
                that refuses a body over it (given the declared size).

        """
        self.app = app
        self.max_body = max_body
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one connection scope."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        max_body, refusal = self.larger.get(scope.get("path", ""), (self.max_body, None))
        if declared is not None and declared > max_body:
            if refusal is not None:
                await refusal(scope, declared)(scope, receive, send)
                return
            await _too_large(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_body:
                    # FastAPI passes an HTTPException from reading the body on to its handler.
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            # Only reached when something read the body outside FastAPI's handling.
            if started:
                raise
            await _too_large(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses these; count the chunks anyway
    return None


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse({"detail": api_text("body_too_large")}, status_code=413)
    await response(scope, receive, send)


class Limiter(Protocol):
    """Counts messages per client."""

    async def check(self, client: str) -> float:
        """Count one message; return 0 when allowed, else the seconds until it would be."""

    async def close(self) -> None:
        """Release connections."""


class _MovingWindow:
    """``limit`` messages a minute per client, counted by the ``limits`` package.

    The package's moving window counts a message while it is at most 60 s old (both ends
    included). A refused client is told to wait until the oldest message it has in the window
    leaves it — the next free slot — plus one second, so that a client that waits as long as
    ``Retry-After`` says is sure to get through. (``limits`` 2.x's ``get_window_stats`` would
    name the time the whole window is empty: up to a minute too long for a client who spread
    its messages.) Keys hold a hash of the client, never its address.
    """

    def __init__(self, storage: Storage, limit: int, prefix: str) -> None:
        self.storage = storage  # the strategy keeps only a weak reference to it
        self.item = RateLimitItemPerMinute(limit, namespace=prefix)
        self.strategy = MovingWindowRateLimiter(storage)

    def count(self, client: str) -> float:
        """Count one message of ``client``; return 0 when allowed, else seconds to wait."""
        key = hashlib.sha256(client.encode("utf-8", "replace")).hexdigest()[:24]
        if self.strategy.hit(self.item, key):
            return 0.0
        oldest = self._oldest_counted(self.item.key_for(key))
        return max(oldest + self.item.get_expiry() + 1 - time.time(), 1.0)

    def _oldest_counted(self, key: str) -> float:
        """Return when the oldest message still counted was sent (both storages: newest first)."""
        last = self.item.amount - 1
        if isinstance(self.storage, RedisStorage):
            value = self.storage.storage.lindex(key, last)
            return float(value) if value is not None else time.time()
        entries = getattr(self.storage, "events", {}).get(key) or []
        return float(entries[min(last, len(entries) - 1)].atime) if entries else time.time()


class _Events(dict[str, list[Any]]):
    """``MemoryStorage.events`` that reads a forgotten client as one without messages.

    The storage's expiry thread looks keys up again after listing them; one forgotten in
    between must not raise in that thread.
    """

    def __missing__(self, key: str) -> list[Any]:
        return []


class _BoundedMemoryStorage(MemoryStorage):
    """``limits``' memory storage, which never forgets a client, made to forget.

    A client whose last counted message has left the window is forgotten, and beyond
    ``max_keys`` the least recently seen clients are forgotten first.
    """

    def __init__(self, max_keys: int) -> None:
        super().__init__()
        self.events = _Events()
        self.max_keys = max_keys

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Count a message as the storage does; then forget idle clients (see the class)."""
        self.events[key] = self.events.pop(key, [])  # most recently seen last
        acquired = bool(super().acquire_entry(key, limit, expiry, amount))
        now = time.time()
        while self.events:
            oldest, entries = next(iter(self.events.items()))
            if len(self.events) <= self.max_keys and entries and entries[0].expiry > now:
                break  # entries[0] is the client's latest counted message
            del self.events[oldest]
        return acquired


class MemoryLimiter:
    """Messages a minute per client, counted in this process (``limits``' memory storage).

    Memory stays bounded: a client idle for a whole window is forgotten, and beyond
    ``max_clients`` the least recently seen clients are forgotten first.
    """

    def __init__(self, limit: int, max_clients: int = 50_000) -> None:
        """Make an empty limiter.

        Args:
            limit: Messages allowed per minute and client (at least 1).
            max_clients: Most clients remembered at once.

        """
        self.limit = limit
        self._storage = _BoundedMemoryStorage(max_clients)
        self._window = _MovingWindow(self._storage, limit, prefix="rate")

    def __len__(self) -> int:
        return len(self._storage.events)

    async def check(self, client: str) -> float:
        """Count one message of ``client``; return 0 when allowed, else seconds to wait."""
        return self._window.count(client)  # no I/O: counted on the event loop itself

    async def close(self) -> None:
        """Nothing to release."""


class RedisLimiter:
    """Messages a minute per client counted in Redis, so that several API replicas share it.

    ``limits``' Redis storage is synchronous: each count runs in a worker thread, so the event
    loop never waits for Redis. When Redis fails, the limiter logs a warning and counts in
    memory (``fallback``) for ``pause`` seconds before trying Redis again: a citizen never
    gets a 500 because of it. Keys expire a minute after a client's last counted message.
    """

    def __init__(self, storage: RedisStorage, limit: int, fallback: Limiter,
                 prefix: str = REDIS_PREFIX, pause: float = 30.0) -> None:
        """Use ``storage`` for the counts.

        Args:
            storage: ``limits``' Redis storage (made with short socket timeouts).
            limit: Messages allowed per minute and client.
            fallback: Counts while Redis fails.
            prefix: Start of every key.
            pause: Seconds to count in memory after a Redis error.

        """
        self.limit = limit
        self.fallback = fallback
        self.prefix = prefix
        self.pause = pause
        self._storage = storage
        self._window = _MovingWindow(storage, limit, prefix)
        self._down_until = -math.inf

    async def check(self, client: str) -> float:
        """Count one message of ``client``; return 0 when allowed, else seconds to wait."""
        if time.time() < self._down_until:
            return await self.fallback.check(client)
        try:
            return await asyncio.to_thread(self._window.count, client)
        except Exception as exc:  # noqa: BLE001 - any Redis trouble means: count in memory
            log.warning("Rate limit: Redis failed (%s); counting in memory for %.0f s",
                        type(exc).__name__, self.pause)
            self._down_until = time.time() + self.pause
            return await self.fallback.check(client)

    async def close(self) -> None:
        """Close the connections to Redis."""
        try:
            await asyncio.to_thread(self._storage.storage.close)
        except Exception as exc:  # noqa: BLE001 - shutting down anyway
            log.warning("Rate limit: closing Redis failed (%s)", type(exc).__name__)


def build_limiter(settings: Settings) -> Limiter | None:
    """Return the limiter the settings ask for: none, in memory, or in Redis.

    Connecting to Redis waits for the first message, so this is cheap.
    """
    if settings.rate_limit <= 0:
        return None
    memory = MemoryLimiter(settings.rate_limit)
    if not settings.redis_url:
        return memory
    storage = RedisStorage(settings.redis_url, socket_timeout=0.3, socket_connect_timeout=0.3)
    return RedisLimiter(storage, settings.rate_limit, fallback=memory)


async def rate_limit(request: Request) -> None:
    """Dependency: count one message of this client; 429 with ``Retry-After`` when over.

    The limiter is ``app.state.limiter`` (None: no limit); each route has its own count.
    The client is ``request.client.host``. Behind a reverse proxy that is the proxy's
    address unless uvicorn runs with ``--proxy-headers --forwarded-allow-ips=<proxy>``,
    which sets it from ``X-Forwarded-For``; the header is deliberately not read here, as
    any client can send it and only the configured proxy may be trusted.

    Raises:
        HTTPException: 429 with a Danish message when the client is over the limit.

    """
    limiter: Limiter | None = getattr(request.app.state, "limiter", None)
    if limiter is None:
        return
    host = request.client.host if request.client else "unknown"
    wait = await limiter.check(f"{request.url.path} {host}")
    if wait > 0:
        raise HTTPException(429, detail=api_text("rate_limited"),
                            headers={"Retry-After": str(max(1, math.ceil(wait)))})

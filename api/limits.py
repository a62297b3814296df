"""Limits on what one client may send: body size (413) and messages a minute (429)."""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from genoptraening.settings import Settings

from .errors import api_text

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger(__name__)

Clock = Callable[[], float]

#: Seconds the limits count over.
WINDOW = 60.0
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

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        """Wrap ``app``.

        Args:
            app: The ASGI application.
            max_body: Largest body, in bytes.

        """
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one connection scope."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _too_large(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
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


class MemoryLimiter:
    """A sliding window in this process: at most ``limit`` messages in any ``window`` seconds.

    Memory stays bounded: a client idle for a whole window is forgotten, and beyond
    ``max_clients`` the least recently seen clients are forgotten first.
    """

    def __init__(self, limit: int, window: float = WINDOW, clock: Clock = time.monotonic,
                 max_clients: int = 50_000) -> None:
        """Make an empty limiter.

        Args:
            limit: Messages allowed per window and client (at least 1).
            window: Length of the window, in seconds.
            clock: Seconds, monotonic; injectable for tests.
            max_clients: Most clients remembered at once.

        """
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_clients = max_clients
        # Client -> times of its allowed messages; ordered by when the client was last seen.
        self._clients: OrderedDict[str, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._clients)

    async def check(self, client: str) -> float:
        """Count one message of ``client``; return 0 when allowed, else seconds to wait."""
        now = self.clock()
        times = self._clients.pop(client, None) or deque(maxlen=self.limit)
        while times and times[0] <= now - self.window:
            times.popleft()
        wait = 0.0
        if len(times) >= self.limit:
            wait = times[0] + self.window - now
        else:
            times.append(now)
        self._clients[client] = times
        self._forget(now)
        return wait

    def _forget(self, now: float) -> None:
        while self._clients:
            times = next(iter(self._clients.values()))
            if len(self._clients) <= self.max_clients and times and times[-1] > now - self.window:
                break
            self._clients.popitem(last=False)

    async def close(self) -> None:
        """Nothing to release."""


class RedisLimiter:
    """A fixed window per minute counted in Redis, so that several API replicas share it.

    When Redis fails, the limiter logs a warning and counts in memory (``fallback``) for
    ``pause`` seconds before trying Redis again: a citizen never gets a 500 because of it.
    Keys hold a hash of the client's address, not the address, and expire after the window.
    """

    def __init__(self, redis: Redis, limit: int, fallback: Limiter, window: float = WINDOW,
                 clock: Clock = time.time, prefix: str = REDIS_PREFIX,
                 pause: float = 30.0) -> None:
        """Use ``redis`` for the counts.

        Args:
            redis: An asyncio Redis client.
            limit: Messages allowed per window and client.
            fallback: Counts while Redis fails.
            window: Length of the window, in seconds.
            clock: Seconds since the epoch (shared by the replicas); injectable for tests.
            prefix: Start of every key.
            pause: Seconds to count in memory after a Redis error.

        """
        self.redis = redis
        self.limit = limit
        self.fallback = fallback
        self.window = window
        self.clock = clock
        self.prefix = prefix
        self.pause = pause
        self._down_until = -math.inf

    async def check(self, client: str) -> float:
        """Count one message of ``client``; return 0 when allowed, else seconds to wait."""
        now = self.clock()
        if now < self._down_until:
            return await self.fallback.check(client)
        slot = int(now // self.window)
        digest = hashlib.sha256(client.encode("utf-8", "replace")).hexdigest()[:24]
        key = f"{self.prefix}{digest}:{slot}"
        try:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.incr(key)
                pipe.expire(key, math.ceil(self.window) + 1)
                count, _ = await pipe.execute()
        except Exception as exc:  # noqa: BLE001 - any Redis trouble means: count in memory
            log.warning("Rate limit: Redis failed (%s); counting in memory for %.0f s",
                        type(exc).__name__, self.pause)
            self._down_until = now + self.pause
            return await self.fallback.check(client)
        if int(count) <= self.limit:
            return 0.0
        return (slot + 1) * self.window - now

    async def close(self) -> None:
        """Close the connections to Redis."""
        try:
            await self.redis.close()
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
    from redis.asyncio import Redis  # only when configured: keeps imports light

    client = Redis.from_url(settings.redis_url, socket_timeout=0.3, socket_connect_timeout=0.3)
    return RedisLimiter(client, settings.rate_limit, fallback=memory)


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

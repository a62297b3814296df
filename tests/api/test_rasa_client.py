"""The client of Rasa's REST channel: the least busy replica, refusals skipped, a total time
bound. The replicas are small local HTTP servers standing in for Rasa."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from genoptraening.api.rasa_client import RasaClient, RasaUnavailable

Behaviour = Callable[[str, dict], Awaitable[web.Response]]


async def answer(name: str, body: dict) -> web.Response:
    return web.json_response([{"text": f"svar fra {name}", "sent": body}])


@asynccontextmanager
async def replicas(behaviour: Behaviour, names: str = "ab") -> AsyncIterator[list[str]]:
    """Start one stand-in per name; yield their URLs."""
    servers = []
    for name in names:
        async def handle(request: web.Request, name: str = name) -> web.Response:
            return await behaviour(name, await request.json())

        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", handle)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
    try:
        yield [str(server.make_url("")).rstrip("/") for server in servers]
    finally:
        for server in servers:
            await server.close()


def closed_port_url() -> str:
    """A URL where nothing listens (the connection is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_idle_replicas_are_taken_in_turn() -> None:
    seen: list[str] = []

    async def behaviour(name: str, body: dict) -> web.Response:
        seen.append(name)
        return await answer(name, body)

    async def main() -> None:
        async with replicas(behaviour, "abc") as urls:
            client = RasaClient(urls, 5)
            for _ in range(6):
                await client.send("s1", "hej", None)
            await client.close()

    asyncio.run(main())
    assert seen == ["a", "b", "c", "a", "b", "c"]


def test_a_busy_replica_gets_no_more_until_the_others_are_as_busy() -> None:
    seen: list[str] = []

    async def main() -> None:
        release = asyncio.Event()

        async def behaviour(name: str, body: dict) -> web.Response:
            seen.append(name)
            if name == "a":
                await release.wait()  # a slow answer keeps replica a busy
            return await answer(name, body)

        async with replicas(behaviour) as urls:
            client = RasaClient(urls, 5)
            slow = asyncio.create_task(client.send("s1", "hej", None))
            await asyncio.sleep(0.1)
            for number in range(3):
                await client.send(f"s{number + 2}", "hej", None)
            release.set()
            await slow
            assert client.in_flight == [0, 0]
            await client.close()

    asyncio.run(main())
    assert seen == ["a", "b", "b", "b"]


def test_a_replica_that_refuses_is_skipped() -> None:
    async def main() -> list[list[dict]]:
        async with replicas(answer, "b") as urls:
            client = RasaClient([closed_port_url(), *urls], 5)
            replies = [await client.send(f"s{n}", "hej", "Lejre") for n in range(4)]
            await client.close()
            return replies

    assert all(reply[0]["text"] == "svar fra b" for reply in asyncio.run(main()))


async def send_once(urls: list[str], timeout: float = 5,
                    municipality: str | None = None) -> list[dict]:
    """Send one message with a client of its own, closed afterwards."""
    client = RasaClient(urls, timeout)
    try:
        return await client.send("s1", "hej", municipality)
    finally:
        await client.close()


def test_all_replicas_down_is_unavailable() -> None:
    with pytest.raises(RasaUnavailable):
        asyncio.run(send_once([closed_port_url(), closed_port_url()]))


def test_an_error_is_not_sent_again_to_another_replica() -> None:
    seen: list[str] = []

    async def behaviour(name: str, body: dict) -> web.Response:
        seen.append(name)
        return web.Response(status=500)

    async def main() -> None:
        async with replicas(behaviour) as urls:
            await send_once(urls)

    with pytest.raises(RasaUnavailable):
        asyncio.run(main())
    assert len(seen) == 1  # it may have been processed: never twice


def test_a_slow_replica_is_cut_off_at_the_timeout() -> None:
    async def behaviour(name: str, body: dict) -> web.Response:
        await asyncio.sleep(5)
        return await answer(name, body)

    async def main() -> float:
        async with replicas(behaviour, "a") as urls:
            loop = asyncio.get_running_loop()
            start = loop.time()
            with pytest.raises(RasaUnavailable):
                await send_once(urls, timeout=0.3)
            return loop.time() - start

    assert asyncio.run(main()) < 2.0


def test_the_message_and_the_municipality_are_sent() -> None:
    async def main() -> list[dict]:
        async with replicas(answer, "a") as urls:
            return await send_once(urls, municipality="Lejre")

    assert asyncio.run(main())[0]["sent"] == {"sender": "s1", "message": "hej",
                                              "metadata": {"municipality": "Lejre"}}

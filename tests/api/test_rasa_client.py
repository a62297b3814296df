"""The client of Rasa's REST channel: a home replica per conversation, refusals skipped, a
total time bound."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from api.rasa_client import RasaClient, RasaUnavailable

A, B, C = "http://a:5005", "http://b:5005", "http://c:5005"


def client_with(handler, urls=(A, B), timeout: float = 1.0) -> RasaClient:  # noqa: ANN001
    client = RasaClient(list(urls), timeout)
    client._client = httpx.AsyncClient(transport=httpx.MockTransport(handler), timeout=timeout)
    return client


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=[{"text": f"svar fra {request.url.host}"}])


def test_a_conversation_stays_on_its_home_replica_and_conversations_spread() -> None:
    hosts: dict[str, set[str]] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        sender = json.loads(request.content)["sender"]
        hosts.setdefault(sender, set()).add(request.url.host)
        return answer(request)

    client = client_with(handler, (A, B, C))

    async def main() -> None:
        for number in range(60):
            for _ in range(3):
                await client.send(f"samtale-{number}", "hej", None)

    asyncio.run(main())
    assert all(len(used) == 1 for used in hosts.values())
    spread = [sum(1 for used in hosts.values() if host in used) for host in "abc"]
    assert min(spread) >= 10, spread  # 60 conversations over 3 replicas


def test_a_replica_that_refuses_is_skipped() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "a":
            raise httpx.ConnectError("refused", request=request)
        return answer(request)

    client = client_with(handler)
    replies = [asyncio.run(client.send(f"s{n}", "hej", "Lejre")) for n in range(8)]
    assert all(r == [{"text": "svar fra b"}] for r in replies)


def test_all_replicas_down_is_unavailable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(RasaUnavailable):
        asyncio.run(client_with(handler).send("s1", "hej", None))


def test_an_error_is_not_sent_again_to_another_replica() -> None:
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(500)

    with pytest.raises(RasaUnavailable):
        asyncio.run(client_with(handler).send("s1", "hej", None))
    assert len(hosts) == 1  # it may have been processed: never twice


def test_a_slow_replica_is_cut_off_at_the_timeout() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return answer(request)

    client = client_with(handler, timeout=0.2)

    async def main() -> float:
        loop = asyncio.get_running_loop()
        start = loop.time()
        with pytest.raises(RasaUnavailable):
            await client.send("s1", "hej", None)
        return loop.time() - start

    assert asyncio.run(main()) < 1.0


def test_metadata_carries_the_municipality() -> None:
    bodies: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        return answer(request)

    asyncio.run(client_with(handler).send("s1", "hej", "Lejre"))
    assert json.loads(bodies[0]) == {"sender": "s1", "message": "hej",
                                     "metadata": {"municipality": "Lejre"}}

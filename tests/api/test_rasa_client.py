"""The client of Rasa's REST channel: the least busy replica, refusals skipped, a total time
bound (the replicas are small local HTTP servers standing in for Rasa); and its messages read
into the API's replies, text entries paired with their structured payloads."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from genoptraening.api.rasa_client import RasaClient, RasaUnavailable, to_replies

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


# --- Rasa's messages → the API's replies ------------------------------------------------------

LEJRE_TRANSPORT = "Kilde: Lejre Kommune, Kvalitetsstandard for genoptræning, afsnit »9. Transport«"
LINKS = {"https://www.lejre.dk/genoptraening": "Lejre Kommune: genoptræning"}


def payload(text: str, **fields: object) -> dict:
    """A reply payload as the actions send it (``custom`` of the REST channel)."""
    return {"kind": "genoptraening.reply", "version": 1, "text": text, "sources": [],
            "passage": None, "phones": [], "facts": [],
            "answered_by": {"kind": "message", "topic": None, "intent": "greet",
                            "confidence": 0.99, "score": None}, **fields}


def transport_answer() -> list[dict]:
    """One answer as Rasa's REST channel returns it: the text entry, then its payload."""
    text = ("Kørslen koster 41 kr. for ud og hjem.\nTaksten reguleres hvert år. Læs mere på "
            "https://www.lejre.dk/genoptraening")
    source = {"text": LEJRE_TRANSPORT, "general": False, "municipality": "Lejre Kommune",
              "standard": "Kvalitetsstandard for genoptræning", "section": "9. Transport",
              "file": "000_fcbf1760aa121c15.txt", "law": None}
    return [
        {"recipient_id": "s1", "text": f"{text}\n{LEJRE_TRANSPORT}",
         "buttons": [{"title": "Hvordan søger jeg?", "payload": "/ask_apply"}]},
        {"recipient_id": "s1", "custom": payload(
            text, sources=[source],
            passage={"municipality": "Lejre Kommune", "standard": source["standard"],
                     "section": "9. Transport", "score": 0.71,
                     "text": "Taksten reguleres én gang årligt ved årets udgang."},
            phones=[{"label": "Visitationen", "number": "46 46 49 45", "tel": "+4546464945",
                     "hours": "mandag-fredag kl. 8-12"}],
            facts=[{"topic": "transport", "facts": {"price": "41 kr."}}],
            answered_by={"kind": "topic+passage", "topic": "transport",
                         "intent": "ask_transport", "confidence": 0.93, "score": 0.71})},
    ]


def test_a_text_entry_and_its_payload_are_one_reply() -> None:
    greeting = [{"recipient_id": "s1", "text": "Hej."}, {"recipient_id": "s1",
                                                          "custom": payload("Hej.")}]
    first, answer = to_replies(greeting + transport_answer(), LINKS)
    assert first.text == "Hej." and first.source is None and first.sources == []
    assert first.answered_by is not None and first.answered_by.kind == "message"
    # The payload's text (no source lines, its line breaks kept), the text entry's buttons.
    assert answer.text == ("Kørslen koster 41 kr. for ud og hjem.\nTaksten reguleres hvert år. "
                           "Læs mere på https://www.lejre.dk/genoptraening")
    assert [b.title for b in answer.buttons] == ["Hvordan søger jeg?"]
    assert answer.source == LEJRE_TRANSPORT  # for clients that read only ``source``
    (source,) = answer.sources
    assert source.dict() == {"text": LEJRE_TRANSPORT, "general": False,
                             "municipality": "Lejre Kommune",
                             "standard": "Kvalitetsstandard for genoptræning",
                             "section": "9. Transport", "law": None}
    assert answer.passage is not None and answer.passage.section == "9. Transport"
    assert answer.passage.text == "Taksten reguleres én gang årligt ved årets udgang."
    assert [p.dict() for p in answer.phones] == [
        {"label": "Visitationen", "number": "46 46 49 45", "tel": "+4546464945",
         "hours": "mandag-fredag kl. 8-12"}]
    assert answer.answered_by is not None
    assert answer.answered_by.dict() == {"kind": "topic+passage", "topic": "transport",
                                         "score": 0.71}
    assert [link.url for link in answer.links] == list(LINKS)
    # What only staff need stays out of the citizen's API: facts, intent, file names.
    assert "facts" not in answer.dict() and "intent" not in answer.dict()["answered_by"]
    assert "000_fcbf1760aa121c15.txt" not in answer.json()


def test_without_payloads_the_text_is_read_as_before() -> None:
    old = [{"recipient_id": "s1", "text": "Hej."},
           {"recipient_id": "s1", "text": f"Kørslen koster 41 kr.\n{LEJRE_TRANSPORT}"}]
    hello, answer = to_replies(old, {})
    assert (hello.text, hello.source) == ("Hej.", None)
    assert (answer.text, answer.source) == ("Kørslen koster 41 kr.", LEJRE_TRANSPORT)
    assert answer.sources == [] and answer.passage is None and answer.answered_by is None


def test_with_a_payload_source_lines_are_not_parsed_from_the_text() -> None:
    messages = [{"text": "Se afsnittet.\nKilde: noget andet"},
                {"custom": payload("Se afsnittet.\nKilde: står i teksten")}]
    (reply,) = to_replies(messages, {})
    assert reply.text == "Se afsnittet.\nKilde: står i teksten"
    assert reply.source is None and reply.sources == []


def test_a_payload_without_a_text_entry_is_a_reply_of_its_own() -> None:
    messages = [{"text": "Hej."}, {"custom": payload("Hej.")},
                {"custom": payload("Ring 112 nu.")}]
    assert [r.text for r in to_replies(messages, {})] == ["Hej.", "Ring 112 nu."]


def test_a_text_split_at_blank_lines_joins_its_payload() -> None:
    messages = [{"text": "Først det ene."}, {"text": "Så det andet.\nKilde: X"},
                {"custom": payload("Først det ene.\n\nSå det andet.")}]
    (reply,) = to_replies(messages, {})
    assert reply.text == "Først det ene.\n\nSå det andet."


def test_a_text_without_payload_before_an_answer_stays_a_reply_of_its_own() -> None:
    messages = [{"text": "Det ligner et CPR-nummer."}, *transport_answer()]
    first, answer = to_replies(messages, {})
    assert first.text == "Det ligner et CPR-nummer." and first.answered_by is None
    assert answer.answered_by is not None and answer.answered_by.topic == "transport"


def test_other_custom_messages_are_ignored() -> None:
    messages = [{"text": "Hej."}, {"custom": {"kind": "map", "text": "x"}},
                {"custom": "genoptraening.reply"}, {"custom": payload("Hej.")}]
    (reply,) = to_replies(messages, {})
    assert reply.text == "Hej." and reply.answered_by is not None


@pytest.mark.parametrize("broken", [
    {"text": 5, "sources": "Kilde: x", "passage": "afsnit", "phones": {"number": "1"},
     "answered_by": ["topic"]},
    {"text": None, "sources": [None, 3, {"text": 4}, {"general": True}],
     "passage": {"section": "9"}, "phones": [None, {"label": "x"}, {"number": ["1"]}],
     "answered_by": {"kind": "oracle", "score": 2}},
    {"answered_by": {"kind": ["topic"]}, "passage": {"text": ["x"]}},
    {"answered_by": {"kind": "topic", "topic": 7, "score": "0.7"}},
    {"answered_by": {"kind": "passage", "score": float("nan")}},
    {"answered_by": {"kind": "passage", "score": True}},
])
def test_malformed_payloads_leave_the_text_and_never_fail(broken: dict) -> None:
    messages = [{"text": f"Kørslen koster 41 kr.\n{LEJRE_TRANSPORT}"},
                {"custom": {"kind": "genoptraening.reply", "version": 1, **broken}}]
    (reply,) = to_replies(messages, {})
    assert reply.text.startswith("Kørslen koster 41 kr.")
    assert reply.passage is None and reply.phones == []
    assert reply.answered_by is None or (reply.answered_by.score is None
                                         and reply.answered_by.topic is None)


def test_odd_shapes_of_the_message_list_never_fail() -> None:
    messages = [None, "text", {"text": 5}, {"buttons": "x"}, {"text": "", "buttons": []},
                {"text": "Vælg", "buttons": [None, {"title": "Ja", "payload": "/affirm"}]}]
    (reply,) = to_replies(messages, {})  # type: ignore[arg-type]
    assert reply.text == "Vælg" and [b.title for b in reply.buttons] == ["Ja"]
    assert to_replies({"text": "x"}, {}) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(("phone", "tel"), [
    ({"number": "46 46 49 45"}, "+4546464945"),
    ({"number": "46 46 49 45", "tel": "javascript:alert(1)"}, "+4546464945"),
    ({"number": "+45 72 33 58 50"}, "+4572335850"),
    ({"number": "112", "tel": "112"}, "112"),
    ({"number": "ring til borgerservice"}, None),
])
def test_a_phone_gets_a_tel_number_only_from_digits(phone: dict, tel: str | None) -> None:
    (reply,) = to_replies([{"custom": payload("Ring til os.", phones=[phone])}], {})
    assert reply.phones[0].tel == tel


def test_several_quotes_of_one_section_are_one_source() -> None:
    quoted = [{"text": LEJRE_TRANSPORT, "general": False, "section": "9. Transport",
               "quote": quote, "file": "000_fcbf1760aa121c15.txt"} for quote in ("a", "b")]
    (reply,) = to_replies([{"custom": payload("Svar.", sources=quoted)}], {})
    assert [s.text for s in reply.sources] == [LEJRE_TRANSPORT]
    assert reply.source == LEJRE_TRANSPORT

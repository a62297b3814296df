"""The REST channel masks CPR numbers before Rasa builds the user message.

The channel is mounted on a Sanic app the way ``rasa run`` mounts it (under ``/webhooks/``),
with a stand-in for Rasa's agent that records the messages it is given, and is called over
ASGI at ``POST /webhooks/rest/webhook``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
import pytest
import yaml
from rasa.core.agent import Agent as RasaAgent
from rasa.core.channels import channel as rasa_channel
from rasa.core.channels.channel import UserMessage
from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.run import create_http_input_channels
from sanic import Sanic

from genoptraening.core.render import phrases
from genoptraening.rasa_ext.channels import MaskingRestInput, mask_metadata, mask_text
from genoptraening.rasa_ext.locks import AtomicRedisLockStore
from genoptraening.settings import CHECKOUT as PROJECT_ROOT


class Agent:
    """Stands in for Rasa's agent: records each message and answers "ok" (or fails)."""

    def __init__(self, error: BaseException | None = None):
        self.messages: list[UserMessage] = []
        self.error = error

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        if self.error is not None:
            raise self.error
        await message.output_channel.send_text_message(message.sender_id, "ok")


_APP: Sanic | None = None


async def _app() -> Sanic:
    """One app for the module: Sanic's start-up patches its classes, so it runs only once."""
    global _APP
    if _APP is None:
        app = Sanic("channel_test")
        rasa_channel.register([MaskingRestInput()], app, route="/webhooks/")
        await app._startup()  # what serving the app does first (sanic-testing is not installed)
        _APP = app
    return _APP


def post(body: Any, agent: Agent | None = None, query: str = "") -> tuple[httpx.Response, Agent]:
    """Post a body to the channel's webhook; return the response and the agent."""
    agent = agent or Agent()

    async def run() -> httpx.Response:
        app = await _app()
        app.ctx.agent = agent
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://rasa") as client:
            return await client.post(f"/webhooks/rest/webhook{query}", json=body)

    return asyncio.run(run()), agent


def sent_text(message: Any) -> str | None:
    response, agent = post({"sender": "s1", "message": message})
    assert response.status_code == 200
    assert response.json() == [{"recipient_id": "s1", "text": "ok"}]
    (user_message,) = agent.messages
    return user_message.text


def test_name_keeps_the_rest_url():
    assert MaskingRestInput.name() == "rest"
    assert MaskingRestInput().url_prefix() == "rest"


def test_credentials_select_the_masking_channel():
    credentials = PROJECT_ROOT / "bot" / "credentials.yml"
    assert list(yaml.safe_load(credentials.read_text(encoding="utf-8"))) == [
        "genoptraening.rasa_ext.channels.MaskingRestInput"]
    (channel,) = create_http_input_channels(None, str(credentials))
    assert isinstance(channel, MaskingRestInput)


@pytest.mark.parametrize("message,masked", [
    ("010203-1234", "[CPR]"),
    ("0102031234", "[CPR]"),
    ("010203 1234", "[CPR]"),
    ("01 02 03 1234", "[CPR]"),
    ("01 02 03-1234", "[CPR]"),
    ("01.02.03-1234", "[CPR]"),
    ("311299\u20131234", "[CPR]"),
    ("mit cpr nummer er 010203-1234, hvad koster træning i lejre",
     "mit cpr nummer er [CPR], hvad koster træning i lejre"),
    ("min mor har 2812451234 og jeg har 010203 1234.", "min mor har [CPR] og jeg har [CPR]."),
    ("cpr:0102031234", "cpr:[CPR]"),
])
def test_every_form_of_cpr_number_is_masked(message, masked):
    assert sent_text(message) == masked


@pytest.mark.parametrize("message", [
    "ring på 92 43 43 48", "92434348", "+45 92 43 43 48", "tlf. 4592434348",
    "jeg har tid den 3. november 2026", "mødet er 12-10-2026", "den 03.11.2026 kl. 10",
    "jeg er 82 år og bor i postnummer 4320", "sagsnummer 123456-12",
    "hvad koster genoptræning i Lejre?",
])
def test_other_numbers_are_left_alone(message):
    assert sent_text(message) == message


def test_a_number_where_the_text_belongs_is_masked_too():
    assert sent_text(102031234) == "102031234"
    assert sent_text(1012031234) == "[CPR]"


def test_metadata_and_input_channel_are_masked():
    response, agent = post({
        "sender": "s2", "message": "hej", "input_channel": "widget 010203-1234",
        "metadata": {"municipality": "Lejre", "note": "cpr 0102031234",
                     "nested": [{"x": "010203 1234"}, 3, None, True], "number": 1012031234,
                     "0102031234": "key"},
    })
    assert response.status_code == 200
    (message,) = agent.messages
    assert message.metadata == {
        "municipality": "Lejre", "note": "cpr [CPR]", "nested": [{"x": "[CPR]"}, 3, None, True],
        "number": "[CPR]", "[CPR]": "key"}
    assert message.input_channel == "widget [CPR]"
    assert message.sender_id == "s2"


def test_plain_requests_are_unchanged():
    response, agent = post({"sender": "s3", "message": "hej",
                            "metadata": {"municipality": "Rebild"}})
    (message,) = agent.messages
    assert (message.text, message.metadata, message.input_channel) == (
        "hej", {"municipality": "Rebild"}, "rest")


def test_streaming_masks_too():
    response, agent = post({"sender": "s4", "message": "010203-1234"}, query="?stream=true")
    assert response.status_code == 200
    assert agent.messages[0].text == "[CPR]"


@pytest.mark.parametrize("error", [RuntimeError("boom: flodhest 010203-1234"),
                                   asyncio.CancelledError()])
def test_failures_are_logged_without_the_text(caplog, error):
    caplog.set_level(logging.DEBUG)
    response, agent = post({"sender": "s5", "message": "mit ord er flodhest 010203-1234"},
                           Agent(error))
    assert response.status_code == 200 and response.json() == []
    assert agent.messages[0].text == "mit ord er flodhest [CPR]"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors
    for record in errors:
        assert "flodhest" not in record.getMessage() and "[CPR]" not in record.getMessage()
    for record in caplog.records:
        assert "010203" not in record.getMessage()


def test_helpers():
    assert mask_text(None) is None
    assert mask_text("x 0102031234") == "x [CPR]"
    assert mask_metadata(None) is None
    assert mask_metadata(1.5) == 1.5
    deep: Any = "0102031234"
    for _ in range(30):
        deep = [deep]
    assert "0102031234" not in repr(mask_metadata(deep))


class _GoneLockStore(InMemoryLockStore):
    """The lock disappears while the message waits (it expired): Rasa raises ``LockError``."""

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        return None


class _Processor:
    """Rasa's message processor, which must not be reached without the lock."""

    def __init__(self) -> None:
        self.handled: list[UserMessage] = []

    async def handle_message(self, message: UserMessage) -> None:
        self.handled.append(message)


def _agent(lock_store: Any) -> tuple[RasaAgent, _Processor]:
    agent = RasaAgent(lock_store=lock_store)
    processor = _Processor()
    agent.processor = processor  # type: ignore[assignment]
    return agent, processor


@pytest.mark.parametrize("lock_store", [
    _GoneLockStore(),
    AtomicRedisLockStore(host="127.0.0.1", port=1, socket_timeout=0.5),  # Redis unreachable
], ids=["lock-expired", "redis-unreachable"])
@pytest.mark.parametrize("query", ["", "?stream=true"])
def test_a_lock_that_cannot_be_had_ends_the_turn_with_the_danish_apology(
        lock_store, query, caplog):  # noqa: ANN001
    agent, processor = _agent(lock_store)
    async def run() -> httpx.Response:
        app = await _app()
        app.ctx.agent = agent
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://rasa") as client:
            return await client.post(f"/webhooks/rest/webhook{query}",
                                     json={"sender": "s6", "message": "hej 010203-1234"})

    response = asyncio.run(run())
    assert response.status_code == 200
    apology = phrases()["api"]["unavailable"]
    assert apology.startswith("Beklager")
    body = ([json.loads(line) for line in response.text.splitlines()] if query
            else response.json())
    assert body == [{"recipient_id": "s6", "text": apology}]
    assert processor.handled == []
    assert "could not be had" in caplog.text
    assert "010203" not in caplog.text and "[CPR]" not in caplog.text

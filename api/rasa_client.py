"""Forwarding to Rasa's REST channel, and turning its messages into the API's replies."""

from __future__ import annotations

import asyncio
import re
import uuid
import zlib
from collections.abc import Sequence
from typing import Any

import httpx

from api.schemas import Button, ChatReply, Link

_SOURCE_LINE = "Kilde:"
_URL = re.compile(r"https?://[^\s»«<>\"')]+")


class RasaUnavailable(Exception):
    """Rasa did not answer (down, too slow, or an error)."""


class RasaClient:
    """An async client for ``POST /webhooks/rest/webhook`` on one or more Rasa replicas.

    Conversations are spread over the replicas by a hash of their id, so each conversation
    has a home replica. Rasa keeps a conversation in the shared tracker store and serialises
    its messages with the shared lock store, so any replica can take any message: when the
    home replica refuses the connection (it has processed nothing), the message goes to the
    next one. Any other failure is reported, never retried (it may have been processed).
    The whole exchange is bounded by ``timeout`` seconds.
    """

    def __init__(self, base_urls: str | Sequence[str], timeout: float):
        urls = [base_urls] if isinstance(base_urls, str) else list(base_urls)
        self.base_urls = [url.rstrip("/") for url in urls]
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:  # one pooled client, made lazily inside the event loop
            self._client = httpx.AsyncClient(timeout=self.timeout)
        return self._client

    async def send(self, sender: str, message: str, municipality: str | None) -> list[dict]:
        """Send one message; return Rasa's messages.

        Raises:
            RasaUnavailable: when no replica answers, one is slower than the timeout or
                answers an error.

        """
        body: dict[str, Any] = {"sender": sender, "message": message}
        if municipality:
            body["metadata"] = {"municipality": municipality}
        try:
            data = await asyncio.wait_for(self._post(sender, body), self.timeout)
        except asyncio.TimeoutError as exc:
            raise RasaUnavailable("timeout") from exc
        return data if isinstance(data, list) else []

    def home(self, sender: str) -> int:
        """Return the index of the conversation's home replica (the same in every API process)."""
        return zlib.crc32(sender.encode("utf-8")) % len(self.base_urls)

    async def _post(self, sender: str, body: dict[str, Any]) -> Any:
        first = self.home(sender)
        refused: Exception | None = None
        for step in range(len(self.base_urls)):
            url = self.base_urls[(first + step) % len(self.base_urls)]
            try:
                response = await self._http().post(f"{url}/webhooks/rest/webhook", json=body)
                response.raise_for_status()
                return response.json()
            except httpx.ConnectError as exc:
                refused = exc
            except (httpx.HTTPError, ValueError) as exc:
                raise RasaUnavailable(str(exc)) from exc
        raise RasaUnavailable("no replica answers") from refused

    async def close(self) -> None:
        """Close the pooled connections."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def to_replies(messages: list[dict], known_links: dict[str, str]) -> list[ChatReply]:
    """Turn Rasa's messages into replies: text, buttons, the source apart, known links.

    The actions put the sources on the last lines of a message, each starting "Kilde:".
    Only links the knowledge base holds are offered as links; any other URL stays text.
    """
    replies = []
    for message in messages:
        raw = str(message.get("text") or "")
        lines = raw.split("\n")
        body = [line for line in lines if not line.startswith(_SOURCE_LINE)]
        sources = [line for line in lines if line.startswith(_SOURCE_LINE)]
        text = "\n".join(body).strip()
        buttons = [
            Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
            for b in message.get("buttons") or []
            if isinstance(b, dict)
        ]
        if not text and not buttons:
            continue
        links = [
            Link(url=url, label=known_links[url])
            for url in dict.fromkeys(_URL.findall(text))
            if url in known_links
        ]
        replies.append(ChatReply(id=uuid.uuid4().hex[:16], text=text, buttons=buttons,
                                 source="\n".join(sources) or None, links=links))
    return replies

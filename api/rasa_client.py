"""Forwarding to Rasa's REST channel, and turning its messages into the API's replies."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx

from api.schemas import Button, ChatReply, Link

_SOURCE_LINE = "Kilde:"
_URL = re.compile(r"https?://[^\s»«<>\"')]+")


class RasaUnavailable(Exception):
    """Rasa did not answer (down, too slow, or an error)."""


class RasaClient:
    """An async client for ``POST /webhooks/rest/webhook``, with a timeout for citizens."""

    def __init__(self, base_url: str, timeout: float):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:  # one pooled client, made lazily inside the event loop
            self._client = httpx.AsyncClient(timeout=self.timeout)
        return self._client

    async def send(self, sender: str, message: str, municipality: str | None) -> list[dict]:
        """Send one message; return Rasa's messages.

        Raises:
            RasaUnavailable: when Rasa is down, slower than the timeout or answers an error.

        """
        body: dict[str, Any] = {"sender": sender, "message": message}
        if municipality:
            body["metadata"] = {"municipality": municipality}
        try:
            response = await self._http().post(
                f"{self.base_url}/webhooks/rest/webhook", json=body
            )
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise RasaUnavailable(str(exc)) from exc
        return data if isinstance(data, list) else []

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

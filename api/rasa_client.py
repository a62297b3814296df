"""Forwarding to Rasa's REST channel, and turning its messages into the API's replies."""

from __future__ import annotations

import asyncio
import itertools
import math
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast, get_args

import aiohttp
from pydantic import ValidationError

from .schemas import (
    AnsweredByOut,
    AnswerKind,
    Button,
    ChatReply,
    Link,
    PassageOut,
    PhoneOut,
    SourceOut,
)

_SOURCE_LINE = "Kilde:"
_URL = re.compile(r"https?://[^\s»«<>\"')]+")
#: The ``custom`` payload the actions send with every reply (see ``docs/api.md``).
PAYLOAD_KIND = "genoptraening.reply"
_ANSWER_KINDS = frozenset(get_args(AnswerKind))
_TEL = re.compile(r"^\+?[0-9]{3,15}$")


class RasaUnavailable(Exception):
    """Rasa did not answer (down, too slow, or an error)."""


class RasaClient:
    """An async client for ``POST /webhooks/rest/webhook`` on one or more Rasa replicas.

    Each message goes to the replica with the fewest messages in flight from this process
    (ties taken in turn), which keeps the replicas evenly busy — under load the tail latency
    was a third lower than with a fixed replica per conversation. Rasa keeps a conversation in
    the shared tracker store and serialises its messages with the shared lock store, so any
    replica can take any message. A replica that refuses the connection has processed
    nothing, so the message goes to the next one; any other failure is reported, never
    retried (it may have been processed). The whole exchange is bounded by ``timeout``.
    """

    def __init__(self, base_urls: str | Sequence[str], timeout: float):
        urls = [base_urls] if isinstance(base_urls, str) else list(base_urls)
        self.base_urls = [url.rstrip("/") for url in urls]
        self.timeout = timeout
        self.in_flight = [0] * len(self.base_urls)
        self._turn = itertools.count()
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        # One pooled session, made lazily inside the event loop. aiohttp (Rasa's own HTTP
        # client) rather than httpx: under load it took a third of the API's CPU time less.
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=0), raise_for_status=True)
        return self._session

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
            data = await asyncio.wait_for(self._post(body), self.timeout)
        except asyncio.TimeoutError as exc:
            raise RasaUnavailable("timeout") from exc
        return data if isinstance(data, list) else []

    def _order(self) -> list[int]:
        """Return the replicas to try: the least busy first, ties taken in turn."""
        count = len(self.base_urls)
        start = next(self._turn) % count
        rotated = [(start + step) % count for step in range(count)]
        return sorted(rotated, key=lambda index: self.in_flight[index])

    async def _post(self, body: dict[str, Any]) -> Any:
        refused: Exception | None = None
        for index in self._order():
            self.in_flight[index] += 1
            try:
                async with self._http().post(
                        f"{self.base_urls[index]}/webhooks/rest/webhook", json=body) as response:
                    return await response.json(content_type=None)
            except aiohttp.ClientConnectorError as exc:  # refused: nothing was processed
                refused = exc
            except (aiohttp.ClientError, ValueError) as exc:
                raise RasaUnavailable(str(exc)) from exc
            finally:
                self.in_flight[index] -= 1
        raise RasaUnavailable("no replica answers") from refused

    async def close(self) -> None:
        """Close the pooled connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None


@dataclass
class _Reply:
    """One reply being assembled: its text entries, buttons and structured payload."""

    texts: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    payload: dict[str, Any] | None = None


def to_replies(messages: list[dict], known_links: dict[str, str]) -> list[ChatReply]:
    """Turn Rasa's messages into replies: text, buttons, sources, passage, phones, known links.

    Each reply of the assistant reaches the REST channel as a text entry (the text with its
    "Kilde:" lines, for clients that read only text) followed by a ``custom`` entry with the
    same reply as structured data (``kind: genoptraening.reply``). The pair becomes one reply:
    the text and sources from the payload, the buttons from the text entry. A text entry
    without a payload keeps today's reading (the "Kilde:" lines split off as the source); a
    payload without a text entry is a reply of its own; other custom entries are ignored.
    Only links the knowledge base holds are offered as links; any other URL stays text.
    """
    replies = []
    for part in _pair(messages):
        try:
            reply = _reply(part, known_links)
        except ValidationError:  # a payload of a shape not foreseen: its text is still good
            reply = _reply(_Reply(part.texts, part.buttons), known_links)
        if reply is not None:
            replies.append(reply)
    return replies


def _pair(messages: list[dict]) -> list[_Reply]:
    parts: list[_Reply] = []
    for message in messages if isinstance(messages, list) else []:
        if not isinstance(message, dict):
            continue
        text = message.get("text")
        text = text if isinstance(text, str) else ""
        buttons = _buttons(message.get("buttons"))
        if text.strip() or buttons:
            parts.append(_Reply([text], buttons))
        payload = message.get("custom")
        if not isinstance(payload, dict) or payload.get("kind") != PAYLOAD_KIND:
            continue  # no payload, or another client's custom message
        if parts and parts[-1].payload is None and parts[-1].texts:
            part = parts.pop()
            # Rasa splits a text without buttons at blank lines: the pieces before the last
            # belong to this reply too when the payload's text holds them.
            while (parts and parts[-1].payload is None and not parts[-1].buttons
                   and _within(parts[-1].texts, payload.get("text"))):
                part.texts[:0] = parts.pop().texts
        else:
            part = _Reply()
        part.payload = payload
        parts.append(part)
    return parts


def _within(texts: list[str], whole: object) -> bool:
    squash = " ".join
    return isinstance(whole, str) and all(squash(t.split()) in squash(whole.split())
                                          for t in texts)


def _buttons(value: object) -> list[Button]:
    return [Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
            for b in (value if isinstance(value, list) else []) if isinstance(b, dict)]


def _reply(part: _Reply, known_links: dict[str, str]) -> ChatReply | None:
    fields = _structured(part.payload) if part.payload is not None else {}
    text = fields.pop("text", None)
    if text is None:  # no payload (or one without a text): the text entry as it was read
        text, lines = _split_source("\n".join(part.texts))
        fields.setdefault("source", "\n".join(lines) or None)
    if not (text or part.buttons or fields.get("passage") or fields.get("phones")):
        return None
    passage = fields.get("passage")
    linked = text + ("\n" + passage.text if passage else "")
    links = [Link(url=url, label=known_links[url])
             for url in dict.fromkeys(_URL.findall(linked)) if url in known_links]
    return ChatReply(id=uuid.uuid4().hex[:16], text=text, buttons=part.buttons, links=links,
                     **fields)


def _split_source(raw: str) -> tuple[str, list[str]]:
    """Split a text without payload into its body and its "Kilde:" lines (the old format)."""
    lines = raw.split("\n")
    body = "\n".join(line for line in lines if not line.startswith(_SOURCE_LINE)).strip()
    return body, [line for line in lines if line.startswith(_SOURCE_LINE)]


def _structured(payload: dict[str, Any]) -> dict[str, Any]:
    """Read a reply payload's fields; a field of the wrong shape is left out, never an error."""
    fields: dict[str, Any] = {}
    text = payload.get("text")
    if isinstance(text, str) and text.strip():
        fields["text"] = text.strip()
    sources = payload.get("sources")
    if isinstance(sources, list):
        # One per distinct source: several quotes of one section are one source here.
        distinct = {tuple(s.dict().values()): s for s in map(_source, sources) if s is not None}
        fields["sources"] = list(distinct.values())
        fields["source"] = "\n".join(dict.fromkeys(s.text for s in distinct.values())) or None
    fields["passage"] = _passage(payload.get("passage"))
    phones = payload.get("phones")
    fields["phones"] = [p for p in map(_phone, phones) if p is not None] if isinstance(
        phones, list) else []
    fields["answered_by"] = _answered_by(payload.get("answered_by"))
    return fields


def _string(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _source(data: object) -> SourceOut | None:
    text = _string(data, "text") if isinstance(data, dict) else None
    if not isinstance(data, dict) or text is None:
        return None
    return SourceOut(text=text, general=data.get("general") is True,
                     **{k: _string(data, k) for k in ("municipality", "standard", "section",
                                                       "law")})


def _passage(data: object) -> PassageOut | None:
    text = _string(data, "text") if isinstance(data, dict) else None
    if not isinstance(data, dict) or text is None:
        return None
    return PassageOut(text=text, **{k: _string(data, k) for k in ("municipality", "standard",
                                                                   "section")})


def _phone(data: object) -> PhoneOut | None:
    if not isinstance(data, dict) or _string(data, "number") is None:
        return None
    number = str(_string(data, "number"))
    tel = _string(data, "tel")
    if tel is None or not _TEL.match(tel):  # none given: the number as written, if it is one
        digits = re.sub(r"\D", "", number)
        tel = ("+" + digits if number.startswith("+") and _TEL.match(digits)
               else "+45" + digits if len(digits) == 8 else None)
    return PhoneOut(label=_string(data, "label"), number=number, tel=tel,
                    hours=_string(data, "hours"))


def _answered_by(data: object) -> AnsweredByOut | None:
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(kind, str) or kind not in _ANSWER_KINDS:
        return None
    score = data.get("score")
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not math.isfinite(score):
        score = None
    return AnsweredByOut(kind=cast(AnswerKind, kind), topic=_string(data, "topic"),
                         score=None if score is None else float(score))

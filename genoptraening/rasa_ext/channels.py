"""Rasa's REST channel with CPR numbers masked before anything else sees the message.

``bot/credentials.yml`` names :class:`MaskingRestInput` instead of the built-in ``rest``. Its
name is still "rest", so citizens (and the web API) keep posting to the same URL,
``POST /webhooks/rest/webhook`` with ``{"sender", "message", "metadata"}``, and get the same
answer. The difference: a CPR number in the message, in the metadata or in the
``input_channel`` field is replaced by "[CPR]" (:func:`genoptraening.core.privacy.mask_cpr`) before
the ``UserMessage`` is built, so the number never reaches NLU, the tracker store, the action
server or a log. The dialogue still warns the citizen: it takes "[CPR]" for a CPR number.

The sender id is left as it is: it names the conversation (staff look conversations up and
delete them by it), and the web API makes it a random hex string.

Rasa's REST channel logs the message text when handling it fails; here a failure is logged
without the text or the exception's message (the stack, which holds no message text, only at
DEBUG).

When the conversation's lock cannot be had (Rasa's ``LockError``: the lock store failed, or the
lock expired while the message waited for the previous one), Rasa's channel answers an empty
list. Here the message gets the Danish apology (phrase ``api.unavailable``) as a normal bot
message instead, and the citizen can simply send it again.
"""

from __future__ import annotations

import logging
import traceback
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.lock_store import LockError
from sanic import Blueprint
from sanic.request import Request

from genoptraening.core.privacy import mask_cpr
from genoptraening.core.render import phrases

log = logging.getLogger(__name__)

#: Metadata nested deeper than this is dropped rather than searched.
_MAX_DEPTH = 20


def apology() -> str:
    """Return the Danish apology for a turn that could not be handled (``api.unavailable``)."""
    return str(phrases()["api"]["unavailable"])


def mask_text(value: object) -> str | None:
    """Return the message text with CPR numbers masked; None stays None.

    Anything but a string (a number sent where the text belongs) is read as its string form,
    so that a CPR number sent as a JSON number is masked too.
    """
    if value is None:
        return None
    return mask_cpr(value if isinstance(value, str) else str(value))


def mask_metadata(value: Any, depth: int = 0) -> Any:
    """Return a copy of JSON metadata with CPR numbers masked in every string, key and number."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        masked = mask_cpr(str(value))
        return value if masked == str(value) else masked
    if isinstance(value, dict):
        return {mask_metadata(k, depth + 1) if isinstance(k, str) else k:
                mask_metadata(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_metadata(v, depth + 1) for v in value]
    return value


async def _apologise(message: UserMessage) -> None:
    """Send the apology to the message's sender (a failure is logged without the text)."""
    try:
        await message.output_channel.send_text_message(message.sender_id or "", apology())
    except Exception as exc:  # noqa: BLE001 - Rasa's channel would log the message text
        log.error("apologising failed: %s", type(exc).__name__)


class MaskingRestInput(RestInput):
    """The REST channel (``/webhooks/rest/webhook``), masking CPR numbers on the way in."""

    @classmethod
    def name(cls) -> str:
        """Return the built-in channel's name, so the URL stays ``/webhooks/rest/webhook``."""
        return "rest"

    def _extract_message(self, req: Request) -> str | None:
        return mask_text(super()._extract_message(req))

    def _extract_input_channel(self, req: Request) -> str:
        channel = super()._extract_input_channel(req)
        return mask_cpr(channel) if isinstance(channel, str) else channel

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """Return the request's metadata with CPR numbers masked."""
        return mask_metadata(super().get_metadata(request))

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """Return Rasa's REST routes: failures logged without the text, lock errors apologised."""

        async def handle(message: UserMessage) -> None:
            try:
                await on_new_message(message)
            except LockError:
                log.warning("the conversation's lock could not be had; apologised")
                await _apologise(message)
            except CancelledError:  # Rasa's channel swallows it too, and answers what it has
                log.error("a message took too long to handle and was cancelled")
            except Exception as exc:
                # Rasa's channel would log the text; the exception's message might hold it.
                log.error("handling a message failed: %s", type(exc).__name__)
                log.debug("where it failed:\n%s",
                          "".join(traceback.format_tb(exc.__traceback__)))

        return super().blueprint(handle)

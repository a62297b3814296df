"""``/api/chat`` and ``/api/feedback``: the widget's conversation with the assistant."""

from __future__ import annotations

import logging
import uuid

from fastapi import APIRouter, Response, status
from fastapi.responses import JSONResponse

from genoptraening.core.privacy import mask_cpr
from genoptraening.core.render import contact_phones

from ..deps import FeedbackDep, KnowledgeDep, RasaDep, RegisterDep
from ..errors import api_text, problem
from ..rasa_client import RasaUnavailable, to_replies
from ..sanitize import clean_chat_request
from ..schemas import MAX_MESSAGE, ChatRequest, ChatResponse, FeedbackRequest, Problem

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["chat"])


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses={422: {"model": Problem}, 503: {"model": Problem}},
    summary="Send en besked til assistenten",
)
async def chat(request: ChatRequest, rasa: RasaDep, kb: KnowledgeDep,
               register: RegisterDep) -> ChatResponse | JSONResponse:
    """Forward the citizen's message to Rasa's REST channel and return its replies."""
    request = clean_chat_request(request)  # no control characters on to Rasa
    message = request.message.strip()
    if not message:
        return problem(422, "message_empty")
    if len(message) > MAX_MESSAGE:
        return problem(422, "message_too_long", limit=f"{MAX_MESSAGE:,}".replace(",", "."))
    # A CPR number never leaves the API; Rasa's channel masks too
    # (genoptraening/rasa_ext/channels.py).
    # The message is never logged.
    message = mask_cpr(message)
    municipality = mask_cpr(request.municipality) if request.municipality else None
    session_id = request.session_id or uuid.uuid4().hex
    try:
        messages = await rasa.send(session_id, message, municipality)
    except RasaUnavailable as exc:
        log.warning("Rasa did not answer: %s", type(exc.__cause__).__name__)
        return _unavailable(kb, register, municipality)
    replies = to_replies(messages, kb.links())
    if not replies:
        # Rasa answered without a reply: the action server failed or was too slow (Rasa gives
        # up after action_timeout). The conversation is intact; the next message works again.
        log.warning("Rasa answered without a reply (action server down or slow)")
        return _unavailable(kb, register, municipality)
    return ChatResponse(session_id=session_id, replies=replies)


def _unavailable(kb: KnowledgeDep, register: RegisterDep,
                 municipality: str | None) -> JSONResponse:
    """503: the Danish apology, with the municipality's phone number and hours if known."""
    return JSONResponse({"detail": _apology(kb, register, municipality)},
                        status_code=status.HTTP_503_SERVICE_UNAVAILABLE)


def _apology(kb: KnowledgeDep, register: RegisterDep, municipality: str | None) -> str:
    text = api_text("unavailable")
    found = register.lookup(municipality) if municipality else None
    if found is None:
        return text
    phones, _ = contact_phones(kb, found)
    if not phones:
        return text
    text += " " + api_text("unavailable_phone", municipality=found.official,
                           number=phones[0].number)
    if phones[0].hours:
        text += " " + api_text("unavailable_hours", hours=phones[0].hours)
    return text


@router.post("/feedback", status_code=204, response_class=Response,
             responses={422: {"model": Problem}}, summary="Tommel op eller ned for et svar")
async def feedback(request: FeedbackRequest, store: FeedbackDep) -> Response:
    """Record a citizen's rating of one reply."""
    store.add(request.session_id, request.reply_id, request.rating)
    return Response(status_code=204)

"""Request and response bodies of the web API (pydantic 1.x, shared with Rasa's pin)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, StrictStr

MAX_MESSAGE = 1000
SESSION_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"


class ChatRequest(BaseModel):
    """A citizen's message."""

    # Strict strings: a number where text belongs is an error, not quietly "5".
    session_id: StrictStr | None = Field(None, regex=SESSION_PATTERN,
                                         description="Samtalens id; udelades ved første besked")
    message: StrictStr = Field(..., description="Borgerens besked (1-1000 tegn)")
    municipality: StrictStr | None = Field(
        None, max_length=100, description="Kommunen, fx fra widgettens data-municipality")


class Button(BaseModel):
    """A quick reply."""

    title: str
    payload: str


class Link(BaseModel):
    """A link in a reply that the widget may make clickable (one the knowledge base holds)."""

    url: str
    label: str


class ChatReply(BaseModel):
    """One message from the assistant."""

    id: str
    text: str
    buttons: list[Button] = []
    source: str | None = None
    links: list[Link] = []


class ChatResponse(BaseModel):
    """The assistant's replies to one message."""

    session_id: str
    replies: list[ChatReply]


class FeedbackRequest(BaseModel):
    """Thumbs up or down on one reply."""

    session_id: StrictStr = Field(..., regex=SESSION_PATTERN)
    reply_id: StrictStr = Field(..., regex=r"^[A-Za-z0-9_-]{1,80}$")
    rating: Literal["up", "down"]


class MunicipalityOut(BaseModel):
    """A municipality of the register."""

    slug: str
    name: str
    official: str
    code: str
    has_standard: bool


class Problem(BaseModel):
    """An error, in Danish for the citizen."""

    detail: str

"""Request and response bodies of the web API (pydantic 1.x, shared with Rasa's pin)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, StrictStr

MAX_MESSAGE = 1000
#: What answered a reply: a curated topic, a passage of the standard, both, or a fixed message.
AnswerKind = Literal["topic", "passage", "topic+passage", "message"]
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


class SourceOut(BaseModel):
    """Where a reply comes from: a section of a municipality's standard, or a law."""

    text: str = Field(..., description="Kildelinjen, som borgeren læser den (»Kilde: …«)")
    general: bool = Field(False, description="Den generelle regel fra loven, ikke kommunens")
    municipality: str | None = None
    standard: str | None = Field(None, description="Kvalitetsstandardens titel")
    section: str | None = Field(None, description="Afsnittet i standarden")
    law: str | None = Field(None, description="Loven, når kilden er en lov")


class PassageOut(BaseModel):
    """A passage quoted word for word from a municipality's standard."""

    municipality: str | None = None
    standard: str | None = None
    section: str | None = None
    text: str


class PhoneOut(BaseModel):
    """A phone number to call, with who answers and when."""

    label: str | None = Field(None, description="Hvem der svarer, fx »Visitationen«")
    number: str = Field(..., description="Nummeret, som standarden skriver det: »46 46 49 45«")
    tel: str | None = Field(None, description="Nummeret til et tel:-link: »+4546464945«")
    hours: str | None = Field(None, description="Telefontid")


class AnsweredByOut(BaseModel):
    """What answered: a curated topic, a passage of the standard, both, or a fixed message."""

    kind: AnswerKind
    topic: str | None = Field(None, description="Emnets id, fx »cost«")
    score: float | None = Field(None, description="Hvor godt afsnittet passede (0-1)")


class ChatReply(BaseModel):
    """One message from the assistant.

    ``text`` is the answer without its source; ``source`` holds the source lines as one text
    (for clients that show only that), ``sources`` the same sources with their parts. Replies of
    an assistant that sends no structured payload have only ``text``, ``buttons``, ``source``
    and ``links``; the other fields are then empty.
    """

    id: str
    text: str
    buttons: list[Button] = []
    source: str | None = None
    links: list[Link] = []
    sources: list[SourceOut] = []
    passage: PassageOut | None = None
    phones: list[PhoneOut] = []
    answered_by: AnsweredByOut | None = None


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

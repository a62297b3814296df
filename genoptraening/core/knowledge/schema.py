"""Schema of the knowledge files: one quality standard per municipality plus the national rules.

The files under ``knowledge/`` are YAML documents that content editors maintain. Every fact
carries its source (seed file, section heading as printed, a short quote) so that staff and
citizens can check it. These pydantic (1.x) models are the single definition of that format.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, get_args

from pydantic import (
    BaseModel,
    Extra,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    root_validator,
    validator,
)

LawId = Literal["sul_140", "sel_86_1", "sel_86_2"]

TopicId = Literal[
    "purpose",
    "target_group",
    "content",
    "location",
    "scope",
    "cost",
    "transport",
    "apply",
    "contact",
    "on_behalf",
    "deadlines",
    "free_choice",
    "cancellation",
    "staff",
    "cooperation",
    "follow_up",
    "home_workplace",
    "complaint_decision",
    "complaint_treatment",
    "complaint_staff",
    "citizen_adviser",
    "legal_basis",
    "approval",
    "emergency",
]

#: The laws the assistant knows, in the order a citizen reads them. Their names and what each
#: gives are phrases (``laws`` and ``law_offers`` in knowledge/phrases/da.yml).
LAWS: tuple[str, ...] = get_args(LawId)

#: Every topic a knowledge file may hold, in the order staff tools list them. Their Danish
#: labels are phrases (``topics`` in knowledge/phrases/da.yml).
TOPICS: tuple[str, ...] = get_args(TopicId)

#: The NLU intent that asks for each topic's answer → the topic (``ask_law`` asks what the laws
#: mean; emergencies have an intent of their own).
TOPIC_OF_INTENT: dict[str, str] = {
    **{f"ask_{t}": t for t in TOPICS if t not in ("legal_basis", "emergency")},
    "ask_law": "legal_basis",
}

#: Units a deadline may be stated in. "dage" is kept as the standard says it; the deadline
#: arithmetic counts it as calendar days (see ``genoptraening.core.deadlines``).
DeadlineUnit = Literal["hverdage", "kalenderdage", "dage", "uger"]

#: What a deadline is about.
DeadlineKind = Literal[
    "contact",  # the municipality contacts you
    "letter",  # you receive a letter
    "visitation",  # visitation / first examination
    "decision",  # a decision on the application
    "start",  # training starts (or a start time is offered)
    "provider_contact",  # the chosen provider contacts you
    "complaint",  # your deadline for complaining
    "reassessment",  # the municipality reconsiders a complaint
    "appeal_board",  # Ankestyrelsen answers
]

#: The event a deadline runs from.
DeadlineEvent = Literal[
    "application",  # your application / enquiry is received
    "grant",  # training is granted
    "referral",  # the referral (henvisning) is received
    "visitation",  # the visitation / booking conversation took place
    "plan_received",  # the municipality received the hospital's genoptræningsplan
    "visitator_contact",  # a visitator has contacted you
    "provider_contact",  # the provider has contacted you
    "decision_received",  # you received the decision
    "complaint_received",  # the municipality received your complaint
    "complaint_forwarded",  # the complaint was sent on to Ankestyrelsen
]

_PHONE = re.compile(r"^\d{2} \d{2} \d{2} \d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


class _Model(BaseModel):
    class Config:
        extra = Extra.forbid


class Source(_Model):
    """Where a fact comes from: a section of a seed file and a short quote from it.

    National (general) rules may instead name the law they rest on in ``law``.
    """

    section: str | None = None
    quote: str | None = None
    file: str | None = None  # defaults to the standard's seed file
    law: str | None = None

    @root_validator(skip_on_failure=True)
    def _section_and_quote_or_law(cls, values: dict) -> dict:  # noqa: N805
        has_quote = bool(values.get("section")) and bool(values.get("quote"))
        if not has_quote and not values.get("law"):
            raise ValueError(
                "mangler kilde: en kilde skal have section og quote (generelle regler: law)"
            )
        return values


class OpeningSlot(_Model):
    """A time window on given weekdays (0 = Monday) when a phone line is open."""

    days: list[int]
    start: str
    end: str

    @validator("days", each_item=True)
    def _weekday(cls, day: int) -> int:  # noqa: N805
        if not 0 <= day <= 6:
            raise ValueError("ugedag skal være 0 (mandag) til 6 (søndag)")
        return day

    @validator("start", "end")
    def _clock(cls, value: str) -> str:  # noqa: N805
        if not _TIME.match(value):
            raise ValueError(f"klokkeslæt {value!r} er ikke på formen TT:MM")
        return value


class Phone(_Model):
    """A phone number in Danish 8-digit form, grouped in pairs: "92 43 43 48"."""

    number: str
    label: str | None = None
    hours: str | None = None
    open: list[OpeningSlot] = Field(default_factory=list)

    @validator("number")
    def _danish(cls, value: str) -> str:  # noqa: N805
        if not _PHONE.match(value):
            raise ValueError(
                f"telefonnummer {value!r} er ikke et dansk 8-cifret nummer i par"
                ' ("92 43 43 48")'
            )
        return value


class Email(_Model):
    """An email address and whether it may carry sensitive personal data."""

    address: str
    sensitive_data_ok: bool = False
    note: str | None = None

    @validator("address")
    def _address(cls, value: str) -> str:  # noqa: N805
        if not _EMAIL.match(value):
            raise ValueError(f"{value!r} er ikke en e-mailadresse")
        return value


class Address(_Model):
    """A postal or visiting address."""

    name: str
    lines: list[str]


class Link(_Model):
    """A link printed in the standard (forms, digital post)."""

    label: str
    url: str


class Price(_Model):
    """A self-payment: amount in kroner, the year it applies to and what it covers."""

    amount: float
    year: int | None = None
    per: str


class Deadline(_Model):
    """A deadline with its number, unit and the event it runs from."""

    kind: DeadlineKind
    number: int = Field(..., gt=0)
    unit: DeadlineUnit
    from_event: DeadlineEvent
    text: str  # the deadline as the standard words it, in short

    @validator("unit", pre=True)
    def _unit_present(cls, value: object) -> object:  # noqa: N805
        if value in (None, ""):
            raise ValueError("frist uden enhed: angiv hverdage, kalenderdage, dage eller uger")
        return value


class Facts(_Model):
    """Structured values behind an answer text, for tests and other code."""

    phones: list[Phone] = Field(default_factory=list)
    emails: list[Email] = Field(default_factory=list)
    addresses: list[Address] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    prices: list[Price] = Field(default_factory=list)
    # Strict types: pydantic 1 would otherwise turn 3 into "3" and true into "True".
    values: dict[str, StrictBool | StrictInt | StrictFloat | StrictStr | list[StrictStr]] = Field(
        default_factory=dict
    )


class Topic(_Model):
    """One topic of a standard: a citizen-facing answer, its facts and their sources."""

    answer: str
    facts: Facts = Field(default_factory=Facts)
    sources: list[Source]

    @validator("answer")
    def _answer_text(cls, value: str) -> str:  # noqa: N805
        if not value.strip():
            raise ValueError("svarteksten er tom")
        return value.strip()

    @validator("sources")
    def _has_source(cls, value: list[Source]) -> list[Source]:  # noqa: N805
        if not value:
            raise ValueError("mangler kilde: hvert emne skal have mindst én kilde")
        return value


#: A drafted fact's state: read by ``kb import``, approved by a person, or rejected.
DraftStatus = Literal["draft", "approved", "rejected"]
#: The value fields of a drafted fact; each fact has exactly one of them.
DRAFT_KINDS = ("phone", "email", "address", "price", "deadline", "covers", "complaint_to",
               "approval")


class Approval(_Model):
    """Who approved a standard, and the date when the standard gives it."""

    by: str
    date: dt.date | None = None


class DraftFact(_Model):
    """One fact that ``kb import`` read in a standard, with the quote it was read from.

    A drafted fact is never told to a citizen: only ``status: approved`` facts become part of
    the answers (``genoptraening.core.knowledge.reviewed``).
    """

    id: str
    status: DraftStatus = "draft"
    topic: TopicId
    law: LawId | None = None  # the fact stands in this law's part of the standard
    section: str
    quote: str
    phone: Phone | None = None
    email: Email | None = None
    address: Address | None = None
    price: Price | None = None
    deadline: Deadline | None = None
    covers: LawId | None = None  # the standard covers this law
    complaint_to: str | None = None  # where a complaint of ``topic`` is sent
    approval: Approval | None = None

    @root_validator(skip_on_failure=True)
    def _one_value(cls, values: dict) -> dict:  # noqa: N805
        present = [kind for kind in DRAFT_KINDS if values.get(kind) is not None]
        if len(present) != 1:
            raise ValueError(f"et udkast skal have netop én af {', '.join(DRAFT_KINDS)}")
        return values

    @property
    def kind(self) -> str:
        """The value field this fact has ("phone", "deadline", …)."""
        return next(kind for kind in DRAFT_KINDS if getattr(self, kind) is not None)

    @property
    def value(self) -> object:
        """The fact's value (a Phone, a Deadline, a law id, …)."""
        return getattr(self, self.kind)


class Imported(_Model):
    """Where an imported standard came from (``genoptraening kb import``)."""

    file: str  # the document's file name as given
    date: dt.date


class Standard(_Model):
    """A municipality's quality standard, or (``general: true``) the national rules.

    An imported standard (``imported``) carries the facts read from it in ``drafts``; the
    knowledge base answers from the approved ones only.
    """

    municipality: str
    slug: str
    title: str
    seed_file: str | None = None
    general: bool = False
    approved_by: str | None = None
    approved_on: dt.date | None = None
    laws: list[LawId]
    topics: dict[TopicId, Topic] = Field(default_factory=dict)
    by_law: dict[LawId, dict[TopicId, Topic]] = Field(default_factory=dict)
    imported: Imported | None = None
    drafts: list[DraftFact] = Field(default_factory=list)

    @root_validator(skip_on_failure=True)
    def _laws_consistent(cls, values: dict) -> dict:  # noqa: N805
        laws = set(values.get("laws") or [])
        extra = set(values.get("by_law") or {}) - laws
        if extra:
            raise ValueError(f"by_law nævner love, der ikke står i 'laws': {sorted(extra)}")
        if not values.get("general") and not values.get("seed_file"):
            raise ValueError("en kommunes standard skal have seed_file")
        ids = [draft.id for draft in values.get("drafts") or []]
        if len(ids) != len(set(ids)):
            raise ValueError("to udkast har samme id")
        return values

    def topic(self, topic: str, law: str | None = None) -> Topic | None:
        """Return the entry for ``topic`` under ``law``, falling back to the common one."""
        if law is not None and topic in self.by_law.get(law, {}):  # type: ignore[call-overload]
            return self.by_law[law][topic]  # type: ignore[index]
        return self.topics.get(topic)  # type: ignore[call-overload]

    def topic_by_law(self, topic: str) -> dict[str, Topic]:
        """Return every law-specific entry for ``topic`` (law id → entry)."""
        return {
            law: entries[topic]
            for law, entries in self.by_law.items()
            if topic in entries
        }

    def covers(self, topic: str) -> bool:
        """Tell whether the standard speaks to ``topic`` for any of its laws."""
        return topic in self.topics or bool(self.topic_by_law(topic))

    def iter_topics(self) -> list[tuple[str | None, str, Topic]]:
        """List (law or None for common, topic id, entry) for every entry in the file."""
        rows: list[tuple[str | None, str, Topic]] = [
            (None, name, entry) for name, entry in self.topics.items()
        ]
        for law, entries in self.by_law.items():
            rows.extend((law, name, entry) for name, entry in entries.items())
        return rows

"""The data the dialogue works on: a turn in, replies out, and the conversation's state."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from genoptraening.core.intent_reader import Question
from genoptraening.core.questions import split_questions
from genoptraening.core.render import Citation
from genoptraening.core.signals import Signals, read_signals
from genoptraening.core.situation import Situation, read_situation

#: Marks the assistant's structured replies among a channel's custom messages.
PAYLOAD_KIND = "genoptraening.reply"

#: The state kept between turns, with the slot each field is stored in.
STATE_SLOTS = (
    "municipality", "town", "pending_topic", "pending_question", "pending_reads", "last_topic",
    "answered_topics", "law", "relative", "eligibility", "eligibility_question", "misses",
)


@dataclass(frozen=True)
class Button:
    """A quick reply: the label a citizen sees and the payload sent back."""

    title: str
    payload: str

    def as_dict(self) -> dict[str, str]:
        """Return the button as Rasa expects it."""
        return {"title": self.title, "payload": self.payload}


@dataclass
class Reply:
    """One message from the assistant: its text, buttons, sources and what it was built from.

    Attributes:
        text: The answer as a citizen reads it, without its sources.
        buttons: Quick replies.
        citations: Where the answer comes from (standard and section, or the law).
        facts: The structured facts of the curated entries behind it (phones, prices, …).
        passage: The passage of the standard quoted in the answer, when one is.
        answered_by: What answered: a curated topic, a passage, both, or neither
            (``kind`` "topic", "passage", "topic+passage" or "message"), with the intent,
            its confidence and the passage's score.

    """

    text: str
    buttons: list[Button] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    passage: dict[str, Any] | None = None
    answered_by: dict[str, Any] = field(default_factory=lambda: {"kind": "message"})

    @property
    def source(self) -> str:
        """The source lines, one per distinct source ("Kilde: …")."""
        return "\n".join(dict.fromkeys(c.text for c in self.citations))

    @property
    def full_text(self) -> str:
        """Return the text followed by its source, as a citizen reads it."""
        return f"{self.text}\n\n{self.source}" if self.citations else self.text

    def payload(self) -> dict[str, Any]:
        """Return the reply as structured data for clients (the REST channel's ``custom``)."""
        phones = {p["number"]: p for fact in self.facts for p in fact.get("phones") or ()}
        return {
            "kind": PAYLOAD_KIND, "version": 1, "text": self.text,
            "sources": [c.as_dict() for c in dict.fromkeys(self.citations)],
            "passage": self.passage,
            "phones": [
                {"label": p.get("label"), "number": p["number"],
                 "tel": "+45" + p["number"].replace(" ", ""), "hours": p.get("hours")}
                for p in phones.values()
            ],
            "facts": self.facts,
            "answered_by": self.answered_by,
        }


@dataclass(frozen=True)
class Turn:
    """What the citizen just said, as NLU understood it.

    Attributes:
        text: The message as typed.
        intent: The intent NLU chose (``nlu_fallback`` when unsure).
        confidence: Its confidence.
        ranking: Other candidate intents with their confidence, best first.
        entities: Entities found, as (entity type, value) pairs.
        metadata: The channel's metadata (a widget sends ``municipality``).
        situation: The story's facts as NLU read them; None when NLU did not read them.
        questions: Each question of a message of several (or a story's question), with the
            intent NLU read in it; empty when the message is one question or NLU gave none.
        signals: Emergency, English, relative and consent as NLU read them; None when NLU
            did not read them.
        implied: What the story's told sentences ask for without a question ("han har ingen
            bil": transport), as NLU read it.

    """

    text: str
    intent: str = ""
    confidence: float = 1.0
    ranking: tuple[tuple[str, float], ...] = ()
    entities: tuple[tuple[str, str], ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    situation: Situation | None = None
    questions: tuple[Question, ...] = ()
    signals: Signals | None = None
    implied: tuple[Question, ...] = ()

    @cached_property
    def stated(self) -> Situation:
        """The story's facts: as NLU read them, else read from the text here (once a turn)."""
        return self.situation if self.situation is not None else read_situation(self.text)

    @cached_property
    def signalled(self) -> Signals:
        """The message's signals: as NLU read them, else read from the text here (once)."""
        return self.signals if self.signals is not None else read_signals(self.text)

    def asked(self, question: str) -> Question | None:
        """Return how NLU read one question of this message, if it did.

        Matched by its words, else by its place among the message's questions: NLU reads the
        message with its typos corrected, the dialogue as written.
        """
        for read in self.questions:
            if read.text == question:
                return read
        parts = self._questions_as_written
        if len(parts) == len(self.questions) and question in parts:
            return self.questions[parts.index(question)]
        return None

    def readings(self) -> list[Question]:
        """Return NLU's reading of each question, with the question's words as written."""
        parts = self._questions_as_written
        if len(parts) != len(self.questions):
            return list(self.questions)
        return [dataclasses.replace(read, text=part)
                for part, read in zip(parts, self.questions, strict=True)]

    @cached_property
    def _questions_as_written(self) -> list[str]:
        """The message's questions as the citizen wrote them (cut once a turn)."""
        return split_questions(self.text, always=True)

    def entity(self, kind: str) -> str | None:
        """Return the first value of an entity type, if NLU found one."""
        return next((value for name, value in self.entities if name == kind), None)


@dataclass
class State:
    """The conversation's state, kept in Rasa slots between turns."""

    municipality: str | None = None  # slug
    town: str | None = None  # the town named in it ("Ry"), for the town's own phone line
    pending_topic: str | None = None  # asked before the municipality was known
    pending_question: str | None = None  # the words of that question, for its passages
    #: How NLU read each question of that message when it was sent (``Question.as_dict``):
    #: the turn that answers "which municipality?" holds only the place.
    pending_reads: list[dict[str, Any]] = field(default_factory=list)
    last_topic: str | None = None  # last topic answered, for "og hvad med Rebild?"
    #: The last topic and the others its message asked ("hvad koster det, og hvor hurtigt
    #: starter det?"): all are answered again after "og i Rebild?".
    answered_topics: list[str] = field(default_factory=list)
    law: str | None = None
    relative: str | None = None  # noun, e.g. "mor"
    eligibility: dict[str, Any] = field(default_factory=dict)
    eligibility_question: str | None = None
    misses: float = 0

    @classmethod
    def from_slots(cls, slots: dict[str, Any]) -> State:
        """Build the state from slot values (missing or None slots take defaults)."""
        values: dict[str, Any] = {
            name: slots[name] for name in STATE_SLOTS if slots.get(name) is not None
        }
        state = cls(**values)
        if not isinstance(state.eligibility, dict):
            state.eligibility = {}
        if not isinstance(state.pending_reads, list):
            state.pending_reads = []
        if not isinstance(state.answered_topics, list):
            state.answered_topics = []
        return state

    def answered(self, topic: str | None, others: list[str] | None = None) -> None:
        """Remember the topic just answered, and the others its message asked, if any."""
        self.last_topic = topic
        self.answered_topics = [topic, *others] if topic and others else []

    def keep_reads(self, turn: Turn) -> None:
        """Remember how NLU read the questions of a message that waits to be answered."""
        self.pending_reads = [read.as_dict() for read in turn.readings()]

    def pending_read(self, question: str) -> Question | None:
        """Return how NLU read a question of the waiting message, when it was kept."""
        for data in self.pending_reads:
            read = Question.from_dict(data)
            if read is not None and read.text == question:
                return read
        return None

    def changes_since(self, before: State) -> dict[str, Any]:
        """Return the slots whose value differs from ``before``."""
        now, then = dataclasses.asdict(self), dataclasses.asdict(before)
        return {name: now[name] for name in STATE_SLOTS if now[name] != then[name]}

    def copy(self) -> State:
        """Return an independent copy."""
        return dataclasses.replace(self, eligibility=dict(self.eligibility),
                                   pending_reads=list(self.pending_reads),
                                   answered_topics=list(self.answered_topics))

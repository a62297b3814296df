"""What every turn needs resolved first: the municipality, the relative, the warnings.

Whatever the intent, a few things are said before anything else: 112 when the message is an
emergency, a warning when it holds a CPR number (never repeated back), one English line when
it is written in English. Once per conversation, after the answer, a relative who writes on
someone's behalf is reminded of consent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from genoptraening.core import privacy, relatives, voice
from genoptraening.core.intent_reader import Question
from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.core.knowledge.schema import Standard
from genoptraening.core.passages import PassageSearch
from genoptraening.core.questions import holds_question
from genoptraening.core.reading import raw_sentences
from genoptraening.core.register import Match, Municipality, Register
from genoptraening.core.render import Answer, answer_topic, general_answer, phrase, phrases
from genoptraening.dialogue.deps import Deps
from genoptraening.dialogue.model import Button, Reply, State, Turn

#: Words for the person the conversation is about.
_SELF = {"subject": "du", "Subject": "Du", "object": "dig", "pronoun": "du", "possessive": "dine"}


@dataclass
class Context:
    """One turn with everything resolved that the dialogue functions need."""

    kb: KnowledgeBase
    register: Register
    turn: Turn
    state: State
    municipality: Municipality | None
    named_municipality: bool  # the message itself named it (a switch, or an answer)
    today: dt.date
    now: dt.datetime
    new_relative: bool = False  # a relative was first noticed in this turn
    match: Match | None = None  # where the message named a municipality, if it did
    passages: PassageSearch | None = None  # the standards' own text, when searched

    @property
    def standard(self) -> Standard | None:
        """The municipality's standard, when it is on file."""
        return self.kb.standard(self.municipality.slug) if self.municipality else None

    @property
    def imported(self) -> bool:
        """Tell whether the municipality's standard was imported (``kb import``), not curated."""
        standard = self.standard
        return standard is not None and standard.imported is not None

    @property
    def relative(self) -> relatives.Relative | None:
        """The relative the conversation is about, if any."""
        return relatives.relative_named(self.state.relative) if self.state.relative else None

    def who(self) -> dict[str, str]:
        """Words for the person the conversation is about: "du" or "din mor"."""
        relative = self.relative
        if relative is None:
            return dict(_SELF)
        return {
            "subject": relative.your,
            "Subject": relative.your.capitalize(),
            "object": relative.object_pronoun,
            "pronoun": relative.pronoun,
            "possessive": relative.possessive,
        }

    def asked(self, question: str) -> Question | None:
        """Return how NLU read one question: of this message, else of the waiting one."""
        return self.turn.asked(question) or self.state.pending_read(question)

    def answer(self, topic: str, law: str | None = None) -> Answer:
        """Answer a topic for this turn's municipality."""
        return answer_topic(self.kb, self.municipality, topic, law, self.state.town)


#: A story longer than this tells of places in passing; a switch of municipality is short.
_STORY_WORDS = 20


def _in_passing(turn: Turn, match: Match) -> bool:
    """Tell whether a place is told in passing in a long story, not as where one lives.

    "… skal mit barnebarn konfirmeres i Hadsund. Hvordan melder jeg afbud?" on Rebild's page,
    "Min søster i Næstved siger …" in a story for a neighbour: the municipality stays. Not a
    place in a question ("Hvad gør jeg i Rebild?"), named with "Kommune", the writer's own
    ("jeg er fra Rebild", "her i Skive") or the relative's ("min mor i Hornsyld").
    """
    if match.lived_in or len(turn.text.split()) <= _STORY_WORDS:
        return False
    sentence = next((s for s in raw_sentences(turn.text) if match.matched in s), "")
    if not sentence or holds_question(sentence):
        return False
    at = sentence.index(match.matched)
    before = sentence[:at].lower().split()[-3:]
    after = sentence[at + len(match.matched):].lower().split()[:1]
    relative = turn.signalled.relative
    return not ({"jeg", "her", "vi"} & set(before) or after == ["kommune"]
                or (relative is not None and relative.noun.lower() in before))


def build_context(deps: Deps, turn: Turn, state: State) -> Context:
    """Resolve the municipality and the relative for a turn.

    The municipality comes from the message when it names one (that is how a citizen answers
    "which municipality?" or switches: "og hvad med Rebild?"), else from the conversation,
    else from the channel's metadata (a widget on lejre.dk sends "Lejre").
    """
    kb, register = deps.kb, deps.register
    state = state.copy()
    municipality, named = None, False
    relative = turn.signalled.relative
    match = register.find(turn.text, for_someone=relative is not None or bool(state.relative))
    # "kan jeg træne hos min fysioterapeut i Vejle?" asked on Hedensted's page, "jeg var
    # indlagt på Aalborg Universitetshospital" in Rebild: a provider's or a hospital's place,
    # the citizen's municipality stays. With none known, it is the best there is to go on.
    known = bool(state.municipality or turn.metadata.get("municipality"))
    elsewhere = match is not None and known and (match.elsewhere or _in_passing(turn, match))
    entity = turn.entity("municipality")
    if match is not None and not elsewhere:
        municipality, named = match.municipality, True
    elif not elsewhere and entity and (found := register.lookup(entity)) and not found.ambiguous:
        municipality, named = found, True
    elif state.municipality:
        municipality = register.by_slug(state.municipality)
    elif isinstance(turn.metadata.get("municipality"), str):
        municipality = register.lookup(turn.metadata["municipality"])
    if municipality is not None:
        if named and match is not None and match.municipality == municipality:
            state.town = match.matched if match.via_town else None
        elif municipality.slug != state.municipality:
            state.town = None
        state.municipality = municipality.slug
    new_relative = relative is not None and state.relative is None
    if relative is not None and new_relative:
        state.relative = relatives.kept_words(relative)
    now = deps.now()
    today = now.date()
    return Context(kb, register, turn, state, municipality, named, today, now, new_relative,
                   match, deps.passages)


def emergency_reply(kb: KnowledgeBase) -> Reply:
    """Return the 112 message (the national file's emergency topic)."""
    answer = general_answer(kb, "emergency")
    if answer is None:  # the national file failed to load: 112 must still be said
        return Reply(phrase("emergency_fallback"))
    return Reply(answer.entries[0].answer, citations=answer.citations)


def preamble(context: Context) -> list[Reply]:
    """Return what must be said before the answer to this turn."""
    text = context.turn.text
    replies: list[Reply] = []
    if context.turn.intent != "emergency" and context.turn.signalled.emergency:
        replies.append(emergency_reply(context.kb))
    if privacy.mentions_cpr(text):  # the REST channel has usually masked it already
        replies.append(Reply(phrase("cpr_warning")))
    if context.turn.signalled.english:
        replies.append(Reply(phrase("english_note")))
    return replies


#: How an answer on acting for somebody says that the person must agree.
_SPEAKS_OF_CONSENT = re.compile(r"samtykke|fuldmagt|\blov\b|tilladelse", re.IGNORECASE)


def with_consent_reminder(context: Context, replies: list[Reply]) -> list[Reply]:
    """Add the consent reminder after the answer, once per conversation, when it is due.

    It is a short line in the relative's words ("… når din far har givet dig lov til det"),
    after the answer and before a question back. It is not due in an emergency, when the
    answer itself says consent is needed (a standard's answer on acting for somebody that
    speaks of "samtykke", "fuldmagt" or "lov"; Hjørring's names only who may apply). When
    the relative says consent is given ("han har sagt ja til det"), the line says that this is
    what lets them act, instead of reminding them to ask.
    """
    if (not context.new_relative or context.turn.intent == "emergency"
            or context.turn.signalled.emergency
            or any(r.answered_by.get("topic") == "on_behalf" and _SPEAKS_OF_CONSENT.search(r.text)
                   for r in replies)):
        return replies
    return before_question_back(replies, consent_reminder(context))


def before_question_back(replies: list[Reply], extra: Reply) -> list[Reply]:
    """Add a reply after the answers, before a question back (buttons and no source)."""
    at = len(replies)
    if replies and replies[-1].buttons and not replies[-1].citations:
        at -= 1
    return [*replies[:at], extra, *replies[at:]]


def consent_reminder(context: Context) -> Reply:
    """Remind a relative of consent (or confirm it), with the standard's section as the source."""
    who = context.who()
    key = "relative_consent_given" if context.turn.signalled.consent else "relative_consent"
    text = phrase(key, relative=who["subject"], possessive=who["possessive"])
    standard = context.standard
    if standard is not None and standard.covers("on_behalf"):
        return Reply(text, citations=context.answer("on_behalf").citations)
    general = general_answer(context.kb, "on_behalf")
    return Reply(text, citations=general.citations if general else [])


def about_the_relative(context: Context, replies: list[Reply]) -> list[Reply]:
    """Say the curated answers about the relative the conversation is about, if any.

    "Du træner i Sundhedshuset" becomes "Din mor træner i Sundhedshuset" for a son who asks
    for his mother; the standard's own words quoted in a passage stay as printed.
    """
    relative = context.relative
    if relative is None:
        return replies
    person = voice.Person(relative.your, relative.pronoun, relative.object_pronoun,
                          relative.possessive)
    for reply in replies:
        # Whom to call is said to the writer, who is the one calling ("Du kan ringe …").
        if (reply.answered_by.get("kind") == "topic"
                and reply.answered_by.get("topic") not in _SAID_TO_THE_WRITER):
            reply.text = voice.about(reply.text, person)
    return replies


#: Topics whose answers speak to whoever writes, the relative included.
_SAID_TO_THE_WRITER = frozenset({"contact"})


def reply_from(answer: Answer, extra: str = "") -> Reply:
    """Turn a rendered answer into a reply, with optional text before its sources."""
    text = f"{answer.text}\n\n{extra}" if extra else answer.text
    return Reply(text, citations=answer.citations, facts=answer.facts(),
                 answered_by={"kind": "topic", "topic": answer.topic})


def menu_buttons() -> list[Button]:
    """Return the quick replies that suggest common questions."""
    return [Button(label, f"/{intent}") for intent, label in phrases()["menu"].items()]


def municipality_buttons(register: Register) -> list[Button]:
    """Return a quick reply for each municipality whose standard is on file."""
    return [
        Button(m.name, f'/inform_municipality{{"municipality": "{m.name}"}}')
        for m in register.with_standard()
    ]


def ask_municipality(context: Context, pending: str) -> Reply:
    """Ask which municipality, remembering what to answer once it is known."""
    context.state.pending_topic = pending
    context.state.pending_question = context.turn.text or None
    context.state.keep_reads(context.turn)
    text = phrase("ask_municipality", **context.who()) + " " + phrase("ask_municipality_hint")
    return Reply(text, buttons=municipality_buttons(context.register))

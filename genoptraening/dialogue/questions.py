"""Every question of a message answered, in the order asked (up to ``MAX_QUESTIONS``).

"Hvordan klager hun, og hvad koster kørsel?" holds two questions; NLU gives the message one
intent. The message is cut into its questions: sentences that end with "?" or open with a
question word, and inside one, a further question joined by "og"/"samt" and a question word.
The NLU's topic answers the question that asks for it; each other question is looked up in the
citizen's own standard (the passage search, whose sections also read as the curated answers
and the NLU examples that cite them) and, when a passage answers it confidently, gets the
topic whose curated answer cites that passage's section. A question that finds no confident
passage, or only the topic already answered, adds nothing: one right answer beats a guessed
second one.
"""

from __future__ import annotations

import re

from genoptraening.core.knowledge.schema import Standard
from genoptraening.core.reading import raw_sentences
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.passages import best_passage

#: At most this many questions of one message are answered.
MAX_QUESTIONS = 3
#: How much one question of a message must say (the sum of its words' IDF) to be looked up:
#: half of what a whole message needs, since NLU already found the message on-topic, and
#: "hvordan klager hun" (2.7) is a question while "hvad med hende" (0) is not.
PART_INFORMATION = 2.5
_QUESTION_WORD = (r"(?:hvad|hvordan|hvorn[aå]r|hvorfor|hvor|hvem|hvilke[nt]?|kan|skal|m[aå]|"
                  r"er der|får|bliver|gælder|hjælper)")
_OPENS_QUESTION = re.compile(rf"^\s*(?:og |men |så )?{_QUESTION_WORD}\b", re.IGNORECASE)
#: Where a second question starts inside a sentence: ", og hvad koster …", "samt hvornår …".
_JOINED = re.compile(rf",?\s+(?:og|samt|plus)\s+(?={_QUESTION_WORD}\b)", re.IGNORECASE)


def _is_question(sentence: str) -> bool:
    return sentence.endswith("?") or bool(_OPENS_QUESTION.search(sentence))


def holds_question(text: str) -> bool:
    """Tell whether a message holds a question ("?" or a sentence opening with a question word)."""
    return any(_is_question(s) for s in raw_sentences(text))


def told_and_asked(text: str) -> bool:
    """Tell whether a message tells something (a sentence not a question) and asks too."""
    sentences = raw_sentences(text)
    asked = sum(_is_question(s) for s in sentences)
    return 0 < asked < len(sentences)


def split_questions(text: str, always: bool = False) -> list[str]:
    """Return the questions of a message, in order.

    A message with fewer than two is one question, the whole message, unless ``always``:
    then its one question alone (a story's "Hvordan søger vi?").
    """
    parts: list[str] = []
    for sentence in raw_sentences(text):
        if _is_question(sentence):
            parts += [p.strip(" ,") for p in _JOINED.split(sentence) if p.strip(" ,")]
    return parts[:MAX_QUESTIONS] if len(parts) > 1 or (always and parts) else [text]


def topic_of_section(standard: Standard, section: str) -> str | None:
    """Return the topic whose curated answer is most about a section.

    Several topics may cite a section (Lejre's cost answer cites the transport section for
    the price of a ride); the one whose sources are most often this section is taken, then
    the one citing it most.
    """
    best: tuple[float, int, str] | None = None
    for _, topic, entry in standard.iter_topics():
        count = sum(source.section == section for source in entry.sources)
        if count:
            candidate = (count / len(entry.sources), count, topic)
            best = candidate if best is None or candidate[:2] > best[:2] else best
    return best[2] if best else None


def topics_asked(context: Context, questions: list[str]) -> list[tuple[int, str, str]]:
    """Return (position, topic, question) for each question the standard answers confidently.

    A topic is listed once, at its first question.
    """
    standard = context.standard
    if standard is None:
        return []
    found: list[tuple[int, str, str]] = []
    for at, question in enumerate(questions):
        hit = best_passage(context, question, min_information=PART_INFORMATION)
        topic = topic_of_section(standard, hit.passage.section) if hit else None
        if topic is not None and all(topic != seen for _, seen, _ in found):
            found.append((at, topic, question))
    return found


def other_questions(context: Context, answered: str) -> list[tuple[int, str, str]]:
    """Return the message's questions with their topics: NLU's and the others found.

    Args:
        context: The turn (its municipality's standard is searched).
        answered: The topic the NLU gave the message, answered anyway.

    Returns:
        (position in the message, topic, the question's words) for each further topic, and
        (position, ``answered``, the whole message) for the question NLU's topic answers,
        in the order asked.

    """
    questions = split_questions(context.turn.text)
    if context.standard is None or len(questions) < 2:
        return [(0, answered, context.turn.text)]
    found = topics_asked(context, questions)
    main_at = next((at for at, topic, _ in found if topic == answered), 0)
    main = (main_at, answered, context.turn.text)
    others = [row for row in found if row[1] != answered]
    # The NLU's own topic goes first among questions at the same place.
    return sorted([main, *others], key=lambda row: (row[0], row is not main))

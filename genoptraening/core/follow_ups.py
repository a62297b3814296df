"""Short follow-ups that ask what the last answer meant ("Hvad betyder det?") or what comes next.

The words that ask it are vocabulary an editor keeps, ``knowledge/vocabulary/follow_ups.yml``,
written as the details' cues are (:class:`genoptraening.core.details.Cue`). A follow-up is short:
a longer message that holds such words asks something of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from genoptraening.core.details import Cue, words_of
from genoptraening.core.knowledge.schema import LAWS, TOPICS
from genoptraening.core.vocabulary_file import read_live, read_section

FOLLOW_UPS_FILE = "vocabulary/follow_ups.yml"
#: A follow-up is short ("og hvis jeg ikke kan komme derhen pga mit helbred?"); a longer
#: message is a question of its own.
MAX_WORDS = 10


def asks_meaning(text: str) -> bool:
    """Tell whether a short message asks what the last answer meant."""
    words = words_of(text)
    return 0 < len(words) <= MAX_WORDS and any(cue.found_in(words) for cue in _cues())


#: A section of follow-ups from topic to topic: the words that ask it, and the topic that
#: answers it after each topic.
_Next = tuple[tuple[Cue, ...], dict[str, str]]
#: The sections, in the order they are tried: what comes when the course has ended ("hvad så
#: bagefter?" after its length: the standard's follow-up, where it has one), what happens
#: next ("Hvad sker der så?"), what
#: if the municipality is late ("hvad hvis I ikke kan nå det?"), what if it says no, and
#: whether there is a deadline ("Er der en frist?" after a complaint: the complaint's own), what
#: the training itself costs ("og selve træningen?" after the transport's price), and
#: what it costs ("hvor meget er det?" after the transport: the transport's price) and where
#: else to train when one cannot get there ("og hvis jeg ikke kan komme derhen?" after the
#: transport).
STEP_SECTIONS = ("ended", "next", "late", "refused", "deadline", "itself", "price",
                 "unable")


def next_topic(text: str, last: str, law: str | None = None,
               answers: Callable[[str], bool] | None = None) -> str | None:
    """Return the topic that answers "Hvad sker der så?" after an answer on ``last``, if asked.

    Also "hvad hvis I ikke kan nå det?" after the deadlines under § 140 (the free choice when
    the municipality is late): a topic in the file may name its law, "deadlines/sul_140". Only
    after the topics the file names: after an answer on the training itself, what happens
    afterwards is the follow-up topic NLU reads. A topic ``answers`` says the standard has no
    answer on is passed over for the next section's.
    """
    words = words_of(text)
    if not 0 < len(words) <= MAX_WORDS:
        return None
    keys = ([f"{last}/{law}"] if law else []) + [last]
    none: tuple[_Next, ...] = ()
    for cues, after in read_live(FOLLOW_UPS_FILE, _parse_steps, none):
        found = next((after[key] for key in keys if key in after), None)
        if found and any(cue.found_in(words) for cue in cues) and (
                answers is None or answers(found)):
            return found
    return None


def _parse_steps(data: dict[str, Any]) -> tuple[_Next, ...]:
    steps = []
    for name in STEP_SECTIONS:
        section = data.get(name)
        if not isinstance(section, dict):
            continue
        after = section.get("after")
        steps.append((tuple(Cue.parse(str(cue)) for cue in section.get("asks") or ()),
                      {str(k): str(v) for k, v in after.items()} if isinstance(after, dict)
                      else {}))
    return tuple(steps)


def _cues() -> tuple[Cue, ...]:
    return read_live(FOLLOW_UPS_FILE, _parse, ())


def _parse(data: dict[str, Any]) -> tuple[Cue, ...]:
    meaning = data.get("meaning")
    asks = meaning.get("asks") if isinstance(meaning, dict) else None
    return tuple(Cue.parse(str(cue)) for cue in asks or ())


def follow_up_problems(path: Path) -> list[tuple[str, str]]:
    """Return what is wrong with the follow-ups file, as (where, Danish reason) pairs."""
    meaning, problems = read_section(path, "meaning", "en liste: asks: [ord eller udtryk]")
    if meaning is None:
        return problems
    asks = meaning.get("asks")
    if not _cue_list(asks):
        problems.append(("meaning.asks", "skal være en liste af ord eller udtryk"))
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for name in STEP_SECTIONS:
        section = data.get(name) if isinstance(data, dict) else None
        if section is not None:  # optional
            problems += _step_problems(name, section)
    return problems


def _step_problems(name: str, section: object) -> list[tuple[str, str]]:
    problems = []
    after = section.get("after") if isinstance(section, dict) else None
    if not isinstance(section, dict) or not _cue_list(section.get("asks")):
        problems.append((f"{name}.asks", "skal være en liste af ord eller udtryk"))
    if not isinstance(after, dict) or not after:
        problems.append((f"{name}.after", "skal være emne: emne (efter dette svar: dette emne)"))
    else:
        problems += [(f"{name}.after.{k}", f"ukendt emne: {t}")
                     for k, v in after.items() for t in (str(k).partition("/")[0], v)
                     if t not in TOPICS]
        problems += [(f"{name}.after.{k}", f"ukendt lov: {law} (brug {', '.join(LAWS)})")
                     for k in after if (law := str(k).partition("/")[2]) and law not in LAWS]
    return problems


def _cue_list(cues: object) -> bool:
    return isinstance(cues, list) and bool(cues) and all(
        isinstance(c, str) and words_of(c.replace("*", "")) for c in cues)

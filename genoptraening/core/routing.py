"""Where the intent classifier cannot know what a message is, what the message says decides.

Two readings override the classifier's first intent, in NLU (``genoptraening.rasa_ext.routing``)
so that the tracker, ``rasa test`` and the staff tools see the intent the dialogue acts on:

- A message that only names a place ("hjoerring", "og hvad med Rebild?") answers "which
  municipality?" or switches it: ``inform_municipality``, whatever a classifier made of a bare
  name.
- An emergency the words do not describe ("kan ikke komme ud af sengen, kan hun få træning?"):
  the next-best reading is the intent, and the message is marked so that 112 is said as a
  condition ("Hvis nogen er kommet til skade lige nu …") before the answer.
- A story whose whole reading is unsure, or much less sure than its one question's own
  reading, around that question when it is read surely: the question's. "Min mand har
  Parkinson og går til vederlagsfri fysioterapi hos en fysioterapeut i byen. Kan han også få
  vedligeholdende træning?" reads as free choice of provider as a whole (52 %; with sclerosis,
  80 %), and as who can get training as its question (91 %; 98 %). So does a consent told
  beside a question ("Min mor har givet mig fuldmagt. Hvad koster det for hende?"), which
  reads as a question about acting for her as a whole.
"""

from __future__ import annotations

from genoptraening.core.register import Register, only_a_place

#: The intent a message that only names a place is.
PLACE_INTENT = "inform_municipality"
#: The lowest confidence a next-best reading needs to stand in for a misheard emergency.
NEXT_BEST_FLOOR = 0.1
_NOT_NEXT = frozenset({"emergency", "nlu_fallback"})
#: Below this, a story's whole reading is unsure …
STORY_UNSURE = 0.6
#: … or its one question's own reading is this much surer than the whole's …
QUESTION_SURER = 0.15
#: … and from this, its one question's own reading is sure enough to stand in for it.
QUESTION_SURE = 0.8

Ranking = list[tuple[str, float]]


def reread(text: str, ranking: Ranking, emergency: bool, register: Register,
           question: tuple[str, float] | None = None,
           consent: bool = False) -> tuple[Ranking, bool]:
    """Return the ranking as the message itself corrects it, and whether 112 is to be said.

    Args:
        text: The message.
        ranking: The classifier's intents with their confidences, best first.
        emergency: Whether the words describe an emergency happening now.
        register: The municipalities, to tell a message that only names one.
        question: The reading of a story's one question (intent, confidence), if it has one.
        consent: The writer says the one it is about has agreed ("har givet mig fuldmagt").

    Returns:
        The ranking, its first intent the one to act on; True when the classifier heard an
        emergency the words do not hold.

    """
    if not ranking:
        return ranking, False
    first = ranking[0][0]
    if ranking[0] != (PLACE_INTENT, 1.0):  # an unsure first reading as a place is made sure
        match = register.find(text)
        if match is not None and not match.elsewhere and only_a_place(text, match):
            return [(PLACE_INTENT, 1.0), *[r for r in ranking if r[0] != PLACE_INTENT]], False
    if first == "emergency" and not emergency:
        rest = [r for r in ranking if r[0] != "emergency"]
        best = next(((i, c) for i, c in rest if i not in _NOT_NEXT), None)
        if best is None or best[1] < NEXT_BEST_FLOOR:
            return [("nlu_fallback", ranking[0][1]), *rest], True
        return [best, *[r for r in rest if r != best]], True
    # A consent told beside a question ("Min mor har givet mig fuldmagt. Hvad koster det for
    # hende?") reads as a question about acting for her; the question is what is asked.
    told_consent = first == "ask_on_behalf" and consent
    if (question is not None and first != "emergency"
            and (ranking[0][1] < STORY_UNSURE or told_consent
                 or question[1] - ranking[0][1] >= QUESTION_SURER)
            and question[1] >= QUESTION_SURE and question[0] != first
            and (question[0].startswith("ask_") or question[0] == "check_eligibility")):
        # The story's own reading gives way: it is not left as a rival to the question's.
        return [question, *[r for r in ranking if r[0] not in (question[0], first)]], False
    return ranking, False

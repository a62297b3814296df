"""Which law fits the citizen's story: SUL § 140, SEL § 86 stk. 1 or stk. 2.

Answer first: facts the citizen already gave are used, never asked again, and only what the
law turns on is asked, one yes/no question at a time (a hospital stay, then a plan or a
lasting condition). A lasting condition without a new loss ("min far har parkinson og bliver
dårligere") is § 86 stk. 2 without asking about hospitals. The municipality's own criteria (an
age limit, an exclusion such as vederlagsfri fysioterapi) are then stated with the result and
applied where the story gave the fact, never asked for. The assistant only guides: every result
says the municipality decides after an individual assessment.
"""

from __future__ import annotations

import re
from typing import Any

from genoptraening.core.questions import (
    compares_laws,
    holds_question,
    mentioned_law,
    split_questions,
    told_and_asked,
)
from genoptraening.core.render import general_answer, law_in_sentence, law_offer, phrase
from genoptraening.core.situation import Situation
from genoptraening.dialogue import beside_result, details, imported
from genoptraening.dialogue.context import Context, ask_municipality, reply_from
from genoptraening.dialogue.model import Button, Reply, Turn


def _yes_no() -> list[Button]:
    return [Button(phrase("button_yes"), "/affirm"), Button(phrase("button_no"), "/deny")]


def _learn(facts: dict[str, Any], situation: Situation, newer: bool = False) -> None:
    """Add the facts a message states; ``newer``: they replace what an earlier turn told."""
    found = {
        "hospital": situation.hospital_stay,
        "plan": situation.has_plan,
        "lasting": situation.lasting,
        "can_train_alone": situation.can_train_alone,
        "age": situation.age,
        "excluded": situation.vederlagsfri,
        "new_loss": situation.new_loss,
    }
    if newer:
        facts.update({key: value for key, value in found.items() if value is not None})
    if situation.new_loss and situation.lasting is None:
        found["lasting"] = False
    if situation.has_plan:
        found["hospital"] = True  # only a hospital writes a genoptræningsplan
    for key, value in found.items():
        if value is not None and facts.get(key) is None:
            facts[key] = value


def remember_told(context: Context) -> None:
    """Keep what a message tells of the story while it asks something else.

    "Min mand er lige faldet …" (an emergency), then "han skal have noget træning": the fall
    is not asked about again when whether he can get training is.
    """
    if not told_and_asked(context.turn.text) and holds_question(context.turn.text):
        return  # "Skal man selv søge, når man bliver udskrevet?" tells no story
    facts = dict(context.state.eligibility)
    _learn(facts, context.turn.stated, newer=True)
    context.state.eligibility = facts


def municipal_criteria(context: Context, law: str) -> dict[str, Any]:
    """Return the municipality's own criteria for ``law`` (its target-group facts)."""
    standard = context.standard
    entry = standard.topic("target_group", law) if standard else None
    criteria = dict(entry.facts.values) if entry else {}
    min_age = criteria.get("min_age")
    if not isinstance(min_age, int) or isinstance(min_age, bool):
        criteria.pop("min_age", None)  # "ikke angivet": the standard sets no age limit
    return criteria


def eligibility(context: Context) -> list[Reply]:
    """Take the answer to the pending question (or the story), then ask on or conclude.

    A municipality named now whose standard is not on file is said first: the general rules
    of the law are what follows.
    """
    municipality = context.municipality
    replies = _eligibility(context)
    if municipality is not None and context.standard is None:
        # Each general answer opens with "Jeg har ikke … kvalitetsstandard endnu": once.
        note = phrase("no_standard", municipality=municipality.official)
        told = re.compile(re.escape(note) + r"\s*")
        holding = [reply for reply in replies if told.search(reply.text)]
        for reply in holding[1:]:
            reply.text = told.sub("", reply.text, count=1)
        if not holding and context.named_municipality:
            return [Reply(note), *replies]
    return replies


def _eligibility(context: Context) -> list[Reply]:
    state, turn = context.state, context.turn
    follows = state.last_topic  # the answer before: "også i en anden kommune?" goes on from it
    facts = dict(state.eligibility)
    question = state.eligibility_question
    told_only = question is None and _tells_the_law(turn.stated)
    waiting = state.pending_topic
    if turn.intent in ("affirm", "deny") and not told_only:
        if question is None:
            return [Reply(phrase("eligibility_nothing_pending"))]
        facts[question] = turn.intent == "affirm"
        if question == "age":
            facts["age_ok"] = facts.pop("age")
    # A story told now says more than what earlier turns told; a yes or no is what was asked.
    _learn(facts, turn.stated, newer=question is None)
    if turn.intent not in ("affirm", "deny") and _asks_for_maintenance(turn.text):
        # "… fik genoptræning efter planen, men den er slut nu. Kan han få vedligeholdende
        # træning?": the law asked for is the answer's, whatever an earlier stay was.
        facts["asked_law"] = "sel_86_2"
    if turn.intent not in ("affirm", "deny") and facts.get("lasting") and not facts.get(
            "plan") and _TRAINING_AGAIN.search(turn.text):
        # "… var indlagt, fik genoptræning, som er slut nu. Hun bliver langsomt dårligere og
        # vil gerne træne igen": a lasting decline after the stay's training is § 86, stk. 2
        # (a fresh discharge with a plan stays § 140).
        facts["again"] = True
    if turn.intent not in ("affirm", "deny") and not state.pending_question:
        # What else the story asks ("… og hvor længe kan det vare?") is answered with the
        # result, under the law found.
        state.pending_question = turn.text or None
        state.keep_reads(turn)
    state.eligibility, state.eligibility_question, state.misses = facts, None, 0
    who = context.who()
    next_question = _next_question(context, facts)
    if next_question is None and context.municipality is None and beside_result.asks_more(
            context, state.pending_question or ""):
        next_question = "municipality"  # a plan told: § 140, and "hvornår starter jeg?" asked
    if next_question == "municipality":
        earlier = state.pending_question if told_only else None
        where = ask_municipality(context, "eligibility")
        if earlier:
            # "ja, jeg var indlagt …" while "Hvilken kommune?" waits for "Hvad gør jeg?": the
            # question asked first is the one answered with the result.
            state.pending_question = earlier
        return [*_law_first(context, facts, who), where]
    if next_question is not None:
        state.eligibility_question = next_question
        ask = Reply(_question_text(context, next_question, who), buttons=_yes_no())
        likely: list[Reply] = []
        law = None
        if facts.get("new_loss") and next_question == "hospital":
            # Answer first: a new loss is § 86 stk. 1 unless a hospital stay makes it § 140.
            likely, law = [Reply(phrase("likely_sel_86_1", **who))], "sel_86_1"
            if facts.get("lasting"):  # "har Parkinson … er blevet stiv": the other reading
                likely[0].text += " " + phrase("or_sel_86_2", **who)
        elif facts.get("hospital") and next_question == "plan":
            # Answer first: after a hospital stay, the plan is what makes it § 140.
            likely, law = [Reply(phrase("likely_sul_140", **who))], "sul_140"
        elif facts.get("hospital") is False and next_question == "lasting":
            likely = [Reply(phrase("either_sel_86", **who))]
        if facts.get("can_train_alone") and next_question == "hospital":
            # "Jeg kan sagtens gå i fitnesscenter. Kan jeg så få træning?": what the
            # municipality's target group says about that, before what decides the law.
            said = f"{phrase('result_can_train_alone', **who)} {phrase('decides')}"
            likely += [Reply(said), reply_from(context.answer("target_group", law))]
        if likely and law is not None and (young := _too_young(context, facts, law, who)):
            likely[0].text = f"{likely[0].text} {young}"  # Rebild's "over 18": said now
        # The story's other questions are answered now, under the likely law, not after the
        # yes or no ("… Hvordan søger vi?"); then they are not answered again with the result.
        asked = state.pending_question or ""
        now = beside_result.the_rest(context, asked, law, before_the_result=True)
        if not now and law == "sel_86_1" and question and context.named_municipality and (
                turn.intent not in ("affirm", "deny")):
            # The place told while the yes/no waits ("Han bor i Hvalsø"): the likely law's
            # way to apply there, before the question again.
            now = imported.answer_replies(context, context.answer("apply", law), law)
        if now:
            state.pending_question = None
            state.answered(next((r.answered_by["topic"] for r in now
                                 if r.answered_by.get("topic")), state.last_topic))
            if not any(v is not None for v in facts.values()) and not (
                    beside_result.WHETHER.search(asked)):
                # Nothing told and nothing asked about getting training ("jeg har fået afslag;
                # kan jeg klage?"): the questions are answered, and no yes/no is asked.
                state.eligibility, state.eligibility_question = {}, None
                return now
        return [*likely, *now, ask]
    state.eligibility, state.eligibility_question = {}, None
    asked, state.pending_question = state.pending_question or "", None
    if context.municipality is not None:
        # "Hvad så hvis vi flytter til Skanderborg?" after the result: who may get it there.
        state.answered("target_group")
    result = _result(context, facts, who, asked)
    if told_only and waiting is not None and context.municipality is None:
        # The story told while "Hvilken kommune?" waits: the law, then the question again.
        result.append(ask_municipality(context, waiting))
        state.pending_question = asked or None
        return result
    in_result = {reply.text for reply in result}
    # "Hvornår starter hun?" after a stay: the result has said the deadlines already.
    return result + [reply for reply in beside_result.the_rest(context, asked, follows=follows)
                     if reply.text not in in_result]


def _asks_for_maintenance(text: str) -> bool:
    """Tell whether the message's questions ask for maintenance training by name."""
    if compares_laws(text):
        return False
    return any(mentioned_law(q) == "sel_86_2" for q in split_questions(text, always=True)
               if holds_question(q))


#: Training asked for again, after a course: "træne igen", "et nyt forløb".
_TRAINING_AGAIN = re.compile(r"\btr[æa]e?n\w*\s+igen\b|\bigen\s+(?:noget\s+)?tr[æa]e?n|"
                             r"\bnyt\s+(?:trænings)?forløb\b", re.IGNORECASE)


def _tells_the_law(told: Situation) -> bool:
    """Tell whether a message tells what the law turns on (a stay, a plan, a loss, a condition).

    "ja, jeg var indlagt i fire dage og fik en plan med hjem" with no yes/no question asked
    (the municipality was): NLU reads a "yes", the message tells the story.
    """
    return any(fact is not None for fact in (told.hospital_stay, told.has_plan, told.new_loss,
                                             told.lasting))


def _law(facts: dict[str, Any]) -> str:
    if facts.get("asked_law") == "sel_86_2":
        return "sel_86_2"
    if facts.get("hospital") and not facts.get("again"):
        return "sul_140"
    return "sel_86_2" if facts.get("lasting") else "sel_86_1"


def story_law(turn: Turn) -> str | None:
    """Return the law a story alone points to, or None when it does not say enough."""
    facts: dict[str, Any] = {}
    _learn(facts, turn.stated)
    if facts.get("hospital"):
        return "sul_140" if facts.get("plan") else None
    if facts.get("hospital") is False or _lasting_only(facts):
        return _law(facts) if facts.get("lasting") is not None else None
    return None


#: Topics whose answer depends on the law: a story that points to one says so first.
_LAW_MATTERS = frozenset({"apply", "target_group", "deadlines"})


def likely_law(context: Context, topic: str) -> str | None:
    """Return the line that says which law a story sounds like, when it cannot yet say for sure.

    "Jeg er udskrevet fra Aalborg Universitetshospital. Hvordan søger jeg?": after a stay it is
    § 140 when the hospital wrote a plan; "… blevet dårlige efter influenza. Hvordan søger man?":
    a new loss is § 86, stk. 1 unless a stay with a plan makes it § 140. Only for topics whose
    answer depends on the law, and not once the conversation has a law (the caller sets the
    one a story settles, :func:`story_law`, first).
    """
    told = context.turn.stated
    if topic not in _LAW_MATTERS or context.state.law:
        return None
    if told.hospital_stay and told.has_plan is None:
        return phrase("likely_sul_140", **context.who())
    if told.new_loss and told.hospital_stay is None and not told.lasting:
        return phrase("likely_sel_86_1", **context.who())
    return None


def asks_for_training(turn: Turn) -> bool:
    """Tell whether an unsure NLU might have read eligibility in a story that says enough.

    Eligibility is one of NLU's two best readings, and the message tells what the law turns
    on: a hospital stay, a new loss or a lasting condition. Or the message asks for
    maintenance by name ("… hvis hun så har brug for at holde sig i gang?").
    """
    if _asks_for_maintenance(turn.text):
        return True
    best = [intent for intent, _ in turn.ranking if intent != "nlu_fallback"][:2]
    return "check_eligibility" in best and _tells_the_law(turn.stated)


def _lasting_only(facts: dict[str, Any]) -> bool:
    return bool(facts.get("lasting")) and not facts.get("new_loss")


def _next_question(context: Context, facts: dict[str, Any]) -> str | None:
    maintenance = facts.get("asked_law") == "sel_86_2"
    if facts.get("hospital") is None and not _lasting_only(facts) and not maintenance:
        return "hospital"
    if facts.get("hospital") and not maintenance and not facts.get("again"):
        return "plan" if facts.get("plan") is None else None
    if facts.get("lasting") is None and not maintenance:
        return "lasting"
    if context.municipality is None:
        return "municipality"
    criteria = municipal_criteria(context, _law(facts))
    age = facts.get("age")
    if "min_age" in criteria and facts.get("age_ok") is None and isinstance(age, int) and (
            age != criteria["min_age"]):
        facts["age_ok"] = age > criteria["min_age"]
    return None


def _law_first(context: Context, facts: dict[str, Any], who: dict[str, str]) -> list[Reply]:
    """Say which law the story points to, and its general rule, before asking where.

    The law is the same in the whole country; only how to apply, the deadlines and the
    municipality's own criteria wait for the municipality. ``facts`` remembers that it was said.
    """
    law = _law(facts)
    facts["told"] = law
    said = Reply(f"{phrase(f'result_{law}', **who)} {phrase('decides')}")
    general = general_answer(context.kb, "target_group", law)
    return [said] if general is None else [said, reply_from(general)]


def _told_line(context: Context, law: str) -> str:
    """Say whose rules for which law follow: "Her er Rebild Kommunes regler for … § 140."."""
    name = context.municipality.official if context.municipality else ""
    return phrase("result_told", municipality=name, law=law_in_sentence(law))


def _too_young(context: Context, facts: dict[str, Any], law: str, who: dict[str, str]) -> str:
    """Say the municipality's age limit for a law when the story's age is under it."""
    criteria, age = municipal_criteria(context, law), facts.get("age")
    if "min_age" not in criteria or not isinstance(age, int) or age >= criteria["min_age"]:
        return ""
    name = context.municipality.official if context.municipality else ""
    return phrase("result_too_young", municipality=name, offer=law_offer(law),
                  min_age=criteria["min_age"], **who)


def _question_text(context: Context, question: str, who: dict[str, str]) -> str:
    criteria = municipal_criteria(context, _law(context.state.eligibility))
    return phrase(f"q_{question}", min_age=criteria.get("min_age", ""),
                  excluded=criteria.get("excludes", ""), **who)


def _result(context: Context, facts: dict[str, Any], who: dict[str, str],
            story: str = "") -> list[Reply]:
    decides = phrase("decides")
    if facts.get("hospital") and _law(facts) == "sul_140":
        if not facts.get("plan"):
            no_plan = [Reply(f"{phrase('result_no_plan', **who)} {decides}")]
            if context.standard is None:
                return no_plan
            # Then § 86, stk. 1 is what is left: how to apply for it, with the number.
            how, *contact = imported.answer_replies(
                context, context.answer("apply", "sel_86_1"), "sel_86_1")
            how.text = f"{phrase('result_next_sel_86_1')} {how.text}"
            return [*no_plan, how, *contact]
        context.state.law = "sul_140"
        # Said with the law before "Hvilken kommune?": one line names the law of the rules below.
        told = facts.get("told") == "sul_140" and context.municipality is not None
        replies = [Reply(_told_line(context, "sul_140") if told
                         else f"{phrase('result_sul_140', **who)} {decides}")]
        if context.municipality is not None:
            replies += imported.answer_replies(context, context.answer("deadlines", "sul_140"),
                                               "sul_140")
            # "Vores datter på 14 …", "Jeg har KOL …": who trains them, where the standard says.
            replies += details.told_in_story(context, story or context.turn.text, "sul_140")
        return replies
    law = _law(facts)
    context.state.law = law
    municipality = context.municipality
    # Said already, before "which municipality?": one line names the law the municipality's
    # own rules below are for, so that the answer stands on its own.
    told = facts.get("told") == law and municipality is not None
    lines = [_told_line(context, law) if told else phrase(f"result_{law}", **who)]
    if law == "sel_86_2" and facts.get("new_loss") and facts.get("asked_law") != law:
        # A lasting illness and a new loss told together: the new loss is the other reading.
        lines.append(phrase("or_sel_86_1", **who))
    if facts.get("can_train_alone"):
        lines.append(phrase("result_can_train_alone", **who))
    criteria = municipal_criteria(context, law)
    name = municipality.official if municipality else ""
    if "min_age" in criteria and facts.get("age_ok") is not True:
        # Too young, or the age not told: the municipality's rule is said, not asked about.
        key = "result_too_young" if facts.get("age_ok") is False else "result_min_age"
        lines.append(phrase(key, municipality=name, offer=law_offer(law),
                            min_age=criteria["min_age"], **who))
    if "excludes" in criteria and facts.get("excluded") is not False:
        lines.append(phrase("result_excluded", municipality=name, offer=law_offer(law),
                            excluded=criteria["excludes"]))
    if not told:  # said with the law before "which municipality?"
        lines.append(decides)
    replies = [Reply(" ".join(lines)),
               *imported.answer_replies(context, context.answer("target_group", law), law),
               # "… han er begyndt at glemme": the standard's words on training memory.
               *details.told_in_story(context, story or context.turn.text, law)]
    rendered = context.answer("apply", law)
    how, *contact = imported.answer_replies(context, rendered, law)  # its phone, imported
    how.text = f"{phrase('result_next')} {how.text}"
    # "Min læge sagde, at han kunne søge for mig. Kan han det?": what the standard says of it.
    detail = details.detail_asked(story or context.turn.text, "apply")
    if detail is not None and detail.topic == "apply":
        return [*replies, *details.with_detail(context, detail, [how], rendered), *contact]
    return [*replies, how, *contact]

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
    holds_question,
    told_and_asked,
)
from genoptraening.core.render import general_answer, law_in_sentence, law_offer, phrase
from genoptraening.dialogue import beside_result, details, imported
from genoptraening.dialogue.context import Context, ask_municipality, reply_from
from genoptraening.dialogue.handover import with_whom_to_ask
from genoptraening.dialogue.model import Button, Reply
from genoptraening.dialogue.story_law import (
    TRAINING_AGAIN,
    asks_for_maintenance,
    lasting_only,
    law_of,
    learn,
    tells_the_law,
)


def _yes_no() -> list[Button]:
    return [Button(phrase("button_yes"), "/affirm"), Button(phrase("button_no"), "/deny")]


def remember_told(context: Context) -> None:
    """Keep what a message tells of the story while it asks something else.

    "Min mand er lige faldet …" (an emergency), then "han skal have noget træning": the fall
    is not asked about again when whether he can get training is.
    """
    if not told_and_asked(context.turn.text) and holds_question(context.turn.text):
        return  # "Skal man selv søge, når man bliver udskrevet?" tells no story
    facts = dict(context.state.eligibility)
    learn(facts, context.turn.stated, newer=True)
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
    told_only = question is None and tells_the_law(turn.stated)
    waiting = state.pending_topic
    if turn.intent in ("affirm", "deny") and not told_only:
        if question is None:
            return [Reply(phrase("eligibility_nothing_pending"))]
        facts[question] = turn.intent == "affirm"
        if question == "age":
            facts["age_ok"] = facts.pop("age")
    # A story told now says more than what earlier turns told; a yes or no is what was asked.
    learn(facts, turn.stated, newer=question is None)
    if turn.intent not in ("affirm", "deny") and asks_for_maintenance(turn.text):
        # "… fik genoptræning efter planen, men den er slut nu. Kan han få vedligeholdende
        # træning?": the law asked for is the answer's, whatever an earlier stay was.
        facts["asked_law"] = "sel_86_2"
    if turn.intent not in ("affirm", "deny") and facts.get("lasting") and not facts.get(
            "plan") and TRAINING_AGAIN.search(turn.text):
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
    asked = state.pending_question or ""
    if next_question is None and context.municipality is None and (
            beside_result.asks_more(context, asked)
            or facts.get("hospital") and facts.get("plan")
            and beside_result.asks_beyond_whether(context, asked)):
        # A plan told: § 140, and "hvornår starter jeg?" or "hvad gør jeg?" asked: what comes
        # next (the municipality's deadlines) is the municipality's.
        next_question = "municipality"
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
        if likely or now:
            # "Min søn på 15 … var indlagt. Hvem skal stå for hans genoptræning?": what the
            # standard says of the story's own case (Rebild's børneteam), before the yes/no.
            now += details.told_in_story(context, asked or turn.text, law, besides=now)
        # Nothing told yet points to a law ("Min mand går dårligere …"): after what the story
        # asked, what the yes or no decides between.
        overview = [Reply(phrase("laws_overview", **who))] if (
            not likely and next_question == "hospital" and question is None) else []
        return [*likely, *now, *overview, ask]
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
    replies = result + [reply for reply in beside_result.the_rest(context, asked,
                                                                  follows=follows)
                        if reply.text not in in_result]
    others = [str(r.answered_by["topic"]) for r in replies
              if r.answered_by.get("topic") not in (None, state.last_topic)]
    if state.last_topic and others:
        # What the result said besides who may get it ("Hvad betyder det?" of its deadlines).
        state.answered(state.last_topic, list(dict.fromkeys(others)))
    return replies


def _next_question(context: Context, facts: dict[str, Any]) -> str | None:
    maintenance = facts.get("asked_law") == "sel_86_2"
    if facts.get("hospital") is None and not lasting_only(facts) and not maintenance:
        return "hospital"
    if facts.get("hospital") and not maintenance and not facts.get("again"):
        return "plan" if facts.get("plan") is None else None
    if facts.get("lasting") is None and not maintenance:
        return "lasting"
    if context.municipality is None:
        return "municipality"
    criteria = municipal_criteria(context, law_of(facts))
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
    law = law_of(facts)
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
    criteria = municipal_criteria(context, law_of(context.state.eligibility))
    return phrase(f"q_{question}", min_age=criteria.get("min_age", ""),
                  excluded=criteria.get("excludes", ""), **who)


def _result(context: Context, facts: dict[str, Any], who: dict[str, str],
            story: str = "") -> list[Reply]:
    decides = phrase("decides")
    if facts.get("hospital") and law_of(facts) == "sul_140":
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
            if context.imported:
                with_whom_to_ask(context, replies)  # "… ved ikke hvem jeg skal ringe til"
            # "Vores datter på 14 …", "Jeg har KOL …": who trains them, where the standard says.
            replies += details.told_in_story(context, story or context.turn.text, "sul_140")
        return replies
    law = law_of(facts)
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

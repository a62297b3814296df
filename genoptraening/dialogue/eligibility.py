"""Which law fits the citizen's story: SUL § 140, SEL § 86 stk. 1 or stk. 2.

Facts the citizen already gave are used, never asked again; missing ones are asked one at a
time as yes/no questions with buttons. The municipality's own criteria are applied where its
standard states them (an age limit, an exclusion such as vederlagsfri fysioterapi). The
assistant only guides: every result says the municipality decides after an individual
assessment.
"""

from __future__ import annotations

from typing import Any

from genoptraening.core.render import law_offer, phrase
from genoptraening.core.situation import read_situation
from genoptraening.dialogue.context import Context, ask_municipality, reply_from
from genoptraening.dialogue.model import Button, Reply


def _yes_no() -> list[Button]:
    return [Button(phrase("button_yes"), "/affirm"), Button(phrase("button_no"), "/deny")]


def _learn_from_text(facts: dict[str, Any], text: str) -> None:
    situation = read_situation(text)
    found = {
        "hospital": situation.hospital_stay,
        "plan": situation.has_plan,
        "lasting": situation.lasting,
        "can_train_alone": situation.can_train_alone,
        "age": situation.age,
        "excluded": situation.vederlagsfri,
    }
    if situation.new_loss and situation.lasting is None:
        found["lasting"] = False
    if situation.has_plan:
        found["hospital"] = True  # only a hospital writes a genoptræningsplan
    for key, value in found.items():
        if value is not None and facts.get(key) is None:
            facts[key] = value


def _criteria(context: Context, law: str) -> dict[str, Any]:
    """Return the municipality's own criteria for ``law`` (its target-group facts)."""
    standard = context.standard
    entry = standard.topic("target_group", law) if standard else None
    return dict(entry.facts.values) if entry else {}


def eligibility(context: Context) -> list[Reply]:
    """Take the answer to the pending question (or the story), then ask on or conclude."""
    state, turn = context.state, context.turn
    facts = dict(state.eligibility)
    question = state.eligibility_question
    if turn.intent in ("affirm", "deny"):
        if question is None:
            return [Reply(phrase("eligibility_nothing_pending"))]
        facts[question] = turn.intent == "affirm"
        if question == "age":
            facts["age_ok"] = facts.pop("age")
    _learn_from_text(facts, turn.text)
    state.eligibility, state.eligibility_question, state.misses = facts, None, 0
    who = context.who()
    next_question = _next_question(context, facts)
    if next_question == "municipality":
        return [ask_municipality(context, "eligibility")]
    if next_question is not None:
        state.eligibility_question = next_question
        return [Reply(_question_text(context, next_question, who), buttons=_yes_no())]
    state.eligibility, state.eligibility_question = {}, None
    return _result(context, facts, who)


def _law(facts: dict[str, Any]) -> str:
    if facts.get("hospital"):
        return "sul_140"
    return "sel_86_2" if facts.get("lasting") else "sel_86_1"


def _next_question(context: Context, facts: dict[str, Any]) -> str | None:
    if facts.get("hospital") is None:
        return "hospital"
    if facts["hospital"]:
        return "plan" if facts.get("plan") is None else None
    if facts.get("lasting") is None:
        return "lasting"
    if facts.get("can_train_alone") is None:
        return "can_train_alone"
    if context.municipality is None:
        return "municipality"
    criteria = _criteria(context, _law(facts))
    if "min_age" in criteria and facts.get("age_ok") is None:
        age = facts.get("age")
        if isinstance(age, int) and age != criteria["min_age"]:
            facts["age_ok"] = age > criteria["min_age"]
        else:
            return "age"
    if "excludes" in criteria and facts.get("excluded") is None:
        return "excluded"
    return None


def _question_text(context: Context, question: str, who: dict[str, str]) -> str:
    criteria = _criteria(context, _law(context.state.eligibility))
    return phrase(f"q_{question}", min_age=criteria.get("min_age", ""),
                  excluded=criteria.get("excludes", ""), **who)


def _result(context: Context, facts: dict[str, Any], who: dict[str, str]) -> list[Reply]:
    decides = phrase("decides")
    if facts.get("hospital"):
        if not facts.get("plan"):
            return [Reply(f"{phrase('result_no_plan', **who)} {decides}")]
        context.state.law = "sul_140"
        replies = [Reply(f"{phrase('result_sul_140', **who)} {decides}")]
        if context.municipality is not None:
            replies.append(reply_from(context.answer("deadlines", "sul_140")))
        return replies
    law = _law(facts)
    context.state.law = law
    lines = [phrase(f"result_{law}", **who)]
    if facts.get("can_train_alone"):
        lines.append(phrase("result_can_train_alone", **who))
    municipality = context.municipality
    criteria = _criteria(context, law)
    name = municipality.official if municipality else ""
    if facts.get("age_ok") is False:
        lines.append(phrase("result_too_young", municipality=name, offer=law_offer(law),
                            min_age=criteria.get("min_age", ""), **who))
    if facts.get("excluded"):
        lines.append(phrase("result_excluded", municipality=name, offer=law_offer(law),
                            excluded=criteria.get("excludes", "")))
    lines.append(decides)
    replies = [Reply(" ".join(lines)), reply_from(context.answer("target_group", law))]
    how = reply_from(context.answer("apply", law))
    how.text = f"{phrase('result_next')} {how.text}"
    return [*replies, how]

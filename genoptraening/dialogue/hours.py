"""When to call: "kan jeg ringe fredag eftermiddag?" answered yes or no from the opening hours.

A contact question that names a weekday or a time of day (:mod:`genoptraening.core.hours`)
gets "Ja"/"Nej" for that time from the phone line's opening hours in the citizen's standard,
the hours of the days named, and the number, with the standard's section as the source.
"""

from __future__ import annotations

from genoptraening.core.hours import DAY_NAMES, find_week_time, hours_on, open_at
from genoptraening.core.render import contact_phones, phrase
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.model import Reply


def when_to_call(context: Context) -> list[Reply]:
    """Answer whether the line is open when the message says, or nothing when it names no time.

    Nothing, too, when the standard gives no phone line with structured opening hours: then
    the ordinary contact answer says what there is.
    """
    when = find_week_time(context.turn.text, context.today)
    municipality = context.municipality
    if when is None or municipality is None or context.standard is None:
        return []
    phones, rendered = contact_phones(context.kb, municipality)
    timed = [p for p in phones if p.open]
    if not timed or rendered is None:
        return []
    phone = timed[0]
    key = "hours_open" if open_at(phone.open, when) else "hours_closed"
    lines = [phrase(key, when=when.says())]
    for day in when.days:
        windows = hours_on(phone.open, day)
        name = DAY_NAMES[day].capitalize()
        lines.append(phrase("hours_day", day=name, hours=" og ".join(windows)) if windows
                     else phrase("hours_day_closed", day=name))
    if not when.days and phone.hours:
        lines.append(phrase("handover_hours", hours=phone.hours))
    lines.append(phrase("handover_phone", name=phone.label or context.standard.municipality,
                        number=phone.number))
    return [Reply(" ".join(lines), citations=rendered.citations, facts=rendered.facts(),
                  answered_by={"kind": "topic", "topic": "contact"})]

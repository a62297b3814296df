"""When to call: "kan jeg ringe fredag eftermiddag?" answered yes or no from the opening hours.

A contact question that names a weekday or a time of day (:mod:`genoptraening.core.hours`)
gets "Ja"/"Nej" for that time from the phone line's opening hours in the citizen's standard,
the hours of the days named, and the number, with the standard's section as the source.
"""

from __future__ import annotations

import re

from genoptraening.core.hours import DAY_NAMES, find_week_time, hours_on, open_at
from genoptraening.core.questions import split_questions
from genoptraening.core.render import contact_phones, phrase
from genoptraening.dialogue.context import Context
from genoptraening.dialogue.model import Reply

#: What a question asks about the line: a time in it is when to call. "Jeg har talt med ham
#: i dag. Hvordan kontakter jeg jer?" and "sender jeg en mail i aften, hvornår hører jeg
#: noget?" name a time that is not one.
_ABOUT_THE_LINE = re.compile(r"\b(?:ring\w*|telefon\w*|fat i|[åa]ben\w*|[åa]bne|lukke[dt]|"
                             r"tr[æa]ffe\w*)\b", re.IGNORECASE)


def when_to_call(context: Context) -> list[Reply]:
    """Answer whether the line is open when the message says, or nothing when it names no time.

    A question of the message must be about the line (calling, open, closed). Nothing, too,
    when the standard gives no phone line with structured opening hours: then the ordinary
    contact answer says what there is.
    """
    about_the_line = any(_ABOUT_THE_LINE.search(question) for question in split_questions(
        context.turn.text, always=True))
    when = find_week_time(context.turn.text, context.today) if about_the_line else None
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

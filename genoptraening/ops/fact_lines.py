"""Facts as staff read them: one Danish line per phone number, e-mail, price, deadline, value.

``genoptraening kb show`` and ``kb review``, the staff shell and the staff console's Import page
all say a topic's facts and a drafted fact's value in these words.
"""

from __future__ import annotations

from genoptraening.core.knowledge.schema import DraftFact, Facts


def facts_lines(facts: Facts) -> list[str]:
    """Return the structured facts of a topic as indented Danish lines."""
    lines = [f"  Telefon: {p.number}" + (f" ({p.label})" if p.label else "")
             + (f", {p.hours}" if p.hours else "") for p in facts.phones]
    lines += [f"  E-mail: {e.address}" + ("" if e.sensitive_data_ok else
                                          " (ikke til personfølsomme oplysninger)")
              for e in facts.emails]
    lines += [f"  Adresse: {a.name}, {', '.join(a.lines)}" for a in facts.addresses]
    lines += [f"  Pris: {p.amount:g} kr. {p.per}" + (f" ({p.year})" if p.year else "")
              for p in facts.prices]
    lines += [f"  Frist: {d.number} {d.unit} ({d.kind}, fra {d.from_event}): {d.text}"
              for d in facts.deadlines]
    lines += [f"  {key}: {value}" for key, value in facts.values.items()]
    return lines


def value_lines(draft: DraftFact) -> list[str]:
    """Say a drafted fact's value as staff read it ("  Telefon: 92 43 43 48 (Galten), …")."""
    from genoptraening.core.render import law_label

    if draft.covers is not None:
        return [f"  Lov: {law_label(draft.covers)}"]
    if draft.complaint_to is not None:
        return [f"  Klage til: {draft.complaint_to}"]
    if draft.approval is not None:
        when = f" {draft.approval.date:%d.%m.%Y}" if draft.approval.date else ""
        return [f"  Godkendt af: {draft.approval.by}{when}"]
    return facts_lines(Facts(
        phones=[draft.phone] if draft.phone else [], emails=[draft.email] if draft.email else [],
        addresses=[draft.address] if draft.address else [],
        prices=[draft.price] if draft.price else [],
        deadlines=[draft.deadline] if draft.deadline else []))

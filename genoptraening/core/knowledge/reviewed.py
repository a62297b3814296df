"""An imported standard's approved facts as the topics the assistant answers from.

``kb import`` drafts facts (``drafts`` in ``knowledge/<slug>.yml``); a person approves them
(``status: approved``). The knowledge base gives the dialogue the standard with every
approved fact in a topic of its own kind — phones, e-mails and addresses under contact (or the
complaint route they belong to), prices under transport or cost, deadlines under deadlines
(and a complaint's under the complaint's topic), the laws covered, the complaint routes, the
approval — each with a plain answer made from ``reviewed`` in ``knowledge/phrases/da.yml`` and
the fact's quote as its source. A drafted or rejected fact is never part of it. A topic the
editor wrote by hand (``topics`` or ``by_law``) is kept as written.
"""

from __future__ import annotations

from typing import Any

from genoptraening.core.knowledge.schema import DraftFact, Facts, Source, Standard, Topic

_COMPLAINTS = ("complaint", "reassessment", "appeal_board")


def effective(standard: Standard) -> Standard:
    """Return the standard as the assistant answers from it: curated and approved facts."""
    approved = [draft for draft in standard.drafts if draft.status == "approved"]
    if standard.imported is None or not approved:
        return standard
    laws = list(dict.fromkeys([*standard.laws, *(d.covers for d in approved if d.covers)]))
    grouped: dict[tuple[str | None, str], list[DraftFact]] = {}
    for draft in approved:
        scope: str | None = draft.law if draft.law in laws else None
        names: list[str] = [draft.topic]
        if draft.deadline is not None and draft.deadline.kind in _COMPLAINTS:
            names.append("deadlines")
        for name in dict.fromkeys(names):
            grouped.setdefault((scope, name), []).append(draft)
    common: dict[str, Topic] = {}
    by_law: dict[str, dict[str, Topic]] = {law: {} for law in standard.by_law}
    curated: dict[str | None, dict[str, Topic]] = {
        None: {str(name): entry for name, entry in standard.topics.items()}}
    curated.update({law: {str(name): entry for name, entry in entries.items()}
                    for law, entries in standard.by_law.items()})
    for (scope, name), drafts in grouped.items():
        table = common if scope is None else by_law.setdefault(scope, {})
        if name not in curated.get(scope, {}):
            table[name] = _topic(standard, drafts)
    approval = next((d.approval for d in approved if d.approval is not None), None)
    update: dict[str, Any] = {
        "laws": laws,
        "topics": {**common, **curated[None]},
        "by_law": {law: {**entries, **curated.get(law, {})}
                   for law, entries in by_law.items() if entries or law in standard.by_law},
    }
    if approval is not None and standard.approved_by is None:
        update["approved_by"], update["approved_on"] = approval.by, approval.date
    return standard.copy(update=update)


def _topic(standard: Standard, drafts: list[DraftFact]) -> Topic:
    facts = Facts(
        phones=[d.phone for d in drafts if d.phone is not None],
        emails=[d.email for d in drafts if d.email is not None],
        addresses=[d.address for d in drafts if d.address is not None],
        prices=[d.price for d in drafts if d.price is not None],
        deadlines=[d.deadline for d in drafts if d.deadline is not None],
    )
    sentences = [_sentence(standard, draft) for draft in drafts]
    return Topic(answer=" ".join(dict.fromkeys(s for s in sentences if s)), facts=facts,
                 sources=[Source(section=d.section, quote=d.quote) for d in drafts])


def _sentence(standard: Standard, draft: DraftFact) -> str:
    """Say one approved fact in plain Danish (``reviewed`` in knowledge/phrases/da.yml)."""
    from genoptraening.core.render import law_label, phrases  # local: render loads the kb

    texts = phrases()["reviewed"]
    if draft.phone is not None:
        said = texts["phone"].format(label=draft.phone.label or standard.municipality,
                                     number=draft.phone.number)
        hours = texts["phone_hours"].format(hours=draft.phone.hours) if draft.phone.hours else ""
        return f"{said} {hours}".strip()
    if draft.email is not None:
        said = texts["email"].format(address=draft.email.address)
        return said if draft.email.sensitive_data_ok else f"{said} {texts['email_not_sensitive']}"
    if draft.address is not None:
        return str(texts["address"].format(name=draft.address.name,
                                           lines=", ".join(draft.address.lines)))
    if draft.price is not None:
        amount = f"{draft.price.amount:g}".replace(".", ",")
        key = "price_year" if draft.price.year else "price"
        return str(texts[key].format(amount=amount, per=draft.price.per, year=draft.price.year))
    if draft.deadline is not None:
        text = draft.deadline.text
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
    if draft.covers is not None:
        return str(texts["covers"].format(law=law_label(draft.covers)))
    if draft.complaint_to is not None:
        return str(texts["complaint_to"].format(to=draft.complaint_to))
    if draft.approval is not None:
        if draft.approval.date is None:
            return str(texts["approval"].format(by=draft.approval.by))
        return str(texts["approval_date"].format(by=draft.approval.by,
                                                 date=f"{draft.approval.date:%d.%m.%Y}"))
    return ""

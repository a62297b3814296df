"""A topic of a knowledge file as a form: its answer and facts as rows of text fields.

Staff edit a topic in the browser, not its YAML: every fact is a row of plain fields (a phone
number, its label and hours; a deadline's number, unit and event …), a blank row adds one, and
a row marked "Fjern" goes. This module turns a topic into such fields and posted fields back
into the topic's data, with a Danish message beside each field that cannot be read (a number
that is not one). What the knowledge's own validation says is placed beside its field too
(``field_of``). Opening hours of phone numbers and the file of a source are not in the form;
each row keeps its original's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from genoptraening.core.knowledge.schema import Topic
from genoptraening.ops.console.texts import text

#: The rows of the form, by group, with their fields in order.
GROUPS: dict[str, tuple[str, ...]] = {
    "phones": ("number", "label", "hours"),
    "emails": ("address", "note", "sensitive_data_ok"),
    "addresses": ("name", "lines"),
    "links": ("label", "url"),
    "prices": ("amount", "year", "per"),
    "deadlines": ("kind", "number", "unit", "from_event", "text"),
    "values": ("key", "value"),
    "sources": ("section", "quote"),
}
_FIELD = re.compile(r"^(?P<group>[a-z_]+)-(?P<index>\d{1,3})-(?P<field>[a-z_]+)$")
_PATH = re.compile(r"^(?:facts\.)?(?P<group>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<rest>.+))?$")
_INT = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_YES = {"ja": True, "nej": False, "true": True, "false": False}
MAX_ROWS = 50


@dataclass
class TopicForm:
    """What the form shows: the answer, and per group rows of field texts.

    ``origin`` is, per group, the index of each row's original in the topic (None for a new
    row), so that a row keeps what the form does not show (a phone's opening hours).
    """

    answer: str
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    origin: dict[str, list[int | None]] = field(default_factory=dict)

    def with_blank_rows(self) -> TopicForm:
        """Return the form with one empty row at the end of every group, to add one."""
        rows = {g: [*self.rows.get(g, []), dict.fromkeys(GROUPS[g], "")] for g in GROUPS}
        origin = {g: [*self.origin.get(g, []), None] for g in GROUPS}
        return TopicForm(self.answer, rows, origin)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return "" if value is None else str(value)


def form_of(topic: Topic) -> TopicForm:
    """Return the form of a topic as it is."""
    facts = topic.facts
    rows: dict[str, list[dict[str, str]]] = {
        "phones": [{"number": p.number, "label": p.label or "", "hours": p.hours or ""}
                   for p in facts.phones],
        "emails": [{"address": e.address, "note": e.note or "",
                    "sensitive_data_ok": "on" if e.sensitive_data_ok else ""}
                   for e in facts.emails],
        "addresses": [{"name": a.name, "lines": "\n".join(a.lines)} for a in facts.addresses],
        "links": [{"label": link.label, "url": link.url} for link in facts.links],
        "prices": [{"amount": _shown(p.amount), "year": _shown(p.year), "per": p.per}
                   for p in facts.prices],
        "deadlines": [{"kind": d.kind, "number": str(d.number), "unit": d.unit,
                       "from_event": d.from_event, "text": d.text} for d in facts.deadlines],
        "values": [{"key": k, "value": _shown(v)} for k, v in facts.values.items()],
        "sources": [{"section": s.section or "", "quote": s.quote or ""} for s in topic.sources],
    }
    return TopicForm(topic.answer, rows, {g: list(range(len(r))) for g, r in rows.items()})


def form_from_fields(fields: Mapping[str, str]) -> TopicForm:
    """Read posted fields (``answer``, ``phones-0-number``, ``phones-0-origin`` …) as a form.

    Blank rows and rows marked ``remove`` are left out; the rows are numbered anew.
    """
    found: dict[str, dict[int, dict[str, str]]] = {g: {} for g in GROUPS}
    for name, value in fields.items():
        match = _FIELD.match(name)
        if match is None or match["group"] not in GROUPS:
            continue
        known = (*GROUPS[match["group"]], "origin", "remove")
        if match["field"] in known and int(match["index"]) < MAX_ROWS:
            row = found[match["group"]].setdefault(int(match["index"]), {})
            row[match["field"]] = value.replace("\r\n", "\n").strip()
    form = TopicForm(fields.get("answer", "").replace("\r\n", "\n").strip())
    for group, by_index in found.items():
        form.rows[group], form.origin[group] = [], []
        for _, row in sorted(by_index.items()):
            if row.get("remove") or not any(row.get(f) for f in GROUPS[group]
                                            if f != "sensitive_data_ok"):
                continue
            origin = row.get("origin", "")
            form.origin[group].append(int(origin) if origin.isdigit() else None)
            form.rows[group].append({f: row.get(f, "") for f in GROUPS[group]})
    return form


def _number(value: str, name: str, errors: dict[str, str], whole: bool = True) -> Any:
    cleaned = value.replace(" ", "").replace("\u00a0", "")
    if whole and _INT.match(cleaned):
        return int(cleaned)
    if not whole and _DECIMAL.match(cleaned):
        number = float(cleaned.replace(",", "."))
        return int(number) if number.is_integer() else number
    errors[name] = text("form.whole_number" if whole else "form.number")
    return value


def _value(raw: str, before: object, name: str, errors: dict[str, str]) -> Any:
    """Read a value in the type it had (a new one: ja/nej, a whole number, a list, a text)."""
    lowered = raw.strip().lower()
    if isinstance(before, bool) or (before is None and lowered in ("ja", "nej")):
        if lowered not in _YES:
            errors[name] = text("form.yes_no")
        return _YES.get(lowered, raw)
    if isinstance(before, (int, float)) or (before is None and _INT.match(lowered)):
        return _number(raw, name, errors, whole=isinstance(before, int) or before is None)
    if isinstance(before, list) or (before is None and ";" in raw):
        return [item.strip() for item in raw.split(";") if item.strip()]
    return raw


def _kept(original: list[Any], origin: list[int | None], index: int) -> Any:
    at = origin[index] if index < len(origin) else None
    return original[at] if at is not None and at < len(original) else None


def topic_data(form: TopicForm, original: Topic) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the topic's data from a form, and the fields that could not be read.

    Args:
        form: The posted form.
        original: The topic as it is in the file (for what the form does not show).

    Returns:
        The data as the knowledge file holds it, and messages by field name.

    """
    errors: dict[str, str] = {}
    rows, origin = form.rows, form.origin
    facts: dict[str, Any] = {}
    phones = []
    for i, row in enumerate(rows.get("phones", [])):
        phone: dict[str, Any] = {"number": row["number"]}
        phone.update({k: row[k] for k in ("label", "hours") if row[k]})
        kept = _kept(original.facts.phones, origin.get("phones", []), i)
        if kept is not None and kept.open:
            phone["open"] = [slot.dict() for slot in kept.open]
        phones.append(phone)
    facts["phones"] = phones
    facts["emails"] = [{"address": r["address"], "sensitive_data_ok": bool(r["sensitive_data_ok"]),
                        **({"note": r["note"]} if r["note"] else {})}
                       for r in rows.get("emails", [])]
    facts["addresses"] = [{"name": r["name"], "lines": [line.strip() for line in
                                                        r["lines"].split("\n") if line.strip()]}
                          for r in rows.get("addresses", [])]
    facts["links"] = [{"label": r["label"], "url": r["url"]} for r in rows.get("links", [])]
    prices = []
    for i, row in enumerate(rows.get("prices", [])):
        price: dict[str, Any] = {"amount": _number(row["amount"], f"prices-{i}-amount", errors,
                                                   whole=False)}
        if row["year"]:
            price["year"] = _number(row["year"], f"prices-{i}-year", errors)
        prices.append({**price, "per": row["per"]})
    facts["prices"] = prices
    facts["deadlines"] = [
        {"kind": r["kind"] or None, "number": _number(r["number"], f"deadlines-{i}-number",
                                                      errors),
         "unit": r["unit"] or None, "from_event": r["from_event"] or None, "text": r["text"]}
        for i, r in enumerate(rows.get("deadlines", []))]
    values: dict[str, Any] = {}
    for i, row in enumerate(rows.get("values", [])):
        key = row["key"].strip()
        if not re.match(r"^[a-z][a-z0-9_]*$", key):
            errors[f"values-{i}-key"] = text("form.value_key")
        elif key in values:
            errors[f"values-{i}-key"] = text("form.value_key_twice")
        values[key] = _value(row["value"], original.facts.values.get(key),
                             f"values-{i}-value", errors)
    facts["values"] = values
    sources = []
    for i, row in enumerate(rows.get("sources", [])):
        source: dict[str, Any] = {"section": row["section"], "quote": row["quote"]}
        kept = _kept(original.sources, origin.get("sources", []), i)
        if kept is not None and kept.file:
            source["file"] = kept.file
        sources.append(source)
    data: dict[str, Any] = {"answer": form.answer,
                            "facts": {k: v for k, v in facts.items() if v}, "sources": sources}
    if not data["facts"]:
        del data["facts"]
    return data, errors


def field_of(path: str, form: TopicForm) -> str:
    """Return the form field a validation problem belongs beside ("" for the whole topic).

    Args:
        path: The problem's path inside the topic ("facts.phones[0].number", "sources[1]").
        form: The form the data was read from (to find a value's row by its key).

    """
    match = _PATH.match(path)
    if match is None or match["group"] not in (*GROUPS, "answer"):
        return ""
    group, index, rest = match["group"], match["index"], match["rest"]
    if group == "answer":
        return "answer"
    if group == "values" and rest:
        key = rest.split(".")[0]
        rows = form.rows.get("values", [])
        found = next((i for i, r in enumerate(rows) if r["key"] == key), None)
        return f"values-{found}-value" if found is not None else "values"
    if index is None:
        return group
    sub = (rest or "").split(".")[0].split("[")[0]
    if group == "sources" and not sub:
        sub = "quote"  # a quote not found in its section
    return f"{group}-{index}-{sub}" if sub in GROUPS[group] else f"{group}-{index}"

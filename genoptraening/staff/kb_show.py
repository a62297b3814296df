"""What the knowledge base holds about a municipality, as staff read it (``kb show``, the shell)."""

from __future__ import annotations

from genoptraening.core.knowledge.schema import TOPICS, Standard, Topic
from genoptraening.core.render import law_label, topic_label, topic_labels
from genoptraening.ops.fact_lines import facts_lines


def resolve_topic(text: str) -> str | None:
    """Find a topic by id or Danish label (case-insensitive, a prefix is enough)."""
    wanted = text.strip().lower()
    for topic, label in topic_labels().items():
        if wanted in (topic, label.lower()):
            return topic
    for topic, label in topic_labels().items():
        if topic.startswith(wanted) or label.lower().startswith(wanted):
            return topic
    return None


def show(kommune: str, emne: str | None = None) -> int:
    """Print a municipality's knowledge (or one topic of it) with sources; return exit code."""
    from genoptraening.core.knowledge.loader import get_knowledge_base
    from genoptraening.core.register import get_register

    municipality = get_register().lookup(kommune)
    if municipality is None:
        print(f"Kender ikke kommunen {kommune!r}. Skriv fx »Hjørring« eller »Lejre«.")
        return 1
    topic = None
    if emne:
        topic = resolve_topic(emne)
        if topic is None:
            print(f"Ukendt emne {emne!r}. Emner: {', '.join(TOPICS)}")
            return 1
    kb = get_knowledge_base()
    standard = kb.standard(municipality.slug)
    if standard is None:
        print(f"{municipality.official} (kommunekode {municipality.code}): "
              "ingen kvalitetsstandard på fil. Assistenten giver de generelle regler.")
        return 0
    print(_header(standard))
    shown = 0
    for law, name, entry in standard.iter_topics():
        if topic is None or name == topic:
            print(_entry_text(standard, law, name, entry))
            shown += 1
    if shown == 0 and topic is not None:
        print(f"\nStandarden siger ikke noget om »{topic_label(topic)}«. "
              "Assistenten giver den generelle regel og siger, at den er generel.")
    return 0


def _header(standard: Standard) -> str:
    approved = ""
    if standard.approved_by or standard.approved_on:
        parts = [standard.approved_by or "", str(standard.approved_on or "")]
        approved = f"\nGodkendt: {' '.join(p for p in parts if p)}"
    laws = ", ".join(law_label(law) for law in standard.laws)
    return (f"{standard.municipality}: {standard.title}\nKildefil: {standard.seed_file}"
            f"\nLove: {laws}{approved}")


def _entry_text(standard: Standard, law: str | None, name: str, entry: Topic) -> str:
    scope = law_label(law) if law else "alle love i standarden"
    lines = [f"\n== {topic_label(name)} ({name}) — {scope}", entry.answer]
    lines.extend(facts_lines(entry.facts))
    for source in entry.sources:
        if source.law:
            lines.append(f"  Kilde: {source.law}")
        else:
            lines.append(f"  Kilde: {source.file or standard.seed_file}, afsnit »{source.section}«"
                         f": »{source.quote}«")
    return "\n".join(lines)

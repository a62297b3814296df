"""``genoptraening review``: what citizens asked lately, and what the assistant missed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from genoptraening.ops.conversations import ConversationStore, TrackerStoreMissing
    from genoptraening.ops.review import Message, Review

#: Rows shown per list; the rest are counted (all of them go into ``--export``).
SHOWN = 50


def register(commands: Any) -> None:
    """Add the ``review`` command to the top-level parser."""
    review = commands.add_parser(
        "review", help="gennemgå samtalerne: hvad blev forstået, og hvad skal assistenten lære",
        description="Viser samtalerne fra de seneste dage: antal, hvor mange beskeder "
                    "assistenten forstod, dem den ikke forstod, og de mest spurgte emner.")
    review.add_argument("--days", type=_positive, default=30, metavar="N",
                        help="antal dage tilbage (standard: 30)")
    review.add_argument("--kommune", metavar="NAVN", help='kun én kommune, fx "Lejre"')
    review.add_argument("--db", type=Path, metavar="STI",
                        help="Rasas samtaledatabase som SQLite-fil (standard: "
                             "GENOPTRAENING_DATABASE_URL, hvis den er sat, ellers var/tracker.db)")
    review.add_argument("--export", type=Path, metavar="FIL",
                        help="skriv de ikke-forståede beskeder som træningsdata (YAML)")
    review.add_argument("--threshold", type=_share, default=0.5, metavar="T",
                        help="sikkerhed under T tæller som ikke forstået (standard: 0,5)")
    review.add_argument("--include-staff", action="store_true",
                        help="medtag personalets egne testsamtaler (samtale-id staff-…)")
    review.set_defaults(handler=run_review)


def _positive(text: str) -> float:
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("skal være større end 0")
    return value


def _share(text: str) -> float:
    value = _number(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("skal være mellem 0 og 1")
    return value


def _number(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} er ikke et tal") from None


def run_review(args: argparse.Namespace) -> int:
    """Print the review; write the export when asked. Exit 1 when there is nothing to read."""
    from rich.console import Console

    from genoptraening.core.register import get_register
    from genoptraening.ops.conversations import ConversationStore, TrackerStoreMissing
    from genoptraening.ops.review import load_review, nlu_export
    from genoptraening.settings import get_settings

    console = Console(highlight=False)
    slug = None
    if args.kommune:
        found = get_register().lookup(args.kommune)
        if found is None:
            console.print(f"Kender ikke kommunen {args.kommune!r}. Skriv fx »Lejre«.")
            return 1
        slug = found.slug
    store = (ConversationStore.sqlite(args.db) if args.db
             else ConversationStore.from_settings(get_settings()))
    try:
        review = load_review(store, args.days, slug, args.threshold, args.include_staff)
    except TrackerStoreMissing as exc:
        console.print(store_problem(store, exc, "Start assistenten (make run), eller angiv "
                                                "databasen med --db."))
        return 1
    show(console, review, args.days)
    if args.export:
        text, count = nlu_export(review.misunderstood)
        if count == 0:
            console.print("\nIngen beskeder at eksportere.")
        else:
            args.export.parent.mkdir(parents=True, exist_ok=True)
            args.export.write_text(text, encoding="utf-8")
            console.print(f"\n{count} besked(er) skrevet til {args.export}. "
                          "Ret TODO_-linjerne og flyt dem ind i data/nlu/ (se filens top).")
    elif review.misunderstood:
        console.print("\nTip: --export FIL skriver de ikke-forståede beskeder som træningsdata.")
    return 0


def store_problem(store: ConversationStore, exc: TrackerStoreMissing, missing_hint: str) -> str:
    """Say in Danish what is wrong with the tracker store, and what to do about it."""
    from genoptraening.ops.conversations import TrackerStoreUnreachable

    if not isinstance(exc, TrackerStoreUnreachable):
        hint = missing_hint
    elif store.path is None:
        hint = "Tjek, at databasen kører, og at GENOPTRAENING_DATABASE_URL er rigtig."
    else:
        hint = "Prøv igen om lidt."
    return f"{exc} {hint}"


def show(console: Console, review: Review, days: float) -> None:
    """Print the review's figures and lists in Danish."""
    from rich.table import Table

    from genoptraening.core.render import topic_label
    from genoptraening.ops.review import municipality_name

    where = f" — {municipality_name(review.municipality)}" if review.municipality else ""
    console.print(f"[bold]Samtaler de seneste {_num(days)} dage{where}[/bold] "
                  f"({_time(review.since)} – {_time(review.until)})")
    summary = Table(show_header=False, box=None, pad_edge=False)
    summary.add_row("Samtaler", str(review.conversations))
    summary.add_row("Beskeder fra borgere", str(len(review.messages)))
    share = "–" if review.share is None else f"{review.share * 100:.0f} %"
    summary.add_row("Forstået", f"{review.understood} af {len(review.messages)} ({share})")
    summary.add_row("Ikke forstået", str(len(review.fallbacks)))
    summary.add_row(f"Usikre (sikkerhed under {_num(review.threshold)})",
                    str(len(review.low_confidence)))
    console.print(summary)
    if not review.messages:
        console.print("\nIngen beskeder i perioden.")
        return

    _messages(console, "Ikke forstået", review.fallbacks, "Bedste gæt", guess=True)
    _messages(console, f"Usikre svar (sikkerhed under {_num(review.threshold)})",
              review.low_confidence, "Forstået som", guess=False)

    topics = review.topics()
    if topics:
        table = Table(title="Mest spurgte emner", title_justify="left")
        table.add_column("Kommune")
        table.add_column("Emne")
        table.add_column("Beskeder", justify="right")
        for slug, ranked in topics.items():
            for i, (topic, count) in enumerate(ranked):
                table.add_row(municipality_name(slug) if i == 0 else "", topic_label(topic),
                              str(count), end_section=i == len(ranked) - 1)
        console.print()
        console.print(table)


def _messages(console: Console, title: str, messages: list[Message], intent_header: str,
              guess: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from genoptraening.ops.review import municipality_name, repeated

    if not messages:
        console.print(f"\n{title}: ingen.")
        return
    groups = repeated(messages)
    table = Table(title=f"{title} ({len(messages)})", title_justify="left")
    table.add_column("Besked", overflow="fold", min_width=20)
    table.add_column("Antal", justify="right")
    table.add_column(intent_header, overflow="fold", min_width=12)
    table.add_column("Sikkerhed", justify="right")
    table.add_column("Kommune", min_width=9)
    for group in groups[:SHOWN]:
        m = group.last
        intent = (m.guess if guess else m.intent) or "–"
        where = ", ".join(municipality_name(slug) for slug in group.municipalities)
        # Text() so that a citizen's "[...]" is printed, not read as rich markup.
        table.add_row(Text(group.text), str(group.count), intent, _num(m.confidence, 2), where)
    console.print()
    console.print(table)
    if len(groups) > SHOWN:
        console.print(f"… og {len(groups) - SHOWN} andre beskeder. Alle kommer med i --export.")


def _time(timestamp: float) -> str:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from genoptraening.settings import get_settings

    zone = ZoneInfo(get_settings().timezone)
    return dt.datetime.fromtimestamp(timestamp, zone).strftime("%d.%m.%Y %H:%M")


def _num(value: float, decimals: int | None = None) -> str:
    """Danish number: "0,5", "30", "0,45"."""
    text = f"{value:.{decimals}f}" if decimals is not None else f"{value:g}"
    return text.replace(".", ",")

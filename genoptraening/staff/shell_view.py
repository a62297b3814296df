"""What the staff shell prints: rich tables in a terminal, plain lines when scripted.

Both views show the same content with the same Danish labels; the plain one has no colours
or boxes, so a piped transcript can be read, diffed and searched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from genoptraening.core.privacy import mask_cpr
from genoptraening.staff.answered import answered, passages
from genoptraening.staff.assistant import StaffReply, StaffTurn

if TYPE_CHECKING:
    from genoptraening.staff.check import CaseResult

#: The labels of the details under each answer, in the order shown.
LABELS = ("Hensigt", "Sikkerhed", "Alternativer", "Entiteter", "Slots", "Handling", "Fakta",
          "Kilde")
NONE = "—"


@dataclass
class Compared:
    """One municipality's answer on a topic, for ``/sammenlign``."""

    municipality: str
    text: str
    sources: list[str] = field(default_factory=list)
    silent: bool = False  # the standard says nothing on the topic
    general: bool = False  # so the general rule of the law is given


def percent(value: float) -> str:
    """Format a confidence the Danish way: ``0.992`` → "99 %", ``0.0036`` → "0,4 %"."""
    share = value * 100
    text = f"{share:.0f}" if share >= 10 or share == 0 else f"{share:.1f}".replace(".", ",")
    return f"{text} %"


def _plain_source(text: str) -> str:
    return text.removeprefix("Kilde:").strip()


def _value(value: Any) -> str:
    return mask_cpr(NONE if value is None else str(value))


def citations(turn: StaffTurn) -> list[dict[str, Any]]:
    """Return the distinct citations behind a turn's answer (section, quote, file or law)."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for group in turn.facts:
        for source in group.get("sources") or []:
            key = (source.get("text"), source.get("quote"), source.get("law"))
            seen.setdefault(key, source)
    return list(seen.values())


def source_names(turn: StaffTurn) -> list[str]:
    """Name each source of a turn once: the standard and section with its file, or the law."""
    names, cited = [], set()
    for source in citations(turn):
        name = _plain_source(str(source.get("text", "")))
        cited.add(name)
        if source.get("file") and not source.get("general"):
            name += f" ({source['file']})"
        names.append(name)
    # A reply not built from the topic's facts (a law, "Mente du …?") may still cite a source.
    names += [n for n in map(_plain_source, turn.sources) if n not in cited]
    return list(dict.fromkeys(n for n in names if n))


def facts_text(turn: StaffTurn) -> str:
    """Describe the knowledge-base facts behind a turn, one line per fact."""
    from genoptraening.core.knowledge.schema import Facts
    from genoptraening.core.render import topic_labels
    from genoptraening.staff.kb_show import facts_lines

    lines, labels = [], topic_labels()
    for group in turn.facts:
        topic = str(group.get("topic", ""))
        label = labels.get(topic, topic) + (" (generel regel)" if group.get("general") else "")
        try:
            found = [line.strip() for line in facts_lines(Facts.parse_obj(group.get("facts")))]
        except ValueError:  # not the schema's shape: show it as it is rather than fail
            found = [f"{k}: {v}" for k, v in (group.get("facts") or {}).items() if v]
        lines.append(f"{label}: " + ("; ".join(found) if found else "kun svarteksten"))
    return "\n".join(dict.fromkeys(lines))


def details(turn: StaffTurn) -> list[tuple[str, str]]:
    """Return the labelled details shown under an answer (see ``LABELS``)."""
    rows = [
        turn.intent or NONE,
        percent(turn.confidence) if turn.intent else NONE,
        "; ".join(f"{name} {percent(c)}" for name, c in turn.candidates) or NONE,
        ", ".join(f"{e} = {_value(v)}" for e, v in turn.entities) or NONE,
        ", ".join(f"{k} = {_value(v)}" for k, v in turn.slots.items()) or NONE,
        ", ".join(turn.actions) or NONE,
        facts_text(turn) or NONE,
        "\n".join(source_names(turn)) or NONE,
    ]
    return list(zip(LABELS, rows, strict=True))


def reply_lines(reply: StaffReply) -> list[str]:
    """Return a reply's text and its buttons as the citizen sees them."""
    lines = [reply.text]
    buttons = [str(b.get("title", "")) for b in reply.buttons]
    if buttons:
        lines.append("Knapper: " + " · ".join(f"[{b}]" for b in buttons))
    return [line for line in lines if line]



def problems(result: CaseResult) -> str:
    """Say what was wrong with an answer check, or "" when it passed."""
    parts = [result.error] if result.error else []
    if result.missing:
        parts.append("mangler: " + ", ".join(f"»{t}«" for t in result.missing))
    if result.forbidden:
        parts.append("må ikke stå der: " + ", ".join(f"»{t}«" for t in result.forbidden))
    return "; ".join(parts)


def failure_detail(result: CaseResult) -> str:
    """Show how the last question of a failed check was understood and answered."""
    case = result.case
    heading = (f"{case.name} ({case.file.name}, linje {case.line}) — svaret på "
               f"»{mask_cpr(case.questions[-1])}« (Hensigt {result.intent or 'ukendt'}, "
               f"Sikkerhed {percent(result.confidence)}):")
    return heading + "\n" + ("\n".join(result.replies) or "(intet svar)")


def summary(results: list[CaseResult]) -> str:
    """Count passed and failed checks."""
    failed = sum(not r.passed for r in results)
    return f"{len(results) - failed} bestået, {failed} fejlet"


def _compared_status(row: Compared) -> str:
    if row.silent and row.general:
        return "Standarden er tavs om emnet – den generelle regel gælder."
    if row.silent:
        return "Standarden er tavs om emnet, og der er ingen generel regel."
    return ""


class View:
    """Plain text output (scripted use, no terminal): no colours, no boxes."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def _print(self, text: str = "") -> None:
        print(text, file=self.stream, flush=True)

    def echo(self, line: str) -> None:
        """Repeat a piped input line, so the transcript shows what was asked."""
        self._print(f"> {mask_cpr(line)}")

    def info(self, text: str) -> None:
        """Print a message from the shell."""
        self._print(text)

    def warn(self, text: str) -> None:
        """Print a refusal or an error."""
        self._print(text)

    def block(self, text: str) -> None:
        """Print preformatted text (``/kb``, ``/test``) as it is."""
        self._print(text.rstrip("\n"))

    @contextlib.contextmanager
    def busy(self, text: str) -> Iterator[None]:
        """Show that something is under way (nothing in plain text)."""
        yield

    def turn(self, turn: StaffTurn) -> None:
        """Print the assistant's replies and, under them, why it answered so."""
        for reply in turn.answers:
            lines = reply_lines(reply)
            if lines:
                self._print("Assistent: " + "\n  ".join("\n".join(lines).splitlines()))
            if answered(reply):
                self._print(f"  Svaret: {answered(reply)}")
        for label, value in details(turn):
            self._print(f"  {label}: " + "\n    ".join(value.splitlines()))
        self._print()

    def sources(self, turn: StaffTurn) -> None:
        """Print the full source of an answer: each citation with section and quote."""
        self._print(f"Kilde til svaret på »{mask_cpr(turn.message)}«:")
        found = citations(turn)
        heading = None
        for source in found:  # grouped by source line: its law, file and section once
            if source.get("text") != heading:
                heading = source.get("text")
                self._print(f"  {_plain_source(str(heading or ''))}")
                for label, key in (("Lov", "law"), ("Fil", "file"), ("Afsnit", "section")):
                    if source.get(key):
                        self._print(f"    {label}: {source[key]}")
            if source.get("quote"):
                self._print(f"    Citat: »{source['quote']}«")
        for where, passage, value in passages(turn):
            self._print(f"  Afsnit fundet i standarden: {where or NONE}"
                        + (f" (score {value})" if value else ""))
            if passage.get("section"):
                self._print(f"    Afsnit: {passage['section']}")
            self._print(f"    Citat: »{passage['text']}«")
        if not found and not passages(turn):
            names = source_names(turn)
            self._print("  " + ("\n  ".join(names) if names else
                                "Svaret bygger ikke på vidensbasen og har ingen kilde."))
        self._print()

    def compare(self, title: str, rows: list[Compared]) -> None:
        """Print one topic for every municipality on file."""
        self._print(f"Sammenligning: {title}")
        for row in rows:
            self._print(f"\n== {row.municipality}")
            status = _compared_status(row)
            if status:
                self._print(f"  ({status})")
            self._print(row.text)
            for source in row.sources:
                self._print(f"  Kilde: {_plain_source(source)}")
        self._print()

    def checks(self, results: list[CaseResult]) -> None:
        """Print the outcome of answer checks: one line per case, then the failures."""
        for result in results:
            status = "bestået" if result.passed else "FEJLET "
            wrong = problems(result)
            self._print(f"  {status} {result.case.name} ({result.case.file.stem})"
                        + (f" — {wrong}" if wrong else ""))
        for result in results:
            if not result.passed and not result.error:
                self._print("\n" + failure_detail(result))
        self._print(summary(results))
        self._print()

    def help(self, commands: list[tuple[str, str]]) -> None:
        """Print the commands with what they do."""
        self._print("Skriv en besked som borger, eller en kommando:")
        width = max(len(usage) for usage, _ in commands)
        for usage, text in commands:
            self._print(f"  {usage.ljust(width)}  {text}")
        self._print()


class RichView(View):
    """Output in a terminal: the answer in a panel, the details in a compact table."""

    def __init__(self, console: Any):
        from rich.console import Console

        self.console: Console = console
        super().__init__(console.file)

    def echo(self, line: str) -> None:
        """Do nothing: in a terminal the prompt already shows the line."""

    def info(self, text: str) -> None:
        """Print a message from the shell, dimmed."""
        self.console.print(text, style="dim", markup=False, highlight=False)

    def warn(self, text: str) -> None:
        """Print a refusal or an error in yellow."""
        self.console.print(text, style="yellow", markup=False, highlight=False)

    def block(self, text: str) -> None:
        """Print preformatted text as it is."""
        self.console.print(text.rstrip("\n"), markup=False, highlight=False)

    @contextlib.contextmanager
    def busy(self, text: str) -> Iterator[None]:
        """Show a spinner while the assistant thinks."""
        with self.console.status(text):
            yield

    def turn(self, turn: StaffTurn) -> None:
        """Print the replies in a panel and the details in a table under it."""
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        answer = Text()
        for reply in turn.answers:
            for line in "\n".join(reply_lines(reply)).splitlines():
                answer.append(line + "\n",
                              style="dim" if line.startswith(("Kilde:", "Knapper:")) else "")
            if answered(reply):
                answer.append(f"Svaret: {answered(reply)}\n", style="italic cyan")
            answer.append("\n")
        answer.rstrip()
        self.console.print(Panel(answer or Text("(intet svar)"), title="Assistenten",
                                 title_align="left", border_style="cyan"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for label, value in details(turn):
            table.add_row(label, Text(value, style="dim" if value == NONE else ""))
        self.console.print(table)
        self.console.print()

    def sources(self, turn: StaffTurn) -> None:
        """Print every citation of the last answer with its section and quote."""
        from rich.table import Table
        from rich.text import Text

        found = citations(turn)
        if not found and not passages(turn):
            super().sources(turn)
            return
        table = Table(title=f"Kilde til svaret på »{mask_cpr(turn.message)}«", title_justify="left",
                      show_lines=True, expand=True)
        table.add_column("Kilde", ratio=2)
        table.add_column("Afsnit", ratio=1)
        table.add_column("Citat", ratio=3)
        for source in found:
            where = _plain_source(str(source.get("text", "")))
            if source.get("file"):
                where += f"\nFil: {source['file']}"
            # Text, not str: rich would read brackets in a quote as markup.
            table.add_row(Text(where), Text(str(source.get("section") or source.get("law")
                                                or NONE)),
                          Text(f"»{source['quote']}«" if source.get("quote") else NONE))
        for where, passage, value in passages(turn):
            table.add_row(Text(f"Afsnit fundet i standarden: {where or NONE}"
                               + (f"\nscore {value}" if value else "")),
                          Text(str(passage.get("section") or NONE)), Text(f"»{passage['text']}«"))
        self.console.print(table)

    def compare(self, title: str, rows: list[Compared]) -> None:
        """Print one row per municipality: the answer and its source side by side."""
        from rich.table import Table
        from rich.text import Text

        table = Table(title=f"Sammenligning: {title}", title_justify="left", show_lines=True,
                      expand=True)
        table.add_column("Kommune", no_wrap=True, style="bold")
        table.add_column("Svar og kilde")
        for row in rows:
            text = Text()
            status = _compared_status(row)
            if status:
                text.append(status + "\n\n", style="yellow")
            text.append(row.text)
            for source in row.sources:
                text.append(f"\nKilde: {_plain_source(source)}", style="dim")
            table.add_row(Text(row.municipality), text)
        self.console.print(table)

    def checks(self, results: list[CaseResult]) -> None:
        """Print the outcome of answer checks in a table, then the failed answers."""
        from rich.table import Table
        from rich.text import Text

        table = Table(title="Svartjek", title_justify="left")
        for column in ("Tilfælde", "Kommune", "Resultat", "Hvad var galt"):
            table.add_column(column)
        for result in results:
            case = result.case
            table.add_row(Text(f"{case.name} ({case.file.stem})"), Text(case.municipality or NONE),
                          Text("bestået", style="green") if result.passed else
                          Text("FEJLET", style="bold red"), Text(problems(result)))
        self.console.print(table)
        for result in results:
            if not result.passed and not result.error:
                heading, _, replies = failure_detail(result).partition("\n")
                self.console.print(Text("\n" + heading, style="bold"))
                self.console.print(Text(replies))
        self.console.print(Text(summary(results), style="bold"))
        self.console.print()

    def help(self, commands: list[tuple[str, str]]) -> None:
        """Print the commands in a table."""
        from rich.table import Table
        from rich.text import Text

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for usage, text in commands:
            table.add_row(Text(usage), Text(text))  # "[EMNE]" is not markup
        self.console.print("Skriv en besked som borger, eller en kommando:")
        self.console.print(table)
        self.console.print()

"""``genoptraening shell``: staff chat with the assistant as a citizen and see why it answers.

Every message goes through the REST channel with the chosen municipality as metadata, as a
widget on the municipality's website would send it; under each answer the shell shows the
intent, entities, slots, action and knowledge-base facts behind it. Commands start with "/".

The assistant is reached only when a message needs it, so the knowledge commands
(``/kommune``, ``/sammenlign``, ``/kb``) work — and are tested — without a Rasa server.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import sys
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol, cast

import httpx

from genoptraening.core.register import Municipality, get_register
from genoptraening.core.text import skeleton
from genoptraening.staff.assistant import StaffTurn
from genoptraening.staff.shell_view import Compared, View

if TYPE_CHECKING:
    from genoptraening.staff.assistant import AssistantClient


class Client(Protocol):
    """What the shell needs of ``AssistantClient`` (a stand-in in the tests)."""

    rasa_url: str
    sender: str  # the conversation's id

    def say(self, message: str, municipality: str | None = None) -> StaffTurn:
        """Send one message as the citizen."""

    def new_conversation(self) -> str:
        """Start a new conversation."""


Connect = Callable[[], AbstractContextManager[Client]]


@dataclass(frozen=True)
class Command:
    """A parsed command line: ``/kb hjørring kontakt`` → ``Command("kb", "hjørring kontakt")``."""

    name: str
    argument: str


#: Command → (argument, what it does); the order of the help text.
COMMANDS: dict[str, tuple[str, str]] = {
    "kommune": ("NAVN", "chat som borger i kommunen (starter en ny samtale)"),
    "ny": ("", "start en ny samtale"),
    "kilde": ("", "vis den fulde kilde til det seneste svar: afsnit og citat"),
    "sammenlign": ("EMNE", "vis et emne side om side for alle kommuner med standard"),
    "kb": ("NAVN [EMNE]", "vis hvad vidensbasen ved om en kommune (som »kb show«)"),
    "test": ("[FIL]", "kør svartests mod assistenten"),
    "hjælp": ("", "vis denne hjælp"),
    "afslut": ("", "afslut (eller Ctrl-D)"),
}
#: Other spellings accepted for a command (without æ/ø/å, or in English).
ALIASES = {"hjaelp": "hjælp", "help": "hjælp", "?": "hjælp", "exit": "afslut", "quit": "afslut"}


def parse_command(line: str) -> Command | None:
    """Parse a line starting with "/" into a command; None for a citizen's message."""
    line = line.strip()
    if not line.startswith("/") or line == "/":
        return None
    name, _, argument = line[1:].partition(" ")
    name = name.lower()
    return Command(ALIASES.get(name, name), argument.strip())


def help_rows() -> list[tuple[str, str]]:
    """Return the commands' usage lines with what they do."""
    return [(f"/{name} {arg}".rstrip(), text) for name, (arg, text) in COMMANDS.items()]


def compare(topic: str) -> list[Compared]:
    """Answer ``topic`` for every municipality with a standard on file, as citizens get it."""
    from genoptraening.core.knowledge.loader import get_knowledge_base
    from genoptraening.core.render import answer_topic

    kb = get_knowledge_base()
    rows = []
    for municipality in get_register().with_standard():
        answer = answer_topic(kb, municipality, topic)
        rows.append(Compared(
            municipality=municipality.official, text=answer.text,
            sources=list(dict.fromkeys(c.text for c in answer.citations)),
            silent=answer.general or not answer.entries, general=answer.general))
    return rows


def kb_show(argument: str) -> tuple[int, str]:
    """Run ``genoptraening kb show`` on "NAVN [EMNE]"; return its exit code and output."""
    from genoptraening.staff.kb_show import show

    words = argument.split()
    name, topic = argument, None
    # The longest leading words that are exactly a name are the municipality; the rest is
    # the topic, known or not ("kb show" lists the topics when it is not).
    for split in range(len(words), 0, -1):
        head = " ".join(words[:split])
        match = get_register().find(head, whole=True)
        if match is not None and skeleton(match.matched) == skeleton(head):
            name, topic = head, " ".join(words[split:]) or None
            break
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = show(name, topic)
    return code, out.getvalue()


class Shell:
    """The shell's state and commands; lines come from outside (a prompt or a pipe)."""

    def __init__(self, view: View, connect: Connect):
        """Set up a shell.

        Args:
            view: Where output goes.
            connect: Returns a context manager yielding a client of the assistant; entered
                the first time a message or ``/test`` needs the assistant.

        """
        self.view = view
        self.connect = connect
        self.municipality: Municipality | None = None
        self.last: StaffTurn | None = None
        self.failed = False  # a turn or a test failed: a script exits 1
        self._client: Client | None = None
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Shell:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the assistant if the shell started it."""
        self._stack.close()
        self._client = None

    @property
    def prompt(self) -> str:
        """The prompt: who the staff member is chatting as."""
        where = self.municipality.name if self.municipality else "ingen kommune"
        return f"borger ({where}) › "

    def run(self, lines: Iterable[str], echo: bool = False) -> int:
        """Handle lines until ``/afslut`` or their end; return the exit code."""
        for line in lines:
            if echo and line.strip():
                self.view.echo(line)
            try:
                if not self.handle(line):
                    break
            except KeyboardInterrupt:
                self.view.warn("Afbrudt.")
        return 1 if self.failed else 0

    def handle(self, line: str) -> bool:
        """Handle one line; return False when the shell should end."""
        line = line.strip()
        if not line:
            return True
        command = parse_command(line)
        if command is None:
            self.chat(line)
            return True
        if command.name == "afslut":
            return False
        handlers: dict[str, Callable[[str], object]] = {
            "kommune": self.choose_municipality, "ny": self.new_conversation,
            "kilde": self.show_sources, "sammenlign": self.compare, "kb": self.show_kb,
            "test": self.run_tests, "hjælp": self.help,
        }
        handler = handlers.get(command.name)
        if handler is None:
            self.unknown(command.name)
        else:
            handler(command.argument)
        return True

    # -- commands ---------------------------------------------------------------------------

    def choose_municipality(self, argument: str) -> bool:
        """``/kommune NAVN``: chat as a citizen there; refuse anything not a municipality."""
        if not argument:
            current = self.municipality.official if self.municipality else "ingen valgt"
            names = ", ".join(m.name for m in get_register().with_standard())
            self.view.info(f"Kommune: {current}. Skriv /kommune NAVN for at skifte. "
                           f"Kommuner med kvalitetsstandard: {names}.")
            return True
        match = get_register().find(argument, whole=True)
        if match is None:
            self.view.warn(f"»{argument}« er ikke en dansk kommune. Skriv fx /kommune Hjørring.")
            return False
        found = match.municipality
        town = f"{match.matched} ligger i {found.official}. " if match.via_town else ""
        changed = found != self.municipality
        self.municipality = found
        if changed and self.last is not None:
            # The conversation keeps the municipality it has; a new citizen needs a new one.
            self._restart()
            town += "Ny samtale. "
        standard = ("" if found.has_standard else
                    " Der er ingen kvalitetsstandard på fil, så assistenten giver de generelle "
                    "regler.")
        self.view.info(f"{town}Du skriver nu som borger i {found.official}.{standard}")
        return True

    def new_conversation(self, argument: str = "") -> None:
        """``/ny``: forget the conversation; the next message starts a new one."""
        self._restart()
        self.view.info("Ny samtale startet.")

    def show_sources(self, argument: str = "") -> None:
        """``/kilde``: the full source of the last answer."""
        if self.last is None:
            self.view.warn("Der er ikke noget svar endnu. Skriv et spørgsmål først.")
            return
        self.view.sources(self.last)

    def compare(self, argument: str) -> None:
        """``/sammenlign EMNE``: one topic side by side for every municipality on file."""
        from genoptraening.core.knowledge.schema import TOPICS
        from genoptraening.core.render import topic_label
        from genoptraening.staff.kb_show import resolve_topic

        topic = resolve_topic(argument) if argument else None
        if topic is None:
            said = f"Ukendt emne »{argument}«. " if argument else "Skriv et emne. "
            self.view.warn(f"{said}Emner: {', '.join(TOPICS)}.")
            return
        self.view.compare(f"{topic_label(topic)} ({topic})", compare(topic))

    def show_kb(self, argument: str) -> None:
        """``/kb NAVN [EMNE]``: what ``genoptraening kb show`` prints."""
        if not argument:
            self.view.warn("Skriv en kommune, fx /kb Hjørring eller /kb Lejre transport.")
            return
        code, text = kb_show(argument)
        (self.view.block if code == 0 else self.view.warn)(text)

    def run_tests(self, argument: str) -> None:
        """``/test [FIL]``: run answer checks (``genoptraening check``) against the assistant.

        FIL may be a path or the name of a file in tests/answers ("lejre"); without it, all.
        """
        from genoptraening.settings import get_settings
        from genoptraening.staff.check import (
            CaseFileError,
            default_files,
            load_files,
            run_case,
        )

        files = default_files()
        if argument:
            path = Path(argument).expanduser()
            answers = get_settings().answers_dir
            shipped = answers / f"{argument.removesuffix('.yml')}.yml" if answers else path
            files = [shipped if not path.exists() and shipped.exists() else path]
        try:
            cases = load_files(files)
        except CaseFileError as exc:
            self.failed = True
            self.view.warn("\n".join(f"FEJL {problem}" for problem in exc.problems))
            return
        client = self._connected()
        if client is None:
            return
        sender = client.sender
        try:
            with self.view.busy(f"Kører {len(cases)} tilfælde …"):
                # run_case needs only say() and new_conversation(), which Client has.
                results = [run_case(cast("AssistantClient", client), case) for case in cases]
        finally:
            client.sender = sender  # back to the staff member's own conversation
        self.view.checks(results)
        if not all(r.passed for r in results):
            self.failed = True

    def help(self, argument: str = "") -> None:
        """``/hjælp``: the commands."""
        self.view.help(help_rows())

    def unknown(self, name: str) -> None:
        """Say that a command is unknown, with the nearest known one."""
        near = difflib.get_close_matches(name, [*COMMANDS, *ALIASES], n=1)
        hint = f" Mente du /{ALIASES.get(near[0], near[0])}?" if near else ""
        self.view.warn(f"Ukendt kommando »/{name}«.{hint} Skriv /hjælp for at se kommandoerne.")

    # -- the conversation -------------------------------------------------------------------

    def chat(self, message: str) -> None:
        """Send a citizen's message and show the answer with why it was given."""
        client = self._connected()
        if client is None:
            return
        try:
            with self.view.busy("Assistenten svarer …"):
                turn = client.say(message, self.municipality.name if self.municipality else None)
        except httpx.HTTPError as exc:
            self.failed = True
            self.view.warn(f"Assistenten svarede ikke ({_reason(exc)}).")
            return
        self.last = turn
        self.view.turn(turn)

    def _restart(self) -> None:
        self.last = None
        if self._client is not None:
            self._client.new_conversation()

    def _connected(self) -> Client | None:
        if self._client is not None:
            return self._client
        try:
            with self.view.busy("Forbinder til assistenten (starter den, hvis den ikke kører) …"):
                self._client = self._stack.enter_context(self.connect())
        except (RuntimeError, OSError, httpx.HTTPError) as exc:
            self.failed = True
            reason = _reason(exc) if isinstance(exc, httpx.HTTPError) else str(exc)
            self.view.warn(f"Kunne ikke nå eller starte assistenten: {reason}")
            return None
        return self._client


def _reason(exc: httpx.HTTPError) -> str:
    # Not str(exc): httpx puts the URL in it, and the HTTP API's URL carries the token.
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code} {exc.response.reason_phrase}"
    return f"{exc.__class__.__name__}: {exc}"


def main(kommune: str | None = None, rasa_url: str | None = None,
         stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """Run the shell: interactive in a terminal, line by line from a pipe; return the exit code."""
    from genoptraening.settings import get_settings
    from genoptraening.staff.assistant import assistant
    from genoptraening.staff.shell_input import piped_lines, prompt_lines

    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    interactive = stdin.isatty() and stdout.isatty()
    if interactive:
        from rich.console import Console

        from genoptraening.staff.shell_view import RichView

        view: View = RichView(Console(file=stdout))
    else:
        view = View(stdout)
    with Shell(view, lambda: assistant(rasa_url)) as shell:
        if kommune and not shell.choose_municipality(kommune):
            return 2
        view.info("Genoptræningsguiden for personale. Skriv som en borger, eller /hjælp.")
        if not interactive:
            return shell.run(piped_lines(stdin), echo=True)
        history = get_settings().data_dir / "shell-history"
        lines = prompt_lines(lambda: shell.prompt, COMMANDS, get_register(), history)
        code = shell.run(lines)
        view.info("Farvel.")
        return code

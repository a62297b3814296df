"""Where the staff shell's lines come from: prompt_toolkit in a terminal, stdin when piped.

In a terminal the prompt keeps a history in the data folder (with CPR numbers masked, as it
is a file on disk) and completes commands, municipality names (``/kommune Hjø<Tab>``) and
topics. prompt_toolkit is imported only here, and only for an interactive session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from genoptraening.core.register import Register
from genoptraening.core.render import topic_labels
from genoptraening.core.text import skeleton

if TYPE_CHECKING:
    from prompt_toolkit.completion import CompleteEvent, Completion
    from prompt_toolkit.document import Document

#: Commands whose argument is a municipality; ``/kb`` takes a topic after it.
_MUNICIPALITY_COMMANDS = ("kommune", "kb")


def piped_lines(stream: IO[str]) -> Iterator[str]:
    """Yield the lines of a non-interactive input until its end."""
    for line in stream:
        yield line.rstrip("\r\n")


def municipality_names(register: Register, typed: str) -> list[str]:
    """Return the municipality names starting with ``typed`` (æ/ø/å and ae/oe/aa alike)."""
    key = skeleton(typed)
    return [m.name for m in register.municipalities if skeleton(m.name).startswith(key)]


def topic_names(typed: str) -> list[tuple[str, str]]:
    """Return the topics (id, Danish label) whose id or label starts with ``typed``."""
    wanted = typed.strip().lower()
    return [(topic, label) for topic, label in topic_labels().items()
            if topic.startswith(wanted) or label.lower().startswith(wanted)]


def completions(
    line: str, commands: Iterable[str], register: Register
) -> list[tuple[str, str, int]]:
    """Complete the text before the cursor.

    Args:
        line: The text before the cursor.
        commands: The command names (without "/").
        register: The municipality register.

    Returns:
        (text, description, length) triples: the completion replaces the last ``length``
        characters — the command, the topic word, or all after the command for a
        municipality name.

    """
    if not line.startswith("/"):
        return []  # a citizen's message: nothing to complete
    name, space, rest = line[1:].partition(" ")
    if not space:
        return [(f"/{c}", "", len(line)) for c in commands if c.startswith(name.lower())]
    if name in _MUNICIPALITY_COMMANDS:
        head, _, last = rest.rpartition(" ")
        if name == "kb" and head and register.lookup(head):
            return [(t, label, len(last)) for t, label in topic_names(last)]
        return [(n, "", len(rest)) for n in municipality_names(register, rest)]
    if name == "sammenlign":
        return [(t, label, len(rest)) for t, label in topic_names(rest)]
    return []


def _completer(commands: Iterable[str], register: Register) -> Any:
    from prompt_toolkit.completion import Completer, Completion, PathCompleter
    from prompt_toolkit.document import Document

    names = list(commands)
    paths = PathCompleter(expanduser=True)

    class ShellCompleter(Completer):
        def get_completions(
            self, document: Document, complete_event: CompleteEvent
        ) -> Iterator[Completion]:
            line = document.text_before_cursor
            if line.startswith("/test "):
                inner = Document(line[len("/test "):])
                yield from paths.get_completions(inner, complete_event)
                return
            for text, meta, length in completions(line, names, register):
                yield Completion(text, start_position=-length, display_meta=meta)

    return ShellCompleter()


def _history(path: Path) -> Any:
    from prompt_toolkit.history import FileHistory

    from genoptraening.core.privacy import mask_cpr

    class MaskedHistory(FileHistory):
        """A history file that never stores a CPR number."""

        def store_string(self, string: str) -> None:
            super().store_string(mask_cpr(string))

    path.parent.mkdir(parents=True, exist_ok=True)
    return MaskedHistory(str(path))


def prompt_lines(
    message: Callable[[], str], commands: Iterable[str], register: Register, history: Path
) -> Iterator[str]:
    """Yield lines typed at an interactive prompt; stop at Ctrl-D.

    Ctrl-C clears the line being typed instead of leaving the shell.
    """
    from prompt_toolkit import PromptSession

    session: PromptSession[str] = PromptSession(
        history=_history(history), completer=_completer(commands, register),
        complete_while_typing=True)
    while True:
        try:
            yield session.prompt(message)
        except KeyboardInterrupt:
            continue
        except EOFError:
            return

"""``genoptraening ask`` and ``check``: talk to the assistant as staff, and run answer checks."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from rich.console import Console

    from genoptraening.staff.assistant import StaffTurn
    from genoptraening.staff.check import CaseResult

T = TypeVar("T")
#: Width of tables written to a file or a pipe (a terminal uses its own width).
_PIPE_WIDTH = 160


def register(commands: Any) -> None:
    """Add the ``ask`` and ``check`` commands to the top-level parser."""
    ask = commands.add_parser(
        "ask", help="stil assistenten spørgsmål og se svarene (og hvorfor)",
        description="Stil assistenten et eller flere spørgsmål i én samtale. Hver besked er "
                    "en tur. Bruger den kørende assistent, ellers startes en midlertidigt.")
    ask.add_argument("beskeder", nargs="+", metavar="BESKED", help="borgerens besked")
    ask.add_argument("--kommune", help="kommunen, som en widget på kommunens hjemmeside sender")
    ask.add_argument("--json", action="store_true",
                     help="skriv alt som JSON: svar, intent, sikkerhed, kilder, fakta …")
    ask.add_argument("--rasa-url", help="assistentens adresse (standard: indstillingen)")
    ask.set_defaults(handler=run_ask)

    check = commands.add_parser(
        "check", help="kør svartjekkene i tests/answers mod assistenten",
        description="Stil hvert tilfælde i tjekfilerne til assistenten i en ny samtale og tjek "
                    "svaret på det sidste spørgsmål. Afslutter med kode 1, hvis et tilfælde "
                    "fejler, og 2, hvis en fil er i stykker.")
    check.add_argument("filer", nargs="*", type=Path, metavar="FIL",
                       help="tjekfiler eller mapper (standard: tests/answers/*.yml)")
    check.add_argument("--rasa-url", help="assistentens adresse (standard: indstillingen)")
    check.set_defaults(handler=run_check)


def _say_if_starting(rasa_url: str | None) -> None:
    """Tell staff why nothing happens for a while when the assistant has to be started."""
    from genoptraening.settings import get_settings
    from genoptraening.staff.assistant import is_up

    if not is_up(rasa_url or get_settings().rasa_url):
        print("Assistenten kører ikke. Starter den til denne kommando (det kan tage et par "
              "minutter) …", file=sys.stderr, flush=True)


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send what training and starting print to stderr, so stdout holds only our output."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)  # file descriptors: the `rasa train` subprocess inherits them
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _enter(stack: contextlib.ExitStack, manager: contextlib.AbstractContextManager[T]) -> T:
    """Enter a context (starting the assistant if needed) with stdout kept clean."""
    with _stdout_to_stderr():
        return stack.enter_context(manager)


# --- ask ------------------------------------------------------------------------------------


def run_ask(args: argparse.Namespace) -> int:
    """Send the messages as one conversation; print the replies (or everything as JSON)."""
    import httpx

    from genoptraening.core.register import get_register
    from genoptraening.staff.assistant import assistant

    municipality = None
    if args.kommune is not None:
        found = get_register().lookup(args.kommune)
        if found is None:
            print(f"Kender ikke kommunen »{args.kommune}«. Skriv fx »Hjørring« eller »Lejre«.",
                  file=sys.stderr)
            return 2
        municipality = found.name
    turns: list[StaffTurn] = []
    _say_if_starting(args.rasa_url)
    try:
        with contextlib.ExitStack() as stack:
            client = _enter(stack, assistant(args.rasa_url))
            for message in args.beskeder:
                turn = client.say(message, municipality)
                turns.append(turn)
                if not args.json:
                    _print_turn(turn)
    except httpx.HTTPError as exc:
        print(f"Assistenten svarede ikke: {exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:  # the assistant could not be started
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(_as_json(turns, municipality), ensure_ascii=False, indent=2))
    return 0


def _print_turn(turn: StaffTurn) -> None:
    from genoptraening.core.privacy import mask_cpr

    print(f"Du: {mask_cpr(turn.message)}")
    for reply in turn.replies:
        if reply.get("text"):
            print(f"Assistenten: {reply['text']}")
        buttons = [str(b.get("title", "")) for b in reply.get("buttons") or []]
        if buttons:
            print(f"  Knapper: {' | '.join(buttons)}")
    certainty = f"{round(turn.confidence * 100)} %"
    print(f"  (forstået som {turn.intent or 'ukendt'}, {certainty} sikker)\n", flush=True)


def _as_json(turns: list[StaffTurn], municipality: str | None) -> dict[str, Any]:
    from genoptraening.core.privacy import mask_cpr

    data = []
    for turn in turns:
        item = turn.as_dict()
        item["message"] = mask_cpr(turn.message)  # a CPR number is never written out
        data.append(item)
    return {"kommune": municipality, "turns": data}


# --- check ----------------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    """Run every case against the assistant; print a table and a summary line."""
    import httpx

    from genoptraening.settings import get_settings
    from genoptraening.staff.assistant import assistant
    from genoptraening.staff.check import (
        CaseFileError,
        default_files,
        display_path,
        load_files,
        run_case,
    )

    files = list(args.filer) or default_files()
    if not files:
        answers_dir = get_settings().answers_dir
        if answers_dir is None:
            print("Der følger ingen svartjek med den installerede pakke. Angiv tjekfiler, eller "
                  "sæt GENOPTRAENING_ANSWERS_DIR til en mappe med tjekfiler.", file=sys.stderr)
        else:
            print(f"Fandt ingen tjekfiler i {display_path(answers_dir)}.", file=sys.stderr)
        return 2
    try:
        cases = load_files(files)
    except CaseFileError as exc:
        for problem in exc.problems:
            print(f"FEJL {problem}")
        print(f"{len(exc.problems)} problem(er) i tjekfilerne. Ret dem, og kør igen. "
              "Formatet står i docs/answer-checks.md.")
        return 2
    if not cases:
        print("Tjekfilerne indeholder ingen tilfælde.", file=sys.stderr)
        return 2
    console = _console()
    results: list[CaseResult] = []
    _say_if_starting(args.rasa_url)
    try:
        with contextlib.ExitStack() as stack:
            client = _enter(stack, assistant(args.rasa_url))
            stack.enter_context(console.status("Stiller spørgsmål …"))
            for case in cases:
                results.append(run_case(client, case))
    except (httpx.HTTPError, RuntimeError) as exc:
        print(f"Fejl: assistenten kunne ikke nås eller startes: {exc}", file=sys.stderr)
        return 1
    _print_results(console, results)
    failed = sum(not r.passed for r in results)
    console.print(f"{len(results) - failed} bestået, {failed} fejlet")
    return 1 if failed else 0


def _console() -> Console:
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:  # a file or a pipe: wide enough that names are not broken
        console = Console(highlight=False, width=_PIPE_WIDTH)
    return console


def _print_results(console: Console, results: list[CaseResult]) -> None:
    from rich.table import Table
    from rich.text import Text

    from genoptraening.core.privacy import mask_cpr

    table = Table(title="Svartjek", show_lines=False)
    table.add_column("Tilfælde")
    table.add_column("Kommune")
    table.add_column("Resultat")
    table.add_column("Hvad var galt")
    for result in results:
        case = result.case
        # Text objects: a case's own text is never read as rich markup.
        table.add_row(
            Text(f"{case.name} ({case.file.stem})"),
            Text(case.municipality or "–"),
            Text("bestået", style="green") if result.passed else Text("FEJLET", style="bold red"),
            Text(_problems(result)),
        )
    console.print(table)
    for result in results:
        if result.passed or result.error:
            continue
        console.print(Text(f"\n{result.case.name} ({result.case.file.name}, linje "
                           f"{result.case.line}) — svaret på »"
                           f"{mask_cpr(result.case.questions[-1])}« (forstået som "
                           f"{result.intent or 'ukendt'}, {round(result.confidence * 100)} % "
                           "sikker) var:", style="bold"))
        console.print(Text("\n".join(result.replies) or "(intet svar)"))
    console.print()


def _problems(result: CaseResult) -> str:
    parts = []
    if result.error:
        parts.append(result.error)
    if result.missing:
        parts.append("mangler: " + ", ".join(f"»{t}«" for t in result.missing))
    if result.forbidden:
        parts.append("må ikke stå der: " + ", ".join(f"»{t}«" for t in result.forbidden))
    return "; ".join(parts)

"""``genoptraening staff``: the staff console's accounts from the command line.

The first administrator is made here (``add-user NAME --role admin``); the password is read
without echo at a terminal, or as the first line of standard input in a script. There is no
default password anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path
from typing import Any

#: Who the audit log names for changes made here.
ACTOR = "kommandolinje"


def register(commands: Any) -> None:
    """Add the ``staff`` command group to the top-level parser."""
    staff = commands.add_parser(
        "staff", help="brugere af personalekonsollen (/staff/)",
        description="Opret, vis, ændr og slet brugere af personalekonsollen i browseren.")
    sub = staff.add_subparsers(dest="staff_command", metavar="HANDLING")
    sub.required = True
    roles = ["admin", "editor", "reader"]
    add = sub.add_parser("add-user", help="opret en bruger",
                         description="Opret en bruger. Adgangskoden læses uden ekko i en "
                                     "terminal, ellers som første linje af standard-input.")
    add.add_argument("name", metavar="NAVN")
    add.add_argument("--role", required=True, choices=roles,
                     help="admin: alle kommuner og brugere; editor: retter sine kommuner; "
                          "reader: ser alt og retter intet")
    add.add_argument("--kommune", action="append", default=[], metavar="NAVN",
                     help="en kommune, redaktøren må rette (kan gentages)")
    add.set_defaults(handler=add_user)
    change = sub.add_parser("set-role", help="skift en brugers rolle og kommuner")
    change.add_argument("name", metavar="NAVN")
    change.add_argument("--role", required=True, choices=roles)
    change.add_argument("--kommune", action="append", default=[], metavar="NAVN")
    change.set_defaults(handler=set_role)
    password = sub.add_parser("set-password", help="giv en bruger en ny adgangskode")
    password.add_argument("name", metavar="NAVN")
    password.set_defaults(handler=set_password)
    listing = sub.add_parser("list-users", help="vis brugerne")
    listing.set_defaults(handler=list_users)
    remove = sub.add_parser("remove-user", help="slet en bruger")
    remove.add_argument("name", metavar="NAVN")
    remove.set_defaults(handler=remove_user)
    export = sub.add_parser("export-examples",
                            help="skriv de træningseksempler, der er markeret i konsollen "
                                 "(Gennemgang), som Rasa NLU-data (data/nlu/-format)")
    export.add_argument("--out", metavar="FIL", type=Path,
                        help="skriv til filen (ellers til standard-output)")
    export.set_defaults(handler=export_examples)


def _accounts() -> Any:
    from genoptraening.ops.console.accounts import Accounts
    from genoptraening.ops.console.db import ConsoleDatabase
    from genoptraening.settings import get_settings

    return Accounts(ConsoleDatabase.from_settings(get_settings()))


def _slugs(names: list[str]) -> list[str]:
    from genoptraening.core.register import get_register
    from genoptraening.ops.console.texts import ConsoleRefusal

    slugs = []
    for name in names:
        found = get_register().lookup(name)
        if found is None:
            raise ConsoleRefusal("municipality_unknown", name=name)
        slugs.append(found.slug)
    return slugs


def _municipalities(slugs: tuple[str, ...] | list[str]) -> str:
    from genoptraening.core.register import get_register

    names = [found.name if (found := get_register().by_slug(s)) else s for s in slugs]
    return f": {', '.join(names)}" if names else ""


def read_password(username: str) -> str:
    """Read a new password: twice without echo at a terminal, else stdin's first line.

    Raises:
        ConsoleRefusal: when the two differ, or standard input holds nothing.

    """
    from genoptraening.ops.console.texts import ConsoleRefusal, text

    if sys.stdin.isatty():
        first = getpass.getpass(text("cli.password_prompt", username=username))
        if getpass.getpass(text("cli.password_again")) != first:
            raise ConsoleRefusal("password_mismatch")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ConsoleRefusal("cli.password_missing")
    return line


def _run(action: Any) -> int:
    from genoptraening.ops.console.db import ConsoleDatabaseError
    from genoptraening.ops.console.texts import ConsoleRefusal, text

    try:
        message = action()
    except ConsoleRefusal as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except ConsoleDatabaseError as exc:
        print(f"{text('database_down')} ({exc})", file=sys.stderr)
        return 1
    print(message)
    return 0


def add_user(args: argparse.Namespace) -> int:
    """Create an account; exit 1 with a Danish message when refused."""
    from genoptraening.ops.console.texts import text

    def act() -> str:
        slugs = _slugs(args.kommune)
        user = _accounts().add(args.name, args.role, slugs, read_password(args.name), ACTOR)
        return text("cli.added", username=user.username, role=text(f"roles.{user.role}"),
                    municipalities=_municipalities(user.municipalities))

    return _run(act)


def set_role(args: argparse.Namespace) -> int:
    """Change an account's role and municipalities."""
    from genoptraening.ops.console.texts import text

    def act() -> str:
        user = _accounts().update(args.name, args.role, _slugs(args.kommune), ACTOR)
        return text("cli.changed", username=user.username, role=text(f"roles.{user.role}"),
                    municipalities=_municipalities(user.municipalities))

    return _run(act)


def set_password(args: argparse.Namespace) -> int:
    """Give an account a new password (its sessions end)."""
    from genoptraening.ops.console.texts import text

    def act() -> str:
        from genoptraening.ops.console.texts import ConsoleRefusal

        accounts = _accounts()
        name = args.name.strip().lower()
        if accounts.find(name) is None:  # said before a password is asked for
            raise ConsoleRefusal("user_unknown", username=args.name)
        accounts.set_password(name, read_password(name), ACTOR)
        return text("cli.password_set", username=name)

    return _run(act)


def remove_user(args: argparse.Namespace) -> int:
    """Delete an account."""
    from genoptraening.ops.console.texts import text

    def act() -> str:
        _accounts().remove(args.name, ACTOR)
        return text("cli.removed", username=args.name.strip().lower())

    return _run(act)


def list_users(args: argparse.Namespace) -> int:
    """Print the accounts as a table."""
    from tabulate import tabulate

    from genoptraening.ops.console.texts import text, texts

    def act() -> str:
        users = _accounts().list()
        if not users:
            return text("cli.no_users")
        rows = [[u.username, text(f"roles.{u.role}"), _municipalities(u.municipalities)[2:],
                 time.strftime("%Y-%m-%d %H:%M", time.localtime(u.last_login))
                 if u.last_login else text("cli.never")] for u in users]
        return str(tabulate(rows, headers=texts()["cli"]["header"]))

    return _run(act)


def export_examples(args: argparse.Namespace) -> int:
    """Write the collected training examples as Rasa NLU YAML (to ``--out`` or stdout)."""
    from genoptraening.ops.console.db import ConsoleDatabase
    from genoptraening.ops.console.examples import Examples
    from genoptraening.ops.console.texts import text
    from genoptraening.settings import get_settings

    def act() -> str:
        body, count = Examples(ConsoleDatabase.from_settings(get_settings())).export()
        if args.out is None:
            return body.rstrip("\n")
        args.out.write_text(body, encoding="utf-8")
        return text("cli.examples_written", count=count, file=args.out)

    return _run(act)

"""Start Rasa's command line with this project's patches installed: the only way it starts Rasa.

Usage: ``python -m genoptraening.rasa_ext.launch <the arguments of the rasa command>``, e.g.
``run --model models --port 5005``, ``run actions --actions genoptraening.actions``,
``train …``, ``test core …``, ``data validate …``. The launcher

1. checks that the installed Rasa is a version the patches were written for (3.6.x) and
   refuses any other with a Danish message and exit code 2;
2. installs every patch (:func:`genoptraening.rasa_ext.patches.install_all`) — the action
   server (``run actions``) runs no Rasa core code, so it gets none; instead the action
   package is imported and warmed up there, before the server takes requests;
3. hands over to Rasa's own entry point (``rasa.__main__.main``) in the same process, with
   ``sys.argv`` as the ``rasa`` command would have it.

``genoptraening.ops.services``, the Makefile, ``tools/evaluation.py`` and the Docker files all
start Rasa this way, so the patches no longer depend on which components ``bot/config.yml``
happens to name.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from genoptraening.rasa_ext import patches

log = logging.getLogger(__name__)

#: Exit code for a Rasa version the patches were not written for.
EXIT_UNSUPPORTED = 2

#: Rasa's default action package (``rasa run actions`` without ``--actions``).
DEFAULT_ACTIONS = "actions"

#: The function an action package (or its ``actions`` module) may define to load what its
#: first request would otherwise wait for.
WARM_UP_HOOK = "warm_up"


def is_action_server(args: Sequence[str]) -> bool:
    """Return whether the arguments start Rasa's action server (``run actions``)."""
    words = [a for a in args if not a.startswith("-")]
    return words[:2] == ["run", "actions"]


def action_package(args: Sequence[str]) -> str:
    """Return the package named by ``--actions``/``-a`` (Rasa's default when absent)."""
    for index, arg in enumerate(args):
        if arg in ("--actions", "-a") and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--actions="):
            return arg.split("=", 1)[1]
    return DEFAULT_ACTIONS


def warm_up_actions(package: str) -> bool:
    """Import the action package and call its warm-up hook, if it has one.

    The hook is looked up on the package, then on its ``actions`` module (Rasa's layout
    ``actions/actions.py``). Without this the actions load what they need at the first
    request instead (they do so lazily), so a failing warm-up is logged, never fatal.

    Returns:
        Whether a hook ran.

    """
    for name in (package, f"{package}.actions"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue  # rasa_sdk reports a missing package itself
        hook: Callable[[], object] | None = getattr(module, WARM_UP_HOOK, None)
        if callable(hook):
            try:
                hook()
            except Exception:  # noqa: BLE001 - the first request loads it again
                log.exception("warming up the actions failed; they load at the first request")
                return False
            return True
    return False


def prepare(args: Sequence[str], version: str | None = None) -> int | None:
    """Check Rasa's version and install the patches (or warm the actions up).

    Args:
        args: The arguments of the ``rasa`` command.
        version: The Rasa version to check; the installed one when not given (tests).

    Returns:
        An exit code when Rasa must not start, else None.

    """
    problem = patches.version_problem(version)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_UNSUPPORTED
    if is_action_server(args):
        warm_up_actions(action_package(args))
    else:
        patches.install_all()
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare, then run Rasa's command line with ``argv`` (``sys.argv[1:]`` by default)."""
    args = list(sys.argv[1:] if argv is None else argv)
    refused = prepare(args)
    if refused is not None:
        return refused
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())

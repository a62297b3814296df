"""Every change this project makes to Rasa's own code, installed from one place.

The patches were written against Rasa 3.6 and each keeps a contract with it (see
``tests/genoptraening/rasa_ext/test_patches.py``, which runs Rasa's original and ours side by
side):

* :mod:`.speedups`: action-server responses validated with one cached validator; event
  classes looked up by type name in a table.
* :mod:`.action_timeout`: Rasa waits ``GENOPTRAENING_ACTION_TIMEOUT`` seconds (3) for the
  action server instead of 300.

:func:`install_all` is called by the launcher (:mod:`genoptraening.rasa_ext.launch`) before
Rasa's command line runs, after :func:`version_problem` found the installed Rasa to be one the
patches were written for. Nothing installs them as a side effect of an import.
"""

from __future__ import annotations

import re

from genoptraening.rasa_ext.patches import action_timeout, speedups

#: The Rasa release line (major, minor) the patches were written and tested for.
SUPPORTED_RASA = (3, 6)


def rasa_version() -> str:
    """Return the version of the Rasa that is imported (``rasa.version.__version__``)."""
    from rasa.version import __version__

    return str(__version__)


def version_problem(version: str | None = None) -> str | None:
    """Return why the patches must not be installed on this Rasa, in Danish; None if fine.

    Args:
        version: The version to check; the installed Rasa's when not given.

    """
    version = rasa_version() if version is None else version
    match = re.match(r"\s*(\d+)\.(\d+)(?:\.|$|[a-z])", version)
    wanted = ".".join(map(str, SUPPORTED_RASA))
    if match is None or (int(match[1]), int(match[2])) != SUPPORTED_RASA:
        return (
            f"Rasa {version} er installeret, men projektets rettelser af Rasa er skrevet til "
            f"Rasa {wanted}.x. Installer Rasa {wanted}.x (pip install 'rasa~={wanted}.0'), "
            "eller gennemgå rettelserne i genoptraening/rasa_ext/patches og deres "
            "kontrakttest, før versionen hæves."
        )
    return None


def install_all(action_timeout_seconds: float | None = None) -> None:
    """Install every patch (idempotent).

    Args:
        action_timeout_seconds: Seconds Rasa waits for the action server; the setting
            (``GENOPTRAENING_ACTION_TIMEOUT``) when not given.

    """
    speedups.install()
    action_timeout.install(action_timeout_seconds)


def installed() -> bool:
    """Return whether every patch is in place."""
    return speedups.installed() and action_timeout.installed() != action_timeout.RASA_DEFAULT

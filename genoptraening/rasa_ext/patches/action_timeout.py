"""A short wait for the action server, so a stuck action does not hold a conversation.

Rasa 3.6 waits up to 5 minutes for the action server (``DEFAULT_REQUEST_TIMEOUT``, read by
``RemoteAction.run`` at call time), holding the conversation's lock all along. Here it waits
``settings.action_timeout`` seconds (3 by default, ``GENOPTRAENING_ACTION_TIMEOUT``): then
Rasa logs the failed action and finishes the turn without its events, the web API sees no
reply and apologises with the municipality's phone number, and the conversation's next
message is served as usual.

Note: after a failed action Rasa may predict the same action again, up to its circuit breaker
(``MAX_NUMBER_OF_PREDICTIONS``, 10). Measured with the action server stopped: ``action_clarify``
ran 10 times, so the turn (and the conversation's lock) lasted 11 × 3 s = 33 s, not 3 s.

Installed by the launcher (:mod:`genoptraening.rasa_ext.launch`) before Rasa starts.
"""

from __future__ import annotations

#: Rasa 3.6's own value of ``rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT`` (seconds).
RASA_DEFAULT = 300


def install(timeout: float | None = None) -> float:
    """Make Rasa wait at most ``timeout`` seconds (the setting when not given) for actions.

    Installing again sets the value again (idempotent for the same value).

    Returns:
        The timeout in force.

    """
    import rasa.core.actions.action

    if timeout is None:
        from genoptraening.settings import get_settings

        timeout = get_settings().action_timeout
    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = timeout
    return timeout


def uninstall() -> None:
    """Put Rasa's own timeout back (tests)."""
    import rasa.core.actions.action

    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = RASA_DEFAULT


def installed() -> float:
    """Return the timeout ``RemoteAction.run`` uses now."""
    import rasa.core.actions.action

    return float(rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT)

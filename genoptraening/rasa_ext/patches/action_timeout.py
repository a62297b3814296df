"""A short wait for the action server, so a stuck action does not hold a conversation.

Rasa 3.6 waits up to 5 minutes for the action server (``DEFAULT_REQUEST_TIMEOUT``, read by
``RemoteAction.run`` at call time), holding the conversation's lock all along. Here it waits
``settings.action_timeout`` seconds (3 by default): then Rasa logs the failed action and
finishes the turn without its events, the web API sees no reply and apologises with the
municipality's phone number, and the conversation's next message is served as usual.

Installed in the Rasa process when it loads this project's NLU components.
"""

from __future__ import annotations


def install(timeout: float | None = None) -> float:
    """Make Rasa wait at most ``timeout`` seconds (the setting when not given) for actions.

    Returns:
        The timeout in force.

    """
    import rasa.core.actions.action

    if timeout is None:
        from genoptraening.settings import get_settings

        timeout = get_settings().action_timeout
    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = timeout
    return timeout

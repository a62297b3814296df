"""Measured speed-ups for the Rasa server, each keeping Rasa's behaviour exactly.

1. Validate action-server responses with one validator. Rasa 3.6 checks every response of
the action server with ``jsonschema.validate(result, schema)``. That call first checks the
schema itself against the JSON-Schema metaschema, on every call, and the events schema is
large: profiled on this project it was the biggest single cost of a message (about 20 ms of a
46 ms turn, see docs/benchmarks.md). Here the validator is built — and the schema checked —
once; every response is still validated against the same schema, and an invalid one still
raises the same ``ValidationError`` with Rasa's hint.

2. Look up event classes by type name in a table. ``Event.resolve_by_type`` walks all
subclasses of ``Event`` (with ``inspect.isabstract`` on each) for every event it reads from
the tracker store or the action server: about 6 ms a turn here. The table is built from the
same walk and built again whenever a name is missing, so a class defined later is still found.

Installed by the launcher (:mod:`genoptraening.rasa_ext.launch`) before Rasa starts, so it
applies to the Rasa processes the project starts and to nothing else. Rasa's originals are kept
in :data:`ORIGINALS` (the contract tests run them side by side with the replacements).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Rasa's own functions, by name, recorded at the first install.
ORIGINALS: dict[str, Any] = {}


def installed() -> bool:
    """Return whether the speed-ups are in place."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    return bool(ORIGINALS) and (
        RemoteAction.__dict__["_validate_action_result"]
        is not ORIGINALS["_validate_action_result"]
        and Event.__dict__["resolve_by_type"] is not ORIGINALS["resolve_by_type"])


def install() -> None:
    """Replace ``RemoteAction._validate_action_result`` and ``Event.resolve_by_type``.

    Idempotent: a second call changes nothing.
    """
    if installed():
        return
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    @lru_cache(maxsize=1)
    def validator() -> Any:
        schema = RemoteAction.action_response_format_spec()
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        return cls(schema)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            validator().validate(result)
        except ValidationError as error:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response "
                "from the Action endpoint is valid. For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise
        return True

    ORIGINALS.setdefault("_validate_action_result",
                         RemoteAction.__dict__["_validate_action_result"])
    RemoteAction._validate_action_result = _validate_action_result
    _install_event_table()


def uninstall() -> None:
    """Put Rasa's own functions back (tests)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    if ORIGINALS:
        RemoteAction._validate_action_result = ORIGINALS["_validate_action_result"]
        Event.resolve_by_type = ORIGINALS["resolve_by_type"]


def _install_event_table() -> None:
    import rasa.shared.utils.common
    from rasa.shared.core.events import Event

    ORIGINALS.setdefault("resolve_by_type", Event.__dict__["resolve_by_type"])
    original = ORIGINALS["resolve_by_type"].__func__
    table: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        if type_name not in table:
            table.clear()
            for cls in rasa.shared.utils.common.all_subclasses(Event):
                table.setdefault(cls.type_name, cls)
            if type_name not in table:
                return original(type_name, default)  # "topic", the default, or Rasa's error
        return table[type_name]

    Event.resolve_by_type = staticmethod(resolve_by_type)

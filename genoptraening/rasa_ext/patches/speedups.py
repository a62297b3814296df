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

Installed when the Rasa server loads this project's NLU components (``rasa_components``), so
it applies to the Rasa process only and to nothing else.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_installed = False


def install() -> None:
    """Replace ``RemoteAction._validate_action_result`` with the cached-validator version."""
    global _installed
    if _installed:
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

    RemoteAction._validate_action_result = _validate_action_result
    _install_event_table()
    _installed = True


def _install_event_table() -> None:
    import rasa.shared.utils.common
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
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

"""Contract tests of the patches of Rasa: Rasa's original and ours, side by side, same input.

Each patch promises to keep Rasa's behaviour (the speed-ups) or to change exactly one value
(the action timeout). The originals are those Rasa ships (``speedups.ORIGINALS``, recorded at
the first install; ``action_timeout.RASA_DEFAULT``), so a new Rasa that changes them fails here.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
import rasa.core.actions.action as rasa_action
import rasa.shared.utils.common
from aiohttp import web
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from genoptraening.rasa_ext import patches
from genoptraening.rasa_ext.patches import action_timeout, speedups
from genoptraening.settings import CHECKOUT, get_settings


@pytest.fixture
def patched() -> Iterator[None]:
    """Every patch installed for the test, Rasa's originals back afterwards."""
    patches.install_all(3.0)
    yield
    speedups.uninstall()
    action_timeout.uninstall()


# --- speed-up 1: action-server responses validated with one cached validator ---------------

VALID = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "municipality", "value": "lejre"},
                {"event": "action", "name": "action_listen"}],
     "responses": [{"text": "Hej", "buttons": [{"title": "Ja", "payload": "/affirm"}]}]},
]
INVALID = [
    {"events": "nope"},
    {"responses": [1]},
    {"events": [{"no_event": 1}]},
    {"events": [{"event": "slot", "name": 3}]},
]


def _outcome(validate: Any, result: dict[str, Any]) -> Any:
    try:
        return validate(RemoteAction("action_x", None), result)
    except ValidationError as error:
        return ("ValidationError", error.message, list(error.path), error.validator)


@pytest.mark.parametrize("result", VALID + INVALID)
def test_validation_original_and_ours_agree(patched, result):  # noqa: ANN001
    original = speedups.ORIGINALS["_validate_action_result"]
    ours = RemoteAction._validate_action_result
    assert ours is not original
    assert _outcome(ours, result) == _outcome(original, result)


@pytest.mark.parametrize("result", INVALID)
def test_an_invalid_response_raises_rasas_error_with_its_hint(patched, result):  # noqa: ANN001
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result(result)


# --- speed-up 2: event classes looked up in a table -----------------------------------------

def _resolve(resolve: Any, name: str, default: Any = None) -> Any:
    try:
        return resolve(name, default)
    except ValueError as error:
        return ("ValueError", str(error))


def test_every_event_type_resolves_to_the_same_class(patched):  # noqa: ANN001
    original = speedups.ORIGINALS["resolve_by_type"].__func__
    names = {cls.type_name for cls in rasa.shared.utils.common.all_subclasses(Event)}
    assert {"user", "bot", "slot", "action", "session_started"} <= names
    for name in sorted(names) + ["topic", "no_such_event"]:
        assert _resolve(Event.resolve_by_type, name) == _resolve(original, name), name
    assert Event.resolve_by_type("no_such_event", SlotSet) is original("no_such_event", SlotSet)


def test_an_event_class_defined_after_install_is_found(patched):  # noqa: ANN001
    assert Event.resolve_by_type("slot") is SlotSet  # the table is built now

    class LateSlotSet(SlotSet):
        type_name = "genoptraening_late_slot"

    original = speedups.ORIGINALS["resolve_by_type"].__func__
    assert original("genoptraening_late_slot") is LateSlotSet
    assert Event.resolve_by_type("genoptraening_late_slot") is LateSlotSet


def test_speedups_install_once_and_uninstall(patched):  # noqa: ANN001
    validate, resolve = RemoteAction._validate_action_result, Event.__dict__["resolve_by_type"]
    speedups.install()
    assert RemoteAction._validate_action_result is validate
    assert Event.__dict__["resolve_by_type"] is resolve
    speedups.uninstall()
    assert not speedups.installed()
    assert RemoteAction.__dict__["_validate_action_result"] is (
        speedups.ORIGINALS["_validate_action_result"])
    speedups.install()
    assert speedups.installed()


# --- the action timeout ---------------------------------------------------------------------

def test_the_timeout_is_rasas_300_before_and_the_setting_after(monkeypatch):
    action_timeout.uninstall()
    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == action_timeout.RASA_DEFAULT == 300
    monkeypatch.setenv("GENOPTRAENING_ACTION_TIMEOUT", "1.5")
    get_settings.cache_clear()
    try:
        assert action_timeout.install() == 1.5
        assert rasa_action.DEFAULT_REQUEST_TIMEOUT == 1.5
        assert action_timeout.install() == 1.5  # idempotent
    finally:
        get_settings.cache_clear()
        action_timeout.uninstall()


async def _run_against_slow_server(wait: float) -> float:
    """Run ``RemoteAction.run`` against an action server that answers after 30 s.

    Returns the seconds until ``run`` gave up; raises ``asyncio.TimeoutError`` when it was
    still waiting after ``wait`` seconds.
    """

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", slow)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    action = RemoteAction("action_slow",
                          EndpointConfig(url=f"http://127.0.0.1:{port}/webhook"))
    domain = Domain.empty()
    started = time.monotonic()
    try:
        with pytest.raises(Exception) as raised:  # noqa: PT011 - aiohttp's timeout
            await asyncio.wait_for(
                action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                           DialogueStateTracker("s", []), domain), wait)
        if isinstance(raised.value, asyncio.TimeoutError) and (
                time.monotonic() - started >= wait - 0.05):
            raise asyncio.TimeoutError("still waiting")
        return time.monotonic() - started
    finally:
        await runner.cleanup()


def test_remote_action_gives_up_after_the_patched_timeout_not_rasas():
    action_timeout.uninstall()
    with pytest.raises(asyncio.TimeoutError, match="still waiting"):
        asyncio.run(_run_against_slow_server(wait=2.0))  # Rasa's: would wait 300 s
    action_timeout.install(0.5)
    try:
        elapsed = asyncio.run(_run_against_slow_server(wait=10.0))
    finally:
        action_timeout.uninstall()
    assert 0.4 <= elapsed < 2.0


# --- the version check and install_all ------------------------------------------------------

@pytest.mark.parametrize("version", ["3.6.21", "3.6.0", "3.6", "3.6.22rc1"])
def test_the_version_check_accepts_3_6(version):
    assert patches.version_problem(version) is None


@pytest.mark.parametrize("version", ["3.7.0", "3.7", "3.5.9", "3.5.14", "4.0", "4.0.0",
                                     "3.60.1", "2.8.34", "", "unknown"])
def test_the_version_check_refuses_every_other_version(version):
    problem = patches.version_problem(version)
    assert problem is not None
    assert f"Rasa {version} er installeret" in problem and "3.6.x" in problem


def test_the_installed_rasa_is_the_one_the_patches_were_written_for():
    assert patches.rasa_version().startswith("3.6.")
    assert patches.version_problem() is None


def test_install_all_installs_every_patch_idempotently(patched):  # noqa: ANN001
    assert patches.installed()
    patches.install_all(3.0)
    assert patches.installed() and rasa_action.DEFAULT_REQUEST_TIMEOUT == 3.0


def test_importing_the_nlu_component_installs_nothing():
    code = (
        "import genoptraening.rasa_ext.components\n"
        "import rasa.core.actions.action as a\n"
        "from genoptraening.rasa_ext.patches import speedups\n"
        "print(a.DEFAULT_REQUEST_TIMEOUT, speedups.installed())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=CHECKOUT, capture_output=True,
                            text=True, timeout=300, check=True)
    assert result.stdout.split()[-2:] == ["300", "False"]

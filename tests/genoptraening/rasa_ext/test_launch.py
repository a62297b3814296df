"""The launcher checks Rasa's version, installs the patches, then runs Rasa's own CLI."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
import rasa.core.actions.action as rasa_action

from genoptraening.rasa_ext import launch, patches
from genoptraening.rasa_ext.patches import action_timeout, speedups


@pytest.fixture
def rasa_cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, object]]]:
    """Rasa's CLI entry point replaced by a recorder of what it would have seen."""
    calls: list[dict[str, object]] = []

    def main() -> None:
        calls.append({"argv": list(sys.argv), "patched": patches.installed(),
                      "timeout": rasa_action.DEFAULT_REQUEST_TIMEOUT})

    monkeypatch.setitem(sys.modules, "rasa.__main__", types.SimpleNamespace(main=main))
    monkeypatch.setattr(sys, "argv", ["launch"])
    speedups.uninstall()
    action_timeout.uninstall()
    yield calls
    speedups.uninstall()
    action_timeout.uninstall()


def test_patches_are_installed_before_rasas_cli_runs(rasa_cli):  # noqa: ANN001
    args = ["run", "--model", "models", "--port", "5905"]
    assert not patches.installed()
    assert launch.main(args) == 0
    assert rasa_cli == [{"argv": ["rasa", *args], "patched": True, "timeout": 3.0}]


def test_sys_argv_is_used_when_no_arguments_are_given(rasa_cli, monkeypatch):  # noqa: ANN001
    monkeypatch.setattr(sys, "argv", ["launch.py", "data", "validate", "--config", "x.yml"])
    assert launch.main() == 0
    assert rasa_cli[0]["argv"] == ["rasa", "data", "validate", "--config", "x.yml"]


def test_an_unsupported_rasa_is_refused_before_anything_runs(rasa_cli, monkeypatch, capsys):  # noqa: ANN001
    monkeypatch.setattr(patches, "rasa_version", lambda: "3.7.0")
    assert launch.main(["run"]) == launch.EXIT_UNSUPPORTED == 2
    assert rasa_cli == [] and not patches.installed()
    assert "Rasa 3.7.0 er installeret" in capsys.readouterr().err


@pytest.mark.parametrize("version", ["3.7.0", "3.5.9", "4.0"])
def test_prepare_refuses_with_exit_code_2(version, rasa_cli, capsys):  # noqa: ANN001
    assert launch.prepare(["train"], version=version) == 2
    assert "3.6.x" in capsys.readouterr().err


def test_prepare_accepts_3_6_21(rasa_cli):  # noqa: ANN001
    assert launch.prepare(["train"], version="3.6.21") is None
    assert patches.installed()


@pytest.mark.parametrize("args,expected", [
    (["run", "actions", "--actions", "genoptraening.actions"], True),
    (["run", "--debug", "actions"], True),
    (["run", "--model", "models"], False),
    (["train"], False),
    (["test", "core"], False),
])
def test_action_server_is_recognised(args, expected):  # noqa: ANN001
    assert launch.is_action_server(args) is expected


@pytest.mark.parametrize("args,package", [
    (["run", "actions", "--actions", "genoptraening.actions"], "genoptraening.actions"),
    (["run", "actions", "-a", "pkg"], "pkg"),
    (["run", "actions", "--actions=pkg2"], "pkg2"),
    (["run", "actions"], "actions"),
])
def test_action_package(args, package):  # noqa: ANN001
    assert launch.action_package(args) == package


@pytest.fixture
def action_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A throw-away action package in Rasa's layout, whose ``actions.warm_up`` is recorded."""
    name = f"pkg_{tmp_path.name.replace('-', '_')}"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / name / "actions.py").write_text(
        "CALLS = []\n\ndef warm_up():\n    CALLS.append('warm')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_the_action_server_is_warmed_up_before_rasa_runs_it(rasa_cli, action_package):  # noqa: ANN001
    args = ["run", "actions", "--actions", action_package, "--port", "5905"]
    assert launch.main(args) == 0
    assert sys.modules[f"{action_package}.actions"].CALLS == ["warm"]  # type: ignore[attr-defined]
    assert rasa_cli == [{"argv": ["rasa", *args], "patched": False, "timeout": 300}]


def test_a_failing_warm_up_is_logged_not_fatal(action_package, caplog):  # noqa: ANN001
    module = __import__(f"{action_package}.actions", fromlist=["warm_up"])

    def broken() -> None:
        raise RuntimeError("no knowledge")

    module.warm_up = broken
    assert launch.warm_up_actions(action_package) is False
    assert "warming up the actions failed" in caplog.text


def test_a_package_without_hook_or_a_missing_one_is_left_to_rasa_sdk():
    assert launch.warm_up_actions("json") is False
    assert launch.warm_up_actions("no_such_package_genoptraening") is False


def test_the_projects_actions_have_the_warm_up_hook():
    from genoptraening.actions import actions

    assert callable(actions.warm_up)

"""scripts/install-system-deps.sh, run with stand-ins for the commands it looks for and uses."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from genoptraening.settings import CHECKOUT as PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "install-system-deps.sh"


def stub(folder: Path, name: str, body: str = "exit 0") -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    """A PATH of stand-ins only: `apt-get` records how it was called."""
    folder = tmp_path / "bin"
    folder.mkdir()
    stub(folder, "apt-get", f'echo "$@" >> {tmp_path / "apt-calls"}')
    return folder


def run(bin_dir: Path, *args: str, uid: int = 0) -> subprocess.CompletedProcess[str]:
    stub(bin_dir, "id", f"echo {uid}")
    return subprocess.run(["/bin/bash", str(SCRIPT), *args], capture_output=True, text=True,
                          env={"PATH": str(bin_dir)}, timeout=60)


def apt_calls(bin_dir: Path) -> list[str]:
    calls = bin_dir.parent / "apt-calls"
    return calls.read_text().splitlines() if calls.exists() else []


def test_does_nothing_when_chromium_and_npm_are_there(bin_dir):
    stub(bin_dir, "chromium")
    stub(bin_dir, "npm")
    result = run(bin_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""
    assert apt_calls(bin_dir) == []


def test_installs_only_what_is_missing_as_root(bin_dir):
    stub(bin_dir, "npm")  # e.g. NodeSource's nodejs: Debian's npm would conflict
    result = run(bin_dir)
    assert result.returncode == 0, result.stderr
    assert apt_calls(bin_dir) == ["update -qq", "install -y -qq chromium"]


def test_prints_the_command_when_not_root(bin_dir):
    result = run(bin_dir, uid=1000)
    assert result.returncode == 1
    assert "sudo apt-get install -y chromium npm" in result.stderr
    assert apt_calls(bin_dir) == []


def test_prints_the_command_when_there_is_no_apt_get(bin_dir):
    (bin_dir / "apt-get").unlink()
    stub(bin_dir, "chromium")
    result = run(bin_dir)
    assert result.returncode == 1
    assert "sudo apt-get install -y npm" in result.stderr
    assert "no apt-get here" in result.stderr


def test_the_ci_services_are_named_packages(bin_dir):
    stub(bin_dir, "redis-server")
    result = run(bin_dir, "postgresql", "redis-server")
    assert result.returncode == 0, result.stderr
    assert apt_calls(bin_dir) == ["update -qq", "install -y -qq postgresql"]


def test_refuses_an_unknown_package(bin_dir):
    result = run(bin_dir, "firefox")
    assert result.returncode == 2
    assert "unknown package 'firefox'" in result.stderr
    assert apt_calls(bin_dir) == []


def test_ci_and_make_use_it():
    assert "scripts/install-system-deps.sh" in (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "scripts/install-system-deps.sh" in (PROJECT_ROOT / "Makefile").read_text()

"""The package as a wheel: built from the checkout, installed into a fresh venv, run elsewhere.

Done when ``genoptraening kb validate`` and ``genoptraening ask`` work from an installed wheel
in another directory, reading the content the wheel carries (settings.BUNDLED).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from genoptraening.ops.services import rasa_token
from genoptraening.settings import CHECKOUT

VENV_PYTHON = Path(sys.executable)
SEEDS = CHECKOUT.parent / "shared" / "seeds"
#: What a build needs from the checkout is copied (not caches, models, .venv): building in the
#: checkout itself would leave build/ there, and setuptools puts whatever stale files build/lib
#: holds into the next wheel.
_NOT_COPIED = {".git", ".venv", "models", "var", "results", "build", "dist", "node_modules",
               "__pycache__", ".rasa", ".mypy_cache", ".ruff_cache", ".pytest_cache",
               ".hypothesis", ".grimp_cache", ".import_linter_cache"}


@dataclass
class Installed:
    """A fresh venv with the wheel installed, and a working directory outside the checkout."""

    wheel: Path
    venv: Path
    site_packages: Path
    cwd: Path
    env: dict[str, str]

    def run(self, *args: str, env: dict[str, str] | None = None,
            command: str = "genoptraening") -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.venv / "bin" / command), *args], cwd=self.cwd,
                              env={**self.env, **(env or {})}, capture_output=True, text=True,
                              timeout=300)


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in _NOT_COPIED or n.endswith(".egg-info")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(CHECKOUT, source, ignore=_ignore)
    # --no-build-isolation: build with .venv's setuptools and wheel instead of downloading them.
    subprocess.run([str(VENV_PYTHON), "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(root / "dist"), str(source)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = (root / "dist").glob("genoptraening-*.whl")

    venv = root / "venv"
    subprocess.run([str(VENV_PYTHON), "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    site_packages = venv / "lib" / "python3.10" / "site-packages"
    # The dependencies (Rasa, TensorFlow, spaCy …: 2.7 GB) are not installed again: .venv's
    # site-packages is appended to the new venv's sys.path by a .pth file. Its own
    # site-packages comes first, so `genoptraening` is the wheel's; the lines of .venv's .pth
    # files (among them the editable install's finder) are not run, as a plain path line only
    # adds the folder.
    (site_packages / "project-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n")
    # .venv's pip installs into the new venv (--python), so the venv needs no pip of its own.
    subprocess.run([str(VENV_PYTHON), "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--quiet", "--no-deps", str(wheel)], check=True, timeout=300)

    cwd = root / "elsewhere"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GENOPTRAENING_") and k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env |= {"HOME": str(root / "home"), "XDG_DATA_HOME": str(root / "home" / "share"),
            "PATH": f"{venv / 'bin'}:/usr/bin:/bin"}
    yield Installed(wheel, venv, site_packages, cwd, env)
    shutil.rmtree(root, ignore_errors=True)


def test_the_wheel_carries_the_content_and_no_generic_top_level_names(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for folder in ("bot", "data", "knowledge"):
        for path in (CHECKOUT / folder).rglob("*.yml"):
            relative = path.relative_to(CHECKOUT).as_posix()
            assert f"genoptraening/_content/{relative}" in names
    assert "genoptraening/core/data/municipalities.yml" in names
    assert "genoptraening/api/static/widget.js" in names
    assert {n.split("/")[0] for n in names} == {"genoptraening", installed.wheel.name.split(
        "-py3")[0] + ".dist-info"}
    assert not any("/tests/" in n or n.startswith("tests/") for n in names)


def test_the_installed_package_is_the_wheels_and_reads_its_own_content(installed):
    result = installed.run("-c", "import genoptraening, genoptraening.api.main\n"
                           "from genoptraening.settings import get_settings as g\n"
                           "print(genoptraening.__file__); print(g().home); print(g().models_dir)",
                           command="python")
    assert result.returncode == 0, result.stderr
    module, home, models = result.stdout.split()
    package = installed.site_packages / "genoptraening"
    assert module == str(package / "__init__.py")
    assert home == str(package / "_content")
    assert models == str(Path(installed.env["XDG_DATA_HOME"]) / "genoptraening" / "models")


def test_kb_validate_from_another_directory(installed):
    result = installed.run("kb", "validate", env={"GENOPTRAENING_SEEDS_DIR": str(SEEDS)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: 6 fil(er) i orden (citater tjekket mod kilderne)." in result.stdout

    # Without the source documents it says so and still checks the files themselves.
    result = installed.run("kb", "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BEMÆRK: kildemappen" in result.stdout and "GENOPTRAENING_SEEDS_DIR" in result.stdout
    assert "(citater ikke tjekket)" in result.stdout


def test_ask_from_another_directory(installed, rasa_url):
    result = installed.run("ask", "--kommune", "Lejre", "hvad koster det?", env={
        "GENOPTRAENING_RASA_URL": rasa_url, "GENOPTRAENING_RASA_TOKEN": rasa_token()})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Du: hvad koster det?" in result.stdout
    assert "Assistenten: " in result.stdout
    assert "Lejre Kommune" in result.stdout
    assert "(forstået som " in result.stdout


def test_check_says_there_are_no_answer_checks_in_the_package(installed):
    result = installed.run("check")
    assert result.returncode == 2
    assert "Der følger ingen svartjek med den installerede pakke" in result.stderr


def test_nothing_was_written_into_site_packages(installed):
    content = installed.site_packages / "genoptraening" / "_content"
    # The wheel ships YAML files and the standards' text (Markdown); anything else was written.
    written = [p for p in content.rglob("*") if p.is_file() and p.suffix not in (".yml", ".md")]
    assert written == []

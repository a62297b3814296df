import os
import subprocess

from genoptraening.settings import CHECKOUT as PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "find-python310.sh"


def run(env):
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env,
                          timeout=60)


def test_finds_a_python_310_on_this_machine():
    result = run(dict(os.environ))
    assert result.returncode == 0, result.stderr
    found = result.stdout.strip()
    version = subprocess.run([found, "--version"], capture_output=True, text=True).stdout
    assert version.startswith("Python 3.10")


def test_explains_what_to_install_when_there_is_none(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "pyenv"),
           "PYTHON310_SYSTEM_DIRS": str(tmp_path)}
    result = subprocess.run(["/bin/bash", str(SCRIPT)], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 1
    assert "no Python 3.10 found" in result.stderr
    assert "pyenv install 3.10" in result.stderr
    assert "PYTHON310=" in result.stderr


def test_an_explicit_python_310_is_used():
    found = run(dict(os.environ)).stdout.strip()
    env = dict(os.environ, PYTHON310=found)
    assert run(env).stdout.strip() == found

"""Process supervision: busy ports, a stop that nothing cuts short, servers that die with it.

Cheap stand-ins (``sleep``, ``sh``) play the servers.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from genoptraening.ops.processes import (
    PortBusyError,
    Services,
    ensure_ports_free,
    port_free,
)
from genoptraening.ops.services import start_api, start_assistant
from genoptraening.settings import Settings

LINUX = sys.platform.startswith("linux")
GENOPTRAENING = Path(sys.executable).parent / "genoptraening"


@pytest.fixture
def taken() -> Iterator[int]:
    """A loopback port something listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return not LINUX


def _gone(pid: int, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _read_pid(path: Path, within: float = 5.0) -> int:
    deadline = time.monotonic() + within
    while not path.is_file() or not path.read_text().strip():
        assert time.monotonic() < deadline, f"no pid in {path}"
        time.sleep(0.05)
    return int(path.read_text())


def test_a_port_in_use_is_named(taken: int) -> None:
    assert not port_free(taken)
    free = _free_port()
    assert port_free(free)
    with pytest.raises(PortBusyError) as caught:
        ensure_ports_free({free: "actions", taken: "rasa"})
    assert (caught.value.port, caught.value.server) == (taken, "rasa")


@pytest.mark.parametrize("which", ["actions", "rasa", "rasa-2"])
def test_the_assistant_does_not_start_on_a_port_in_use(which: str, taken: int,
                                                        tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url="postgresql://h/db",
                        redis_url="redis://h/1")
    ports = {"actions": (_free_port(), taken), "rasa": (taken, _free_port()),
             "rasa-2": (taken - 1, _free_port())}[which]
    if which == "rasa-2" and not port_free(taken - 1):
        pytest.skip("the port before the taken one is taken too")
    services = Services()
    with pytest.raises(PortBusyError) as caught:
        start_assistant(services, tmp_path / "model.tar.gz", ports[0], ports[1],
                        settings=settings, replicas=2 if which == "rasa-2" else 1)
    assert (caught.value.port, caught.value.server) == (taken, which)
    assert services.processes == []  # nothing was started


def test_the_api_does_not_start_on_a_port_in_use(taken: int) -> None:
    services = Services()
    with pytest.raises(PortBusyError, match=str(taken)):
        start_api(services, taken)
    assert services.processes == []


def test_run_says_which_port_is_taken_and_starts_nothing(taken: int) -> None:
    result = subprocess.run(
        [str(GENOPTRAENING), "run", "--no-train", "--rasa-port", str(taken),
         "--actions-port", str(_free_port()), "--api-port", str(_free_port())],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert f"Port {taken} er optaget (Rasa-serveren)" in result.stderr
    assert "--rasa-port" in result.stderr
    assert "Starter" not in result.stdout


def test_stop_stops_every_group_and_is_idempotent(tmp_path: Path) -> None:
    services = Services()
    for name in ("a", "b"):
        services.start(name, ["sleep", "60"], "http://127.0.0.1:1/")
    pids = [p.popen.pid for p in services.processes]
    popens = [p.popen for p in services.processes]
    services.stop(grace=5)
    assert services.processes == []
    assert all(popen.returncode is not None for popen in popens)
    assert not any(_alive(pid) for pid in pids)
    services.stop(grace=5)  # nothing left: nothing to do


def test_stop_kills_what_a_server_left_in_its_group(tmp_path: Path) -> None:
    # The "server" leaves at SIGTERM; its child ignores SIGTERM and would stay.
    pid_file = tmp_path / "child.pid"
    script = f"sh -c 'trap \"\" TERM; echo $$ > {pid_file}; exec sleep 60' & wait"
    services = Services()
    services.start("server", ["sh", "-c", script], "http://127.0.0.1:1/")
    child = _read_pid(pid_file)
    started = time.monotonic()
    services.stop(grace=10)
    assert time.monotonic() - started < 5  # no need to wait out the grace
    assert _gone(child)


def test_a_server_that_ignores_sigterm_is_killed_after_the_grace() -> None:
    services = Services()
    process = services.start("stubborn", ["sh", "-c", "trap '' TERM; sleep 60 & wait"],
                             "http://127.0.0.1:1/")
    time.sleep(0.2)  # let the trap be set
    started = time.monotonic()
    services.stop(grace=0.5)
    assert 0.4 < time.monotonic() - started < 5
    assert process.popen.returncode == -signal.SIGKILL


class _Interrupted(Exception):
    pass


@pytest.mark.skipif(not LINUX, reason="signals sent to oneself, timing on Linux")
def test_a_second_signal_does_not_cut_the_stop_short(tmp_path: Path) -> None:
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise _Interrupted

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        services = Services()
        popens = [services.start(name, ["sh", "-c", "trap '' TERM; sleep 60 & wait"],
                                 "http://127.0.0.1:1/").popen for name in ("a", "b", "c")]
        time.sleep(0.2)
        for delay in (0.05, 0.3, 0.6):  # during the grace, twice more near its end
            threading.Timer(delay, os.kill, (os.getpid(), signal.SIGTERM)).start()
        with pytest.raises(_Interrupted):  # held until the stop is done, then delivered
            services.stop(grace=1.0)
        assert services.processes == []
        assert all(popen.returncode == -signal.SIGKILL for popen in popens)
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.skipif(not LINUX, reason="PR_SET_PDEATHSIG is Linux's")
def test_servers_die_with_a_killed_supervisor(tmp_path: Path) -> None:
    pid_file = tmp_path / "server.pid"
    supervisor = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from genoptraening.ops.processes import Services\n"
        "services = Services()\n"
        "process = services.start('server', ['sleep', '60'], 'http://127.0.0.1:1/')\n"
        f"open({str(pid_file)!r}, 'w').write(str(process.popen.pid))\n"
        "time.sleep(60)\n")])
    try:
        server = _read_pid(pid_file, within=60)
        assert _alive(server)
        supervisor.kill()  # no chance to stop anything
        supervisor.wait(10)
        assert _gone(server), "the server outlived its supervisor"
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()

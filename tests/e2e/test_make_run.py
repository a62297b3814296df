"""`make run`'s command starts everything in the foreground and stops all of it on SIGTERM."""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from genoptraening.ops.processes import port_free
from genoptraening.ops.services import latest_model, rasa_env
from genoptraening.settings import CHECKOUT as PROJECT_ROOT
from tests.e2e.stacks import port

PORTS = {"rasa": 5305, "actions": 5355, "api": 8305}


def _up(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code < 500
    except httpx.HTTPError:
        return False


def test_run_serves_then_stops_everything_on_sigterm(tmp_path):
    command = [str(Path(sys.executable).parent / "genoptraening"), "run",
               "--rasa-port", str(PORTS["rasa"]), "--actions-port", str(PORTS["actions"]),
               "--api-port", str(PORTS["api"])]
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=rasa_env(), stdout=out,
                                   stderr=subprocess.STDOUT)
    urls = [f"http://127.0.0.1:{PORTS['rasa']}/", f"http://127.0.0.1:{PORTS['actions']}/health",
            f"http://127.0.0.1:{PORTS['api']}/health"]
    try:
        # Its own word that it serves, not the servers answering: a stop that came between the
        # two (the servers up, the supervisor still checking them) left the line unprinted.
        _wait_for(log, "Assistenten kører", process, timeout=300)
        assert all(_up(u) for u in urls)
        reply = httpx.post(f"http://127.0.0.1:{PORTS['api']}/api/chat",
                           json={"message": "hvad koster det?", "municipality": "Lejre"},
                           timeout=30).json()
        assert any("gratis" in r["text"] for r in reply["replies"])
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
    output = log.read_text(errors="replace")
    assert "Assistenten kører" in output and "Stopper assistenten" in output
    time.sleep(1)
    assert not any(_up(u) for u in urls), "a server outlived `genoptraening run`"


# ---------------------------------------------------------------------------------------------
# Stopped the way a user stops it: a signal to `make run`'s process group, tried repeatedly.
# No server may be left, whatever the moment: SIGTERM (make forwards it, so the supervisor
# gets two), Ctrl-C, a closed terminal (SIGHUP), a signal during start-up, or the whole group
# killed (the servers then die through PR_SET_PDEATHSIG). More tries:
# GENOPTRAENING_STOP_TRIES=3 repeats the list thrice.

STOP_PORTS = {"rasa": port(5705), "actions": port(5755), "api": port(8705)}
#: (signal(s) to the group, when): once it serves ("ready"), or that many seconds after it
#: begins to start the servers (while they start; cheap).
TRIES = [("TERM", "ready"), ("TERM", "ready"), ("INT", "ready"), ("TERM TERM", "ready"),
         ("TERM", "0"), ("INT", "1"), ("TERM TERM", "3"), ("HUP", "2"), ("KILL", "1")]
TRIES *= int(os.environ.get("GENOPTRAENING_STOP_TRIES", "1"))
LEFT_WITHIN = 40.0  # s; the supervisor's grace is 15 s


def _servers() -> dict[int, str]:
    """Running processes that serve one of STOP_PORTS (by their command line): pid, args."""
    ports = "|".join(str(p) for p in STOP_PORTS.values())
    listing = subprocess.run(["ps", "-ww", "-eo", "pid=,stat=,args="], capture_output=True,
                             text=True, check=True).stdout
    found = {}
    for line in listing.splitlines():
        pid, stat, args = line.split(None, 2)
        if not stat.startswith("Z") and re.search(rf"--port ({ports})\b", args):
            found[int(pid)] = args
    return found


def _in_sessions(sessions: set[int]) -> set[int]:
    """Running processes in the given sessions (a server's children stay in its session)."""
    listing = subprocess.run(["ps", "-eo", "pid=,sid=,stat="], capture_output=True, text=True,
                             check=True).stdout
    return {int(pid) for pid, sid, stat in (line.split() for line in listing.splitlines())
            if int(sid) in sessions and not stat.startswith("Z")}


def _wait_for(output: Path, text: str, make: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in output.read_text(errors="replace"):
        assert make.poll() is None, output.read_text(errors="replace")[-3000:]
        assert time.monotonic() < deadline, f"no {text!r} within {timeout:.0f} s"
        time.sleep(0.2)


@pytest.mark.parametrize(("signals", "when"), TRIES,
                         ids=[f"{i}-{s.replace(' ', '+')}-{w if w == 'ready' else w + 's'}"
                              for i, (s, w) in enumerate(TRIES)])
def test_a_signal_to_make_runs_group_leaves_no_server(signals: str, when: str,
                                                      tmp_path: Path) -> None:
    assert not _servers(), f"servers left from before: {_servers()}"
    if not latest_model():
        pytest.skip("no trained model (make train)")
    command = " ".join([str(Path(sys.executable).parent / "genoptraening"), "run", "--no-train",
                        "--rasa-port", str(STOP_PORTS["rasa"]),
                        "--actions-port", str(STOP_PORTS["actions"]),
                        "--api-port", str(STOP_PORTS["api"])])
    (tmp_path / "Makefile").write_text(f"run:\n\t{command}\n")
    output = tmp_path / "output.txt"
    with output.open("wb") as sink:  # its own process group, as a terminal's foreground job
        make = subprocess.Popen(["make", "-s", "-f", str(tmp_path / "Makefile"), "run"],
                                cwd=PROJECT_ROOT, env=rasa_env(), stdout=sink,
                                stderr=subprocess.STDOUT, start_new_session=True)
    sessions: set[int] = set()
    try:
        if when == "ready":
            _wait_for(output, "Assistenten kører", make, 300)
            assert len(_servers()) == 3, _servers()
        else:
            _wait_for(output, "Starter action-serveren", make, 120)
            time.sleep(float(when))
        sessions = set(_servers())  # each server leads a session of its own
        for name in signals.split():
            os.killpg(make.pid, getattr(signal, f"SIG{name}"))
            time.sleep(0.1)
        make.wait(LEFT_WITHIN)
        deadline = time.monotonic() + LEFT_WITHIN
        while (_servers() or _in_sessions(sessions)) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {**_servers(), **dict.fromkeys(_in_sessions(sessions), "(in a server's session)")}
        assert not left, f"left running after SIG{signals}: {left}"
        busy = [p for p in STOP_PORTS.values() if not port_free(p)]
        assert not busy, f"ports still taken: {busy}"
        if signals != "KILL":
            assert "Stopper assistenten" in output.read_text(errors="replace")
        if signals == "TERM TERM" and when == "ready":  # the servers take a while to stop
            assert "Stopper allerede" in output.read_text(errors="replace")
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
        for pid in set(_servers()) | _in_sessions(sessions):  # not to spoil the next try
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

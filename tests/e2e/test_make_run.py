"""`make run`'s command starts everything in the foreground and stops all of it on SIGTERM."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from genoptraening import PROJECT_ROOT
from genoptraening.ops.services import rasa_env

PORTS = {"rasa": 5305, "actions": 5355, "api": 8305}


def _up(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code < 500
    except httpx.HTTPError:
        return False


def test_run_serves_then_stops_everything_on_sigterm():
    command = [str(Path(sys.executable).parent / "genoptraening"), "run",
               "--rasa-port", str(PORTS["rasa"]), "--actions-port", str(PORTS["actions"]),
               "--api-port", str(PORTS["api"])]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=rasa_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    urls = [f"http://127.0.0.1:{PORTS['rasa']}/", f"http://127.0.0.1:{PORTS['actions']}/health",
            f"http://127.0.0.1:{PORTS['api']}/health"]
    try:
        deadline = time.monotonic() + 300
        while not all(_up(u) for u in urls):
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "the assistant did not come up"
            time.sleep(1)
        reply = httpx.post(f"http://127.0.0.1:{PORTS['api']}/api/chat",
                           json={"message": "hvad koster det?", "municipality": "Lejre"},
                           timeout=30).json()
        assert any("gratis" in r["text"] for r in reply["replies"])
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
    output = process.stdout.read()
    assert "Assistenten kører" in output and "Stopper assistenten" in output
    time.sleep(1)
    assert not any(_up(u) for u in urls), "a server outlived `genoptraening run`"

"""Supervising the assistant's servers: start them, wait until they are up, stop them all.

Each server runs in a session and process group of its own, so that stopping it also stops
whatever it started, and a signal meant for the supervisor (Ctrl-C in its terminal) does not
reach it half-way. No server may outlive its supervisor:

- stopping is idempotent and holds SIGTERM, SIGINT and SIGHUP until it is done, so that a
  second signal (GNU make forwards SIGTERM to its child) cannot cut it short;
- every group gets SIGTERM, and SIGKILL after a grace, also when its leader already left;
- on Linux a server started from the main thread gets ``PR_SET_PDEATHSIG``, so that it dies
  even when the supervisor is killed outright;
- a port already taken is reported before anything is started, instead of the new server
  failing and a stale one answering in its place.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType

import httpx

from genoptraening.settings import Settings, get_settings

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class PortBusyError(RuntimeError):
    """A server's port is taken already (most likely by a server left from an earlier run)."""

    def __init__(self, port: int, server: str, host: str = HOST) -> None:
        super().__init__(f"port {port} on {host} is already in use ({server})")
        self.port = port
        self.server = server
        self.host = host


def workdir(settings: Settings) -> Path:
    """Return the servers' working directory: the data folder, always writable.

    Every path Rasa is given is absolute; only what it writes on its own (its training cache,
    ``.rasa/``) lands here — never inside an installed package.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings.data_dir


def port_free(port: int, host: str = HOST) -> bool:
    """Return whether a server could listen on ``host``:``port`` now (a bind test)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # As the servers do: a closed connection in TIME_WAIT does not keep the port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def ensure_ports_free(ports: Mapping[int, str], host: str = HOST) -> None:
    """Check the ports of servers about to start, before any of them is started.

    Args:
        ports: Each port with the name of the server that is to listen on it.
        host: The address they are to listen on.

    Raises:
        PortBusyError: for the first port that is taken.

    """
    for port, server in ports.items():
        if not port_free(port, host):
            raise PortBusyError(port, server, host)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGTERM, SIGINT and SIGHUP while the block runs; they are delivered after it.

    The handlers are swapped for one that only notes the signal (masking it would not do: the
    kernel then hands it to another thread, and Python still runs its handler in this one).
    Afterwards the handlers are put back and each noted signal is raised again, once. Only the
    main thread runs Python's signal handlers, so in other threads this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        held.append(signum)

    previous = {sig: signal.signal(sig, hold) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        for signum in dict.fromkeys(held):
            signal.raise_signal(signum)


def _prctl() -> Callable[..., int] | None:
    """Return libc's ``prctl`` (Linux only), looked up before any fork."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def child_setup(die_with_parent: bool = True) -> Callable[[], None]:
    """Return the ``preexec_fn`` of a server: it runs in the child between fork and exec.

    It unblocks the stop signals (a mask would outlive the exec), and, with
    ``die_with_parent`` on Linux, asks the kernel to SIGKILL the child when the supervisor dies.
    ``PR_SET_PDEATHSIG`` fires when the *thread* that forked exits, so the caller arms it only
    from the main thread; and since the supervisor may have died before the call, the child
    then checks that its parent is still the one that forked it.
    """
    parent = os.getpid()
    prctl = _prctl() if die_with_parent else None
    # prctl is variadic: its arguments after the first are unsigned longs, so say so.
    args = (ctypes.c_int(PR_SET_PDEATHSIG), ctypes.c_ulong(signal.SIGKILL), ctypes.c_ulong(0),
            ctypes.c_ulong(0), ctypes.c_ulong(0))

    def setup() -> None:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        if prctl is not None:
            prctl(*args)
            if os.getppid() != parent:  # the supervisor died before the kernel was asked
                os._exit(1)

    return setup


def stop_groups(popens: list[subprocess.Popen[bytes]], grace: float = 15.0) -> None:
    """Stop servers and everything in their process groups, and reap them.

    SIGTERM goes to every group at once; whatever still runs in a group when its leader has
    left, or when ``grace`` has passed, gets SIGKILL. Signals that would interrupt this are
    held until it is done.
    """
    with signals_held():
        for popen in popens:
            _signal_group(popen, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for popen in popens:
            _wait_exited(popen, deadline)
            # The leader's zombie still holds the group id, so this reaches only its group:
            # its own children that outlived it, or all of it after the grace.
            _signal_group(popen, signal.SIGKILL)
            popen.wait()


def _wait_exited(popen: subprocess.Popen[bytes], deadline: float) -> bool:
    """Wait until ``popen`` has exited, without reaping it; False at the deadline."""
    if not hasattr(os, "waitid"):  # not on macOS: reap, and kill the group by its id anyway
        try:
            popen.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return False
        return True
    while popen.returncode is None:
        try:
            if os.waitid(os.P_PID, popen.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                return True
        except ChildProcessError:  # reaped elsewhere
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def _signal_group(popen: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    try:
        os.killpg(popen.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


@dataclass
class Process:
    """A started server and how to tell it is up."""

    name: str
    popen: subprocess.Popen[bytes]
    health_url: str
    args: list[str] = field(default_factory=list)
    env: dict[str, str] | None = None


@dataclass
class Services:
    """Servers started together and stopped together (also on Ctrl-C and SIGTERM)."""

    log_dir: Path | None = None
    processes: list[Process] = field(default_factory=list)

    def start(self, name: str, args: list[str], health_url: str,
              env: dict[str, str] | None = None) -> Process:
        """Start one server in its own session; it dies with this process (Linux)."""
        output = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - lives with the process
        if env is None:
            from genoptraening.ops.services import rasa_env

            env = rasa_env()
        setup = child_setup(die_with_parent=threading.current_thread() is threading.main_thread())
        with signals_held():  # a stop signal now would leave a server that no one knows of
            popen = subprocess.Popen(
                args, cwd=workdir(get_settings()), env=env, stdout=output, stderr=output,
                start_new_session=True, preexec_fn=setup,  # noqa: PLW1509 - see child_setup
            )
            process = Process(name, popen, health_url, args, env)
            self.processes.append(process)
        return process

    def find(self, name: str) -> Process:
        """Return the started server called ``name``.

        Raises:
            KeyError: when there is none.

        """
        for process in self.processes:
            if process.name == name:
                return process
        raise KeyError(name)

    def stop_one(self, name: str, grace: float = 15.0) -> None:
        """Stop one server (SIGTERM, then SIGKILL after ``grace``) and forget it."""
        process = self.find(name)
        stop_groups([process.popen], grace)
        self.processes.remove(process)

    def restart(self, name: str, timeout: float = 300.0) -> Process:
        """Stop one server if it runs, start it again the same way, and wait until it is up."""
        process = self.find(name)
        self.stop_one(name)  # a server that already stopped is only forgotten
        again = self.start(name, process.args, process.health_url, process.env)
        self.wait_ready(timeout)
        return again

    def wait_ready(self, timeout: float = 300.0) -> None:
        """Wait until every server answers its health URL.

        Raises:
            RuntimeError: when a server exits or does not come up in time.

        """
        deadline = time.monotonic() + timeout
        for process in self.processes:
            while True:
                if process.popen.poll() is not None:
                    raise RuntimeError(f"{process.name} stopped with exit code "
                                       f"{process.popen.returncode}")
                try:
                    if httpx.get(process.health_url, timeout=2.0).status_code < 500:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{process.name} did not come up within {timeout:.0f} s")
                time.sleep(0.5)

    def stop(self, grace: float = 15.0) -> None:
        """Stop every server: SIGTERM to its process group, then SIGKILL after ``grace``.

        Idempotent; a SIGTERM or Ctrl-C meanwhile does not cut it short (see `stop_groups`).
        """
        with signals_held():
            stop_groups([process.popen for process in reversed(self.processes)], grace)
            self.processes.clear()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

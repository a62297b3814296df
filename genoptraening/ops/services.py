"""Starting and stopping the assistant's processes: training, action server, Rasa server.

Used by ``make run`` (``genoptraening run``), the end-to-end tests and the benchmarks, so that
there is one way to bring the assistant up. Servers listen on loopback only.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from genoptraening import PROJECT_ROOT

if TYPE_CHECKING:
    from genoptraening.settings import Settings

log = logging.getLogger(__name__)

BIN = Path(sys.executable).parent
MODELS = PROJECT_ROOT / "models"
BOT = PROJECT_ROOT / "bot"
HOST = "127.0.0.1"


def rasa_env() -> dict[str, str]:
    """Return the environment for Rasa processes (quiet TensorFlow, loopback only)."""
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("SANIC_HOST", HOST)
    env.setdefault("PYTHONWARNINGS", "ignore")
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    return env


def rasa_token() -> str:
    """Return the token of Rasa's HTTP API: the setting, else one kept in the data folder."""
    from genoptraening.settings import get_settings

    settings = get_settings()
    if settings.rasa_token:
        return settings.rasa_token
    path = settings.data_dir / "rasa-token"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def latest_model() -> Path | None:
    """Return the newest trained model, if any."""
    models = sorted(MODELS.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def train(force: bool = False) -> Path:
    """Train the assistant when its data or config changed (Rasa's fingerprinting decides).

    Output (with its progress bars) goes to the terminal.

    Raises:
        RuntimeError: when training fails.

    """
    from genoptraening.rasa_ext.spacy_da import build_local_pipeline

    build_local_pipeline()
    args = [
        str(BIN / "rasa"), "train",
        "--config", str(BOT / "config.yml"),
        "--domain", str(BOT / "domain"),
        "--data", str(PROJECT_ROOT / "data"),
        "--out", str(MODELS),
    ]
    if force:
        args.append("--force")
    result = subprocess.run(args, cwd=PROJECT_ROOT, env=rasa_env(), check=False)
    model = latest_model()
    if result.returncode != 0 or model is None:
        raise RuntimeError(f"rasa train failed with exit code {result.returncode}")
    for old in MODELS.glob("*.tar.gz"):  # Rasa keeps every model; only the newest is used
        if old != model:
            old.unlink()
    return model


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
        """Start one server in its own process group."""
        output = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - lives with the process
        popen = subprocess.Popen(
            args, cwd=PROJECT_ROOT, env=env or rasa_env(), stdout=output, stderr=output,
            start_new_session=True,
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
        _stop(process.popen, grace)
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
        """Stop every server: SIGTERM to its process group, then SIGKILL after ``grace``."""
        for process in reversed(self.processes):
            _signal_group(process.popen, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in reversed(self.processes):
            try:
                process.popen.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process.popen, signal.SIGKILL)
                process.popen.wait()
        self.processes.clear()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def _stop(popen: subprocess.Popen[bytes], grace: float) -> None:
    _signal_group(popen, signal.SIGTERM)
    try:
        popen.wait(grace)
    except subprocess.TimeoutExpired:
        _signal_group(popen, signal.SIGKILL)
        popen.wait()


def _signal_group(popen: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    try:
        os.killpg(popen.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def scratch_settings(folder: Path, database_url: str | None = None,
                     redis_url: str | None = None, replicas: int = 1) -> Settings:
    """Return the settings of an assistant started beside ``make run`` (tests, benchmarks).

    Its files (endpoints, SQLite tracker store) are in ``folder``; it shares PostgreSQL and
    Redis only when they are given, whatever the environment says.
    """
    from genoptraening.settings import Settings

    return Settings(data_dir=folder, tracker_db=folder / "tracker.db",
                    database_url=database_url, redis_url=redis_url, replicas=replicas)


def start_assistant(services: Services, model: Path, rasa_port: int = 5005,
                    actions_port: int = 5055, settings: Settings | None = None,
                    replicas: int | None = None, lock_key_prefix: str | None = None,
                    extra_env: dict[str, str] | None = None) -> list[str]:
    """Start the action server and Rasa server(s) (REST channel) on loopback.

    Args:
        services: Where the processes are kept (and stopped).
        model: The trained model.
        rasa_port: The first Rasa server's port; replicas take the ports after it.
        actions_port: The action server's port.
        settings: Stores and timeouts; the process-wide settings when not given.
        replicas: How many Rasa servers (``settings.replicas`` when not given).
        lock_key_prefix: Prefix of the Redis lock keys, for assistants sharing one Redis.
        extra_env: More environment variables for both servers (``GENOPTRAENING_…``).

    Returns:
        The Rasa servers' URLs.

    Raises:
        RuntimeError: when several replicas are asked for without PostgreSQL and Redis.

    """
    from genoptraening.ops.stores import DATABASE_ENV, shared_stores, write_endpoints
    from genoptraening.settings import get_settings

    settings = settings or get_settings()
    replicas = replicas or settings.replicas
    if replicas > 1 and not shared_stores(settings):
        raise RuntimeError(
            f"{replicas} Rasa-servere kræver fælles lagre: sæt GENOPTRAENING_DATABASE_URL "
            "(PostgreSQL) og GENOPTRAENING_REDIS_URL (Redis)."
        )
    env = rasa_env()
    env.update(extra_env or {})
    env["GENOPTRAENING_ACTION_TIMEOUT"] = str(settings.action_timeout)
    if settings.database_url:
        env[DATABASE_ENV] = settings.database_url  # Rasa expands it in the endpoints file
    services.start(
        "actions",
        [str(BIN / "rasa"), "run", "actions", "--actions", "genoptraening.actions",
         "--port", str(actions_port)],
        f"http://{HOST}:{actions_port}/health",
        env,
    )
    endpoints = write_endpoints(settings.data_dir / f"endpoints-{rasa_port}.yml", settings,
                                f"http://{HOST}:{actions_port}", lock_key_prefix)
    urls = []
    for replica in range(replicas):
        port = rasa_port + replica
        services.start(
            "rasa" if replicas == 1 else f"rasa-{replica + 1}",
            [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port),
             "--interface", HOST, "--endpoints", str(endpoints),
             "--credentials", str(BOT / "credentials.yml"),
             # Rasa's HTTP API, for the staff tools: loopback only, behind a token.
             "--enable-api", "--auth-token", rasa_token()],
            f"http://{HOST}:{port}/",
            env,
        )
        urls.append(f"http://{HOST}:{port}")
        if replica == 0 and replicas > 1:
            # The first server creates the tables; the others start once they exist.
            services.wait_ready()
    return urls


def start_api(services: Services, port: int = 8000, rasa_port: int = 5005,
              actions_port: int = 5055, host: str = HOST,
              settings: dict[str, str] | None = None, rasa_urls: list[str] | None = None) -> None:
    """Start the web API (uvicorn) in front of the Rasa server(s).

    ``settings`` are extra environment variables for it (``GENOPTRAENING_…``); ``rasa_urls``
    the Rasa replicas it spreads messages over (the one at ``rasa_port`` when not given).
    """
    env = rasa_env()
    if rasa_urls:
        env["GENOPTRAENING_RASA_URL"] = ",".join(rasa_urls)
    env.setdefault("GENOPTRAENING_RASA_URL", f"http://{HOST}:{rasa_port}")
    env.setdefault("GENOPTRAENING_ACTIONS_URL", f"http://{HOST}:{actions_port}")
    env.update(settings or {})
    services.start(
        "api",
        [str(BIN / "uvicorn"), "genoptraening.api.main:app", "--host", host, "--port", str(port),
         "--no-access-log", "--ws", "none"],
        f"http://{HOST}:{port}/health",
        env,
    )


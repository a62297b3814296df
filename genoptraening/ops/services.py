"""Starting and stopping the assistant's processes: training, action server, Rasa server.

Used by ``make run`` (``genoptraening run``), the end-to-end tests and the benchmarks, so that
there is one way to bring the assistant up. Servers listen on loopback only.
"""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# Process supervision lives in processes; its names are kept here for the callers.
from genoptraening.ops.processes import (  # noqa: F401 - re-exported
    HOST,
    PortBusyError,
    Process,
    Services,
    ensure_ports_free,
    workdir,
)
from genoptraening.settings import get_settings

if TYPE_CHECKING:
    from genoptraening.settings import Settings

log = logging.getLogger(__name__)

BIN = Path(sys.executable).parent


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
    models = sorted(get_settings().models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def train(force: bool = False) -> Path:
    """Train the assistant when its data or config changed (Rasa's fingerprinting decides).

    Output (with its progress bars) goes to the terminal.

    Raises:
        RuntimeError: when training fails.

    """
    from genoptraening.rasa_ext.spacy_da import build_local_pipeline

    build_local_pipeline()
    settings = get_settings()
    models = settings.models_dir
    args = [
        sys.executable, "-m", "genoptraening.rasa_ext.launch", "train",
        "--config", str(settings.bot_dir / "config.yml"),
        "--domain", str(settings.bot_dir / "domain"),
        "--data", str(settings.training_data_dir),
        "--out", str(models),
    ]
    if force:
        args.append("--force")
    result = subprocess.run(args, cwd=workdir(settings), env=rasa_env(), check=False)
    model = latest_model()
    if result.returncode != 0 or model is None:
        raise RuntimeError(f"rasa train failed with exit code {result.returncode}")
    for old in models.glob("*.tar.gz"):  # Rasa keeps every model; only the newest is used
        if old != model:
            old.unlink()
    return model


def scratch_settings(folder: Path, database_url: str | None = None,
                     redis_url: str | None = None, replicas: int = 1) -> Settings:
    """Return the settings of an assistant started beside ``make run`` (tests, benchmarks).

    Its files (endpoints, SQLite tracker store) are in ``folder``; it shares PostgreSQL and
    Redis only when they are given, whatever the environment says.
    """
    from genoptraening.settings import Settings

    return Settings(data_dir=folder, tracker_db=folder / "tracker.db",
                    database_url=database_url, redis_url=redis_url, replicas=replicas)


def assistant_ports(rasa_port: int, actions_port: int, replicas: int = 1) -> dict[int, str]:
    """Return the ports of the action server and the Rasa server(s), each with its name."""
    ports = {actions_port: "actions"}
    for replica in range(replicas):
        ports[rasa_port + replica] = "rasa" if replicas == 1 else f"rasa-{replica + 1}"
    return ports


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
        PortBusyError: when a port is taken already (nothing is started then).

    """
    from genoptraening.ops.stores import DATABASE_ENV, shared_stores, write_endpoints

    settings = settings or get_settings()
    replicas = replicas or settings.replicas
    if replicas > 1 and not shared_stores(settings):
        raise RuntimeError(
            f"{replicas} Rasa-servere kræver fælles lagre: sæt GENOPTRAENING_DATABASE_URL "
            "(PostgreSQL) og GENOPTRAENING_REDIS_URL (Redis)."
        )
    ensure_ports_free(assistant_ports(rasa_port, actions_port, replicas))
    env = rasa_env()
    env.update(extra_env or {})
    env["GENOPTRAENING_ACTION_TIMEOUT"] = str(settings.action_timeout)
    if settings.database_url:
        env[DATABASE_ENV] = settings.database_url  # Rasa expands it in the endpoints file
    services.start(
        "actions",
        [sys.executable, "-m", "genoptraening.rasa_ext.launch", "run", "actions",
         "--actions", "genoptraening.actions",
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
            [sys.executable, "-m", "genoptraening.rasa_ext.launch",
             "run", "--model", str(model), "--port", str(port),
             "--interface", HOST, "--endpoints", str(endpoints),
             "--credentials", str(settings.bot_dir / "credentials.yml"),
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

    Raises:
        PortBusyError: when ``port`` is taken already.

    """
    ensure_ports_free({port: "api"}, host)
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


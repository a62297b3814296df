"""Assistants started for one test module: own ports, own stores, PostgreSQL and Redis.

The session-wide assistant in ``conftest.py`` serves most tests; the operation tests (replicas,
restarts, faults) need assistants they can stop, break and share stores between.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from genoptraening.ops.services import (
    HOST,
    Services,
    rasa_token,
    scratch_settings,
    start_api,
    start_assistant,
    train,
)
from genoptraening.settings import Settings
from tests.genoptraening.ops.stores import PG_MISSING

_OFFSET = int(os.environ.get("GENOPTRAENING_E2E_PORT_OFFSET", "0"))
POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)


def port(base: int) -> int:
    """A port of this test run (see ``GENOPTRAENING_E2E_PORT_OFFSET``)."""
    return base + _OFFSET


def listening(address: tuple[str, int]) -> bool:
    """Tell whether a server accepts connections at ``address``."""
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


needs_postgres = pytest.mark.skipif(not listening(POSTGRES), reason=PG_MISSING)
needs_redis = pytest.mark.skipif(
    not listening(REDIS), reason="Redis not running on 127.0.0.1:6379")


@dataclass
class Stack:
    """A running assistant: its servers, Rasa replicas, web API and settings."""

    services: Services
    rasa_urls: list[str]
    api_url: str | None
    settings: Settings
    log_dir: Path

    def send(self, message: str, sender: str, replica: int = 0,
             municipality: str | None = None) -> list[dict]:
        """Send one message to a replica's REST channel; return its messages."""
        body: dict = {"sender": sender, "message": message}
        if municipality:
            body["metadata"] = {"municipality": municipality}
        response = httpx.post(f"{self.rasa_urls[replica]}/webhooks/rest/webhook", json=body,
                              timeout=60)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str, replica: int = 0) -> dict:
        """The conversation as Rasa keeps it (its HTTP API, with the token)."""
        response = httpx.get(f"{self.rasa_urls[replica]}/conversations/{sender}/tracker",
                             params={"token": rasa_token(), "include_events": "ALL"},
                             timeout=30)
        response.raise_for_status()
        return response.json()


@contextmanager
def assistant_stack(scratch: Path, rasa_port: int, actions_port: int,
                    api_port: int | None = None, replicas: int = 1,
                    database_url: str | None = None, redis_url: str | None = None,
                    extra_env: dict[str, str] | None = None,
                    api_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """Start an assistant (and a web API in front of it when ``api_port`` is given)."""
    settings = scratch_settings(scratch, database_url, redis_url, replicas)
    log_dir = scratch / "logs"
    with Services(log_dir=log_dir) as services:
        urls = start_assistant(services, train(), rasa_port, actions_port, settings=settings,
                               lock_key_prefix=f"t{uuid.uuid4().hex[:8]}",
                               extra_env=extra_env)
        api_url = None
        if api_port is not None:
            env = {"GENOPTRAENING_DATA_DIR": str(scratch), "GENOPTRAENING_RATE_LIMIT": "0",
                   **(extra_env or {}), **(api_env or {})}
            if database_url:
                env["GENOPTRAENING_DATABASE_URL"] = database_url
            start_api(services, api_port, rasa_port, actions_port, settings=env,
                      rasa_urls=urls)
            api_url = f"http://{HOST}:{api_port}"
        services.wait_ready()
        yield Stack(services, urls, api_url, settings, log_dir)

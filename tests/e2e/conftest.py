"""The real assistant for end-to-end tests: the trained model, the action server and Rasa.

Started once per test session on ports of their own (so a running `make run` is not
disturbed), with a tracker store in a temporary folder; stopped at the end.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from genoptraening.ops.services import HOST, Services, start_api
from genoptraening.settings import CHECKOUT as PROJECT_ROOT
from tests.e2e.stacks import assistant_stack, port

RASA_PORT = port(5105)
ACTIONS_PORT = port(5155)
API_PORT = port(8105)
#: The origin of the pretend municipal website the widget is embedded in (served by the test
#: through request interception; on loopback, as Chromium blocks a public page from loading
#: scripts from a private address).
HOST_PAGE_ORIGIN = "http://localhost:8765"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = PROJECT_ROOT / "tests" / "e2e" / "browser_deps" / "node_modules" / "axe-core" / "axe.min.js"
_senders = itertools.count()


@pytest.fixture(scope="session")
def assistant_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test assistant's scratch folder: endpoints, tracker store, logs."""
    return tmp_path_factory.mktemp("assistant")


@pytest.fixture(scope="session")
def rasa_url(assistant_dir: Path) -> Iterator[str]:
    with assistant_stack(assistant_dir, RASA_PORT, ACTIONS_PORT) as stack:
        yield stack.rasa_urls[0]


@pytest.fixture(scope="session")
def tracker_db(rasa_url: str, assistant_dir: Path) -> Path:
    """The SQLite tracker store the test Rasa server writes."""
    return assistant_dir / "tracker.db"


@pytest.fixture(scope="session")
def api_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-data")


@pytest.fixture(scope="session")
def api_url(rasa_url: str, api_data_dir: Path) -> Iterator[str]:
    """The web API (uvicorn) in front of the test Rasa server."""
    with Services(log_dir=api_data_dir / "logs") as services:
        start_api(services, API_PORT, RASA_PORT, ACTIONS_PORT, settings={
            "GENOPTRAENING_DATA_DIR": str(api_data_dir),
            "GENOPTRAENING_CORS_ORIGINS": json.dumps([HOST_PAGE_ORIGIN]),
            # Every test talks from 127.0.0.1; the limit itself is tested in tests/api.
            "GENOPTRAENING_RATE_LIMIT": "0",
        })
        services.wait_ready(60)
        yield f"http://{HOST}:{API_PORT}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (its own browser download is not reachable).

    Module-scoped: Playwright's sync API keeps an event loop running in this thread, which
    would break later tests that start their own with ``asyncio.run``.
    """
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  # The test's "municipal website" and the API are both on this machine;
                  # a real municipal page loads the widget from a public host, where
                  # Chromium's local-network-access checks do not apply.
                  "--disable-features=LocalNetworkAccessChecks,"
                  "BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights"],
        )
        yield chromium
        chromium.close()


Chat = Callable[..., list[dict]]


@pytest.fixture
def chat(rasa_url: str) -> Chat:
    """Return a function that sends one message of a fresh conversation (or a given one)."""
    sender = f"e2e-{next(_senders)}"

    def send(message: str, municipality: str | None = None, sender_id: str = sender) -> list[dict]:
        body: dict = {"sender": sender_id, "message": message}
        if municipality is not None:
            body["metadata"] = {"municipality": municipality}
        response = httpx.post(f"{rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    return send


def texts(replies: list[dict]) -> str:
    """Join the texts of a REST response."""
    return "\n\n".join(r.get("text", "") for r in replies)

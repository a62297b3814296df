"""Rasa's HTTP API (for the staff tools) is on loopback only and needs the token."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import httpx
import pytest

from genoptraening.ops.services import rasa_token


def test_conversations_need_the_token(rasa_url: str) -> None:
    url = f"{rasa_url}/conversations/e2e-token-check/tracker"
    assert httpx.get(url, timeout=10).status_code == 401
    assert httpx.get(url, params={"token": "forkert"}, timeout=10).status_code == 401
    assert httpx.get(url, params={"token": rasa_token()}, timeout=10).status_code == 200


def _outside_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent; picks the outward interface
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_rasa_listens_on_loopback_only(rasa_url: str) -> None:
    address = _outside_address()
    if address is None:
        pytest.skip("this machine has no address besides loopback")
    port = urlsplit(rasa_url).port
    with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
        pass

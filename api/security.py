"""Security headers and the Content-Security-Policy of the web API's responses."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: JSON, widget.js and widget.css: nothing to load, run or frame. (A policy on widget.js
#: does not reach the municipal page that embeds it; that page's own policy applies.)
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
#: FastAPI's /docs and /redoc load Swagger UI and ReDoc from a CDN with inline scripts.
NO_CSP_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})

#: On every response.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "X-Frame-Options": "DENY",
}
_RAW_HEADERS = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                for k, v in SECURITY_HEADERS.items()]
_RAW_NAMES = frozenset(name for name, _ in _RAW_HEADERS)
_CSP = b"content-security-policy"

_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.DOTALL)


def page_csp(path: Path) -> str:
    """Return a strict policy for one of the API's own HTML pages (the demo page).

    Its inline script and style are allowed by their SHA-256 hashes only, so an injected
    script cannot run; everything else comes from the API itself (the favicon is a data:
    URL). The page may not be framed.

    Args:
        path: The HTML file.

    """
    return _page_csp(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _page_csp(path: Path, mtime_ns: int) -> str:
    # Keyed by mtime as well: an edited page gets fresh hashes without a restart.
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for tag, body in _INLINE.findall(path.read_text(encoding="utf-8")):
        body = body.replace("\r\n", "\n").replace("\r", "\n")  # as the browser's parser does
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes[tag].append(f"'sha256-{digest}'")
    return "; ".join([
        "default-src 'none'",
        " ".join(["script-src 'self'", *hashes["script"]]),
        " ".join(["style-src 'self'", *hashes["style"]]),
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class SecurityHeadersMiddleware:
    """Add the security headers, and ``API_CSP`` where a response has no policy of its own.

    A plain ASGI middleware: it only touches the response's first message, without the extra
    task and streams per request of Starlette's ``BaseHTTPMiddleware`` (measured under load).
    """

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with_csp = scope["path"] not in NO_CSP_PATHS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() not in _RAW_NAMES]
                headers += _RAW_HEADERS
                if with_csp and not any(name.lower() == _CSP for name, _ in headers):
                    headers.append((_CSP, API_CSP.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

"""The web API's Danish messages and error responses, shared by every route and middleware."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from genoptraening.core.render import phrases


def api_text(key: str, **values: object) -> str:
    """Return one of the web API's Danish messages (knowledge/phrases/da.yml, ``api``)."""
    return str(phrases()["api"][key]).format(**values)


def problem(status_code: int, key: str, **values: object) -> JSONResponse:
    """Return an error response with a Danish message."""
    return JSONResponse({"detail": api_text(key, **values)}, status_code=status_code)

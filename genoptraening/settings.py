"""One settings object, read from the environment (prefix ``GENOPTRAENING_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings

from genoptraening import PROJECT_ROOT

#: The admin token shipped for development; refused in production.
PLACEHOLDER_TOKEN = "change-me"


class Settings(BaseSettings):
    """Settings shared by the assistant, the web API and the staff tools.

    Attributes:
        knowledge_dir: Folder of the knowledge files (one YAML file per municipality).
        seeds_dir: Folder of the source documents that quotes are checked against.
        reload_interval: Seconds between checks for changed knowledge files.
        timezone: Time zone for "open right now" and dates.
        rasa_url: The Rasa server (REST channel) the web API forwards to; several replicas
            separated by commas ("http://127.0.0.1:5005,http://127.0.0.1:5006"), over which
            the API spreads the messages.
        actions_url: The action server, for the readiness check.
        chat_timeout: Seconds the web API waits for Rasa before apologising (503); below 4 s
            so that a citizen always hears back within 4 s.
        action_timeout: Seconds Rasa waits for the action server before giving up on a turn.
        cors_origins: Municipal websites allowed to call the web API from a browser.
        data_dir: Where the web API keeps its own files (feedback).
        rasa_token: Token of Rasa's HTTP API (on loopback only; the staff tools use it). When
            unset, one is made once and kept in ``<data_dir>/rasa-token`` (mode 600).
        environment: "development" or "production"; in production the web API refuses to
            start with the placeholder admin token.
        admin_token: Bearer token of the web API's admin routes (``/api/admin/…``).
        tracker_db: The SQLite tracker store (the embedded default).
        database_url: PostgreSQL for the tracker store instead of SQLite, e.g.
            "postgresql://rasa:secret@db:5432/rasa". Needed for several Rasa replicas.
        redis_url: Redis for Rasa's lock store instead of the in-memory one, e.g.
            "redis://127.0.0.1:6379/1". Needed for several Rasa replicas.
        replicas: How many Rasa servers ``make run`` starts (ports 5005, 5006, …); more
            than one needs ``database_url`` and ``redis_url``.
        retention_days: Conversations whose last message is older than this are deleted.
        purge_interval: Seconds between automatic deletions while the web API runs (0: off).
        rate_limit: Messages a minute one client may send to ``/api/chat`` (0: no limit).
        max_body: Largest request body the web API reads, in bytes.

    """

    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    seeds_dir: Path = PROJECT_ROOT.parent / "shared" / "seeds"
    reload_interval: float = 1.0
    timezone: str = "Europe/Copenhagen"
    rasa_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    chat_timeout: float = 3.8
    action_timeout: float = 3.0
    cors_origins: list[str] = []
    data_dir: Path = PROJECT_ROOT / "var"
    rasa_token: str | None = None
    environment: str = "development"
    admin_token: str = PLACEHOLDER_TOKEN
    tracker_db: Path = PROJECT_ROOT / "var" / "tracker.db"
    database_url: str | None = None
    redis_url: str | None = None
    replicas: int = 1
    retention_days: float = 30
    purge_interval: float = 3600
    rate_limit: int = 30
    max_body: int = 65536

    @property
    def rasa_urls(self) -> list[str]:
        """The Rasa servers the web API spreads conversations over."""
        return [url.strip().rstrip("/") for url in self.rasa_url.split(",") if url.strip()]

    class Config:
        env_prefix = "GENOPTRAENING_"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (read once from the environment)."""
    return Settings()

"""One settings object, read from the environment (prefix ``GENOPTRAENING_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings

from genoptraening import PROJECT_ROOT


class Settings(BaseSettings):
    """Settings shared by the assistant, the web API and the staff tools.

    Attributes:
        knowledge_dir: Folder of the knowledge files (one YAML file per municipality).
        seeds_dir: Folder of the source documents that quotes are checked against.
        reload_interval: Seconds between checks for changed knowledge files.
        timezone: Time zone for "open right now" and dates.
        rasa_url: The Rasa server (REST channel) the web API forwards to.
        actions_url: The action server, for the readiness check.
        chat_timeout: Seconds the web API waits for Rasa before apologising (503).
        cors_origins: Municipal websites allowed to call the web API from a browser.
        data_dir: Where the web API keeps its own files (feedback).

    """

    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    seeds_dir: Path = PROJECT_ROOT.parent / "shared" / "seeds"
    reload_interval: float = 1.0
    timezone: str = "Europe/Copenhagen"
    rasa_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    chat_timeout: float = 8.0
    cors_origins: list[str] = []
    data_dir: Path = PROJECT_ROOT / "var"

    class Config:
        env_prefix = "GENOPTRAENING_"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (read once from the environment)."""
    return Settings()

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

    """

    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    seeds_dir: Path = PROJECT_ROOT.parent / "shared" / "seeds"
    reload_interval: float = 1.0
    timezone: str = "Europe/Copenhagen"

    class Config:
        env_prefix = "GENOPTRAENING_"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (read once from the environment)."""
    return Settings()

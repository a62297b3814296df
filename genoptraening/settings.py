"""One settings object, read from the environment (prefix ``GENOPTRAENING_``)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseSettings, Field, validator

#: The folder this package sits in: the checkout, when the package runs from one.
CHECKOUT = Path(__file__).resolve().parent.parent
#: The assistant's content (``bot/``, ``data/``, ``knowledge/``) inside an installed package:
#: a wheel carries the checkout's folders here (pyproject.toml, ``genoptraening._content``).
BUNDLED = Path(__file__).resolve().parent / "_content"


def in_checkout() -> bool:
    """Tell whether this package runs from a checkout (``bot/config.yml`` beside it)."""
    return (CHECKOUT / "bot" / "config.yml").is_file()


def default_home() -> Path:
    """Return the assistant's folder: the checkout when running from one, else the bundled."""
    return CHECKOUT if in_checkout() else BUNDLED


def user_data_dir() -> Path:
    """Return where an installed package keeps what it writes: models, tokens, conversations.

    ``$XDG_DATA_HOME/genoptraening`` (``~/.local/share/genoptraening`` by default); a relative
    ``XDG_DATA_HOME`` is ignored, as the XDG specification says.
    """
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "genoptraening"


#: The admin token shipped for development; refused in production.
PLACEHOLDER_TOKEN = "change-me"


class Settings(BaseSettings):
    """Settings shared by the assistant, the web API and the staff tools.

    Attributes:
        home: The assistant's folder: ``bot/`` (Rasa's configuration), ``data/`` (training
            data), ``knowledge/``; trained models (``models/``) and the assistant's own files
            (``var/``) are kept there too unless set apart. The checkout when the package runs
            from one; for an installed package the content it carries, and then what is
            written goes to ``user_data_dir()`` instead (site-packages is not written to).
        knowledge_dir: Folder of the knowledge files (one YAML file per municipality).
        seeds_dir: Folder of the source documents that quotes are checked against: beside
            the checkout (``../shared/seeds``); for an installed package
            ``<user_data_dir>/seeds``.
        models_dir: Where trained models are written and read.
        answers_dir: The answer checks (``genoptraening check`` without files): the
            checkout's ``tests/answers``; none for an installed package unless set.
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
        tracker_db: The SQLite tracker store (the embedded default), in ``data_dir``.
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
        staff_db: The staff console's SQLite file (accounts, sessions, audit log, the history
            of knowledge edits), in ``data_dir``; with ``database_url`` set the console keeps
            its tables in that PostgreSQL database instead.
        staff_session_idle: Seconds a staff session lasts without use (logged out after).
        staff_session_lifetime: Seconds a staff session lasts at most, used or not.

    """

    home: Path = Field(default_factory=default_home)
    # Folders under home unless set (filled in by _under_home below).
    knowledge_dir: Path = Field(default=None)
    seeds_dir: Path = Field(default=None)
    models_dir: Path = Field(default=None)
    data_dir: Path = Field(default=None)
    answers_dir: Path | None = None
    tracker_db: Path = Field(default=None)
    reload_interval: float = 1.0
    timezone: str = "Europe/Copenhagen"
    rasa_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    chat_timeout: float = 3.8
    action_timeout: float = 3.0
    cors_origins: list[str] = []
    rasa_token: str | None = None
    environment: str = "development"
    admin_token: str = PLACEHOLDER_TOKEN
    database_url: str | None = None
    redis_url: str | None = None
    replicas: int = 1
    retention_days: float = 30
    purge_interval: float = 3600
    rate_limit: int = 30
    max_body: int = 65536
    staff_db: Path = Field(default=None)
    staff_session_idle: float = 1800
    staff_session_lifetime: float = 43200

    @validator("knowledge_dir", "seeds_dir", "models_dir", "data_dir", "answers_dir",
               always=True)
    def _under_home(cls, value: Path | None, values: dict[str, Any], field: Any) -> Path | None:
        if value is not None:
            return value
        home: Path = values["home"]
        if field.name == "knowledge_dir":
            return home / "knowledge"
        if home.resolve() == BUNDLED:  # an installed package: nothing is written beside it
            return {
                "seeds_dir": user_data_dir() / "seeds",
                "models_dir": user_data_dir() / "models",
                "data_dir": user_data_dir() / "var",
                "answers_dir": None,  # the answer checks are part of the checkout's tests
            }[field.name]
        return {
            "seeds_dir": home.parent / "shared" / "seeds",  # beside the checkout
            "models_dir": home / "models",
            "data_dir": home / "var",
            "answers_dir": home / "tests" / "answers",
        }[field.name]

    @validator("tracker_db", "staff_db", always=True)
    def _in_data_dir(cls, value: Path | None, values: dict[str, Any], field: Any) -> Path:
        name = {"tracker_db": "tracker.db", "staff_db": "staff.db"}[field.name]
        return value if value is not None else values["data_dir"] / name

    @property
    def bot_dir(self) -> Path:
        """Rasa's configuration, domain and credentials."""
        return self.home / "bot"

    @property
    def training_data_dir(self) -> Path:
        """Rasa's training data (NLU by topic, rules, stories)."""
        return self.home / "data"

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

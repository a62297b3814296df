"""``genoptraening endpoints``: Rasa's endpoints file from the environment (containers)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from genoptraening.cli import main
from genoptraening.settings import get_settings


@pytest.fixture(autouse=True)
def fresh_settings() -> None:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_postgres_and_redis_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("GENOPTRAENING_DATABASE_URL", "postgresql://rasa:kode@postgres:5432/rasa")
    monkeypatch.setenv("GENOPTRAENING_REDIS_URL", "redis://redis:6379/1")
    monkeypatch.setenv("GENOPTRAENING_ACTIONS_URL", "http://actions:5055")
    out = tmp_path / "endpoints.yml"
    assert main(["endpoints", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    config = yaml.safe_load(out.read_text())
    assert config["action_endpoint"]["url"] == "http://actions:5055/webhook"
    assert config["tracker_store"]["url"] == "${GENOPTRAENING_DATABASE_URL}"
    assert config["lock_store"]["url"] == "redis"
    assert "kode" not in out.read_text()


def test_embedded_defaults_without_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GENOPTRAENING_DATABASE_URL", raising=False)
    monkeypatch.delenv("GENOPTRAENING_REDIS_URL", raising=False)
    monkeypatch.setenv("GENOPTRAENING_DATA_DIR", str(tmp_path))
    assert main(["endpoints"]) == 0
    config = yaml.safe_load((tmp_path / "endpoints.yml").read_text())
    assert config["tracker_store"]["dialect"] == "sqlite"
    assert config["lock_store"] == {"type": "in_memory"}


def test_a_bad_url_is_refused_in_danish(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                        capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("GENOPTRAENING_DATABASE_URL", "mysql://x@y/z")
    assert main(["endpoints", "--out", str(tmp_path / "e.yml")]) == 1
    assert "postgresql://bruger:kode@vært:5432/database" in capsys.readouterr().err
    assert not (tmp_path / "e.yml").exists()

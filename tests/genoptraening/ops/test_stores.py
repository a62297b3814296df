"""Rasa's stores chosen by the settings: SQLite and in-memory by default, PostgreSQL and Redis."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml

from genoptraening.ops.stores import (
    RedisTarget,
    StoreConfigError,
    endpoints_yaml,
    shared_stores,
    sqlalchemy_url,
    write_endpoints,
)
from genoptraening.rasa_ext.locks import AtomicRedisLockStore
from genoptraening.settings import Settings

PG = "postgresql://rasa:hemmelig@db.example:5432/rasa"


LEAN = "genoptraening.rasa_ext.tracker_store.LeanSQLTrackerStore"
ATOMIC = "genoptraening.rasa_ext.locks.AtomicRedisLockStore"


def settings(**values: object) -> Settings:
    base: dict[str, object] = {"database_url": None, "redis_url": None,
                               "tracker_db": Path("/data/tracker.db")}
    base.update(values)
    return Settings(**base)


def test_defaults_are_embedded_sqlite_and_in_memory_locks() -> None:
    config = yaml.safe_load(endpoints_yaml(settings()))
    assert config["tracker_store"] == {"type": LEAN,
                                       "dialect": "sqlite",
                                       "db": "/data/tracker.db"}
    assert config["lock_store"] == {"type": "in_memory"}
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:5055/webhook"
    assert not shared_stores(settings())


def test_database_url_selects_postgresql_without_writing_the_password() -> None:
    text = endpoints_yaml(settings(database_url=PG))
    assert "hemmelig" not in text
    config = yaml.safe_load(text)
    assert config["tracker_store"] == {"type": LEAN,
                                       "dialect": "postgresql",
                                       "url": "${GENOPTRAENING_DATABASE_URL}"}


def test_rasa_expands_the_database_url_from_its_environment(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    monkeypatch.setenv("GENOPTRAENING_DATABASE_URL", PG)
    path = write_endpoints(tmp_path / "endpoints.yml", settings(database_url=PG))
    config = read_endpoint_config(str(path), "tracker_store")
    assert config is not None and config.url == PG
    # Rasa's SQL tracker store takes a whole URL in "url" as it is.
    assert SQLTrackerStore.get_db_url("postgresql", config.url) == PG


def test_redis_url_selects_rasas_redis_lock_store(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    from rasa.core.lock_store import LockStore, RedisLockStore
    from rasa.utils.endpoints import read_endpoint_config

    monkeypatch.setenv("GENOPTRAENING_DATABASE_URL", PG)
    path = write_endpoints(tmp_path / "endpoints.yml",
                           settings(database_url=PG, redis_url="redis://127.0.0.1:6380/3"),
                           lock_key_prefix="test42")
    config = yaml.safe_load(path.read_text())["lock_store"]
    assert config == {"type": ATOMIC, "url": "127.0.0.1",
                      "port": 6380, "db": 3, "key_prefix": "test42"}
    store = LockStore.create(read_endpoint_config(str(path), "lock_store"))
    assert isinstance(store, AtomicRedisLockStore)
    assert isinstance(store, RedisLockStore)  # Rasa's own, so SANIC_WORKERS works with it too
    assert store.key_prefix.startswith("test42:")
    assert shared_stores(settings(database_url=PG, redis_url="redis://127.0.0.1:6380/3"))


def test_the_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = write_endpoints(tmp_path / "endpoints.yml",
                           settings(redis_url="redis://:kode@redis:6379/1"))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "password: kode" in path.read_text()


def test_actions_url_can_be_given() -> None:
    config = yaml.safe_load(endpoints_yaml(settings(), "http://127.0.0.1:5155/"))
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:5155/webhook"


@pytest.mark.parametrize("url", ["mysql://x@h/db", "postgresql://h", "postgresql:///db", "db"])
def test_unusable_database_urls_are_refused_in_danish(url: str) -> None:
    with pytest.raises(StoreConfigError, match="postgresql://bruger:kode@vært:5432/database"):
        endpoints_yaml(settings(database_url=url))


@pytest.mark.parametrize("url", ["http://redis:6379", "redis://", "redis://h:port/1",
                                 "redis://h:6379/x"])
def test_unusable_redis_urls_are_refused(url: str) -> None:
    with pytest.raises(StoreConfigError, match="GENOPTRAENING_REDIS_URL"):
        RedisTarget.parse(url)


def test_redis_defaults() -> None:
    assert RedisTarget.parse("redis://cache") == RedisTarget("cache", 6379, 1, None)


def test_lock_key_prefix_must_be_letters_and_digits() -> None:
    with pytest.raises(ValueError):
        endpoints_yaml(settings(redis_url="redis://h/1"), lock_key_prefix="a:b")


def test_the_postgres_spelling_is_given_as_sqlalchemy_reads_it():
    assert sqlalchemy_url("postgres://u@db:5432/rasa") == "postgresql://u@db:5432/rasa"
    assert sqlalchemy_url("sqlite:////srv/t.db") == "sqlite:////srv/t.db"


def test_the_console_database_reads_the_postgres_spelling_too():
    from genoptraening.ops.console.db import ConsoleDatabase

    assert ConsoleDatabase("postgres://u@db:5432/rasa").url == "postgresql://u@db:5432/rasa"

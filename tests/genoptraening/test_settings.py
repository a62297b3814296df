"""Where the settings put the assistant's folders: the checkout, an installed package, overrides."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from genoptraening import settings as settings_module
from genoptraening.cli import main
from genoptraening.settings import BUNDLED, CHECKOUT, Settings, get_settings, in_checkout


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No GENOPTRAENING_ setting from outside; run from a folder of no importance."""
    for name in list(os.environ):
        if name.startswith("GENOPTRAENING_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")


@pytest.fixture
def installed(monkeypatch):
    """Settings as in an installed package: no checkout beside it."""
    monkeypatch.setattr(settings_module, "in_checkout", lambda: False)


def paths(settings: Settings) -> list[Path | None]:
    return [settings.home, settings.knowledge_dir, settings.seeds_dir, settings.models_dir,
            settings.data_dir, settings.answers_dir, settings.tracker_db, settings.bot_dir,
            settings.training_data_dir]


def test_a_checkout_is_its_own_home():
    assert in_checkout()
    settings = Settings()
    assert settings.home == CHECKOUT
    assert settings.bot_dir == CHECKOUT / "bot"
    assert settings.training_data_dir == CHECKOUT / "data"
    assert settings.knowledge_dir == CHECKOUT / "knowledge"
    assert settings.models_dir == CHECKOUT / "models"
    assert settings.data_dir == CHECKOUT / "var"
    assert settings.tracker_db == CHECKOUT / "var" / "tracker.db"
    assert settings.answers_dir == CHECKOUT / "tests" / "answers"
    assert settings.seeds_dir == CHECKOUT.parent / "shared" / "seeds"


def test_an_installed_package_reads_its_content_and_writes_to_the_user_data_folder(
        installed, tmp_path):
    settings = Settings()
    user_data = tmp_path / "home" / ".local" / "share" / "genoptraening"
    assert settings.home == BUNDLED
    assert settings.bot_dir == BUNDLED / "bot"
    assert settings.training_data_dir == BUNDLED / "data"
    assert settings.knowledge_dir == BUNDLED / "knowledge"
    assert settings.models_dir == user_data / "models"
    assert settings.data_dir == user_data / "var"
    assert settings.tracker_db == user_data / "var" / "tracker.db"
    assert settings.seeds_dir == user_data / "seeds"
    assert settings.answers_dir is None  # the answer checks belong to the checkout's tests


def test_xdg_data_home_is_followed_when_absolute(installed, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Settings().models_dir == tmp_path / "xdg" / "genoptraening" / "models"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/xdg")  # ignored, as the specification says
    assert Settings().models_dir == tmp_path / "home" / ".local" / "share" / "genoptraening" \
        / "models"


@pytest.mark.parametrize("checkout", [True, False])
def test_no_default_is_the_working_directory(checkout, monkeypatch, tmp_path):
    monkeypatch.setattr(settings_module, "in_checkout", lambda: checkout)
    for path in paths(Settings()):
        assert path is None or (path.is_absolute() and not path.is_relative_to(tmp_path / "cwd"))


def test_home_from_the_environment_holds_everything(installed, monkeypatch, tmp_path):
    monkeypatch.setenv("GENOPTRAENING_HOME", str(tmp_path / "app"))
    settings = Settings()
    assert settings.bot_dir == tmp_path / "app" / "bot"
    assert settings.training_data_dir == tmp_path / "app" / "data"
    assert settings.knowledge_dir == tmp_path / "app" / "knowledge"
    assert settings.models_dir == tmp_path / "app" / "models"
    assert settings.data_dir == tmp_path / "app" / "var"
    assert settings.tracker_db == tmp_path / "app" / "var" / "tracker.db"


def test_each_folder_can_be_set_apart(monkeypatch, tmp_path):
    for name in ("knowledge_dir", "seeds_dir", "models_dir", "data_dir", "answers_dir"):
        monkeypatch.setenv(f"GENOPTRAENING_{name.upper()}", str(tmp_path / name))
    settings = Settings()
    assert settings.knowledge_dir == tmp_path / "knowledge_dir"
    assert settings.seeds_dir == tmp_path / "seeds_dir"
    assert settings.models_dir == tmp_path / "models_dir"
    assert settings.answers_dir == tmp_path / "answers_dir"
    assert settings.tracker_db == tmp_path / "data_dir" / "tracker.db"
    monkeypatch.setenv("GENOPTRAENING_TRACKER_DB", str(tmp_path / "t.db"))
    assert Settings().tracker_db == tmp_path / "t.db"


def test_check_says_in_danish_that_an_installed_package_has_no_answer_checks(
        installed, capsys):
    get_settings.cache_clear()
    try:
        assert main(["check"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "Der følger ingen svartjek med den installerede pakke" in err
    assert "GENOPTRAENING_ANSWERS_DIR" in err

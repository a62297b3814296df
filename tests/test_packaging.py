"""The wheel's contents as pyproject.toml declares them, checked against the tree.

setuptools installs exactly the ``packages`` listed (no discovery), so a new sub-package that
is not listed would silently be missing from a wheel; tests/e2e/test_wheel.py builds one.
"""

from __future__ import annotations

from pathlib import Path

import tomli

from genoptraening.settings import BUNDLED, CHECKOUT

SETUPTOOLS = tomli.loads((CHECKOUT / "pyproject.toml").read_text())["tool"]["setuptools"]
PACKAGES: list[str] = SETUPTOOLS["packages"]
PACKAGE_DIR: dict[str, str] = SETUPTOOLS["package-dir"]
PACKAGE_DATA: dict[str, list[str]] = SETUPTOOLS["package-data"]
#: The top-level code folders and the names they install under.
CODE = {"genoptraening": "genoptraening", "api": "genoptraening.api",
        "actions": "genoptraening.actions"}
#: The assistant's content folders, carried as data-only packages (settings.BUNDLED).
CONTENT = {"bot": "genoptraening._content.bot", "data": "genoptraening._content.data",
           "knowledge": "genoptraening._content.knowledge"}


def source_dir(package: str) -> Path:
    """The folder a package is built from (the longest package-dir mapping that fits)."""
    parts = package.split(".")
    for cut in range(len(parts), 0, -1):
        mapped = PACKAGE_DIR.get(".".join(parts[:cut]))
        if mapped is not None:
            return CHECKOUT / mapped / Path(*parts[cut:])
    return CHECKOUT / Path(*parts)


def tree_packages() -> set[str]:
    """Every folder with an ``__init__.py`` in the code folders, by its installed name."""
    found = set()
    for folder, name in CODE.items():
        for init in (CHECKOUT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(CHECKOUT / folder).parts
            found.add(".".join((name, *relative)))
    return found


def test_every_code_package_is_listed_and_nothing_else():
    code_packages = {p for p in PACKAGES if p not in CONTENT.values()}
    assert code_packages == tree_packages()
    assert len(PACKAGES) == len(set(PACKAGES))


def test_no_generic_top_level_names_are_installed():
    assert {p.split(".")[0] for p in PACKAGES} == {"genoptraening"}


def test_the_folders_map_to_their_installed_names():
    for folder, name in {**CODE, **CONTENT}.items():
        assert PACKAGE_DIR[name] == folder
    for package in PACKAGES:
        assert source_dir(package).is_dir(), package


def test_the_content_folders_travel_whole_where_settings_look_for_them():
    assert {p for p in PACKAGES if p.startswith("genoptraening._content.")} == set(CONTENT.values())
    for folder, name in CONTENT.items():
        assert PACKAGE_DATA[name] == (
            ["**/*.yml", "**/*.md"] if name.endswith("knowledge") else ["**/*.yml"])
        assert not (CHECKOUT / folder / "__init__.py").exists()  # data, never imported
        assert BUNDLED / folder == CHECKOUT / "genoptraening" / Path(*name.split(".")[1:])
    assert SETUPTOOLS["include-package-data"] is False


def test_every_package_data_pattern_finds_files():
    for package, patterns in PACKAGE_DATA.items():
        assert package in PACKAGES, package
        for pattern in patterns:
            assert any(source_dir(package).glob(pattern)), f"{package}: {pattern}"


def test_the_console_command_is_declared():
    project = tomli.loads((CHECKOUT / "pyproject.toml").read_text())["project"]
    assert project["scripts"] == {"genoptraening": "genoptraening.cli:main"}

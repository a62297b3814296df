"""Shared fixtures: a scratch knowledge folder built from the real files."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from genoptraening.settings import CHECKOUT as PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
#: The installed console command (its real entry point).
CLI = Path(sys.executable).parent / "genoptraening"


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target

"""Starting the assistant: replicas need the shared stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from genoptraening.ops.services import Services, start_assistant
from genoptraening.settings import Settings


@pytest.mark.parametrize("stores", [{}, {"database_url": "postgresql://h/db"},
                                    {"redis_url": "redis://h/1"}])
def test_several_replicas_without_postgres_and_redis_are_refused(
        stores: dict, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, **{"database_url": None, "redis_url": None, **stores})
    services = Services()
    with pytest.raises(RuntimeError, match="GENOPTRAENING_DATABASE_URL.*GENOPTRAENING_REDIS_URL"):
        start_assistant(services, tmp_path / "model.tar.gz", settings=settings, replicas=2)
    assert services.processes == []  # nothing was started

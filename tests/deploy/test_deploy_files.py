"""The deployment files: a Docker engine is not available here, so they are linted and checked."""

import subprocess
import sys
from pathlib import Path

import yaml

from genoptraening.settings import CHECKOUT as PROJECT_ROOT

HADOLINT = Path(sys.executable).parent / "hadolint"


def test_dockerfile_passes_hadolint():
    result = subprocess.run([str(HADOLINT), str(PROJECT_ROOT / "Dockerfile")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_as_non_root_on_python_310_slim():
    text = (PROJECT_ROOT / "Dockerfile").read_text()
    assert text.startswith("# ") and "FROM python:3.10-slim" in text
    assert "USER 10001" in text and "genoptraening.rasa_ext.launch train" in text


def test_compose_has_the_five_services_and_publishes_only_the_api():
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "actions", "rasa", "api"}
    published = [name for name, service in services.items() if service.get("ports")]
    assert published == ["api"]
    assert services["api"]["environment"]["GENOPTRAENING_RASA_URL"] == "http://rasa:5005"
    command = " ".join(services["rasa"]["command"])
    assert ("genoptraening endpoints --out var/endpoints.yml && exec python -m "
            "genoptraening.rasa_ext.launch run") in command
    assert "--endpoints var/endpoints.yml" in command
    # The HTTP API for the staff console's Test page, with the token every service is given.
    assert '--enable-api --auth-token "$$GENOPTRAENING_RASA_TOKEN"' in command
    assert compose["x-app"]["environment"]["GENOPTRAENING_RASA_TOKEN"].startswith("${RASA_TOKEN:?")


def test_compose_stores_are_postgres_and_redis(tmp_path, monkeypatch):
    from genoptraening.ops.stores import write_endpoints
    from genoptraening.settings import Settings

    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    env = compose["x-app"]["environment"]
    assert env["GENOPTRAENING_DATABASE_URL"].startswith("postgresql://rasa:")
    assert env["GENOPTRAENING_REDIS_URL"] == "redis://redis:6379/1"
    settings = Settings(database_url="postgresql://rasa:x@postgres:5432/rasa",
                        redis_url=env["GENOPTRAENING_REDIS_URL"],
                        actions_url=env["GENOPTRAENING_ACTIONS_URL"])
    endpoints = yaml.safe_load(write_endpoints(tmp_path / "e.yml", settings).read_text())
    assert endpoints["tracker_store"]["dialect"] == "postgresql"
    assert endpoints["lock_store"]["url"] == "redis"
    assert endpoints["action_endpoint"]["url"] == "http://actions:5055/webhook"


def test_compose_runs_in_production_mode_with_a_required_admin_token():
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    env = compose["services"]["api"]["environment"]
    assert env["GENOPTRAENING_ENVIRONMENT"] == "production"
    assert env["GENOPTRAENING_ADMIN_TOKEN"].startswith("${ADMIN_TOKEN:?")

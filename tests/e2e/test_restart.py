"""Stop and start the Rasa server mid-conversation: nothing the citizen said is forgotten.

With the embedded SQLite tracker store and with PostgreSQL: the municipality and a question
waiting for the municipality survive the restart.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import texts
from tests.e2e.stacks import Stack, assistant_stack, port
from tests.genoptraening.ops.stores import scratch_database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stack(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    scratch = tmp_path_factory.mktemp(f"restart-{request.param}")
    if request.param == "sqlite":
        with assistant_stack(scratch, port(5325), port(5375)) as stack:
            yield stack
        return
    with scratch_database() as url, assistant_stack(scratch, port(5325), port(5375),
                                                    database_url=url) as stack:
        yield stack


def test_a_pending_question_and_the_municipality_survive_restarts(stack: Stack) -> None:
    sender = "restart-1"
    asked = texts(stack.send("hvad koster det at få genoptræning?", sender))
    assert "Hvilken kommune" in asked

    stack.services.restart("rasa")
    # The question waiting for the municipality is answered once it is given.
    answer = texts(stack.send("Lejre", sender))
    assert "Lejre" in answer and "Kilde:" in answer
    assert "Hvilken kommune" not in answer
    tracker = stack.tracker(sender)
    assert tracker["slots"]["municipality"] == "lejre"
    assert tracker["slots"]["pending_topic"] is None

    stack.services.restart("rasa")
    # The municipality is still known: the next question is answered for Lejre at once.
    answer = texts(stack.send("hvordan klager jeg?", sender))
    assert "Hvilken kommune" not in answer
    assert "Lejre" in answer and "Kilde:" in answer
    users = [e["text"] for e in stack.tracker(sender)["events"] if e["event"] == "user"]
    assert users == ["hvad koster det at få genoptræning?", "Lejre", "hvordan klager jeg?"]

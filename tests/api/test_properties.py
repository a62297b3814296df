"""Property-based: whatever a browser or a robot sends, the API never answers with a 5xx."""

import json
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURE = [HealthCheck.function_scoped_fixture]  # the client fixture is safe to reuse
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children,
                                                                         max_size=3),
    max_leaves=8,
)
BODIES = st.fixed_dictionaries(
    {},
    optional={
        "message": st.text(max_size=1200) | JSON_VALUES,
        "session_id": st.text(max_size=70) | JSON_VALUES,
        "municipality": st.text(max_size=120) | JSON_VALUES,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE)
@given(body=BODIES)
def test_chat_never_5xx(client, body):
    response = client.post("/api/chat", content=json.dumps(body),
                           headers={"content-type": "application/json"})
    assert response.status_code in (200, 422)
    assert "detail" in response.json() or "replies" in response.json()


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE)
@given(raw=st.binary(max_size=300))
def test_chat_never_5xx_on_raw_bytes(client, raw):
    response = client.post("/api/chat", content=raw, headers={"content-type": "application/json"})
    assert response.status_code < 500


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE)
@given(slug=st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s and s not in ".."))
def test_municipality_lookup_never_5xx(client, slug):
    assert client.get(f"/api/municipalities/{quote(slug, safe='')}").status_code in (200, 404)


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE)
@given(body=st.dictionaries(st.sampled_from(["session_id", "reply_id", "rating"]), JSON_VALUES))
def test_feedback_never_5xx(client, body):
    assert client.post("/api/feedback", json=body).status_code in (204, 422)

"""Property-based: whatever a browser or a robot sends, the API never answers with a 5xx."""

import json
import re
from urllib.parse import quote

from genoptraening.api.errors import api_text
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
#: Any character, lone surrogates included, with control characters, emoji and HTML more often.
TEXT = st.lists(st.characters(exclude_categories=()) | st.sampled_from(
    ["\x00", "\x1b", "\r", "\x0b", "\x85", "\u2028", "\ufeff", "👨‍👩‍👧", "👋🏽", "<script>",
     "æøå"]),
    max_size=60).map("".join)
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
BODIES = st.fixed_dictionaries(
    {},
    optional={
        "message": st.text(max_size=1200) | JSON_VALUES,
        "session_id": st.text(max_size=70) | JSON_VALUES,
        "municipality": st.text(max_size=120) | JSON_VALUES,
    },
)




def danish_detail(response) -> bool:
    """Whether a 4xx says in Danish what is wrong (one of the API's own messages)."""
    keys = ("message_empty", "invalid_request", "invalid_session", "body_too_large")
    known = {api_text(key) for key in keys} | {api_text("message_too_long", limit="1.000")}
    body = response.json()
    return set(body) == {"detail"} and body["detail"] in known


def post_chat(client, content: bytes | str) -> None:
    """Post a raw body: a normal answer or a Danish 422, never a 5xx."""
    response = client.post("/api/chat", content=content,
                           headers={"content-type": "application/json"})
    assert response.status_code in (200, 422)
    assert "replies" in response.json() or danish_detail(response)


@settings(max_examples=250, deadline=None, suppress_health_check=FIXTURE)
@given(body=BODIES | JSON_VALUES)
def test_chat_never_5xx(client, body):
    post_chat(client, json.dumps(body))


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE)
@given(raw=st.binary(max_size=300))
def test_chat_never_5xx_on_raw_bytes(client, raw):
    post_chat(client, raw)


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE)
@given(message=TEXT, municipality=st.none() | TEXT)
def test_any_text_is_cleaned_or_refused_in_danish(client, rasa, message, municipality):
    # JSON with its escapes, as a browser sends it: a lone surrogate is "\ud800" on the wire
    # (the test client's own encoder writes raw UTF-8, which cannot hold one).
    response = client.post("/api/chat",
                           content=json.dumps({"message": message, "municipality": municipality}),
                           headers={"content-type": "application/json"})
    if response.status_code != 200:
        assert response.status_code == 422 and danish_detail(response)
        return
    _, sent, sent_municipality = rasa.sent[-1]
    assert sent.strip() and sent == sent.strip() and len(sent) <= 1000
    assert not UNWANTED.search(sent)
    assert sent_municipality is None or (sent_municipality.strip()
                                         and not UNWANTED.search(sent_municipality))


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE)
@given(slug=st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s and s not in ".."))
def test_municipality_lookup_never_5xx(client, slug):
    assert client.get(f"/api/municipalities/{quote(slug, safe='')}").status_code in (200, 404)


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE)
@given(body=st.dictionaries(st.sampled_from(["session_id", "reply_id", "rating"]), JSON_VALUES))
def test_feedback_never_5xx(client, body):
    assert client.post("/api/feedback", json=body).status_code in (204, 422)

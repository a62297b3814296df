"""Bad input at /api/chat: a clear Danish 4xx or a normal answer, never a 5xx."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from genoptraening.api.sanitize import clean_text

EMPTY = "Skriv en besked, før du sender."
TOO_LONG = "Beskeden er for lang. Skriv højst 1.000 tegn."
INVALID = "Forespørgslen kunne ikke forstås. Prøv igen."
TOO_LARGE = "Beskeden er for stor. Skriv en kortere besked, og prøv igen."
MEGABYTE = b'{"message": "' + b"x" * 1_000_000 + b'"}'


def chunked() -> Iterator[bytes]:
    """The 1 MB body in pieces, without a Content-Length."""
    for start in range(0, len(MEGABYTE), 65_536):
        yield MEGABYTE[start:start + 65_536]


def js(body: object) -> bytes:
    return json.dumps(body).encode()


# (body, status, Danish detail of a 4xx | what reached Rasa as (message, municipality))
CASES = {
    "empty": (js({"message": ""}), 422, EMPTY),
    "whitespace only": (js({"message": "   \n\t "}), 422, EMPTY),
    "only control characters": (js({"message": "\x00\x07\x1b \x7f"}), 422, EMPTY),
    "1 MB body": (MEGABYTE, 413, TOO_LARGE),
    "1 MB body, chunked": (chunked, 413, TOO_LARGE),
    "no body": (b"", 422, INVALID),
    "invalid JSON": (b"{not json", 422, INVALID),
    "JSON, not an object": (b"[]", 422, INVALID),
    "number for message": (b'{"message": 5}', 422, INVALID),
    "null for message": (b'{"message": null}', 422, INVALID),
    "list for message": (b'{"message": ["hej"]}', 422, INVALID),
    "number for municipality": (b'{"message": "hej", "municipality": 7}', 422, INVALID),
    "misspelt field": (b'{"messages": "hej"}', 422, INVALID),
    "invalid UTF-8": (b'{"message": "hej \xff\xfe"}', 422, INVALID),
    "invalid UTF-8, no JSON": (b"\xc3\x28\xa0\xa1", 422, INVALID),
    "a 10,000-character word": (js({"message": "a" * 10_000}), 422, TOO_LONG),
    "1,001 characters": (js({"message": "x" * 1001}), 422, TOO_LONG),
    "NUL and control characters": (js({"message": "hv\x00ad\x1b koster\x0bdet?\r\nTak\t!"}),
                                   200, ("hvad koster det?\nTak\t!", None)),
    "lone surrogate": (b'{"message": "hej \\ud800"}', 200, ("hej", None)),
    "HTML and script": (js({"message": "<script>alert('x')</script><b>pris</b>"}),
                        200, ("<script>alert('x')</script><b>pris</b>", None)),
    "unknown municipality": (js({"message": "pris?", "municipality": "Atlantis"}),
                             200, ("pris?", "Atlantis")),
    "control characters in municipality": (js({"message": "pris?", "municipality": "Lej\x00re"}),
                                           200, ("pris?", "Lejre")),
    "blank municipality": (js({"message": "pris?", "municipality": " \x00 "}),
                           200, ("pris?", None)),
    "emoji": (js({"message": "hej 👋🏽 hvad koster det? 👨‍👩‍👧", "municipality": "Lejre"}),
              200, ("hej 👋🏽 hvad koster det? 👨‍👩‍👧", "Lejre")),
}


@pytest.mark.parametrize("body,status,expected", CASES.values(), ids=CASES.keys())
def test_bad_input(client, rasa, body, status, expected):
    response = client.post("/api/chat", content=body() if callable(body) else body,
                           headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    if status == 200:
        assert [sent[1:] for sent in rasa.sent] == [expected]
        assert response.json()["replies"]
    else:
        # Only the Danish message: never the input echoed back (it may hold a CPR number).
        assert response.json() == {"detail": expected}
        assert rasa.sent == []


def test_a_session_id_of_the_wrong_type(client):
    response = client.post("/api/chat", json={"session_id": 12345678, "message": "hej"})
    assert response.status_code == 422
    assert "Samtalens id er ugyldigt" in response.json()["detail"]


@pytest.mark.parametrize("text,clean", [
    ("hej", "hej"),
    ("a\x00b\x08c\x7fd\x9fe", "abcde"),
    ("a\r\nb\rc\x0bd\x0ce\x1cf\x85g", "a\nb c d e f g"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
    ("\ud83d alone", " alone"),
    ("æøå 👨‍👩‍👧 \u200b", "æøå 👨‍👩‍👧 \u200b"),  # format characters (ZWJ) stay
])
def test_clean_text(text, clean):
    assert clean_text(text) == clean

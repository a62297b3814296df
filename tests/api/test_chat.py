import re

import pytest


def test_chat_forwards_with_municipality_and_splits_the_source(client, rasa):
    response = client.post("/api/chat", json={"message": " hvad koster det? ",
                                              "municipality": "Lejre"})
    assert response.status_code == 200
    body = response.json()
    assert re.fullmatch(r"[0-9a-f]{32}", body["session_id"])
    assert rasa.sent == [(body["session_id"], "hvad koster det?", "Lejre")]
    answer = body["replies"][1]
    assert answer["text"] == "Træningen er gratis."
    assert answer["source"] == "Kilde: Kvalitetsstandard, Lejre Kommune, afsnit »4«"
    assert answer["buttons"] == [{"title": "Hvordan søger jeg?", "payload": "/ask_apply"}]
    assert answer["id"] != body["replies"][0]["id"]


def test_chat_keeps_the_given_session(client, rasa):
    client.post("/api/chat", json={"session_id": "abcdefgh12", "message": "hej"})
    assert rasa.sent[0][0] == "abcdefgh12"


@pytest.mark.parametrize("message,sent", [
    ("mit cpr er 010203-1234", "mit cpr er [CPR]"),
    (" 0102031234 og 311299 1234 ", "[CPR] og [CPR]"),
    ("ring på 92 43 43 48 den 12-10-2026", "ring på 92 43 43 48 den 12-10-2026"),
])
def test_chat_masks_cpr_numbers_before_forwarding(client, rasa, message, sent):
    assert client.post("/api/chat", json={"message": message,
                                          "municipality": "Lejre 010203-1234"}).status_code == 200
    assert rasa.sent[0][1:] == (sent, "Lejre [CPR]")


# Empty, too long and malformed messages: test_bad_input.py.


def test_a_message_of_exactly_1000_characters_is_accepted(client):
    assert client.post("/api/chat", json={"message": "å" * 1000}).status_code == 200


def test_invalid_session_id(client):
    response = client.post("/api/chat", json={"session_id": "../../etc", "message": "hej"})
    assert response.status_code == 422
    assert "Samtalens id er ugyldigt" in response.json()["detail"]


def test_rasa_down_gives_503_in_danish_with_the_municipalitys_phone(client, rasa):
    rasa.down = True
    response = client.post("/api/chat", json={"message": "hej", "municipality": "lejre"})
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert detail.startswith("Beklager, assistenten svarer ikke lige nu.")
    assert "Lejre Kommune på 92 43 43 48" in detail


def test_rasa_down_without_municipality_or_phone(client, rasa):
    rasa.down = True
    for municipality in (None, "Rebild", "Vejle", "Atlantis"):
        response = client.post("/api/chat", json={"message": "hej",
                                                  "municipality": municipality})
        assert response.status_code == 503
        assert response.json()["detail"] == ("Beklager, assistenten svarer ikke lige nu. "
                                             "Prøv igen om lidt.")


def test_feedback_is_stored(client):
    response = client.post("/api/feedback", json={"session_id": "abcdefgh12",
                                                  "reply_id": "r1", "rating": "up"})
    assert response.status_code == 204
    client.post("/api/feedback", json={"session_id": "abcdefgh12", "reply_id": "r2",
                                       "rating": "down"})
    assert client.feedback_store.counts() == {"up": 1, "down": 1}


def test_feedback_rejects_other_ratings(client):
    response = client.post("/api/feedback", json={"session_id": "abcdefgh12",
                                                  "reply_id": "r1", "rating": "meh"})
    assert response.status_code == 422


def test_security_headers(client):
    response = client.get("/health")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_chat_returns_the_structured_reply(client, rasa):
    source = "Kilde: Lejre Kommune, Kvalitetsstandard, afsnit »9. Transport«"

    async def send(sender, message, municipality):
        custom = {"kind": "genoptraening.reply", "version": 1, "text": "Det koster 41 kr.",
                  "sources": [{"text": source, "general": False, "section": "9. Transport",
                               "municipality": "Lejre Kommune", "standard": "Kvalitetsstandard",
                               "file": "000_fcbf1760aa121c15.txt", "law": None}],
                  "passage": {"section": "9. Transport", "text": "Taksten reguleres årligt.",
                              "municipality": "Lejre Kommune", "standard": "Kvalitetsstandard",
                              "score": 0.7},
                  "phones": [{"label": "Visitationen", "number": "46 46 49 45",
                              "tel": "+4546464945", "hours": None}],
                  "facts": [{"price": "41 kr."}],
                  "answered_by": {"kind": "topic+passage", "topic": "transport",
                                  "intent": "ask_transport", "confidence": 0.9, "score": 0.7}}
        return [{"recipient_id": sender, "text": f"Det koster 41 kr.\n{source}"},
                {"recipient_id": sender, "custom": custom}]

    rasa.send = send
    response = client.post("/api/chat", json={"message": "hvad koster kørsel?"})
    assert response.status_code == 200
    (reply,) = response.json()["replies"]
    assert reply["text"] == "Det koster 41 kr."
    assert reply["source"] == source
    assert reply["sources"] == [{"text": source, "general": False,
                                 "municipality": "Lejre Kommune",
                                 "standard": "Kvalitetsstandard", "section": "9. Transport",
                                 "law": None}]
    assert reply["passage"] == {"municipality": "Lejre Kommune", "standard": "Kvalitetsstandard",
                                "section": "9. Transport", "text": "Taksten reguleres årligt."}
    assert reply["phones"] == [{"label": "Visitationen", "number": "46 46 49 45",
                                "tel": "+4546464945", "hours": None}]
    assert reply["answered_by"] == {"kind": "topic+passage", "topic": "transport",
                                    "score": 0.7}


def test_chat_without_payloads_has_empty_structure(client):
    body = client.post("/api/chat", json={"message": "hej"}).json()
    assert [r["sources"] for r in body["replies"]] == [[], []]
    assert [r["answered_by"] for r in body["replies"]] == [None, None]

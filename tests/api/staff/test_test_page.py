"""The Test page over HTTP, with a stand-in for the assistant: two municipalities side by side,
what answered and why under each answer, "Start forfra"."""

from __future__ import annotations

import pytest
from genoptraening.api.routes.staff import test as test_page

from tests.api.staff.conftest import csrf_of


@pytest.fixture
def asked(monkeypatch) -> list[tuple[str, str, str | None]]:
    sent: list[tuple[str, str, str | None]] = []

    def ask(url: str, token: str, sender: str, message: str, municipality: str | None) -> dict:
        sent.append((sender, message, municipality))
        return {"message": message.replace("010203-1234", "[CPR]"), "error": None,
                "replies": [{"text": f"Svar fra {municipality}.", "sources": [
                    f"Kilde: Kvalitetsstandard, {municipality}, afsnit »9. Transport«"],
                    "answered": "emnet »Transport« (transport)", "passage": None,
                    "buttons": ["Hvordan søger jeg?"]}],
                "intent": "ask_transport", "confidence": "93 %",
                "candidates": [("ask_cost", "4 %")], "entities": ["municipality = lejre"],
                "law": "Serviceloven § 86, stk. 1",
                "facts": [{"topic": "Transport", "general": False, "facts": ["Pris: 41 · 2023"],
                           "sources": ["9. Transport: »Taksten er i 2023 41 kr.«"]}]}

    monkeypatch.setattr(test_page, "ask", ask)
    monkeypatch.setattr(test_page, "rasa_token", lambda: "token")
    return sent


def test_one_question_to_two_municipalities_with_why(staff, asked):
    token = staff.login("rita")
    response = staff.client.post("/staff/test", data={
        "csrf": token, "message": "hvad koster kørsel?", "kommune_a": "lejre",
        "kommune_b": "hjoerring"})
    assert response.status_code == 200  # after the redirect
    # The two municipalities are asked at the same time: in either order.
    assert sorted((m, where) for _, m, where in asked) == [("hvad koster kørsel?", "Hjørring"),
                                                            ("hvad koster kørsel?", "Lejre")]
    assert asked[0][0].startswith("staff-") and asked[0][0] != asked[1][0]
    page = response.text
    for shown in ("Svar fra Lejre.", "Svar fra Hjørring.", "ask_transport (93 %)",
                  "ask_cost (4 %)", "municipality = lejre", "Serviceloven § 86, stk. 1",
                  "Pris: 41 · 2023", "Svaret: emnet »Transport« (transport)",
                  "Kilde: Kvalitetsstandard, Lejre, afsnit »9. Transport«"):
        assert shown in page, shown


def test_a_conversation_continues_and_start_forfra_begins_anew(staff, asked):
    token = staff.login("rita")
    for message in ("hej", "hvad koster det?"):
        staff.client.post("/staff/test", data={"csrf": token, "message": message,
                                               "kommune_a": "lejre", "kommune_b": ""})
    assert len({sender for sender, _, _ in asked}) == 1
    staff.client.post("/staff/test/forfra", data={"csrf": token})
    page = staff.client.get("/staff/test").text
    assert "Ingen beskeder endnu." in page and "Svar fra" not in page
    staff.client.post("/staff/test", data={"csrf": token, "message": "hej",
                                           "kommune_a": "lejre", "kommune_b": ""})
    assert asked[-1][0] != asked[0][0]


def test_a_cpr_number_is_not_kept(staff, asked):
    token = staff.login("rita")
    page = staff.client.post("/staff/test", data={
        "csrf": token, "message": "mit cpr er 010203-1234", "kommune_a": "lejre"}).text
    assert "010203-1234" not in page and "[CPR]" in page


def test_sending_needs_the_csrf_token(staff, asked):
    staff.login("rita")
    response = staff.client.post("/staff/test", data={"csrf": "x", "message": "hej",
                                                      "kommune_a": "lejre"})
    assert response.status_code == 403 and asked == []


def test_the_page_offers_every_municipality_those_with_a_standard_first(staff):
    staff.login("rita")
    page = staff.client.get("/staff/test").text
    assert page.index('<optgroup label="Med kvalitetsstandard">') < page.index(
        '<option value="lejre" selected>Lejre</option>') < page.index(
        '<optgroup label="Uden kvalitetsstandard endnu">') < page.index(
        '<option value="aarhus">Aarhus</option>')
    assert csrf_of(page)

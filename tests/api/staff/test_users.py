"""The Users page: administrators only; accounts made, changed and removed, each logged."""

from __future__ import annotations

from genoptraening.ops.console import audit
from tests.api.staff.conftest import PASSWORD, csrf_of


def test_only_administrators_see_or_change_users(staff):
    token = staff.login("lene")
    assert staff.client.get("/staff/brugere").status_code == 403
    response = staff.client.post("/staff/brugere", data={
        "csrf": token, "username": "mallory", "role": "admin", "password": PASSWORD})
    assert response.status_code == 403
    assert staff.accounts.find("mallory") is None
    assert 'href="/staff/brugere"' not in staff.client.get("/staff/test").text


def test_an_administrator_adds_changes_and_removes_a_user(staff):
    token = staff.login("anna")
    response = staff.client.post("/staff/brugere", data={
        "csrf": token, "username": "Karen", "role": "editor", "kommune": ["skanderborg"],
        "password": PASSWORD})
    assert response.status_code == 200 and "Brugeren er oprettet." in response.text
    assert staff.accounts.find("karen").municipalities == ("skanderborg",)
    staff.client.post("/staff/brugere/karen/rolle", data={
        "csrf": token, "role": "editor", "kommune": ["skanderborg", "lejre"]})
    assert staff.accounts.find("karen").municipalities == ("lejre", "skanderborg")
    staff.client.post("/staff/brugere/karen/slet", data={"csrf": token})
    assert staff.accounts.find("karen") is None
    assert [e.action for e in audit.recent(staff.db, actor="anna")][:3] == [
        "user_removed", "user_changed", "user_added"]
    page = staff.client.get("/staff/brugere").text
    assert "bruger slettet" in page and "karen" in page  # the log shows it


def test_refusals_are_shown_and_nothing_is_made(staff):
    token = staff.login("anna")
    for data, message in (
            ({"username": "ny", "role": "editor", "password": PASSWORD},
             "En redaktør skal have mindst én kommune."),
            ({"username": "ny", "role": "reader", "password": "kort"},
             "Adgangskoden skal være mindst 12 tegn."),
            ({"username": "anna", "role": "reader", "password": PASSWORD},
             "Der findes allerede en bruger, der hedder »anna«.")):
        response = staff.client.post("/staff/brugere", data={"csrf": token, **data})
        assert response.status_code == 422 and message in response.text
    assert staff.accounts.find("ny") is None


def test_the_last_administrator_stays(staff):
    token = staff.login("anna")
    response = staff.client.post("/staff/brugere/anna/rolle", data={"csrf": token,
                                                                   "role": "reader"})
    assert response.status_code == 422 and "sidste administrator" in response.text
    assert staff.accounts.find("anna").is_admin
    assert csrf_of(response.text)

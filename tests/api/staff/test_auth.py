"""Logging in and out of the staff console: cookies, CSRF, the limit on attempts, timeouts."""

from __future__ import annotations

import time

from genoptraening.ops.console import audit
from genoptraening.settings import get_settings
from tests.api.staff.conftest import PASSWORD, csrf_of


def _login_form(client) -> str:
    return csrf_of(client.get("/staff/login").text)


def test_pages_need_a_login(staff):
    for path in ("/staff/", "/staff/test", "/staff/viden", "/staff/brugere"):
        response = staff.client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/staff/login"


def test_login_sets_a_strict_http_only_session_cookie(staff):
    response = staff.client.post("/staff/login", data={
        "username": "Anna", "password": PASSWORD, "csrf": _login_form(staff.client)},
        follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/staff/test"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("gtg_staff="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/staff" in cookie
    assert "Secure" not in cookie  # development over plain http only
    page = staff.client.get("/staff/test")
    assert page.status_code == 200 and "anna · Administrator" in page.text
    assert page.headers["cache-control"] == "no-store"
    csp = page.headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp and "form-action 'self'" in csp


def test_cookies_are_secure_outside_development(staff, monkeypatch):
    monkeypatch.setattr(get_settings(), "environment", "production")
    page = staff.client.get("/staff/login")
    assert all("Secure" in c for c in page.headers.get_list("set-cookie"))


def test_wrong_password_and_unknown_user_get_the_same_answer_and_are_logged(staff):
    for name in ("anna", "nobody"):
        response = staff.client.post("/staff/login", data={
            "username": name, "password": "forkert forkert", "csrf": _login_form(staff.client)})
        assert response.status_code == 401
        assert "Forkert brugernavn eller adgangskode." in response.text
    actions = [(e.actor, e.action) for e in audit.recent(staff.db)]
    assert ("anna", "login_failed") in actions and ("nobody", "login_failed") in actions


def test_attempts_are_limited_per_account(staff):
    for _ in range(5):
        staff.client.post("/staff/login", data={
            "username": "lene", "password": "forkert forkert", "csrf": _login_form(staff.client)})
    response = staff.client.post("/staff/login", data={
        "username": "lene", "password": PASSWORD, "csrf": _login_form(staff.client)})
    assert response.status_code == 429
    assert "For mange forkerte forsøg" in response.text
    assert staff.client.get("/staff/test", follow_redirects=False).status_code == 303
    assert staff.login("anna")  # another account from the same address still gets in


def test_attempts_are_limited_per_address(staff):
    for number in range(20):
        staff.client.post("/staff/login", data={
            "username": f"gaet{number}", "password": "x" * 12, "csrf": _login_form(staff.client)})
    response = staff.client.post("/staff/login", data={
        "username": "anna", "password": PASSWORD, "csrf": _login_form(staff.client)})
    assert response.status_code == 429


def test_login_without_its_csrf_token_is_refused(staff):
    staff.client.get("/staff/login")
    response = staff.client.post("/staff/login", data={
        "username": "anna", "password": PASSWORD, "csrf": "forkert"})
    assert response.status_code == 403
    assert staff.client.get("/staff/test", follow_redirects=False).status_code == 303


def test_a_form_without_the_sessions_csrf_token_is_refused(staff):
    staff.login("anna")
    response = staff.client.post("/staff/logout", data={"csrf": "forkert"})
    assert response.status_code == 403
    assert staff.client.get("/staff/test").status_code == 200  # still logged in


def test_logout_ends_the_session_on_the_server(staff):
    staff.login("rita")
    cookie = staff.client.cookies.get("gtg_staff")
    staff.logout()
    staff.client.cookies.set("gtg_staff", cookie, path="/staff")  # a copy kept does not work
    assert staff.client.get("/staff/test", follow_redirects=False).status_code == 303
    assert [e.action for e in audit.recent(staff.db, actor="rita")][:2] == ["logout", "login"]


def test_an_idle_session_times_out(staff, monkeypatch):
    staff.login("rita")
    later = time.time() + get_settings().staff_session_idle + 1
    monkeypatch.setattr(time, "time", lambda: later)
    from genoptraening.api.routes.staff.common import console_of

    monkeypatch.setattr(console_of(get_settings()).sessions, "clock", lambda: later)
    response = staff.client.get("/staff/test", follow_redirects=False)
    assert response.headers["location"] == "/staff/login?udlobet=1"
    assert "ikke har brugt konsollen" in staff.client.get("/staff/login?udlobet=1").text

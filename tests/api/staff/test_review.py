"""The Gennemgang and Overblik pages over HTTP: messages not understood and answers rated
down (CPR masked, newest first, filtered), marked as training examples by those who may, the
export in data/nlu/ format, and the charts with their numbers and CSV."""

from __future__ import annotations

import time

import pytest
import yaml

from genoptraening.ops.console import audit
from genoptraening.settings import get_settings
from tests.api.staff.tracker import Tracker


@pytest.fixture
def tracker(staff, tmp_path, monkeypatch) -> Tracker:
    path = tmp_path / "tracker.db"
    monkeypatch.setattr(get_settings(), "tracker_db", path)
    store = Tracker(path)
    now = time.time()
    store.say("c1", "hvad koster det i Lejre, mit cpr er 010203-1234", "nlu_fallback", 0.3,
              "lejre", at=now - 3600)
    store.say("c2", "kan min mand faa hjaelp", "ask_on_behalf", 0.41, "hjoerring",
              at=now - 1800)
    store.say("c3", "hvornaar aabner i", "ask_contact", 0.93, "lejre",
              reply="Ring på 46 46 46 46.", at=now - 600)
    store.say("staff-x", "en test fra personalet", "nlu_fallback", 0.2, "lejre", at=now - 60)
    staff.client.feedback_store.add("c3", "r1", "down")
    staff.client.feedback_store.add("c3", "r2", "up")
    return store


def test_the_page_lists_what_was_not_understood_and_rated_down_newest_first(staff, tracker):
    staff.login("rita")
    page = staff.client.get("/staff/gennemgang").text
    assert "010203-1234" not in page and "[CPR]" in page
    assert "en test fra personalet" not in page  # the staff's own tests are left out
    down, low, fallback = (page.index(t) for t in ("hvornaar aabner i", "kan min mand",
                                                  "hvad koster det i Lejre"))
    assert down < low < fallback
    assert "Ring på 46 46 46 46." in page  # the answer rated down
    assert "Gem som eksempel" not in page  # a reader only sees
    only = staff.client.get("/staff/gennemgang?kommune=hjoerring").text
    assert "kan min mand" in only and "hvornaar aabner i" not in only
    earlier = staff.client.get("/staff/gennemgang?fra=2020-01-01&til=2020-01-31").text
    assert "Ingen beskeder at se på" in earlier
    assert staff.client.get("/staff/gennemgang?fra=31-31-2020").status_code == 422


def _mark(staff, csrf: str, sender: str, intent: str = "ask_cost"):
    page = staff.client.get("/staff/gennemgang").text
    at = page.split(f'name="samtale" value="{sender}"')[1].split('name="tid" value="')[1]
    return staff.client.post("/staff/gennemgang/marker", data={
        "csrf": csrf, "samtale": sender, "tid": at.split('"')[0], "intent": intent,
        "slags": "fallback", "tilbage": "kommune=&fra=&til="}, follow_redirects=False)


def test_an_editor_marks_their_own_municipalitys_messages_only(staff, tracker):
    csrf = staff.login("lene")
    assert _mark(staff, csrf, "c1").status_code == 303
    page = staff.client.get("/staff/gennemgang").text
    assert "Gemt som eksempel på ask_cost" in page
    # c2 is Hjørring's: the form is not shown, and a post is refused with nothing kept.
    staff.logout()
    csrf = staff.login("anna")
    page = staff.client.get("/staff/gennemgang").text
    staff.logout()
    csrf = staff.login("lene")
    at = page.split('name="samtale" value="c2"')[1].split('name="tid" value="')[1].split('"')[0]
    response = staff.client.post("/staff/gennemgang/marker", data={
        "csrf": csrf, "samtale": "c2", "tid": at, "intent": "ask_on_behalf"})
    assert response.status_code == 403
    assert [e.action for e in audit.recent(staff.db)][:1] == ["forbidden"]
    export = staff.client.get("/staff/gennemgang/eksempler.yml")
    data = yaml.safe_load(export.text)
    assert export.headers["content-disposition"].startswith("attachment")
    assert data["version"] == "3.1"
    assert data["nlu"] == [{"intent": "ask_cost",
                            "examples": "- hvad koster det i Lejre, mit cpr er [CPR]\n"}]


def test_a_reader_cannot_mark_and_an_unknown_intent_is_refused(staff, tracker):
    csrf = staff.login("rita")
    response = staff.client.post("/staff/gennemgang/marker", data={
        "csrf": csrf, "samtale": "c1", "tid": "1", "intent": "ask_cost"})
    assert response.status_code == 403
    staff.logout()
    assert _mark(staff, staff.login("anna"), "c1", "ask_nonsense").status_code == 422


def test_the_overview_draws_each_chart_with_its_numbers(staff, tracker):
    staff.login("rita")
    page = staff.client.get("/staff/overblik").text
    assert page.count('<svg class="chart"') == 4 and 'role="img"' in page
    assert "<title id=\"andel-t\">Andel beskeder forstået pr. uge, alle kommuner</title>" in page
    assert "Tallene bag diagrammet" in page and "Kontakt" in page
    assert "style=" not in page  # the policy allows no inline style
    csv = staff.client.get("/staff/overblik.csv?kommune=lejre")
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("uge_start;uge;kommune;beskeder")
    weeks = [line.split(";") for line in lines if ";lejre;" in line and line[:4].isdigit()]
    totals = [sum(int(week[i]) for week in weeks) for i in (3, 4, 6, 7, 8, 9)]
    assert totals == [2, 1, 1, 0, 1, 1]  # messages, understood, fallbacks, low, up, down


def test_the_pages_say_when_the_tracker_store_cannot_be_read(staff, tmp_path, monkeypatch):
    monkeypatch.setattr(get_settings(), "tracker_db", tmp_path / "none.db")
    staff.login("anna")
    for path in ("/staff/gennemgang", "/staff/overblik"):
        page = staff.client.get(path)
        assert page.status_code == 200 and "Samtaledatabasen kan ikke læses" in page.text

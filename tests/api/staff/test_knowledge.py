"""The Knowledge pages over HTTP: who may change what, validation beside the field, preview,
save (live at once), the optimistic version check, history and revert."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from genoptraening.core.knowledge.loader import KnowledgeBase
from genoptraening.ops.console import audit
from genoptraening.ops.console.history import TopicEditor
from genoptraening.ops.console.topic_file import Place
from tests.api.staff.conftest import base_of, csrf_of

TRANSPORT = "/staff/viden/lejre/emne/transport"
NEW = "Kørsel koster 45 kr. pr. gang i 2024."


def fields_of(html: str) -> dict[str, str]:
    """The form's fields as the browser would post them (text inputs, textareas, selects)."""
    found = dict(re.findall(r'<input id="f-([^"]+)" name="[^"]+" type="text" value="([^"]*)"',
                            html))
    found |= {k: v.replace("&#34;", '"').replace("&amp;", "&") for k, v in
              re.findall(r'<textarea id="f-([^"]+)"[^>]*>([^<]*)</textarea>', html, re.S)}
    for name, body in re.findall(r'<select id="f-([^"]+)" name="[^"]+"[^>]*>(.*?)</select>',
                                 html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        found[name] = chosen.group(1) if chosen else ""
    for name, value in re.findall(r'<input type="hidden" name="([a-z_]+-\d+-origin)" '
                                  r'value="([^"]*)"', html):
        found[name] = value
    found = {k: v.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"')
             for k, v in found.items()}
    found["base"] = base_of(html)
    found["csrf"] = csrf_of(html)
    return found


def post(staff, url: str, handling: str = "gem", **changes: str):
    page = staff.client.get(url).text
    return staff.client.post(url, data={**fields_of(page), **changes, "handling": handling},
                             follow_redirects=False)


def lejre_text(staff) -> str:
    return (staff.knowledge_dir / "lejre.yml").read_text(encoding="utf-8")


def test_an_editor_saves_a_topic_and_the_assistant_has_it_at_once(staff):
    staff.login("lene")
    kb = KnowledgeBase(staff.knowledge_dir, reload_interval=0)
    before = kb.standard("lejre").topics["transport"].answer
    response = post(staff, TRANSPORT, answer=NEW)
    assert response.status_code == 303
    assert response.headers["location"] == f"{TRANSPORT}?gemt=1"
    assert kb.standard("lejre").topics["transport"].answer == NEW
    assert "Gemt som version 1" in staff.client.get(response.headers["location"]).text
    versions = TopicEditor(staff.db, staff.knowledge_dir, None).history(
        Place("lejre", "transport"))
    assert [(v.version, v.author, v.before["answer"], v.after["answer"]) for v in versions] == [
        (1, "lene", before, NEW)]
    entry = audit.recent(staff.db, actor="lene")[0]
    assert (entry.action, entry.municipality, entry.detail["version"]) == ("topic_saved",
                                                                          "lejre", 1)


def test_only_the_topic_changes_in_the_file(staff):
    staff.login("lene")
    old = lejre_text(staff)
    post(staff, TRANSPORT, answer=NEW)
    new = lejre_text(staff)
    changed = [line for line in new.splitlines() if line not in old.splitlines()]
    assert changed == ["      Kørsel koster 45 kr. pr. gang i 2024."]
    assert "# Lejre Kommune: kvalitetsstandard" in new  # comments are kept


@pytest.mark.parametrize("who", ["lene", "rita"])
def test_another_municipalitys_editor_or_a_reader_gets_403_and_nothing_is_written(staff, who):
    hjoerring = staff.knowledge_dir / "hjoerring.yml"
    before = hjoerring.read_bytes()
    token = staff.login(who)
    url = "/staff/viden/hjoerring/emne/contact"
    page = staff.client.get(url)
    assert page.status_code == 200 and "Du kan se emnet, men ikke rette det." in page.text
    response = staff.client.post(url, data={**fields_of(page.text), "csrf": token,
                                            "answer": "Ring ikke.", "handling": "gem"})
    assert response.status_code == 403
    assert "Du har ikke adgang til at ændre det." in response.text
    revert = staff.client.post(f"{url}/gendan", data={"csrf": token, "version": "0",
                                                      "base": base_of(page.text)})
    assert revert.status_code == 403
    assert hjoerring.read_bytes() == before
    assert TopicEditor(staff.db, staff.knowledge_dir, None).history(
        Place("hjoerring", "contact")) == []
    assert audit.recent(staff.db, actor=who)[0].action == "forbidden"


def test_an_editor_of_several_municipalities_edits_each_and_a_law_part(staff):
    staff.login("hans")
    url = "/staff/viden/rebild/emne/purpose?lov=sul_140"
    response = post(staff, url, answer="Genoptræning efter indlæggelse hjælper dig i gang.")
    assert response.status_code == 303 and response.headers["location"] == f"{url}&gemt=1"
    kb = KnowledgeBase(staff.knowledge_dir, reload_interval=0)
    assert kb.standard("rebild").by_law["sul_140"]["purpose"].answer.startswith("Genoptræning")


def test_a_phone_number_in_the_wrong_form_is_told_beside_it_and_nothing_is_saved(staff):
    staff.login("lene")
    before = lejre_text(staff)
    response = post(staff, "/staff/viden/lejre/emne/contact", **{"phones-0-number": "92434348"})
    assert response.status_code == 422
    assert 'id="f-phones-0-number" name="phones-0-number" type="text" value="92434348" ' \
           'aria-describedby="h-phones-0-number e-phones-0-number" aria-invalid="true"' \
           in response.text
    assert re.search(r'<p class="error" id="e-phones-0-number">telefonnummer .92434348. er ikke '
                     r'et dansk 8-cifret nummer i par', html.unescape(response.text))
    assert "Ikke gemt" in response.text
    assert lejre_text(staff) == before


def test_a_deadline_without_unit_is_told_beside_it(staff):
    staff.login("lene")
    before = lejre_text(staff)
    response = post(staff, "/staff/viden/lejre/emne/deadlines", **{"deadlines-0-unit": ""})
    assert response.status_code == 422
    assert re.search(r'id="e-deadlines-0-unit">frist uden enhed', html.unescape(response.text))
    assert lejre_text(staff) == before


def test_a_quote_not_in_its_section_is_told_beside_it(staff):
    staff.login("lene")
    before = lejre_text(staff)
    response = post(staff, TRANSPORT, **{"sources-0-quote": "en sætning, der ikke står her"})
    assert response.status_code == 422
    shown = html.unescape(response.text)
    assert re.search(r'id="e-sources-0-quote">[^<]*citatet [^<]*en sætning, der ikke står', shown)
    assert lejre_text(staff) == before


def test_a_number_that_is_not_one_is_told_in_danish(staff):
    staff.login("lene")
    response = post(staff, TRANSPORT, **{"prices-0-amount": "fyrre"})
    assert response.status_code == 422
    assert 'id="e-prices-0-amount">Skriv et tal, fx 41 eller 41,50.' in response.text


def test_preview_shows_the_citizens_answer_and_writes_nothing(staff):
    staff.login("lene")
    before = lejre_text(staff)
    response = post(staff, TRANSPORT, handling="vis", answer=NEW)
    assert response.status_code == 200
    preview = response.text.split('id="preview-titel"')[1]
    assert NEW in preview and "Kilde: Kvalitetsstandard for genoptræning og vedligeholdende " \
                              "træning, Lejre Kommune, afsnit" in preview
    assert lejre_text(staff) == before


def test_two_editors_saving_at_once_the_second_is_told_and_nothing_is_lost(staff, client):
    staff.login("lene")
    first_page = staff.client.get(TRANSPORT).text
    second_fields = {**fields_of(first_page), "answer": "Den anden redaktørs svar."}
    assert post(staff, TRANSPORT, answer=NEW).status_code == 303
    response = staff.client.post(TRANSPORT, data={**second_fields, "handling": "gem"})
    assert response.status_code == 409
    assert "Emnet blev ændret af lene kl." in response.text
    assert "Den anden redaktørs svar." in response.text  # still in the form
    assert NEW in response.text  # and the saved one is shown
    assert NEW in lejre_text(staff)
    # Saved again from the page told of the change: it goes through.
    again = staff.client.post(TRANSPORT, data={**fields_of(response.text), "handling": "gem"},
                              follow_redirects=False)
    assert again.status_code == 303 and "Den anden redaktørs svar." in lejre_text(staff)


def test_history_compares_and_reverts(staff):
    staff.login("lene")
    original = KnowledgeBase(staff.knowledge_dir, 0).standard("lejre").topics["transport"]
    post(staff, TRANSPORT, answer=NEW)
    post(staff, TRANSPORT, answer="Tredje udgave af svaret.")
    history = staff.client.get(f"{TRANSPORT}/historik")
    assert history.status_code == 200
    assert "Version 2: gemt af lene" in history.text and "Version 1: gemt af lene" in history.text
    assert "Fjernet: </span>Kørsel koster 45 kr." in history.text
    compared = staff.client.get(f"{TRANSPORT}/historik?fra=0&til=1")
    assert "Tilføjet: </span>Kørsel koster 45 kr. pr. gang i 2024." in compared.text
    response = staff.client.post(f"{TRANSPORT}/gendan", data={
        "csrf": csrf_of(history.text), "base": base_of(history.text), "version": "0"},
        follow_redirects=False)
    assert response.status_code == 303
    assert "Version 0 er gendannet (gemt som version 3)" in staff.client.get(
        response.headers["location"]).text
    kb = KnowledgeBase(staff.knowledge_dir, 0)
    assert kb.standard("lejre").topics["transport"] == original
    assert audit.recent(staff.db, actor="lene")[0].action == "topic_reverted"


def test_a_revert_from_a_stale_page_is_refused(staff):
    staff.login("lene")
    post(staff, TRANSPORT, answer=NEW)
    stale = staff.client.get(f"{TRANSPORT}/historik").text
    post(staff, TRANSPORT, answer="Endnu et svar.")
    response = staff.client.post(f"{TRANSPORT}/gendan", data={
        "csrf": csrf_of(stale), "base": base_of(stale), "version": "0"})
    assert response.status_code == 409
    assert "Endnu et svar." in lejre_text(staff)


def test_unknown_municipality_topic_or_law_is_404(staff):
    staff.login("anna")
    for url in ("/staff/viden/paris", "/staff/viden/lejre/emne/weather",
                "/staff/viden/lejre/emne/transport?lov=x", "/staff/viden/lejre/emne/emergency"):
        assert staff.client.get(url).status_code == 404, url


def test_the_knowledge_pages_list_sections_and_topics(staff):
    staff.login("rita")
    overview = staff.client.get("/staff/viden").text
    assert all(name in overview for name in ("Lejre Kommune", "Hjørring Kommune"))
    page = staff.client.get("/staff/viden/lejre").text
    assert "<summary>9. Transport til genoptræning eller træning</summary>" in page
    assert f'href="{TRANSPORT}"' in page
    assert "Du kan se kommunens viden, men ikke rette den." in page


def test_saves_survive_a_new_console(staff, tmp_path: Path):
    staff.login("lene")
    post(staff, TRANSPORT, answer=NEW)
    from genoptraening.ops.console.db import ConsoleDatabase

    again = TopicEditor(ConsoleDatabase.sqlite(tmp_path / "staff.db"), staff.knowledge_dir, None)
    assert again.history(Place("lejre", "transport"))[0].after["answer"] == NEW

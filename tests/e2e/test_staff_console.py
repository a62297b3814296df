"""The staff console in Chromium against a real assistant with a knowledge folder of its own:
log in, test a question, edit a topic with a mistake then right, see the new answer in the Test
page without a restart, revert; roles; two editors at once; keyboard only; a standard uploaded
and its facts reviewed; a misunderstood message marked as a training example; the charts; the
answer checks run from the page; axe-core on every page; screenshots for docs/screenshots/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from genoptraening.ops.console.accounts import Accounts
from genoptraening.ops.console.db import ConsoleDatabase
from genoptraening.ops.services import rasa_token
from genoptraening.settings import CHECKOUT
from tests.conftest import SEEDS
from tests.e2e.conftest import AXE
from tests.e2e.stacks import assistant_stack, port

SCREENSHOTS = CHECKOUT / "docs" / "screenshots"
PASSWORD = "en lang og sikker adgangskode"
ANSWER_TIMEOUT = 30_000
NEW_ANSWER = "Kørsel til træningen koster 45 kr. pr. gang."
CHECKS = """\
- navn: Pris på kørsel
  kommune: Lejre
  spørgsmål: ["hvad koster kørsel til træningen?"]
  skal_indeholde: ["41 kr.", "Kilde:"]
- navn: Et nummer, der ikke står der
  kommune: Lejre
  spørgsmål: ["hvad er telefonnummeret?"]
  skal_indeholde: ["11 22 33 44"]
"""


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An assistant and a web API reading a copy of the knowledge, with four accounts."""
    scratch = tmp_path_factory.mktemp("console")
    knowledge = scratch / "knowledge"
    shutil.copytree(CHECKOUT / "knowledge", knowledge)
    db = ConsoleDatabase.sqlite(scratch / "staff.db")
    accounts = Accounts(db)
    for name, role, towns in (("anna", "admin", []), ("lene", "editor", ["lejre"]),
                              ("hans", "editor", ["hjoerring"]), ("rita", "reader", [])):
        accounts.add(name, role, towns, PASSWORD, "test")
    env = {"GENOPTRAENING_KNOWLEDGE_DIR": str(knowledge),
           "GENOPTRAENING_RELOAD_INTERVAL": "0.5"}
    answers = scratch / "answers"  # two checks: the Svartjek page's run stays short
    answers.mkdir()
    (answers / "lejre.yml").write_text(CHECKS, encoding="utf-8")
    api_env = {"GENOPTRAENING_RASA_TOKEN": rasa_token(),
               "GENOPTRAENING_STAFF_DB": str(scratch / "staff.db"),
               "GENOPTRAENING_ANSWERS_DIR": str(answers)}
    with assistant_stack(scratch, port(5135), port(5185), port(8135), extra_env=env,
                         api_env=api_env) as stack:
        yield {"url": stack.api_url, "knowledge": knowledge, "scratch": scratch}
    db.dispose()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    contexts = []

    def make(width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height},
                                      locale="da-DK")
        contexts.append(context)
        page = context.new_page()
        page.blocked = []
        page.on("console", lambda m: page.blocked.append(m.text)
                if "Content Security Policy" in m.text else None)
        return page

    yield make
    for context in contexts:
        context.close()


def login(page: Any, url: str, name: str) -> None:
    page.goto(f"{url}/staff/login")
    page.fill("#f-username", name)
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/test"))


def ask(page: Any, message: str, kommune: str = "lejre", other: str = "") -> str:
    page.select_option("#f-kommune_a", kommune)
    page.select_option("#f-kommune_b", other)
    page.fill("#f-message", message)
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("#seneste", timeout=ANSWER_TIMEOUT)
    return str(page.locator("#seneste").inner_text())


def no_serious_violations(page: Any) -> None:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{page.url}: {v['id']}: {v['help']} "
               f"({[n['target'] for n in v['nodes']][:3]})"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def shoot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"staff-{name}.png"), full_page=True)


def test_test_edit_live_and_revert(console, new_page):
    url, lejre = console["url"], console["knowledge"] / "lejre.yml"
    page = new_page()
    login(page, url, "lene")
    first = ask(page, "hvad koster kørsel til træningen?")
    assert "41 kr." in first and "Hensigt" in first and "ask_transport" in first
    topic = f"{url}/staff/viden/lejre/emne/transport"
    page.goto(topic)
    before = lejre.read_bytes()
    page.fill("#f-answer", NEW_ANSWER)
    page.fill("#f-prices-0-amount", "fyrre")  # the mistake
    page.click("button[value=gem]")
    error = page.locator("#e-prices-0-amount")
    assert error.inner_text() == "Skriv et tal, fx 41 eller 41,50."
    assert page.get_attribute("#f-prices-0-amount", "aria-invalid") == "true"
    assert lejre.read_bytes() == before  # nothing saved
    page.fill("#f-prices-0-amount", "45")
    page.fill("#f-prices-0-year", "2024")
    page.click("button[value=vis]")
    assert NEW_ANSWER in page.locator(".preview").inner_text()
    page.click("button[value=gem]")
    assert "Gemt som version 1" in page.locator(".notice").first.inner_text()
    page.goto(f"{url}/staff/test")
    page.click("form.again button")
    assert NEW_ANSWER in ask(page, "hvad koster kørsel til træningen?")  # no restart
    page.goto(f"{topic}/historik")
    page.click("text=Gendan den oprindelige")
    assert "Version 0 er gendannet" in page.locator(".notice").first.inner_text()
    page.goto(f"{url}/staff/test")
    page.click("form.again button")
    again = ask(page, "hvad koster kørsel til træningen?")
    assert "41 kr." in again and NEW_ANSWER not in again
    assert page.blocked == []


def test_roles_in_the_browser(console, new_page):
    url = console["url"]
    page = new_page()
    login(page, url, "hans")
    assert page.locator("nav a", has_text="Brugere").count() == 0
    page.goto(f"{url}/staff/viden/lejre/emne/transport")
    assert "Du kan se emnet, men ikke rette det." in page.content()
    assert page.locator("button[value=gem]").count() == 0
    assert page.locator("#f-answer").is_disabled()
    response = page.goto(f"{url}/staff/brugere")
    assert response.status == 403 and "Du har ikke adgang" in page.content()


def test_two_editors_at_once_the_second_is_told_and_keeps_the_text(console, new_page):
    url = console["url"]
    first, second = new_page(), new_page()
    login(first, url, "lene")
    login(second, url, "anna")
    topic = f"{url}/staff/viden/lejre/emne/scope"
    first.goto(topic)
    second.goto(topic)
    first.fill("#f-answer", "Et forløb varer højst tre måneder.")
    second.fill("#f-answer", "Du træner en til to gange om ugen.")
    first.click("button[value=gem]")
    assert "Gemt som version" in first.locator(".notice").first.inner_text()
    second.click("button[value=gem]")
    assert "Emnet blev ændret af lene" in second.locator(".notice.bad").first.inner_text()
    assert second.input_value("#f-answer") == "Du træner en til to gange om ugen."
    assert "Et forløb varer højst tre måneder." in (
        console["knowledge"] / "lejre.yml").read_text(encoding="utf-8")


def tab_to(page: Any, element_id: str, most: int = 20) -> list[str]:
    """Press Tab until the element has focus; return the ids passed on the way."""
    reached = []
    for _ in range(most):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id"))
        if reached[-1] == element_id:
            return reached
    raise AssertionError(f"Tab never reached #{element_id}: {reached}")


def test_the_edit_form_by_keyboard_only(console, new_page):
    url = console["url"]
    page = new_page()
    page.goto(f"{url}/staff/login")
    tab_to(page, "f-username")
    page.keyboard.type("lene")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/test"))
    page.goto(f"{url}/staff/viden/lejre/emne/contact")
    tab_to(page, "f-answer")
    page.keyboard.press("Control+End")
    page.keyboard.type(" Du kan også skrive til os.")
    for _ in range(200):  # on through every field to the preview button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.value") == "vis":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector(".preview")
    assert "Du kan også skrive til os." in page.locator(".preview").inner_text()
    page.keyboard.press("Shift+Tab")  # focus is visible on the controls
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"


def test_every_page_is_accessible_and_photographed(console, new_page):
    url = console["url"]
    page = new_page()
    page.goto(f"{url}/staff/login")
    no_serious_violations(page)
    shoot(page, "login")
    login(page, url, "anna")
    ask(page, "hvordan klager jeg?", "lejre", "hjoerring")
    no_serious_violations(page)
    shoot(page, "test")
    for name, path in (("knowledge", "/staff/viden"),
                       ("municipality", "/staff/viden/lejre"),
                       ("history", "/staff/viden/lejre/emne/transport/historik"),
                       ("users", "/staff/brugere")):
        page.goto(f"{url}{path}")
        no_serious_violations(page)
        shoot(page, name)
    page.goto(f"{url}/staff/viden/lejre/emne/contact")
    page.fill("#f-phones-0-number", "92434348")
    page.click("button[value=gem]")
    page.wait_for_selector("#e-phones-0-number")
    no_serious_violations(page)
    shoot(page, "topic-error")
    page.goto(f"{url}/staff/viden/hjoerring/emne/nope")
    no_serious_violations(page)
    phone = new_page(360, 740)
    login(phone, url, "rita")
    ask(phone, "hvad koster det?")
    no_serious_violations(phone)
    shoot(phone, "test-mobile-360")
    assert page.blocked == [] and phone.blocked == []


HJOERRING_SEED = SEEDS / "001_f4a1c6cfc55bc51b.txt"


def test_import_a_standard_and_review_its_facts(console, new_page):
    url = console["url"]
    # Hjørring's standard as if it were Vejle's: a municipality without files.
    text = HJOERRING_SEED.read_text(encoding="utf-8")
    document = console["scratch"] / "kvalitetsstandard-vejle.txt"
    document.write_text(text.replace("Hjørring", "Vejle").replace("hjoerring", "vejle"),
                        encoding="utf-8")
    page = new_page()
    login(page, url, "anna")
    page.goto(f"{url}/staff/import")
    no_serious_violations(page)
    page.select_option("#f-kommune", "vejle")
    page.set_input_files("#f-fil", str(document))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/import/vejle"))
    assert "faktaudkast importeret" in page.locator(".notice").first.inner_text()
    assert page.locator("mark").count() >= 5
    page.click("#telefon-1 details.correct summary")
    page.fill("#f-telefon-1-phones-0-number", "72335850")
    page.click("#telefon-1 details.correct button[type=submit]")
    assert "dansk 8-cifret" in page.locator("#e-telefon-1-phones-0-number").inner_text()
    no_serious_violations(page)
    shoot(page, "import-error")
    page.goto(f"{url}/staff/import/vejle")
    page.click("#telefon-1 form[action$='/godkend'] button")
    assert "godkendt: telefon-1" in page.locator(".notice").first.inner_text()
    assert "approved" in (console["knowledge"] / "vejle.yml").read_text(encoding="utf-8")
    no_serious_violations(page)
    shoot(page, "import-review")
    page.goto(f"{url}/staff/import")
    shoot(page, "import")
    reader = new_page()
    login(reader, url, "hans")
    reader.goto(f"{url}/staff/import/vejle")
    assert reader.locator("form[action$='/godkend']").count() == 0
    assert page.blocked == [] and reader.blocked == []


def test_review_overview_and_answer_checks(console, new_page):
    url = console["url"]
    with httpx.Client(base_url=url, timeout=ANSWER_TIMEOUT / 1000) as citizen:
        citizen.post("/api/chat", json={"message": "blorf gnav zyx", "municipality": "Lejre"})
        chat = citizen.post("/api/chat", json={"message": "hvad koster det?",
                                               "municipality": "Lejre"}).json()
        citizen.post("/api/feedback", json={"session_id": chat["session_id"],
                                            "reply_id": chat["replies"][0]["id"],
                                            "rating": "down"})
    page = new_page()
    login(page, url, "lene")
    page.goto(f"{url}/staff/gennemgang")
    assert "blorf gnav zyx" in page.content() and "Tommel ned" in page.content()
    item = page.locator("li.review-item", has_text="blorf gnav zyx").first
    item.locator("select").select_option("ask_cost")
    item.locator("button").click()
    assert "gemt som træningseksempel" in page.locator(".notice").first.inner_text()
    assert "blorf gnav zyx" in page.locator("#eksempler ~ table").inner_text()
    no_serious_violations(page)
    shoot(page, "review")
    page.goto(f"{url}/staff/overblik?kommune=lejre")
    assert page.locator("svg.chart").count() == 4
    no_serious_violations(page)
    shoot(page, "overview")
    page.goto(f"{url}/staff/svartjek")
    page.click("text=Kør alle svartjek nu")
    page.wait_for_url(re.compile(r"/staff/svartjek/\d+"))
    page.wait_for_selector("text=1 bestået, 1 fejlet", timeout=60_000)  # the page reloads
    assert "Mangler: »11 22 33 44«" in page.content()
    no_serious_violations(page)
    shoot(page, "checks")
    assert page.blocked == []

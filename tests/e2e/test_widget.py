"""The chat widget in a real browser (Debian's Chromium via Playwright) against the real stack,
and against the web API in front of a stand-in for Rasa for the structured replies."""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from genoptraening.ops.feedback import FeedbackStore
from genoptraening.ops.services import HOST, Services, start_api
from genoptraening.settings import CHECKOUT as PROJECT_ROOT
from tests.e2e.conftest import AXE, HOST_PAGE_ORIGIN
from tests.e2e.stacks import port

SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
ANSWER_TIMEOUT = 30_000  # ms; the first message of a session also starts it


@contextlib.contextmanager
def new_page(browser: Any, width: int = 1280, height: int = 900) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert blocked == []  # the widget works within the page's Content-Security-Policy


@pytest.fixture
def page(browser: Any, api_url: str) -> Iterator[Any]:
    with new_page(browser) as page:
        yield page


def open_demo(page: Any, api_url: str, municipality: str = "lejre") -> None:
    page.goto(f"{api_url}/")
    page.wait_for_selector("#gtg-widget .gtg-input")
    picker = page.locator("select")
    picker.wait_for()
    # Locator waits, not wait_for_function: its string predicates are eval, which the demo
    # page's Content-Security-Policy forbids (as it should).
    page.locator("select option").nth(90).wait_for(state="attached")
    picker.select_option(municipality)
    page.wait_for_selector("#gtg-widget .gtg-privacy")


def bot_texts(page: Any) -> list[str]:
    # The widget keeps phone numbers on one line with no-break spaces.
    return [t.replace("\u00a0", " ") for t in page.locator(".gtg-msg-bot").all_inner_texts()]


def ask(page: Any, text: str) -> Any:
    before = page.locator(".gtg-msg-bot").count()
    page.fill(".gtg-input", text)
    page.click(".gtg-send")
    page.locator(".gtg-msg-bot").nth(before).wait_for(timeout=ANSWER_TIMEOUT)
    page.wait_for_selector(".gtg-typing", state="hidden", timeout=ANSWER_TIMEOUT)
    return page.locator(".gtg-msg-bot").last


def test_privacy_note_first_then_answer_with_expandable_source(page, api_url):
    open_demo(page, api_url)
    privacy = page.locator(".gtg-privacy")
    assert "Skriv ikke dit CPR-nummer" in privacy.inner_text()
    ask(page, "hvad koster kørsel til træningen?")
    assert any("41 kr." in text for text in bot_texts(page))
    source = page.locator(".gtg-source").last
    source.locator("summary").click()
    assert "Lejre Kommune" in source.inner_text()
    assert "Kilde:" in source.inner_text()


def test_quick_reply_and_reload_keeps_the_conversation(page, api_url):
    open_demo(page, api_url, "hedensted")
    ask(page, "hej")
    before = page.locator(".gtg-msg-bot").count()
    page.locator(".gtg-quick-reply", has_text="Hvad koster det?").first.click()
    page.locator(".gtg-msg-bot").nth(before).wait_for(timeout=ANSWER_TIMEOUT)
    assert page.locator(".gtg-msg-user").last.inner_text().strip() == "Hvad koster det?"
    texts = bot_texts(page)
    assert any("gratis" in t for t in texts)
    page.reload()
    page.wait_for_selector(".gtg-msg-user")
    assert page.locator(".gtg-msg-user").last.inner_text().strip() == "Hvad koster det?"
    assert bot_texts(page) == texts


def test_keyboard_only_conversation(page, api_url):
    open_demo(page, api_url, "hjoerring")
    page.locator(".gtg-input").focus()
    page.keyboard.type("hvad er telefonnummeret?")
    page.keyboard.press("Enter")
    # \s: the widget keeps the number on one line with no-break spaces.
    page.locator(".gtg-msg-bot", has_text=re.compile(r"72\s33\s58\s50")).first.wait_for(
        timeout=ANSWER_TIMEOUT)
    # Tab reaches the widget's controls, and focus is visible on them.
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(
            "() => { const e = document.activeElement; return e && e.className || '' }"))
    assert any("gtg-input" in c for c in focused)
    assert any("gtg-send" in c for c in focused)


def test_bot_text_is_text_never_html(page, api_url):
    open_demo(page, api_url)
    ask(page, "<img src=x onerror=alert(1)> <b>hvad koster det</b>")
    assert page.locator("#gtg-widget img").count() == 0
    assert page.locator(".gtg-msg-user b").count() == 0


def test_feedback_reaches_the_api(page, api_url, api_data_dir: Path):
    open_demo(page, api_url)
    ask(page, "hvordan søger jeg?")
    page.locator(".gtg-feedback-up").last.click()
    page.get_by_text("Tak for din feedback").first.wait_for()
    assert FeedbackStore(api_data_dir / "feedback.db").counts().get("up", 0) >= 1


def test_embedded_on_a_municipal_page_with_data_municipality(page, api_url):
    host_page = (
        "<!doctype html><html lang='da'><head><meta charset='utf-8'><title>Hjørring Kommune"
        "</title></head><body><main><h1>Genoptræning</h1></main>"
        f"<script src='{api_url}/widget.js' data-municipality='Hjørring' defer></script>"
        "</body></html>"
    )
    page.route(f"{HOST_PAGE_ORIGIN}/", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=host_page))
    page.goto(f"{HOST_PAGE_ORIGIN}/")
    launcher = page.locator("#gtg-widget .gtg-launcher")
    launcher.wait_for()
    launcher.click()
    ask(page, "hvad er jeres telefonnummer?")
    assert any("72 33 58 50" in t for t in bot_texts(page))


def test_no_serious_or_critical_accessibility_violations(page, api_url):
    open_demo(page, api_url)
    ask(page, "hvad koster genoptræning?")
    # Evaluated through the driver, not as a <script> tag, which the page's CSP forbids.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("name,width,height,scale", [
    ("desktop", 1280, 900, 1),
    ("mobile-360", 360, 740, 1),
    # 200 % zoom on a 1280 px wide screen: a 640 px wide layout drawn at twice the size.
    ("zoom-200", 640, 450, 2),
])
def test_screenshots(browser, api_url, name, width, height, scale):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=scale, locale="da-DK")
    page = context.new_page()
    open_demo(page, api_url, "skanderborg")
    ask(page, "hvad er telefonnummeret?")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"widget-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    # Readable at this width: nothing in the widget is wider than the viewport.
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('#gtg-widget *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length")
    context.close()
    assert path.stat().st_size > 10_000
    assert overflow == 0


# --- Structured replies: the web API in front of a stand-in for Rasa ---------------------------
# Until the actions send the structured payload, the real assistant sends text only; and what
# the widget must show (several phone numbers, a quoted passage) depends on the knowledge base.
# So these tests start the real web API (uvicorn, the widget as served) against a small HTTP
# server that answers like Rasa's REST channel with crafted messages: the API's pairing of text
# entries and payloads and the widget's rendering are tested together, in seconds, without the
# trained model.

TRANSPORT_SOURCE = ("Kilde: Kvalitetsstandard for genoptræning og vedligeholdende træning, "
                    "Lejre Kommune, afsnit »9. Transport til genoptræning eller træning«")
PASSAGE = "Taksten reguleres én gang årligt ved årets udgang."
SECTION = "9. Transport til genoptræning eller træning"
QUOTING = f"Det står i Lejre Kommunes kvalitetsstandard, i afsnittet »{SECTION}«:\n»{PASSAGE}«"
ANSWER = ("Kørsel til træningen koster 41 kr. for ud og hjem. Du betaler kun, hvis du får "
          "kørsel.\nTræningen er gratis.")
PHONES = [
    {"label": "Visitationen", "number": "46 46 49 45", "tel": "+4546464945",
     "hours": "mandag-fredag kl. 8-12"},
    {"label": "Træningsenheden", "number": "46 46 46 46", "tel": "+4546464646", "hours": None},
]


def payload(text: str, kind: str, **fields: Any) -> dict:
    return {"kind": "genoptraening.reply", "version": 1, "text": text, "sources": [],
            "passage": None, "phones": [], "facts": [],
            "answered_by": {"kind": kind, "topic": None, "intent": "x", "confidence": 0.9,
                            "score": None}, **fields}


def rasa_answer(message: str) -> list[dict]:
    """What the stand-in Rasa answers: per reply a text entry, then its payload."""
    if message == "hej":
        text = "Hej! Hvad vil du gerne vide om genoptræning? Spørg bare løs."
        return [{"text": text}, {"custom": payload(text, "message")}]
    if message == "html":
        evil = "<img src=x onerror=alert(1)><b>fed</b>"
        return [{"custom": payload(f"Svar. {evil} Mere.", "passage",
                                   passage={"text": evil, "section": evil},
                                   phones=[{"label": evil, "number": "46 46 49 45",
                                            "tel": "javascript:alert(1)"}])}]
    # A topic and a passage of the standard: the passage quoted first, then the topic's answer.
    source = {"text": TRANSPORT_SOURCE, "general": False, "municipality": "Lejre Kommune",
              "standard": "Kvalitetsstandard for genoptræning og vedligeholdende træning",
              "section": SECTION, "file": "000_fcbf1760aa121c15.txt", "law": None}
    return [
        {"text": f"{QUOTING}\n{TRANSPORT_SOURCE}"},
        {"custom": payload(QUOTING, "topic+passage", sources=[source],
                           passage={"municipality": "Lejre Kommune", "section": SECTION,
                                    "standard": source["standard"], "text": PASSAGE,
                                    "score": 0.71},
                           answered_by={"kind": "topic+passage", "topic": "transport",
                                        "score": 0.71})},
        {"text": f"{ANSWER}\n{TRANSPORT_SOURCE}",
         "buttons": [{"title": "Hvordan søger jeg?", "payload": "/ask_apply"}]},
        {"custom": payload(ANSWER, "topic", sources=[source], phones=PHONES,
                           answered_by={"kind": "topic", "topic": "transport",
                                        "intent": "ask_transport", "confidence": 0.93,
                                        "score": 0.71})},
    ]


class StandInRasa(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        messages = [{"recipient_id": body["sender"], **m} for m in rasa_answer(body["message"])]
        data = json.dumps(messages).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def stub_api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web API in front of the stand-in Rasa."""
    rasa = http.server.ThreadingHTTPServer((HOST, 0), StandInRasa)
    threading.Thread(target=rasa.serve_forever, daemon=True).start()
    scratch = tmp_path_factory.mktemp("stub-api")
    try:
        with Services(log_dir=scratch / "logs") as services:
            start_api(services, port(8115), rasa.server_address[1], port(8116), settings={
                "GENOPTRAENING_DATA_DIR": str(scratch), "GENOPTRAENING_RATE_LIMIT": "0"})
            services.wait_ready(60)
            yield f"http://{HOST}:{port(8115)}"
    finally:
        rasa.shutdown()
        rasa.server_close()


@pytest.fixture
def stub_page(browser: Any, stub_api_url: str) -> Iterator[Any]:
    with new_page(browser) as page:
        open_demo(page, stub_api_url)
        yield page


def test_the_answer_leads_with_its_first_sentence(stub_page):
    answer = ask(stub_page, "hvad koster kørsel?")
    assert answer.locator(".gtg-lead").inner_text() == (
        "Kørsel til træningen koster 41 kr. for ud og hjem.")
    rest = answer.locator(".gtg-bubble .gtg-text").inner_text()
    assert rest == "Du betaler kun, hvis du får kørsel.\nTræningen er gratis."
    # The source is under the answer, folded, and not in the answer's text.
    assert "Kilde:" not in answer.locator(".gtg-bubble").inner_text()
    source = answer.locator(".gtg-source")
    source.locator("summary").click()
    assert TRANSPORT_SOURCE in source.inner_text()
    assert answer.locator(".gtg-quick-reply").inner_text() == "Hvordan søger jeg?"
    assert answer.locator(".gtg-feedback").count() == 1
    # A message that is not an answer (a greeting) has no lead, and is not rated.
    greeting = ask(stub_page, "hej")
    assert greeting.locator(".gtg-lead").count() == 0
    assert greeting.locator(".gtg-feedback").count() == 0


def test_the_passage_is_a_blockquote_captioned_with_its_section(stub_page):
    ask(stub_page, "hvad koster kørsel?")
    quoting = stub_page.locator(".gtg-msg-bot").nth(-2)
    figure = quoting.locator("figure.gtg-passage")
    assert figure.locator("blockquote").inner_text() == PASSAGE
    assert figure.locator("figcaption").inner_text() == (
        f"Fra Lejre Kommunes kvalitetsstandard, afsnit »{SECTION}«")
    # The quote is shown once, set apart; the line that only led in to it is the caption now.
    assert quoting.locator(".gtg-bubble").inner_text().count(PASSAGE) == 1
    assert quoting.locator(".gtg-bubble").inner_text().count(SECTION) == 1
    assert quoting.locator(".gtg-source").count() == 1


def test_phone_numbers_are_a_list_of_tel_links(stub_page):
    answer = ask(stub_page, "hvad koster kørsel?")
    assert answer.locator(".gtg-phones-title").inner_text() == "Ring til"
    items = answer.locator(".gtg-phone-list li")
    assert items.count() == 2
    links = answer.locator("a.gtg-phone")
    assert [links.nth(i).get_attribute("href") for i in range(2)] == [
        "tel:+4546464945", "tel:+4546464646"]
    first = items.first.inner_text().replace("\u00a0", " ")
    assert "Visitationen" in first and "46 46 49 45" in first
    assert "mandag-fredag kl. 8-12" in first
    # Reachable by keyboard, like every control of the widget.
    links.first.focus()
    stub_page.keyboard.press("Shift+Tab")
    stub_page.keyboard.press("Tab")
    assert stub_page.evaluate("() => document.activeElement.getAttribute('href')") == (
        "tel:+4546464945")
    # A reload shows the same answer from the tab's storage.
    stub_page.reload()
    stub_page.locator("a.gtg-phone").first.wait_for()
    assert stub_page.locator("figure.gtg-passage blockquote").inner_text() == PASSAGE
    assert stub_page.locator(".gtg-lead").count() == 1
    assert stub_page.locator(".gtg-quick-reply").count() == 1


def test_structured_fields_are_text_never_html(stub_page):
    answer = ask(stub_page, "html")
    assert stub_page.locator("#gtg-widget img, #gtg-widget .gtg-bubble b").count() == 0
    assert "<img src=x onerror=alert(1)>" in answer.locator("blockquote").inner_text()
    assert answer.locator("a.gtg-phone").count() == 1
    assert answer.locator("a.gtg-phone").get_attribute("href") == "tel:+4546464945"


def test_structured_answer_is_accessible_and_fits_a_phone(browser, stub_api_url):
    with new_page(browser, 360, 740) as page:
        open_demo(page, stub_api_url)
        ask(page, "hvad koster kørsel?")
        page.locator(".gtg-msg-bot").last.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#gtg-widget").screenshot(path=str(SCREENSHOTS / "widget-answer-360.png"))
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('#gtg-widget *')]"
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length")
        assert overflow == 0
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])})"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []

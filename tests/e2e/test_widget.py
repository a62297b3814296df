"""The chat widget in a real browser (Debian's Chromium via Playwright) against the real stack."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from genoptraening.ops.feedback import FeedbackStore
from genoptraening.settings import CHECKOUT as PROJECT_ROOT
from tests.e2e.conftest import AXE, HOST_PAGE_ORIGIN

SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
ANSWER_TIMEOUT = 30_000  # ms; the first message of a session also starts it


@pytest.fixture
def page(browser: Any, api_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert blocked == []  # the widget works within the page's Content-Security-Policy


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

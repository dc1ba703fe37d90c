"""Article text is untrusted: markup, event handlers and javascript: links in articles and
metadata are shown as text on every page and never run (browser check, strict CSP)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.conftest import Server

PAYLOADS = ('<script>window.__xss = "script"; alert(1)</script>',
            '<img src=x onerror="window.__xss = \'img\'; alert(2)">',
            '<a href="javascript:window.__xss=\'link\';alert(3)">read more</a>',
            "javascript:alert(4)")
ORIGINAL = (
    "City council approves new tram line\n\n"
    "The city council approved a new tram line on Monday after a long debate. "
    "The line will connect the airport with the central station by 2028. "
    "Officials said the project would cost 420 million euros. "
    f"Critics posted {PAYLOADS[0]} on the council website to protest. "
    "Construction is expected to start next spring.\n")
CANDIDATE = (
    "City council approves new tram line\n\n"
    "The city council approved a new tram line on Monday after a lengthy debate. "
    "The line will connect the airport with the main station by 2028. "
    "Officials said the project would cost 240 million euros. "
    f"Critics posted {PAYLOADS[0]} on the council website in protest. "
    f"Readers wrote {PAYLOADS[1]} and {PAYLOADS[2]} in the comments, see {PAYLOADS[3]} for details. "
    "Construction is not expected to start next spring.\n")
META = {"title": '<script>window.__xss="title"</script>Tram <b>line</b>',
        "outlet": '<img src=x onerror="window.__xss=\'outlet\'">',
        "candidate_url": "javascript:window.__xss='url'", "original_url": "javascript:alert(5)"}


@pytest.fixture(scope="session")
def hostile_audit(browser: Any, server: Server) -> str:  # the browser first: no Chromium, no server
    with server.api() as api:
        response = api.post("/v1/audits", json={"original": {"text": ORIGINAL}, "candidate": {"text": CANDIDATE},
                                                "metadata": META})
        assert response.status_code == 201, response.text
        original = api.post("/v1/originals", json={"text": ORIGINAL, "title": META["title"],
                                                   "outlet": META["outlet"], "source_url": "javascript:alert(6)"})
        assert original.status_code == 201, original.text
    report = response.json()["report"]
    candidate_text = " ".join(s["text"] for s in report["candidate"]["sentences"])
    assert PAYLOADS[1] in candidate_text and PAYLOADS[2] in candidate_text  # the payloads reach the report
    return str(response.json()["id"])


def assert_nothing_ran(page: Any) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator('a[href^="javascript:" i], [onerror], [onclick], [onload]').count() == 0
    assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
    assert page.locator("body img").count() == 0  # the only image-like thing would be the payload


def test_review_page_shows_markup_as_text(page: Any, server: Server, hostile_audit: str) -> None:
    csp_violations: list[str] = []
    page.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    response = page.goto(server.url(f"/audits/{hostile_audit}"))
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    page.wait_for_selector("table#review tbody.grp", state="attached")
    assert_nothing_ran(page)
    text = page.locator("table#review").inner_text()
    for payload in PAYLOADS:
        assert payload in text
    # Flagged sentences carrying the payloads are still marked, as text.
    flagged = page.locator("table#review td.c mark", has_text="onerror")
    assert flagged.count() >= 1
    assert page.locator("h1").inner_text().startswith('<script>window.__xss="title"</script>Tram <b>line</b>')
    # Selecting each flag fills the side panel with textContent only.
    for _ in range(page.locator("button.flag").count()):
        page.keyboard.press("j")
    page.locator("button.flag", has_text="addition").first.click()
    assert "<img src=x" in page.locator("#p-message").inner_text() + page.locator("#p-spans").inner_text()
    assert_nothing_ran(page)
    assert not csp_violations, csp_violations


@pytest.mark.parametrize("path", ["/", "/corpus", "/audits/{id}/report", "/?q=tram",
                                  "/audits/new"])
def test_other_pages_escape_too(page: Any, server: Server, hostile_audit: str, path: str) -> None:
    page.goto(server.url(path.format(id=hostile_audit)))
    assert_nothing_ran(page)
    if path in ("/", "/audits/{id}/report"):
        assert '<script>window.__xss="title"</script>' in page.locator("body").inner_text()


def test_original_page_escapes(page: Any, server: Server, hostile_audit: str) -> None:
    page.goto(server.url("/corpus"))
    link = page.locator("#originals a", has_text=re.compile(r"window.__xss")).first
    link.click()
    page.wait_for_url(re.compile(r"/corpus/[0-9a-f]{32}$"))
    assert PAYLOADS[0] in page.locator("pre.article").inner_text()
    assert_nothing_ran(page)

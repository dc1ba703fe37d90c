"""A German republication of an English article on the review page, in a real browser."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import ROOT, Server

SAMPLES = ROOT / "samples"
SCREENSHOT = ROOT / "docs" / "screenshots" / "cross-lingual.png"


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as _expect

    return _expect(locator)


def test_both_languages_and_both_sides_of_a_swap_are_shown(page: Any, server: Server) -> None:
    body = {"original": {"text": (SAMPLES / "cnn_original.txt").read_text(encoding="utf-8")},
            "candidate": {"text": (SAMPLES / "cnn_german_injected.txt").read_text(encoding="utf-8")},
            "metadata": {"outlet": "Tagesblatt (cross-lingual)"}}
    with server.api() as api:
        r = api.post("/v1/audits", json=body)
    assert r.status_code == 201, r.text
    page.goto(server.url(f"/audits/{r.json()['id']}"))
    expect(page.locator("#languages")).to_contain_text("original en")
    expect(page.locator("#languages")).to_contain_text("candidate de")
    expect(page.locator("th .lang").first).to_have_text("en")
    # "Mittwoch" for "Thursday": marked in the candidate column and in the original column
    swapped = page.locator("td.c mark.sev-major", has_text="Mittwoch")
    expect(swapped).to_have_count(1)
    flag_id = swapped.get_attribute("data-flags")
    assert flag_id
    counterpart = page.locator(f'td.o mark[data-flags~="{flag_id}"]')
    expect(counterpart).to_have_text("Thursday")
    # the sentence left in English and the invented one are major too
    expect(page.locator("td.c mark.sev-major", has_text="both pariahs in the West")).to_have_count(1)
    expect(page.locator("td.c mark.sev-major", has_text="Diplomaten in Seoul")).to_have_count(1)
    swapped.scroll_into_view_if_needed()
    page.wait_for_timeout(150)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

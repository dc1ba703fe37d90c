"""The dashboard in a real browser: Debian's Chromium (Playwright) against `driftaudit serve`.

One server and one browser per test session (per xdist worker); the seed audit is made
once, through the new-audit page, and the tests below read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import ROOT, Server

SAMPLES = ROOT / "samples"
SCREENSHOT = ROOT / "docs" / "screenshots" / "review.png"
AUDIT_URL = re.compile(r"/audits/[0-9a-f]{32}$")


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as _expect

    return _expect(locator)


@pytest.fixture(scope="session")
def seed_audit(browser: Any, server: Server) -> Iterator[str]:  # the browser first: no Chromium, no server
    """The seed pair audited through the page: the original uploaded as a file, the candidate pasted."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server.url("/audits/new"))
    page.check('input[name="original_mode"][value="file"]')
    expect(page.locator('textarea[name="original_text"]')).to_be_hidden()
    page.set_input_files('input[name="original_file"]', str(SAMPLES / "cnn_original.txt"))
    page.check('input[name="candidate_mode"][value="text"]')
    page.fill('textarea[name="candidate_text"]', (SAMPLES / "german_roundtrip.txt").read_text(encoding="utf-8"))
    page.fill('input[name="outlet"]', "Round trip through German")
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/audits/new"),
                              timeout=180_000) as posted:
        page.click("#start")
    if posted.value.status != 303:
        pytest.fail(f"the new-audit form answered {posted.value.status}: {page.locator('body').inner_text()[:800]}")
    page.wait_for_url(AUDIT_URL, timeout=60_000)
    page.wait_for_selector("table#review tbody.grp", state="attached", timeout=180_000)
    url = page.url
    context.close()
    yield url


def audit_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def kim_flag(page: Any) -> str:
    """The flag on the candidate's 'Kim Jong' (for 'Kim Jong Un'), whatever its severity."""
    mark = page.locator("td.c mark", has_text=re.compile(r"\bKim Jong\b")).first
    expect(mark).to_be_visible()
    return str(mark.get_attribute("data-flags")).split()[0]


def test_audit_created_through_the_page(page: Any, seed_audit: str, server: Server) -> None:
    page.goto(seed_audit)
    expect(page.locator("h1")).to_contain_text("North Korea")
    expect(page.locator("header.summary")).to_contain_text("translation")
    expect(page.locator("header.summary .mqm")).to_have_text(re.compile(r"^\d+\.\d$"))
    # Side by side: every row has the original and the candidate column; 1-2 links span rows.
    assert page.locator("table#review tbody.grp").count() > 30
    assert page.locator("table#review td.o[rowspan]").count() >= 1
    assert page.locator("#chart rect.bar").count() == page.locator("table#review tbody.grp").count()
    # The audit is in the list with its counts and review progress.
    page.goto(server.url("/"))
    row = page.locator(f'#audits tr[data-id="{audit_id(seed_audit)}"]')
    expect(row).to_contain_text("Round trip through German")
    expect(row).to_contain_text("translation")
    # The list shows the report's own counts.
    import httpx

    summary = httpx.get(server.url(f"/v1/audits/{audit_id(seed_audit)}"), timeout=30).json()["report"]["summary"]
    expect(row.locator(".chip-major")).to_have_text(str(summary["flags"]["major"]))


def test_cut_short_name_highlighted_major_or_critical(page: Any, seed_audit: str) -> None:
    page.goto(seed_audit)
    marks = page.locator("td.c mark.sev-major, td.c mark.sev-critical", has_text="Kim Jong")
    expect(marks.first).to_be_visible()


def test_cut_short_name_is_a_marked_span(page: Any, seed_audit: str) -> None:
    """The drift span is an element of its own inside the sentence, classed by its severity."""
    page.goto(seed_audit)
    mark = page.locator("td.c mark", has_text=re.compile(r"\bKim Jong\b")).first
    expect(mark).to_have_class(re.compile(r"\bsev-(minor|major|critical)\b"))
    sentence = mark.locator("xpath=ancestor::span[contains(@class, 's ')]")
    expect(sentence).to_contain_text("Kim Jong and explained")
    assert len(mark.inner_text()) < len(sentence.inner_text())


def test_confirm_with_keyboard_and_reload(page: Any, seed_audit: str, server: Server) -> None:
    page.goto(seed_audit)
    flag = kim_flag(page)
    for _ in range(120):
        page.keyboard.press("j")
        if page.evaluate("location.hash") == "#" + flag:
            break
    else:
        pytest.fail(f"j never reached flag {flag}")
    expect(page.locator("#p-id")).to_contain_text(flag)
    expect(page.locator("#p-original")).to_contain_text("Kim Jong Un voiced")
    page.keyboard.press("c")
    chip = page.locator(f'button.flag[data-flag="{flag}"]')
    expect(page.locator("#v-status")).to_contain_text("Saved")
    expect(chip).to_have_class(re.compile(r"\bv-confirmed\b"))
    page.reload()
    expect(chip).to_have_class(re.compile(r"\bv-confirmed\b"))  # rendered by the server
    expect(page.locator("#p-current")).to_contain_text("confirmed by local")  # the hash keeps the selection
    expect(page.locator("#p-history li")).to_have_count(1)
    audit = httpx.get(server.url(f"/v1/audits/{audit_id(seed_audit)}"), timeout=30).json()
    current = {r["flag_id"]: r["current"] for r in audit["review"]}[flag]
    assert current["verdict"] == "confirmed" and current["reviewer"] == "local"
    # k goes back, d dismisses that one; the counter follows.
    reviewed = int(page.locator("#reviewed-count").inner_text())
    page.keyboard.press("k")
    previous = page.evaluate("location.hash")[1:]
    assert previous and previous != flag
    already = "v-" in (page.locator(f'button.flag[data-flag="{previous}"]').get_attribute("class") or "")
    page.keyboard.press("d")
    expect(page.locator(f'button.flag[data-flag="{previous}"]')).to_have_class(re.compile(r"\bv-dismissed\b"))
    expect(page.locator("#reviewed-count")).to_have_text(str(reviewed + (0 if already else 1)))


def test_note_and_help(page: Any, seed_audit: str) -> None:
    page.goto(seed_audit)
    page.keyboard.press("j")
    page.keyboard.press("n")
    page.keyboard.type("check with the desk: c d e")  # keys typed into the note do not give verdicts
    page.keyboard.press("Escape")
    page.locator("button.vb-needs_edit").click()
    expect(page.locator("#p-current")).to_contain_text("needs edit")
    expect(page.locator("#p-current .note")).to_have_text("check with the desk: c d e")
    page.keyboard.press("?")
    expect(page.locator("dialog#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("dialog#help")).to_be_hidden()


def test_filters_and_chart(page: Any, seed_audit: str) -> None:
    page.goto(seed_audit)
    groups = page.locator("table#review tbody.grp")
    total = groups.count()
    page.check("#f-flagged")
    shown = page.locator("table#review tbody.grp:visible")
    assert 0 < shown.count() < total
    assert all(flags for flags in shown.evaluate_all("els => els.map(e => e.dataset.flags)"))
    page.select_option("#f-sev", "major")
    sevs = shown.evaluate_all("els => els.map(e => e.dataset.sev)")
    assert sevs and set(sevs) <= {"major", "critical"}
    page.select_option("#f-sev", "")
    page.select_option("#f-cat", "entity")  # 'Kim Jong' for 'Kim Jong Un', and no other category's rows
    assert 0 < shown.count() < total
    page.uncheck("#f-flagged")
    page.select_option("#f-cat", "")
    # Page furniture (bylines, photo credits) is hidden until asked for.
    assert shown.count() == page.locator("table#review tbody.grp:not(.kind-boilerplate)").count() < total
    page.check("#f-furniture")
    assert shown.count() == total
    # Clicking a bar of the drift chart selects that row.
    bar = page.locator('#chart a[data-row] rect.bar-major').first
    row = bar.locator("xpath=..").get_attribute("data-row")
    bar.click()
    expect(page.locator(f"tbody#{row}")).to_have_class(re.compile(r"\bselected\b"))
    expect(page.locator("#p-sev")).to_have_text("major")


def test_exports(page: Any, seed_audit: str, server: Server) -> None:
    aid = audit_id(seed_audit)
    with server.api() as api:
        csv_text = api.get(f"/audits/{aid}/flags.csv").text
        data = api.get(f"/audits/{aid}/flags.json").json()
    assert csv_text.splitlines()[0].startswith("flag_id,severity,category")
    assert len(data["flags"]) == data["audit"]["summary"]["flags"]["minor"] + \
        data["audit"]["summary"]["flags"]["major"] + data["audit"]["summary"]["flags"]["critical"]
    page.goto(seed_audit + "/report")
    expect(page.locator("h1")).to_contain_text("North Korea")
    assert page.locator("table.print-flags tbody").count() == len(data["flags"])


def test_background_audit_progress_then_review(page: Any, server: Server) -> None:
    """A 202 audit: the list and the audit page show it queued, then reload by themselves when it is done."""
    with server.api() as api:
        response = api.post("/v1/audits", json={
            "original": {"text": (SAMPLES / "cnn_original.txt").read_text(encoding="utf-8")},
            "candidate": {"text": (SAMPLES / "paraphrase_rewrite.txt").read_text(encoding="utf-8")},
            "metadata": {"outlet": "Paraphrasing site"}, "background": True})
    assert response.status_code == 202, response.text
    audit = response.json()["id"]
    page.goto(server.url("/"))
    row = page.locator(f'#audits tr[data-id="{audit}"]')
    expect(row).to_have_attribute("data-status", re.compile(r"^(pending|running|done)$"))
    expect(row).to_have_attribute("data-status", "done", timeout=120_000)  # the list reloads itself
    with server.api() as api:
        second = api.post("/v1/audits", json={
            "original": {"text": (SAMPLES / "cnn_original.txt").read_text(encoding="utf-8")},
            "candidate": {"text": (SAMPLES / "euronews_related.txt").read_text(encoding="utf-8")},
            "background": True}).json()["id"]
    page.goto(server.url(f"/audits/{second}"))
    if page.locator("#job").count():
        expect(page.locator("#job-status")).to_contain_text(re.compile(r"Waiting|Auditing"))
    page.wait_for_selector("table#review tbody.grp", state="attached", timeout=120_000)
    expect(page.locator("header.summary")).to_contain_text("unrelated same topic")
    expect(page.locator("#relation-reason")).to_contain_text("not audited")


def test_screenshot_of_the_review_page(page: Any, seed_audit: str) -> None:
    page.goto(seed_audit)
    flag = kim_flag(page)
    page.goto("about:blank")
    page.goto(seed_audit + "#" + flag)  # a link to one flag opens the page on it
    expect(page.locator("#p-id")).to_contain_text(flag)
    if "not reviewed" in page.locator("#p-current").inner_text():
        page.locator("#v-note").fill("the name is Kim Jong Un")
        page.keyboard.press("Escape")
        page.keyboard.press("c")
        expect(page.locator("#p-current")).to_contain_text("confirmed by local")
    page.wait_for_timeout(150)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000
    assert Path(SCREENSHOT).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

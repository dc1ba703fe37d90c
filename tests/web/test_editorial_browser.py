"""Glossary and suppression rules in a real browser (Chromium against `driftaudit serve`).

The session's server is shared with the other browser tests: everything here uses outlets
of its own, so their audits are not affected.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from tests.web.conftest import ROOT, Server

SAMPLES = ROOT / "samples"
SCREENSHOT = ROOT / "docs" / "screenshots" / "glossary.png"


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as _expect

    return _expect(locator)


def audit(server: Server, outlet: str) -> str:
    body = {"original": {"text": (SAMPLES / "cnn_original.txt").read_text(encoding="utf-8")},
            "candidate": {"text": (SAMPLES / "german_roundtrip.txt").read_text(encoding="utf-8")},
            "metadata": {"outlet": outlet}}
    with server.api() as api:
        r = api.post("/v1/audits", json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_glossary_page_add_import_export_delete(page: Any, server: Server, tmp_path: Path) -> None:
    outlet = "Glossary Desk"
    page.goto(server.url("/glossary"))
    form = page.locator("#add-entry")
    form.locator('input[name="source"]').fill("occupying military forces")
    form.locator('input[name="target"]').fill("occupying military forces")
    form.locator('input[name="outlet"]').fill(outlet)
    form.locator('input[name="note"]').fill("the original's wording")
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/glossary\?outlet=Glossary"))
    rows = page.locator("#glossary tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("occupying military forces")

    csv_file = tmp_path / "terms.csv"
    csv_file.write_text("source,target,severity,note\nKim Jong Un,Kim Jong Un,critical,full name\n"
                        "Zelensky,Zelenskyy,minor,house spelling\n", encoding="utf-8")
    importer = page.locator("#import-csv")
    importer.locator('input[name="file"]').set_input_files(str(csv_file))
    importer.locator('input[name="outlet"]').fill(outlet)
    importer.locator('button[type="submit"]').click()
    expect(page.locator(".notice")).to_contain_text("Imported 2 entries")
    page.goto(server.url("/glossary?outlet=" + outlet.replace(" ", "+")))
    expect(page.locator("#glossary tbody tr")).to_have_count(3)
    expect(page.locator("#glossary")).to_contain_text("Zelenskyy")

    exported = httpx.get(server.url("/glossary.csv"), params={"outlet": outlet}, timeout=30)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert "Glossary Desk,Kim Jong Un,Kim Jong Un,critical,full name" in exported.text.splitlines()

    bad = tmp_path / "bad.csv"
    bad.write_text("term,rendering\nx,y\n", encoding="utf-8")
    importer = page.locator("#import-csv")
    importer.locator('input[name="file"]').set_input_files(str(bad))
    importer.locator('button[type="submit"]').click()
    expect(page.locator(".error")).to_contain_text("header row")

    page.goto(server.url("/glossary?outlet=" + outlet.replace(" ", "+")))
    page.set_viewport_size({"width": 1440, "height": 900})
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    zelensky = page.locator("#glossary tbody tr", has_text="Zelenskyy")
    zelensky.locator("button", has_text="delete").click()
    page.wait_for_url(re.compile(r"/glossary"))
    page.goto(server.url("/glossary?outlet=" + outlet.replace(" ", "+")))
    expect(page.locator("#glossary tbody tr")).to_have_count(2)


def test_a_glossary_violation_on_the_review_page(page: Any, server: Server) -> None:
    outlet = "Glossary Review Desk"
    with server.api() as api:
        made = api.post("/v1/glossaries", json={"outlet": outlet, "source": "occupying military forces",
                                                 "target": "occupying military forces"})
    assert made.status_code == 201, made.text
    page.goto(server.url(f"/audits/{audit(server, outlet)}"))
    chip = page.locator("button.flag", has_text="terminology").first
    expect(chip).to_be_attached()
    chip.click()
    expect(page.locator("#p-message")).to_contain_text('"occupying military forces" is to be rendered')
    expect(page.locator("#p-message")).to_contain_text("crew troops")
    expect(page.locator("#p-original")).to_contain_text("occupying military forces")


def test_dismiss_then_suppress_and_the_next_audit_shows_it_suppressed(page: Any, server: Server) -> None:
    outlet = "Suppression Desk"
    first = audit(server, outlet)
    page.goto(server.url(f"/audits/{first}"))
    page.keyboard.press("j")
    flag = page.evaluate("location.hash")[1:]
    assert flag
    expect(page.locator("#p-suppress")).to_be_hidden()  # only a dismissed flag can be suppressed
    page.keyboard.press("d")
    expect(page.locator("#v-status")).to_contain_text("Saved")
    expect(page.locator("#p-suppress")).to_be_visible()
    page.select_option("#suppress-days", "90")
    page.click("#suppress-btn")
    expect(page.locator("#s-status")).to_contain_text("saved: audits of Suppression Desk")
    with server.api() as api:
        rules = api.get("/v1/rules", params={"outlet": outlet}).json()["items"]
        assert len(rules) == 1 and rules[0]["audit_id"] == first and rules[0]["flag_id"] == flag
        left = datetime.fromisoformat(rules[0]["expires_at"]) - datetime.now(UTC)
        assert timedelta(days=89) < left <= timedelta(days=90)
        before = api.get(f"/v1/audits/{first}").json()["report"]["flags"]
    original = next(f for f in before if f["id"] == flag)

    second = audit(server, outlet)
    page.goto(server.url(f"/audits/{second}"))
    with server.api() as api:
        after = api.get(f"/v1/audits/{second}").json()["report"]["flags"]
    twin = next(f for f in after if f["category"] == original["category"] and f["spans"] == original["spans"])
    assert twin["suppressed_by"] == f"r{rules[0]['id']}"
    chip = page.locator(f'button.flag[data-flag="{twin["id"]}"]')
    expect(chip).to_have_class(re.compile(r"\bsuppressed\b"))
    chip.click()
    expect(page.locator("#p-suppressed")).to_contain_text(f"Suppressed by rule r{rules[0]['id']}")

    page.goto(server.url("/glossary#rules"))
    expect(page.locator("#rules-table")).to_contain_text("Suppression Desk")


def test_the_trends_page_draws_the_chart_from_stored_audits(page: Any, server: Server) -> None:
    outlet = "Trends Desk"
    made = [audit(server, outlet) for _ in range(3)]
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server.url("/"))
    page.locator("a.outlet-link", has_text=outlet).first.click()
    page.wait_for_url(re.compile(r"/outlets/Trends%20Desk"))
    dots = page.locator("#trend-chart svg circle.dot")
    expect(dots).to_have_count(3)
    expect(page.locator("#buckets tbody tr")).to_have_count(4)
    expect(page.locator("h1")).to_contain_text("3 audits")
    page.locator("#trend-chart svg a").first.click()  # a dot links to its audit
    page.wait_for_url(re.compile(made[0] + "$"))
    page.goto(server.url("/outlets/Trends%20Desk"))
    shot = ROOT / "docs" / "screenshots" / "trends.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_alert_threshold_set_on_the_outlet_page_raises_an_alert(page: Any, server: Server) -> None:
    outlet = "Alert Desk"
    audit(server, outlet)
    page.goto(server.url("/outlets/Alert%20Desk"))
    expect(page.locator("#open-alert")).to_have_count(0)
    form = page.locator("#alert-rule form")
    form.locator('input[name="share_percent"]').fill("10")
    form.locator('input[name="min_audits"]').fill("1")
    form.locator('input[name="below"]').fill("95")
    form.locator('button[value="save"]').click()
    page.wait_for_url(re.compile(r"/outlets/Alert%20Desk$"))
    expect(page.locator("#open-alert")).to_contain_text("1 of 1 audits of Alert Desk")
    page.goto(server.url("/"))
    expect(page.locator("#open-alerts")).to_contain_text("Alert Desk")
    page.goto(server.url("/outlets/Alert%20Desk"))
    page.locator('#alert-rule button[value="delete"]').click()
    page.wait_for_url(re.compile(r"/outlets/Alert%20Desk$"))
    expect(page.locator("#open-alert")).to_have_count(0)


def test_a_webhook_added_on_its_page_gets_signed_deliveries(page: Any, server: Server) -> None:
    from app.services.webhooks import verify
    from tests.app.test_webhooks import Receiver

    receiver = Receiver([500])
    try:
        page.goto(server.url("/webhooks"))
        form = page.locator("#add-webhook")
        form.locator('input[name="url"]').fill(receiver.url)
        form.locator('input[value="verdict.recorded"]').uncheck()
        form.locator('input[value="alert.raised"]').uncheck()
        form.locator('button[type="submit"]').click()
        secret = page.locator("#new-secret code").inner_text()
        assert len(secret) >= 32
        audit(server, "Webhook Desk")
        receiver.wait(2)  # a 500, then the retry
        for headers, body in receiver.received[:2]:
            assert verify(secret, headers["x-driftaudit-signature"], body)
        page.goto(server.url("/webhooks"))
        card = page.locator(".webhook", has_text=receiver.url)
        expect(card.locator("tr.d-delivered")).to_have_count(1)
        expect(card.locator("tr.d-delivered")).to_contain_text("HTTP 200")
        card.locator("button", has_text="delete this webhook").click()
        page.wait_for_url(re.compile(r"/webhooks$"))
        expect(page.locator(".webhook", has_text=receiver.url)).to_have_count(0)
    finally:
        receiver.server.shutdown()


def test_a_watched_page_is_checked_from_the_dashboard(page: Any, server: Server) -> None:
    from tests.app.test_watches import Page

    served = Page((SAMPLES / "german_roundtrip.txt").read_text(encoding="utf-8"))
    try:
        with server.api() as api:
            original = api.post("/v1/originals", json={"text": (SAMPLES / "cnn_original.txt").read_text(
                encoding="utf-8"), "title": "Watch test original"}).json()
        page.goto(server.url("/watches"))
        form = page.locator("#add-watch")
        form.locator('input[name="candidate_url"]').fill(served.url)
        form.locator('select[name="original_id"]').select_option(original["id"])
        form.locator('input[name="outlet"]').fill("Watch Desk")
        form.locator('button[type="submit"]').click()
        page.wait_for_url(re.compile(r"/watches/\d+$"))
        page.goto(server.url("/watches"))
        page.locator("#watches tr", has_text=served.url).locator("button", has_text="check now").click()
        page.wait_for_url(re.compile(r"/watches/\d+$"))
        expect(page.locator("#watch-audits tbody tr")).to_have_count(1)
        # a new watch is due at once: the background poller may have read the page too
        # (the same text again makes no second audit)
        assert served.hits in (1, 2)
    finally:
        served.server.shutdown()

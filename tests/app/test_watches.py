"""Scheduled re-checks: a watched candidate URL on a local server, fetched again, audited again
when it changed, with the diff of flags between the two audits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


class Page:
    """A web page on 127.0.0.1 whose text the test changes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.hits = 0
        page = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                page.hits += 1
                body = page.text.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/article"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def page(seeds: dict[str, str]) -> Iterator[Page]:
    p = Page(seeds["german_roundtrip"])
    yield p
    p.server.shutdown()


def wait_done(client: Any, audit_id: str) -> dict[str, Any]:
    for _ in range(600):
        audit = client.get(f"/v1/audits/{audit_id}").json()
        if audit["status"] in ("done", "failed"):
            return dict(audit)
        time.sleep(0.1)
    raise AssertionError(f"audit {audit_id} did not finish")


def test_a_changed_page_is_audited_again_and_the_flags_are_compared(make_client: Any, page: Page,
                                                                    seeds: dict[str, str]) -> None:
    client = make_client(fetch_allow=["127.0.0.1"])
    original = client.post("/v1/originals", json={"text": seeds["cnn_original"]}).json()
    made = client.post("/v1/watches", json={"candidate_url": page.url, "original_id": original["id"],
                                            "outlet": "Daily Echo", "every_minutes": 30})
    assert made.status_code == 201, made.text
    watch = made.json()

    first = client.post(f"/v1/watches/{watch['id']}/check").json()
    assert first["result"] == "changed" and first["watch"]["changes"] == 1  # the first look audits it
    audit = wait_done(client, first["watch"]["last_audit_id"])
    assert audit["status"] == "done" and audit["metadata"]["outlet"] == "Daily Echo"
    assert audit["original_id"] == original["id"]

    again = client.post(f"/v1/watches/{watch['id']}/check").json()
    assert again["result"] == "unchanged" and again["watch"]["last_audit_id"] == audit["id"]
    assert again["watch"]["checks"] == 2 and page.hits == 2

    # The outlet edits the page: the cut-short name is repaired, a city is swapped.
    page.text = page.text.replace("Kim Jong and explained", "Kim Jong Un voiced").replace("Pyongyang", "Seoul")
    edited = client.post(f"/v1/watches/{watch['id']}/check").json()
    assert edited["result"] == "changed" and edited["watch"]["changes"] == 2
    wait_done(client, edited["watch"]["last_audit_id"])

    history = client.get(f"/v1/watches/{watch['id']}").json()
    assert [a["id"] for a in history["audits"]] == [edited["watch"]["last_audit_id"], audit["id"]]
    assert history["diff_between"] == [audit["id"], edited["watch"]["last_audit_id"]]
    introduced = " ".join(s["text"] for f in history["diff"]["introduced"] for s in f["spans"])
    fixed = " ".join(s["text"] for f in history["diff"]["fixed"] for s in f["spans"])
    assert "Seoul" in introduced
    assert "Kim Jong" in fixed


def test_watches_are_checked_and_refused_like_any_url(make_client: Any, seeds: dict[str, str]) -> None:
    client = make_client()  # no allow-list: loopback pages are refused
    original = client.post("/v1/originals", json={"text": seeds["cnn_original"]}).json()
    watch = client.post("/v1/watches", json={"candidate_url": "http://127.0.0.1:9/x",
                                             "original_id": original["id"], "every_minutes": 5}).json()
    failed = client.post(f"/v1/watches/{watch['id']}/check").json()
    assert failed["result"] == "failed" and "private or local address" in failed["watch"]["last_error"]
    assert client.post("/v1/watches", json={"candidate_url": "ftp://x", "original_id": original["id"]}).status_code \
        == 400
    both = client.post("/v1/watches", json={"candidate_url": "https://x.example/a", "original_id": original["id"],
                                            "original_url": "https://y.example/b"})
    assert both.status_code == 400 and "one of them" in both.json()["detail"]
    assert client.post("/v1/watches", json={"candidate_url": "https://x.example/a", "original_id": "nope"}) \
        .status_code == 404
    assert client.post("/v1/watches", json={"candidate_url": "https://x.example/a", "original_id": original["id"],
                                            "every_minutes": 1}).status_code == 422
    assert client.get("/v1/watches").json()["items"][0]["id"] == watch["id"]
    assert client.delete(f"/v1/watches/{watch['id']}").status_code == 204
    assert client.get(f"/v1/watches/{watch['id']}").status_code == 404


def test_the_scheduler_checks_due_watches(make_client: Any, page: Page, seeds: dict[str, str]) -> None:
    client = make_client(fetch_allow=["127.0.0.1"])
    original = client.post("/v1/originals", json={"text": seeds["cnn_original"]}).json()
    watch = client.post("/v1/watches", json={"candidate_url": page.url, "original_id": original["id"]}).json()
    scheduler = client.app.state.watches
    assert scheduler.run_due() == 1  # a new watch is due at once
    assert scheduler.run_due() == 0  # then not before `every_minutes`
    row = client.get(f"/v1/watches/{watch['id']}").json()
    assert row["checks"] == 1 and row["last_audit_id"] and page.hits == 1


def test_an_original_given_by_url_is_fetched_too_and_its_change_counts(make_client: Any, page: Page,
                                                                        seeds: dict[str, str]) -> None:
    source = Page(seeds["cnn_original"])
    try:
        client = make_client(fetch_allow=["127.0.0.1"])
        watch = client.post("/v1/watches", json={"candidate_url": page.url, "original_url": source.url}).json()
        first = client.post(f"/v1/watches/{watch['id']}/check").json()
        assert first["result"] == "changed" and source.hits == 1
        audit = wait_done(client, first["watch"]["last_audit_id"])
        assert audit["status"] == "done" and audit["report"]["summary"]["relation"] == "translation"
        assert client.post(f"/v1/watches/{watch['id']}/check").json()["result"] == "unchanged"
        source.text = source.text.replace("Kim Jong Un", "Kim Jong-un")  # the original is corrected
        assert client.post(f"/v1/watches/{watch['id']}/check").json()["result"] == "changed"
    finally:
        source.server.shutdown()

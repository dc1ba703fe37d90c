"""Webhooks: signed deliveries to a real receiver on loopback, retries, the delivery log."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from app.services.webhooks import sign, verify


class Receiver:
    """An HTTP server on 127.0.0.1 that records what it gets and answers with `statuses` in turn."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.received) >= count, f"{len(self.received)} of {count} deliveries arrived"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver([500])  # the first delivery fails, the retry succeeds
    yield r
    r.server.shutdown()


def test_signature_round_trip_and_replay_window() -> None:
    body = b'{"event": "audit.finished"}'
    header = sign("s" * 32, 1_700_000_000, body)
    assert verify("s" * 32, header, body, now=1_700_000_100)
    assert not verify("s" * 32, header, body + b" ", now=1_700_000_100)  # body changed
    assert not verify("t" * 32, header, body, now=1_700_000_100)  # other secret
    assert not verify("s" * 32, header, body, now=1_700_000_000 + 301)  # too old: a replay
    assert not verify("s" * 32, "t=x,v1=00", body)


def test_a_delivery_arrives_signed_and_is_retried_after_a_500(make_client: Any, receiver: Receiver,
                                                                seeds: dict[str, str]) -> None:
    client = make_client(fetch_allow=["127.0.0.1"], webhook_retry_seconds=0.2)
    made = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["audit.finished", "verdict.recorded"]})
    assert made.status_code == 201, made.text
    hook = made.json()
    secret = hook["secret"]
    assert "secret" not in client.get("/v1/webhooks").json()["items"][0]  # shown once

    audit = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                            "candidate": {"text": seeds["german_roundtrip"]},
                                            "metadata": {"outlet": "Daily Echo"}}).json()
    receiver.wait(2)
    (first_headers, first_body), (headers, body) = receiver.received[:2]
    assert first_body == body and first_headers["x-driftaudit-delivery"] == headers["x-driftaudit-delivery"]
    for h, b in receiver.received[:2]:
        assert verify(secret, h["x-driftaudit-signature"], b), h
        assert h["x-driftaudit-event"] == "audit.finished" and h["content-type"] == "application/json"
    event = json.loads(body)
    assert event["event"] == "audit.finished" and event["data"]["audit_id"] == audit["id"]
    assert event["data"]["outlet"] == "Daily Echo" and event["data"]["status"] == "done"
    assert event["data"]["mqm_score"] == audit["report"]["summary"]["mqm"]["score"]

    flag = audit["report"]["flags"][0]["id"]
    client.patch(f"/v1/audits/{audit['id']}/flags/{flag}", json={"verdict": "confirmed"})
    receiver.wait(3)
    verdict = json.loads(receiver.received[2][1])
    assert verdict["event"] == "verdict.recorded" and verdict["data"]["flag_id"] == flag
    assert verdict["data"]["reviewer"] == "local"

    log = client.get(f"/v1/webhooks/{hook['id']}/deliveries").json()["items"]
    by_event = {d["event"]: d for d in log}
    finished = by_event["audit.finished"]
    assert finished["status"] == "delivered" and finished["attempts"] == 2 and finished["last_status"] == 200
    assert by_event["verdict.recorded"]["attempts"] == 1


def test_a_private_receiver_is_refused_and_the_log_says_why(make_client: Any, seeds: dict[str, str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # a name that resolves to a private address (as an internal DNS name would) passes
    # registration, which asks no DNS, and is refused when a delivery resolves it
    import app.core.fetch as fetch

    real = fetch.socket.getaddrinfo

    def resolve(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "hooks.internal.example":
            return [(fetch.socket.AF_INET, fetch.socket.SOCK_STREAM, 6, "", ("10.1.2.3", 9))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    client = make_client(webhook_retry_seconds=0.1, webhook_max_attempts=3)  # no fetch allow-list
    hook = client.post("/v1/webhooks", json={"url": "http://hooks.internal.example:9/hook",
                                             "events": ["audit.finished"]}).json()
    client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                    "candidate": {"text": seeds["paraphrase_rewrite"]}})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        (delivery,) = client.get(f"/v1/webhooks/{hook['id']}/deliveries").json()["items"]
        if delivery["status"] == "failed":
            break
        time.sleep(0.1)
    # refused for good at the first try: the address will not become public on a retry
    assert delivery["status"] == "failed" and delivery["attempts"] == 1
    assert "private or local address" in delivery["last_error"] and delivery["last_status"] is None


def test_bad_webhooks_are_refused(client: Any) -> None:
    assert client.post("/v1/webhooks", json={"url": "ftp://x/hook", "events": ["audit.finished"]}).status_code == 400
    assert client.post("/v1/webhooks", json={"url": "https://x.example/hook", "events": []}).status_code == 422
    assert client.post("/v1/webhooks", json={"url": "https://x.example/h", "events": ["audit.deleted"]}).status_code \
        == 422
    assert client.post("/v1/webhooks", json={"url": "https://x.example/h", "events": ["audit.finished"],
                                             "secret": "short"}).status_code == 422
    assert client.delete("/v1/webhooks/99").status_code == 404
    assert client.get("/v1/webhooks/99/deliveries").status_code == 404


def test_an_outlet_alert_opens_fires_its_webhook_and_closes(make_client: Any, seeds: dict[str, str]) -> None:
    receiver = Receiver([])
    try:
        client = make_client(fetch_allow=["127.0.0.1"], webhook_retry_seconds=0.2)
        secret = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["alert.raised"]}).json()["secret"]
        rule = client.put("/v1/outlets/Daily Echo/alert", json={"below": 90, "share": 0.5, "days": 7, "min_audits": 2})
        assert rule.status_code == 200 and rule.json()["open_alert"] is None
        body = {"original": {"text": seeds["cnn_original"]}, "candidate": {"text": seeds["german_roundtrip"]},
                "metadata": {"outlet": "Daily Echo"}}
        score = client.post("/v1/audits", json=body).json()["report"]["summary"]["mqm"]["score"]
        assert score < 90
        assert client.get("/v1/alerts", params={"open": True}).json()["items"] == []  # one audit: under min_audits
        client.post("/v1/audits", json=body | {"metadata": {"outlet": "Elsewhere"}})  # another outlet: no effect
        assert client.get("/v1/alerts", params={"open": True}).json()["items"] == []
        client.post("/v1/audits", json=body)
        (alert,) = client.get("/v1/alerts", params={"open": True}).json()["items"]
        assert alert["outlet"] == "Daily Echo" and alert["audits"] == 2 and alert["share"] == 1.0
        assert "2 of 2 audits of Daily Echo" in alert["message"]
        assert client.get("/v1/outlets/Daily Echo/alert").json()["open_alert"]["id"] == alert["id"]
        page = client.get("/")
        assert 'id="open-alerts"' in page.text and "Daily Echo" in page.text
        client.cookies.clear()  # the page started a dashboard session; the API calls below use none
        receiver.wait(1)
        headers, raw = receiver.received[0]
        assert verify(secret, headers["x-driftaudit-signature"], raw)
        event = json.loads(raw)
        assert event["event"] == "alert.raised" and event["data"]["alert_id"] == alert["id"]
        client.post("/v1/audits", json=body)  # still above the threshold: no second alert
        assert len(client.get("/v1/alerts").json()["items"]) == 1
        relaxed = client.put("/v1/outlets/Daily Echo/alert", json={"below": 50, "share": 0.5, "min_audits": 2})
        assert relaxed.status_code == 200, relaxed.text
        assert relaxed.json()["open_alert"] is None  # checked at once: closed
        assert client.get("/v1/alerts", params={"open": True}).json()["items"] == []
        assert client.get("/v1/alerts").json()["items"][0]["closed_at"]
        assert client.delete("/v1/outlets/Daily Echo/alert").status_code == 204
        assert client.get("/v1/outlets/Daily Echo/alert").status_code == 404
        assert client.put("/v1/outlets/X/alert", json={"share": 1.5}).status_code == 422
    finally:
        receiver.server.shutdown()


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://[::1]/hook",
                                 "http://169.254.169.254/latest/meta-data", "https://10.0.0.7/hook"])
def test_a_receiver_written_as_a_private_address_is_refused_when_registered(make_client: Any, url: str) -> None:
    client = make_client()  # no fetch allow-list
    answer = client.post("/v1/webhooks", json={"url": url, "events": ["audit.finished"]})
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert "public addresses" in problem["detail"] and "DRIFTAUDIT_FETCH_ALLOW" in problem["hint"]
    assert client.get("/v1/webhooks").json()["items"] == []


def test_an_allowed_internal_receiver_is_registered(make_client: Any) -> None:
    client = make_client(fetch_allow=["127.0.0.1"])
    assert client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/hook",
                                             "events": ["audit.finished"]}).status_code == 201

"""The webhooks page: add (the secret shown once), the delivery log, delete; CSRF on every form."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.web.conftest import csrf_of


def test_webhooks_page_add_log_delete(make_web: Any, seeds: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    import app.core.fetch as fetch

    real = fetch.socket.getaddrinfo

    def resolve(host: str, *args: Any, **kwargs: Any) -> Any:  # an internal name: private when resolved
        if host == "hooks.internal.example":
            return [(fetch.socket.AF_INET, fetch.socket.SOCK_STREAM, 6, "", ("10.1.2.3", 9))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    web = make_web(webhook_retry_seconds=0.1, webhook_max_attempts=1)
    page = web.get("/webhooks")
    assert page.status_code == 200 and "No webhooks" in page.text
    token = csrf_of(page.text)
    refused = web.post("/webhooks", data={"url": "https://cms.example/hook", "events": ["audit.finished"]})
    assert refused.status_code == 403  # no CSRF token
    private = web.post("/webhooks", data={"csrf_token": token, "url": "http://127.0.0.1:9/hook",
                                          "events": ["audit.finished"]})
    assert private.status_code == 422 and "only sent to public addresses" in private.text \
        and "DRIFTAUDIT_FETCH_ALLOW" in private.text
    made = web.post("/webhooks", data={"csrf_token": token, "url": "http://hooks.internal.example:9/hook",
                                       "events": ["audit.finished", "alert.raised"]})
    assert made.status_code == 201 and 'id="new-secret"' in made.text
    bad = web.post("/webhooks", data={"csrf_token": token, "url": "ftp://x", "events": ["audit.finished"]})
    assert bad.status_code == 400 and "not an http(s) URL" in bad.text

    web.cookies.clear()  # the API call below is not a dashboard call
    web.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                 "candidate": {"text": seeds["paraphrase_rewrite"]}})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        page = web.get("/webhooks")
        if 'class="d-failed"' in page.text:
            break
        time.sleep(0.1)
    assert 'class="d-failed"' in page.text and "private or local address" in page.text  # the log shows why
    assert "audit.finished, alert.raised" in page.text
    hook_id = web.get("/v1/webhooks").json()["items"][0]["id"]
    web.cookies.clear()
    page = web.get("/webhooks")
    gone = web.post(f"/webhooks/{hook_id}/delete", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert gone.status_code == 303 and "No webhooks" in web.get("/webhooks").text


def test_watched_pages_add_check_and_history(make_web: Any, seeds: dict[str, str]) -> None:
    from tests.app.test_watches import Page, wait_done

    served = Page(seeds["german_roundtrip"])
    try:
        web = make_web(fetch_allow=["127.0.0.1"])
        web.app.state.watches.stop()  # the checks below are made by hand
        token = csrf_of(web.get("/watches").text)
        original = web.post("/v1/originals", json={"text": seeds["cnn_original"]}, headers={"X-CSRF-Token": token})
        assert original.status_code == 201, original.text
        made = web.post("/watches", data={"csrf_token": token, "candidate_url": served.url, "original_id":
                                          original.json()["id"], "outlet": "Daily Echo", "every_minutes": "15"},
                        follow_redirects=False)
        assert made.status_code == 303, made.text
        watch_url = made.headers["location"]
        checked = web.post(watch_url + "/check", data={"csrf_token": token}, follow_redirects=False)
        assert checked.status_code == 303 and served.hits == 1
        watch_id = int(watch_url.rsplit("/", 1)[1])
        audit_id = web.get(f"/v1/watches/{watch_id}", headers={"X-CSRF-Token": token}).json()["last_audit_id"]
        wait_done(web, audit_id)
        page = web.get(watch_url)
        assert page.status_code == 200 and audit_id[:8] in page.text and "once two audits" in page.text
        listing = web.get("/watches")
        assert served.url in listing.text and "1 / 1" in listing.text
        bad = web.post("/watches", data={"csrf_token": token, "candidate_url": "ftp://x", "original_id": "",
                                         "original_url": "", "every_minutes": "15"})
        assert bad.status_code == 400 and "not an http(s) URL" in bad.text
    finally:
        served.server.shutdown()

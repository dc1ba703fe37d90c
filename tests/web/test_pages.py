"""Dashboard pages through the ASGI app: sign-in, sessions, CSRF, forms, exports, escaping."""

from __future__ import annotations

import base64
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.web.security import COOKIE
from tests.web.conftest import csrf_of

ORIGINAL = ("Floods in the old town\n\n"
            "The river rose by three metres overnight and flooded the old town. "
            "Emergency crews rescued 20 people from the roofs of their houses. "
            "The mayor said the damage would cost millions of euros. "
            "Schools will stay closed until Friday.\n")
CANDIDATE = ("Floods in the old town\n\n"
             "The river rose by three metres overnight and flooded the old town. "
             "Emergency crews rescued 200 people from the roofs of their houses. "
             "The mayor said the damage would cost millions of euros. "
             "Schools will not stay closed until Friday.\n")


def token(client: Any, path: str = "/") -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return csrf_of(response.text)


def new_audit(client: Any, **fields: str) -> str:
    data = {"csrf_token": token(client, "/audits/new"), "original_mode": "text", "candidate_mode": "text",
            "original_text": ORIGINAL, "candidate_text": CANDIDATE} | fields
    response = client.post("/audits/new", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"]).rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, auditor: Any) -> Iterator[Any]:
    """One app in the open loopback mode, with one small audit made through the form."""
    from fastapi.testclient import TestClient

    from app.core.config import Settings
    from app.main import create_app

    settings = Settings(data_dir=tmp_path_factory.mktemp("site"), workers=1, job_poll_seconds=0.1,
                        log_level="warning")
    with TestClient(create_app(settings, auditor=auditor)) as client:
        client.audit_id = new_audit(client, outlet="Flood Daily", title="Floods <em>old town</em>")
        yield client


def reset_auth_cache(client: Any) -> None:
    client.app.state.web_cache.reset()


# -- open mode, headers, cookies ------------------------------------------------------------------
def test_open_mode_pages_and_security_headers(site: Any) -> None:
    response = site.get("/")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert 'class="who"' in response.text and ">local<" in response.text
    for path in ("/audits/new", "/corpus", f"/audits/{site.audit_id}", f"/audits/{site.audit_id}/report"):
        page = site.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-security-policy"] == csp
        assert "<script>" not in page.text and not re.search(r"\sstyle=|\son[a-z]+=", page.text), path
    assert site.get("/static/review.js").status_code == 200
    assert site.get("/audits/0123456789abcdef0123456789abcdef").status_code == 404


def test_session_cookie_flags(make_web: Callable[..., Any]) -> None:
    client = make_web()
    response = client.get("/")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(COOKIE + "=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    # The API and static files never hand out a session.
    fresh = make_web()
    assert "set-cookie" not in fresh.get("/v1/audits").headers
    assert "set-cookie" not in fresh.get("/static/app.css").headers
    secret = Path(client.app.state.settings.data_dir) / "secret_key"
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600


def test_inline_tags_and_handlers_absent(site: Any) -> None:
    html = site.get(f"/audits/{site.audit_id}").text
    assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert not re.search(r"\sstyle=", html)
    data = re.search(r'<script type="application/json" id="audit-data">(.*?)</script>', html, re.S)
    assert data and json.loads(data.group(1))["audit"] == site.audit_id


# -- CSRF ------------------------------------------------------------------------------------------
def test_forms_need_the_csrf_token(site: Any) -> None:
    for path, data in (("/audits/new", {"candidate_mode": "text", "candidate_text": CANDIDATE}),
                       ("/corpus", {"mode": "text", "text": ORIGINAL}), ("/logout", {})):
        response = site.post(path, data=data | {"csrf_token": "forged"}, follow_redirects=False)
        assert response.status_code == 403, path
        assert "security token" in response.text
        assert site.post(path, data=data, follow_redirects=False).status_code == 403


def test_api_calls_with_the_session_need_the_csrf_header(site: Any) -> None:
    csrf = token(site)
    body = {"verdict": "confirmed", "note": "", "reviewer": "local"}
    flags = site.get(f"/v1/audits/{site.audit_id}").json()["report"]["flags"]
    url = f"/v1/audits/{site.audit_id}/flags/{flags[0]['id']}"
    refused = site.patch(url, json=body)
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    assert site.patch(url, json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert site.patch(url, json=body, headers={"X-CSRF-Token": csrf}).status_code == 200


def test_api_key_callers_need_no_csrf(make_web: Callable[..., Any]) -> None:
    client = make_web()
    audit = new_audit(client)
    key = client.app.state.service.store.create_key("cms")
    client.app.state.key_check.reset()
    reset_auth_cache(client)
    flags = client.get(f"/v1/audits/{audit}", headers={"X-API-Key": key}).json()["report"]["flags"]
    response = client.patch(f"/v1/audits/{audit}/flags/{flags[0]['id']}", headers={"Authorization": f"Bearer {key}"},
                            json={"verdict": "dismissed", "note": "", "reviewer": "cms-bot"})
    assert response.status_code == 200, response.text  # the browser's cookie is there, but the key decides
    # With a key configured the dashboard asks for sign-in.
    assert client.get("/", follow_redirects=False).status_code == 303


# -- sign-in ------------------------------------------------------------------------------------------
def test_sign_in_with_password(make_web: Callable[..., Any]) -> None:
    client = make_web()
    audit = new_audit(client)
    client.app.state.service.store.create_user("ana", "correct horse")
    reset_auth_cache(client)
    gate = client.get(f"/audits/{audit}?x=1", follow_redirects=False)
    assert gate.status_code == 303 and gate.headers["location"].startswith("/login?next=%2Faudits%2F")
    login = client.get(gate.headers["location"])
    old_token = csrf_of(login.text)
    wrong = client.post("/login", data={"csrf_token": old_token, "username": "ana", "password": "nope",
                                        "next": f"/audits/{audit}"}, follow_redirects=False)
    assert wrong.status_code == 401 and "did not work" in wrong.text
    ok = client.post("/login", data={"csrf_token": old_token, "username": "ana", "password": "correct horse",
                                     "next": f"/audits/{audit}"}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == f"/audits/{audit}"
    assert "HttpOnly" in ok.headers["set-cookie"]
    page = client.get(f"/audits/{audit}")
    assert page.status_code == 200 and '"user": "ana"' in page.text
    new_token = csrf_of(page.text)
    assert new_token != old_token  # a new session on sign-in
    flag = client.get(f"/v1/audits/{audit}").json()["report"]["flags"][0]["id"]
    body = {"verdict": "needs_edit", "note": "fix the number", "reviewer": "ana"}
    assert client.patch(f"/v1/audits/{audit}/flags/{flag}", json=body,
                        headers={"X-CSRF-Token": old_token}).status_code == 403
    saved = client.patch(f"/v1/audits/{audit}/flags/{flag}", json=body, headers={"X-CSRF-Token": new_token})
    assert saved.status_code == 200 and saved.json()["current"]["reviewer"] == "ana"
    out = client.post("/logout", data={"csrf_token": new_token}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303


def test_sign_in_with_an_api_key_ends_when_it_is_revoked(make_web: Callable[..., Any]) -> None:
    client = make_web()
    store = client.app.state.service.store
    key = store.create_key("desk")
    store.create_key("cms")  # another key stays: sign-in stays required
    reset_auth_cache(client)
    csrf = token(client, "/login")
    bad = client.post("/login", data={"csrf_token": csrf, "api_key": key + "x"}, follow_redirects=False)
    assert bad.status_code == 401
    ok = client.post("/login", data={"csrf_token": csrf, "api_key": key}, follow_redirects=False)
    assert ok.status_code == 303
    page = client.get("/")
    assert page.status_code == 200 and ">desk<" in page.text
    store.revoke_key("desk")
    reset_auth_cache(client)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_tampered_cookie_and_open_redirects(make_web: Callable[..., Any]) -> None:
    client = make_web()
    client.app.state.service.store.create_user("ana", "correct horse")
    reset_auth_cache(client)
    csrf = token(client, "/login")
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example", "/"), ("/\\evil", "/"),
                             ("/corpus?q=a", "/corpus?q=a")):
        response = client.post("/login", data={"csrf_token": csrf, "username": "ana", "password": "correct horse",
                                               "next": target}, follow_redirects=False)
        assert response.headers["location"] == expected
        csrf = csrf_of(client.get("/").text)
    value = client.cookies.get(COOKIE)
    body, _, signature = value.partition(".")
    forged = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    forged["u"] = "admin"
    encoded = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    client.cookies.clear()
    client.cookies.set(COOKIE, f"{encoded}.{signature}")
    assert client.get("/", follow_redirects=False).status_code == 303
    client.cookies.clear()
    client.cookies.set(COOKIE, value)
    assert client.get("/", follow_redirects=False).status_code == 200  # the genuine one still works


def test_sessions_survive_a_restart(make_web: Callable[..., Any], tmp_path: Path) -> None:
    first = make_web(data_dir=tmp_path / "shared")
    first.app.state.service.store.create_user("ana", "correct horse")
    reset_auth_cache(first)
    csrf = token(first, "/login")
    first.post("/login", data={"csrf_token": csrf, "username": "ana", "password": "correct horse"})
    second = make_web(data_dir=tmp_path / "shared")
    second.cookies.clear()
    second.cookies.set(COOKIE, first.cookies.get(COOKIE))
    assert second.get("/", follow_redirects=False).status_code == 200


# -- forms ----------------------------------------------------------------------------------------------
def test_new_audit_form_errors_are_shown_on_the_form(site: Any) -> None:
    csrf = token(site, "/audits/new")
    empty = site.post("/audits/new", data={"csrf_token": csrf, "original_mode": "text", "original_text": ORIGINAL,
                                           "candidate_mode": "text", "candidate_text": "  "})
    assert empty.status_code >= 400 and "the candidate text is empty" in empty.text
    assert ORIGINAL.splitlines()[2][:40] in empty.text  # what was typed is kept
    latin1 = site.post("/audits/new", data={"csrf_token": csrf, "original_mode": "text", "original_text": ORIGINAL,
                                            "candidate_mode": "file"},
                       files={"candidate_file": ("cand.txt", "Caf\xe9 cr\xe8me".encode("latin-1"), "text/plain")})
    assert latin1.status_code == 415 and "not UTF-8" in latin1.text
    stored = site.post("/audits/new", data={"csrf_token": csrf, "original_mode": "stored", "candidate_mode": "text",
                                            "candidate_text": CANDIDATE})
    assert stored.status_code >= 400 and "no stored original chosen" in stored.text


def test_uploaded_files_and_the_review_page(site: Any) -> None:
    csrf = token(site, "/audits/new")
    response = site.post("/audits/new", data={"csrf_token": csrf, "original_mode": "file", "candidate_mode": "file"},
                         files={"original_file": ("o.txt", ORIGINAL.encode(), "text/plain"),
                                "candidate_file": ("c.txt", CANDIDATE.encode(), "text/plain")},
                         follow_redirects=False)
    assert response.status_code == 303
    html = site.get(response.headers["location"]).text
    assert 'class="sev-' in html and "<mark" in html
    assert re.search(r'<mark class="sev-(major|critical)" data-flags="f\d+">200</mark>', html)
    assert 'id="chart"' in html and html.count('class="barlink"') == html.count('<tbody id="r-')


def test_background_audit_shows_progress(make_web: Callable[..., Any]) -> None:
    client = make_web(workers=0, sync_max_sentences=0)  # nothing runs it: it stays queued
    audit = new_audit(client)
    html = client.get(f"/audits/{audit}").text
    assert 'id="job"' in html and "Waiting for a worker" in html and "/static/progress.js" in html
    assert client.get(f"/v1/audits/{audit}").json()["status"] == "pending"


def test_corpus_original_and_matching(site: Any) -> None:
    csrf = token(site, "/corpus")
    added = site.post("/corpus", data={"csrf_token": csrf, "mode": "text", "text": ORIGINAL,
                                       "title": "Floods (original)", "outlet": "Wire"}, follow_redirects=False)
    assert added.status_code == 303
    original_id = added.headers["location"].rsplit("/", 1)[1]
    assert "Floods (original)" in site.get("/corpus").text
    against = new_audit(site, original_mode="stored", original_id=original_id)
    found = new_audit(site, original_mode="find", original_text="")
    page = site.get(f"/corpus/{original_id}").text
    assert against in page and found in page and "Audits that matched it" in page
    review = site.get(f"/audits/{found}").text
    assert "original found" in review and f"/corpus/{original_id}" in review
    assert site.get(f"/audits/new?original_id={original_id}").text.count(f'value="{original_id}" selected') == 1


def test_candidate_only_without_a_match(make_web: Callable[..., Any]) -> None:
    client = make_web()
    audit = new_audit(client, original_mode="find")
    page = client.get(f"/audits/{audit}").text
    assert "No original found" in page and "corpus of originals is empty" in page


def test_list_filters_and_sorting(site: Any) -> None:
    other = new_audit(site, outlet="Other Paper", title="Something else entirely",
                      candidate_text=ORIGINAL)  # identical: no flags
    ids = lambda html: re.findall(r'<tr data-status="\w+" data-id="([0-9a-f]{32})"', html)  # noqa: E731
    everything = ids(site.get("/").text)
    assert site.audit_id in everything and other in everything
    assert ids(site.get("/?q=floods").text) == [site.audit_id] or site.audit_id in ids(site.get("/?q=floods").text)
    assert other not in ids(site.get("/?q=floods").text)
    assert ids(site.get("/?outlet=Other+Paper").text) == [other]
    assert other not in ids(site.get("/?worst_severity=major").text)
    assert site.audit_id in ids(site.get("/?worst_severity=major").text)
    titles = ids(site.get("/?sort=title").text)
    assert titles.index(site.audit_id) < titles.index(other)  # "Floods…" before "Something…"
    assert "No audit matches" in site.get("/?q=nothing-like-this").text
    html = site.get("/").text
    assert "&lt;em&gt;old town&lt;/em&gt;" in html and "<em>old town</em>" not in html


def test_exports_carry_verdicts(site: Any) -> None:
    csrf = token(site)
    flags = site.get(f"/v1/audits/{site.audit_id}").json()["report"]["flags"]
    flag = flags[-1]["id"]
    site.patch(f"/v1/audits/{site.audit_id}/flags/{flag}", headers={"X-CSRF-Token": csrf},
               json={"verdict": "needs_edit", "note": "=2+2 check", "reviewer": "desk"})
    csv_text = site.get(f"/audits/{site.audit_id}/flags.csv")
    assert csv_text.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_text.headers["content-disposition"]
    assert f"{flag}," in csv_text.text and "needs_edit" in csv_text.text and "'=2+2 check" in csv_text.text
    data = site.get(f"/audits/{site.audit_id}/flags.json").json()
    by_id = {f["id"]: f for f in data["flags"]}
    assert by_id[flag]["verdict"]["verdict"] == "needs_edit" and by_id[flag]["verdict"]["reviewer"] == "local"
    assert by_id[flag]["verdict"]["note"] == "=2+2 check (as desk)"
    report = site.get(f"/audits/{site.audit_id}/report").text
    assert "needs edit" in report and "desk" in report and "/static/report.js" in report

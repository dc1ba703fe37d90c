"""Dashboard sign-in against a real `driftaudit serve`: failed sign-ins are limited per client
address and per account (429 with Retry-After), and signing out ends the session on the
server, so a copy of the cookie no longer works.

The clients connect from different loopback addresses (127.0.0.x as the source address)
to stand for different machines.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import httpx
import pytest

from app.web.security import COOKIE
from tests.app.server import DRIFTAUDIT, Server
from tests.web.conftest import csrf_of

PASSWORD = "correct horse battery"
MAX_FAILURES = 5
WINDOW = 300


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with the users ana, ben and cleo (the limits are per account: each test has its own)
    and an API key, so that /v1 needs credentials and a session cookie is one."""
    data = tmp_path_factory.mktemp("signin")
    env = {**os.environ, "DRIFTAUDIT_DATA_DIR": str(data), "DRIFTAUDIT_NEW_PASSWORD": PASSWORD}
    for name in ("ana", "ben", "cleo"):
        subprocess.run([str(DRIFTAUDIT), "users", "create", name], check=True, capture_output=True, timeout=120, env=env)
    subprocess.run([str(DRIFTAUDIT), "keys", "create", "desk"], check=True, capture_output=True, timeout=120, env=env)
    with Server(data, DRIFTAUDIT_WORKERS="0", DRIFTAUDIT_LOGIN_MAX_FAILURES=str(MAX_FAILURES),
                DRIFTAUDIT_LOGIN_WINDOW_SECONDS=str(WINDOW)) as running:
        yield running


def browser_from(server: Server, address: str) -> httpx.Client:
    """A client connecting from `address` (a loopback address standing for another machine)."""
    return httpx.Client(base_url=server.url, timeout=60, transport=httpx.HTTPTransport(local_address=address))


def sign_in(client: httpx.Client, name: str, password: str) -> httpx.Response:
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"csrf_token": token, "username": name, "password": password},
                       follow_redirects=False)


def assert_limited(response: httpx.Response) -> None:
    assert response.status_code == 429, (response.status_code, response.text[:300])
    assert 0 < int(response.headers["retry-after"]) <= WINDOW
    assert "Too many failed sign-ins" in response.text


def test_failed_sign_ins_are_limited_per_client_address(server: Server) -> None:
    with browser_from(server, "127.0.0.3") as guesser, browser_from(server, "127.0.0.4") as other:
        # Forty quick guesses (the attack): five are checked, the rest refused unchecked.
        answers = [sign_in(guesser, f"guess{n}", "wrong password").status_code for n in range(40)]
        assert answers[:MAX_FAILURES] == [401] * MAX_FAILURES
        assert set(answers[MAX_FAILURES:]) == {429}
        blocked = sign_in(guesser, "ana", PASSWORD)  # even the right password, from this address
        assert_limited(blocked)
        assert guesser.get("/", follow_redirects=False).status_code == 303  # not signed in
        # Another address is not limited, and the account was not the target.
        assert sign_in(other, "ana", PASSWORD).status_code == 303
        assert other.get("/", follow_redirects=False).status_code == 200


def test_failed_sign_ins_are_limited_per_account(server: Server) -> None:
    # Five wrong passwords for ben, each from another address: none of those is limited...
    for n in range(MAX_FAILURES):
        with browser_from(server, f"127.0.1.{n + 1}") as client:
            assert sign_in(client, "ben", "wrong password").status_code == 401
    # ...but the account is, from anywhere, for the window.
    with browser_from(server, "127.0.1.100") as client:
        assert_limited(sign_in(client, "ben", PASSWORD))
        assert_limited(sign_in(client, "BEN", PASSWORD))  # the name's case does not make another account
        assert sign_in(client, "cleo", PASSWORD).status_code == 303  # other accounts are not


def test_a_success_clears_the_accounts_failures(server: Server) -> None:
    with browser_from(server, "127.0.2.1") as client:
        for _ in range(MAX_FAILURES - 1):
            assert sign_in(client, "cleo", "wrong password").status_code == 401
        assert sign_in(client, "cleo", PASSWORD).status_code == 303
    with browser_from(server, "127.0.2.2") as client:  # the account starts again from zero
        for _ in range(MAX_FAILURES - 1):
            assert sign_in(client, "cleo", "wrong password").status_code == 401
        assert sign_in(client, "cleo", PASSWORD).status_code == 303


def test_signing_out_ends_the_session_on_the_server(server: Server) -> None:
    with browser_from(server, "127.0.3.1") as browser:
        assert sign_in(browser, "ana", PASSWORD).status_code == 303
        page = browser.get("/")
        assert page.status_code == 200 and ">ana<" in page.text
        stolen = browser.cookies.get(COOKIE)
        assert stolen
        token = csrf_of(page.text)
        assert browser.get("/v1/audits").status_code == 200  # the session works for the API too
        assert httpx.get(server.url + "/v1/audits", timeout=30).status_code == 401  # which needs credentials
        out = browser.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert out.status_code == 303 and out.headers["location"] == "/login"
    # The cookie as it was before the sign-out, replayed from elsewhere (only that cookie, every
    # time: the pages would hand the thief a fresh anonymous one): no longer a session.
    replayed = {"Cookie": f"{COOKIE}={stolen}", "X-CSRF-Token": token}
    with browser_from(server, "127.0.3.2") as thief:
        gate = thief.get("/", headers=replayed, follow_redirects=False)
        assert gate.status_code == 303 and gate.headers["location"].startswith("/login")
        api = thief.get("/v1/audits", headers=replayed)
        assert api.status_code == 401 and api.json()["code"] == "unauthorized"
        refused = thief.patch("/v1/audits/x/flags/f1", json={"verdict": "confirmed"}, headers=replayed)
        assert refused.status_code == 401 and refused.json()["code"] == "unauthorized"
    # Signing in again gives a new session; the old cookie stays dead.
    with browser_from(server, "127.0.3.1") as browser:
        assert sign_in(browser, "ana", PASSWORD).status_code == 303
        assert browser.cookies.get(COOKIE) != stolen
        assert browser.get("/", follow_redirects=False).status_code == 200


def test_a_session_cookie_from_before_server_side_sessions_is_refused(server: Server) -> None:
    """A validly signed cookie without a session id (what older versions issued) signs nobody in."""
    from app.core.config import Settings
    from app.web.security import Session, Signer, load_secret

    signer = Signer(load_secret(Settings(data_dir=server.data_dir)))
    forged = signer.dumps(Session(user="ana"))
    with browser_from(server, "127.0.4.1") as client:
        client.cookies.set(COOKIE, forged)
        assert client.get("/", follow_redirects=False).status_code == 303
        assert client.get("/v1/audits").status_code == 401

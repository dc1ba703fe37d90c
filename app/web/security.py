"""Dashboard sessions, CSRF tokens and security headers.

A session is a signed cookie (HMAC-SHA256 over a small JSON body): who is signed in
(or nobody, in the open loopback mode) and the CSRF token of that browser. Every
dashboard form carries the token in a hidden field; the dashboard's own JavaScript
sends it as `X-CSRF-Token` on its calls to /v1. Callers with an API key do not use the
cookie and need no token.

The signing key is `DRIFTAUDIT_SECRET_KEY`, or a random key created once in the data
directory (`secret_key`, mode 0600), so sessions survive restarts and are shared by
all processes of one data directory.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import Settings

COOKIE = "driftaudit_session"
SESSION_SECONDS = 12 * 3600
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK = ("127.0.0.1", "::1", "localhost")
# Paths that never get a session cookie of their own: the API, static files, health, docs.
NO_COOKIE_PREFIXES = ("/v1", "/static/", "/healthz", "/readyz", "/docs", "/docs-static/", "/redoc", "/openapi.json", "/metrics")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'")
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass
class Session:
    """What the cookie says. `key` is the prefix of the API key used to sign in, if any."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    user: str | None = None
    key: str | None = None
    issued: float = field(default_factory=time.time)
    changed: bool = False  # set by routes that sign in or out: the middleware sends the new cookie

    def to_dict(self) -> dict[str, Any]:
        return {"c": self.csrf, "u": self.user, "k": self.key, "i": int(self.issued)}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_secret(settings: Settings) -> bytes:
    """The signing key: the setting, or the data directory's `secret_key` file (made once)."""
    if settings.secret_key:
        return hashlib.sha256(settings.secret_key.encode()).digest()
    path = Path(settings.data_dir) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process may be writing it right now
            value = path.read_text(encoding="ascii").strip()
            if value:
                return bytes.fromhex(value)
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty: delete it and restart") from None
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex())
    return key


class Signer:
    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def dumps(self, session: Session) -> str:
        body = _b64(json.dumps(session.to_dict(), separators=(",", ":")).encode())
        return f"{body}.{self._sign(body)}"

    def loads(self, value: str, max_age: float = SESSION_SECONDS) -> Session | None:
        body, _, signature = value.partition(".")
        if not body or not hmac.compare_digest(signature, self._sign(body)):
            return None
        try:
            data = json.loads(_unb64(body))
            session = Session(csrf=str(data["c"]), user=data.get("u"), key=data.get("k"), issued=float(data["i"]))
        except (ValueError, KeyError, TypeError):
            return None
        if not session.csrf or time.time() - session.issued > max_age:
            return None
        return session

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self.secret, b"driftaudit-session|" + body.encode(), hashlib.sha256).digest())


def same_token(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given).encode(), expected.encode())


class Cached:
    """A value recomputed at most every `ttl` seconds (whether keys or users exist, ...)."""

    def __init__(self, ttl: float = 5.0) -> None:
        self.ttl = ttl
        self._values: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, name: str, compute: Any) -> Any:
        with self._lock:
            hit = self._values.get(name)
            if hit and time.monotonic() - hit[0] < self.ttl:
                return hit[1]
        value = compute()
        with self._lock:
            self._values[name] = (time.monotonic(), value)
        return value

    def reset(self) -> None:
        with self._lock:
            self._values.clear()


def _problem(status: int, code: str, detail: str, hint: str) -> bytes:
    return json.dumps({"type": f"https://driftaudit.dev/problems/{code}", "title": code.replace("_", " "),
                       "status": status, "detail": detail, "hint": hint, "code": code}).encode()


class SessionMiddleware:
    """Reads the session cookie; sets `request.state.session` and (signed in) `request.state.user`.

    Unsafe calls to /v1 that ride on the session cookie (no API key) must carry the
    session's CSRF token in `X-CSRF-Token`, or are refused with 403. Dashboard pages get
    a fresh anonymous session (with a CSRF token) when they have none.
    """

    def __init__(self, app: ASGIApp, settings: Settings, live_key_prefixes: Any = None) -> None:
        self.app = app
        self.settings = settings
        self.live_key_prefixes = live_key_prefixes  # callable -> set of prefixes of live API keys
        self._signer: Signer | None = None
        self._lock = threading.Lock()

    @property
    def signer(self) -> Signer:
        if self._signer is None:
            with self._lock:
                if self._signer is None:
                    self._signer = Signer(load_secret(self.settings))
        return self._signer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path: str = scope.get("path", "")
        session = self._read(headers)
        api = path == "/v1" or path.startswith("/v1/")
        has_key = bool(headers.get("authorization") or headers.get("x-api-key"))
        state = scope.setdefault("state", {})
        if session is not None and session.key and self.live_key_prefixes is not None \
                and session.key not in self.live_key_prefixes(scope):
            session = None  # signed in with an API key that was revoked since
        if api and session is not None and not has_key and scope["method"] in UNSAFE \
                and not same_token(headers.get(CSRF_HEADER), session.csrf):
            body = _problem(403, "csrf_failed", "this request uses the dashboard session but has no valid CSRF token",
                            "send the page's token as X-CSRF-Token, or call the API with an API key instead")
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"application/problem+json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        fresh = session is None and not path.startswith(NO_COOKIE_PREFIXES)
        if session is None:
            session = Session()
        state["session"] = session
        if session.user and not (api and has_key):
            state["user"] = session.user
        secure = scope.get("scheme") == "https"

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                current = state.get("session") or session  # a route that signs in or out puts a new one here
                if fresh or current.changed:
                    MutableHeaders(scope=message).append("set-cookie", self.cookie(current, secure))
            await send(message)

        await self.app(scope, receive, sending)

    def _read(self, headers: Headers) -> Session | None:
        raw = headers.get("cookie")
        if not raw or COOKIE not in raw:
            return None
        # Starlette's lenient parser: other apps on localhost may set cookies that the
        # standard library's parser chokes on, which would lose ours with them.
        value = cookie_parser(raw).get(COOKIE)
        return self.signer.loads(value) if value else None

    def cookie(self, session: Session, secure: bool) -> str:
        parts = [f"{COOKIE}={self.signer.dumps(session)}", "Path=/", "HttpOnly", "SameSite=Lax",
                 f"Max-Age={SESSION_SECONDS}"]
        if secure:
            parts.append("Secure")
        return "; ".join(parts)

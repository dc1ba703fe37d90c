"""Dashboard sessions, CSRF tokens, security headers, the Host check and the open-mode rule.

A session is a signed cookie (HMAC-SHA256 over a small JSON body): who is signed in
(or nobody, in the open loopback mode) and the CSRF token of that browser. Every
dashboard form carries the token in a hidden field; the dashboard's own JavaScript
sends it as `X-CSRF-Token` on its calls to /v1. Callers with an API key do not use the
cookie and need no token. A signed-in cookie also carries a random session id that must
still be in the `web_sessions` table: signing out deletes it, so a copied cookie dies
with the sign-out (the signature alone would keep it valid for 12 hours).

The open mode (no key, no sign-in, everything recorded as `local`) is for one person on
this machine only: `local_request` allows it when the service is configured for loopback,
the request arrived on a loopback socket from a loopback peer, and its Host header names
loopback. `HostCheck` answers 400 to any Host not in DRIFTAUDIT_ALLOWED_HOSTS, so a web
page whose name was re-pointed at 127.0.0.1 (DNS rebinding) cannot drive the service.

The signing key is `DRIFTAUDIT_SECRET_KEY`, or a random key created once in the data
directory (`secret_key`, mode 0600), so sessions survive restarts and are shared by
all processes of one data directory.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import math
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import problem_body
from app.core.config import LOOPBACK_NAMES, Settings, host_name

COOKIE = "driftaudit_session"
SESSION_SECONDS = 12 * 3600
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
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
    """What the cookie says. `key` is the prefix of the API key used to sign in, if any;
    `sid` the id of the server-side session row (signed-in sessions only)."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    user: str | None = None
    key: str | None = None
    issued: float = field(default_factory=time.time)
    changed: bool = False  # set by routes that sign in or out: the middleware sends the new cookie
    sid: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"c": self.csrf, "u": self.user, "k": self.key, "i": int(self.issued), "s": self.sid}


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
            session = Session(csrf=str(data["c"]), user=data.get("u"), key=data.get("k"), issued=float(data["i"]),
                              sid=data.get("s"))
        except (ValueError, KeyError, TypeError):
            return None
        if not session.csrf or time.time() - session.issued > max_age:
            return None
        return session

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self.secret, b"driftaudit-session|" + body.encode(), hashlib.sha256).digest())


def retry_after(failures: dict[str, list[datetime]], limit: int, window: int, at: datetime | None = None) -> int:
    """Seconds until every subject is below `limit` failures in the sliding `window` again; 0: not limited.

    In: each subject's failure times (oldest first, all within the window), the limit, the
    window in seconds, and the time now (default: the clock). Out: whole seconds, at least 1
    when limited (the Retry-After value).
    """
    at = at or datetime.now(UTC)
    wait = 0.0
    for times in failures.values():
        if len(times) >= limit:  # free again when the failure that makes it `limit` leaves the window
            frees = times[len(times) - limit] + timedelta(seconds=window)
            wait = max(wait, (frees - at).total_seconds())
    return max(1, math.ceil(wait)) if wait > 0 else 0


def same_token(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given).encode(), expected.encode())


def _problem(status: int, code: str, detail: str, hint: str) -> bytes:
    return json.dumps(problem_body(status, code, detail, hint)).encode()


# -- who may use the open mode, and which Host names are answered ---------------------------------
Transport = Literal["tcp", "unix", "in-process"]


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """`value` as an IP address (an IPv4-mapped IPv6 address as IPv4), or None."""
    try:
        address = ipaddress.ip_address(value.split("%", 1)[0])  # fe80::1%eth0: the zone is not part of it
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def transport(scope: Scope) -> Transport:
    """How a request reached the app, read from `scope["server"]`, which the ASGI server fills from
    the listening socket (proxy headers change only `client` and `scheme`, never this):
    an IP address is TCP; a path without a port a Unix socket (or no information: treated alike,
    strictly); a name with a port an in-process client such as Starlette's TestClient
    (`("testserver", 80)`), which no browser and no other machine can reach."""
    server = scope.get("server")
    if not server:
        return "unix"
    host, port = str(server[0]), server[1] if len(server) > 1 else None
    if _ip(host) is not None:
        return "tcp"
    return "unix" if port is None else "in-process"


def request_host(scope: Scope) -> str | None:
    """The host name of the request's Host header (no port, lower case), None without one."""
    value = Headers(scope=scope).get("host")
    return host_name(value) if value else None


def local_request(scope: Scope, settings: Settings) -> bool:
    """Whether this request may use the open mode (when no key exists): only a person on this
    machine. The service must be configured for loopback (DRIFTAUDIT_HOST), and the request must
    have arrived on a loopback socket (127.0.0.1 or ::1: not 127.0.0.2, not 0.0.0.0 reached from
    outside), from a loopback peer (after trusted proxy headers: a local proxy forwarding another
    machine's request does not count), with a loopback name in its Host header. Anything else,
    including requests over a Unix socket, needs a key or a sign-in."""
    if settings.host not in LOOPBACK_NAMES:
        return False
    kind = transport(scope)
    if kind != "tcp":
        return kind == "in-process"
    server = _ip(str(scope["server"][0]))
    if server is None or str(server) not in ("127.0.0.1", "::1"):
        return False
    client = scope.get("client")
    peer = _ip(str(client[0])) if client else None
    if peer is None or not peer.is_loopback:
        return False
    host = request_host(scope)
    return host is None or host in LOOPBACK_NAMES


class HostCheck:
    """Answers 400 to a request whose Host header is not one the service answers to.

    Allowed: DRIFTAUDIT_ALLOWED_HOSTS (default localhost, 127.0.0.1, ::1), DRIFTAUDIT_HOST, and
    the IP address of the socket the request arrived on (a caller that used the address itself
    cannot be a rebound name; this also keeps health probes by pod IP working). `*` allows any.
    In-process clients (tests) are not checked: no browser can reach them.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.any = "*" in settings.allowed_hosts
        self.allowed = frozenset(settings.allowed_hosts) | {host_name(settings.host)}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.any or transport(scope) == "in-process":
            await self.app(scope, receive, send)
            return
        host = request_host(scope)
        if host is None or host in self.allowed or self._own_address(scope, host):
            await self.app(scope, receive, send)
            return
        body = _problem(400, "host_not_allowed", f"this service does not answer to the name {host[:100]!r}",
                        "call it as localhost or 127.0.0.1, or, if the name is yours, have the operator add it "
                        "to DRIFTAUDIT_ALLOWED_HOSTS (the check stops web pages from reaching the service "
                        "through a name re-pointed at it: DNS rebinding)")
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/problem+json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _own_address(scope: Scope, host: str) -> bool:
        server = scope.get("server")  # (host, port) of the socket the request came in on, or None
        address = _ip(host)
        if address is None or not isinstance(server, (tuple, list)) or not server:
            return False
        return address == _ip(str(server[0]))


class SessionMiddleware:
    """Reads the session cookie; sets `request.state.session` and (signed in) `request.state.user`.

    Unsafe calls to /v1 that ride on the session cookie (no API key) must carry the
    session's CSRF token in `X-CSRF-Token`, or are refused with 403. Dashboard pages get
    a fresh anonymous session (with a CSRF token) when they have none. A signed-in cookie
    counts only while its session row exists (see `Store.web_session_user`); static files,
    docs and health checks do not look it up and see nobody signed in.
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
        # Only pages and the API need to know who is signed in: they alone pay for the lookup.
        needs_user = api or not path.startswith(NO_COOKIE_PREFIXES)
        if session is not None and session.key and self.live_key_prefixes is not None \
                and session.key not in self.live_key_prefixes(scope):
            session = None  # signed in with an API key that was revoked since
        if session is not None and session.user and needs_user and not await self._live(scope, session):
            session = None  # signed out (the row is gone), expired, or a cookie from before server-side sessions
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
        if session.user and needs_user and not (api and has_key):
            state["user"] = session.user
        secure = scope.get("scheme") == "https"

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                current = state.get("session") or session  # a route that signs in or out puts a new one here
                if fresh or current.changed:
                    MutableHeaders(scope=message).append("set-cookie", self.cookie(current, secure))
            await send(message)

        await self.app(scope, receive, sending)

    @staticmethod
    async def _live(scope: Scope, session: Session) -> bool:
        """Whether the signed-in session still has its row (a database read, off the event loop)."""
        service = getattr(getattr(scope.get("app"), "state", None), "service", None)
        if session.sid is None or service is None:
            return False
        user = await anyio.to_thread.run_sync(service.store.web_session_user, session.sid)
        return user is not None and user == session.user

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

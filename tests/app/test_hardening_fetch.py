"""URL fetching under attack: trickling servers, gzip bombs, fetch floods and addresses that are not public.

A hostile site runs in a thread of the test on 127.0.0.2 (a loopback address of its own, so
the service's allow-list can name it alone). The address check is tested on a table of
addresses, without connecting anywhere. The last tests run a real `driftaudit serve`.
"""

from __future__ import annotations

import gzip
import ipaddress
import threading
import time
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from app.core.fetch import (
    CHUNK,
    MAX_CONCURRENT_FETCHES,
    FetchBusy,
    FetchTimedOut,
    _Inflater,
    address_refusal,
    fetch_text,
    is_public_address,
    resolve_checked,
)
from app.errors import status_of
from scoring.errors import FetchFailed, FetchRefused
from tests.app.server import Server

HOSTILE = "127.0.0.2"
ARTICLE = b"<html><body><article><p>Kyiv said the talks would resume on Monday.</p></article></body></html>"
TRICKLE_SECONDS = 0.25  # far below any per-read timeout: only a deadline for the whole fetch stops it
BOMB_BYTES = 100_000_000  # what the bomb inflates to; about 100 KB on the wire
CAP = 500_000  # the size cap the bomb tests use: above the bomb's compressed size, far below its inflated size


@lru_cache(maxsize=1)
def bomb() -> bytes:
    """gzip of BOMB_BYTES zero bytes, made in pieces (the whole never exists uncompressed)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1_000_000)
    return b"".join([packer.compress(zeros) for _ in range(BOMB_BYTES // len(zeros))] + [packer.flush()])


class Hostile(BaseHTTPRequestHandler):
    """The attacker's site: slow, compressed, or both."""

    server: HostileServer

    def do_GET(self) -> None:
        self.server.count(self.path)
        try:
            self.answer()
        except (BrokenPipeError, ConnectionResetError):  # the fetcher gave up: what these tests want
            pass

    def send(self, status: int, body: bytes, headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        for key, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def trickle(self, data: bytes) -> None:
        for i in range(len(data)):
            if self.server.closing.wait(TRICKLE_SECONDS):
                return
            self.wfile.write(data[i:i + 1])
            self.wfile.flush()

    def answer(self) -> None:
        path = self.path
        if path == "/article":
            self.send(200, ARTICLE)
        elif path == "/trickle-body":  # headers at once, then one byte at a time
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            self.trickle(b"x" * 1000)
        elif path == "/trickle-head":  # even the status line comes one byte at a time
            self.trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"p" * 400 + b"\r\n\r\n")
        elif path.startswith("/slow-hop/"):  # each hop well within any per-phase timeout, the chain is not
            hop = int(path.rsplit("/", 1)[1])
            if self.server.closing.wait(0.6):
                return
            self.send_response(302)
            self.send_header("Location", f"/slow-hop/{hop + 1}" if hop < 4 else "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/bomb":
            self.send(200, bomb(), {"Content-Encoding": "gzip"})
        elif path == "/bomb-unannounced":  # no Content-Length: the body ends when the connection closes
            self.send(200, bomb(), {"Content-Encoding": "gzip"}, length=False)
        elif path == "/gzip":
            self.send(200, gzip.compress(ARTICLE), {"Content-Encoding": "gzip"})
        elif path == "/gzip-members":
            half = len(ARTICLE) // 2
            self.send(200, gzip.compress(ARTICLE[:half]) + gzip.compress(ARTICLE[half:]), {"Content-Encoding": "gzip"})
        elif path == "/deflate":
            self.send(200, zlib.compress(ARTICLE), {"Content-Encoding": "deflate"})
        elif path == "/raw-deflate":
            packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            self.send(200, packer.compress(ARTICLE) + packer.flush(), {"Content-Encoding": "deflate"})
        elif path == "/brotli":
            self.send(200, b"\x1b\x00\x00", {"Content-Encoding": "br"})
        elif path == "/broken-gzip":
            self.send(200, b"\x1f\x8b" + b"not gzip at all" * 10, {"Content-Encoding": "gzip"})
        else:
            self.send(404, b"no")

    def log_message(self, *_: object) -> None:
        pass


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__((HOSTILE, 0), Hostile)
        self.closing = threading.Event()
        self.seen: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, path: str) -> None:
        with self._lock:
            self.seen[path] += 1

    def seen_now(self, path: str) -> int:
        with self._lock:
            return self.seen[path]


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.closing.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site(hostile: HostileServer) -> str:
    return f"http://{HOSTILE}:{hostile.server_address[1]}"


# -- 1. one deadline for the whole fetch, and a limit on fetches at once ---------------------
@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-head", "/slow-hop/0"])
def test_a_slow_site_is_cut_off_at_the_deadline(site: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimedOut, match=r"within 1\.5 s") as caught:
        fetch_text(site + path, allow=[HOSTILE], timeout=1.5)
    elapsed = time.monotonic() - started
    assert 1.4 < elapsed < 2.5, f"{path}: gave up after {elapsed:.2f} s with a budget of 1.5 s"
    assert status_of(caught.value) == 504 and caught.value.code == "fetch_timeout"
    assert "text instead" in caught.value.hint


def test_fetches_at_once_are_limited_and_the_next_fails_fast(site: str, hostile: HostileServer) -> None:
    before = hostile.seen_now("/trickle-body")

    def slow() -> BaseException | None:
        try:
            fetch_text(site + "/trickle-body", allow=[HOSTILE], timeout=3)
        except FetchFailed as exc:
            return exc
        return None

    with ThreadPoolExecutor(MAX_CONCURRENT_FETCHES) as pool:
        running = [pool.submit(slow) for _ in range(MAX_CONCURRENT_FETCHES)]
        deadline = time.monotonic() + 2.5
        while hostile.seen_now("/trickle-body") < before + MAX_CONCURRENT_FETCHES:
            assert time.monotonic() < deadline, "the slow fetches did not all start"
            time.sleep(0.02)
        started = time.monotonic()
        with pytest.raises(FetchBusy, match="being fetched already") as caught:
            fetch_text(site + "/article", allow=[HOSTILE])
        assert time.monotonic() - started < 0.5  # refused at once, not queued
        assert status_of(caught.value) == 503 and "retry" in caught.value.hint
        outcomes = [future.result() for future in running]
    assert all(isinstance(outcome, FetchTimedOut) for outcome in outcomes), outcomes
    assert "talks would resume" in fetch_text(site + "/article", allow=[HOSTILE])  # every slot was given back


# -- 2. the size cap counts decompressed bytes, a piece at a time ----------------------------
@pytest.mark.parametrize("path", ["/bomb", "/bomb-unannounced"])
def test_a_gzip_bomb_stops_at_the_cap_without_inflating(site: str, path: str) -> None:
    assert len(bomb()) < CAP < BOMB_BYTES  # small on the wire: only the decompressed count can catch it
    bomb()  # made before tracing: only the fetch's own allocations count below
    tracemalloc.start()
    try:
        with pytest.raises(FetchFailed, match=f"larger than {CAP:,} bytes once decompressed") as caught:
            fetch_text(site + path, allow=[HOSTILE], max_bytes=CAP)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "DRIFTAUDIT_FETCH_MAX_BYTES" in caught.value.hint
    # Inflating one 64 KB read of this bomb at once would take 64 MB; the cap plus a few pieces is far less.
    assert peak < 16_000_000, f"peak {peak:,} bytes while fetching"


def test_pieces_are_bounded_even_from_one_large_read() -> None:
    inflater = _Inflater("gzip", "http://example.com/")
    sizes = [len(piece) for piece in inflater.feed(bomb()[:200_000])]
    assert max(sizes) <= CHUNK
    assert sum(sizes) > 50 * CHUNK  # it did inflate, a piece at a time


@pytest.mark.parametrize("path", ["/gzip", "/gzip-members", "/deflate", "/raw-deflate"])
def test_compressed_articles_are_read(site: str, path: str) -> None:
    assert "talks would resume on Monday" in fetch_text(site + path, allow=[HOSTILE])


@pytest.mark.parametrize(("path", "message"), [("/brotli", "content encoding 'br'"),
                                               ("/broken-gzip", "does not decompress as gzip")])
def test_unsupported_or_broken_encodings_are_clear_errors(site: str, path: str, message: str) -> None:
    with pytest.raises(FetchFailed, match=message) as caught:
        fetch_text(site + path, allow=[HOSTILE])
    assert caught.value.hint


# -- 3. only globally reachable addresses ------------------------------------------------------
REFUSED = [
    "100.64.0.1", "100.127.255.254",  # carrier-grade NAT
    "10.0.0.1", "172.16.0.1", "192.168.1.1", "127.0.0.1", "127.8.9.10", "0.0.0.0", "0.1.2.3",
    "169.254.169.254", "192.0.0.1", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9",
    "192.88.99.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "feff::1", "ff02::1", "ff0e::1",
    "2001:db8::1", "100::1", "3fff::1", "5f00::1",
    "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:100.64.0.1", "::ffff:169.254.169.254",  # IPv4-mapped
    "::127.0.0.1", "::8.8.8.8",  # IPv4-compatible (deprecated)
    "2002::1", "2002:a00:1::1", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:6440:1::1",  # 6to4
    "64:ff9b::a00:1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",  # NAT64 to private IPv4
    "64:ff9b:1::808:808",  # local-use NAT64
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::1",  # Teredo
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2001:4860:4860::8888",
          "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808"]


@pytest.mark.parametrize("text", REFUSED)
def test_addresses_that_are_not_public_are_refused(text: str) -> None:
    address = ipaddress.ip_address(text)
    assert not is_public_address(address)
    assert address_refusal(address)


@pytest.mark.parametrize("text", PUBLIC)
def test_public_addresses_pass(text: str) -> None:
    assert is_public_address(ipaddress.ip_address(text)), address_refusal(ipaddress.ip_address(text))


@pytest.mark.parametrize(("text", "says"), [("2002:a00:1::1", "6to4 for 10.0.0.1, private network"),
                                            ("::ffff:127.0.0.1", "IPv4-mapped for 127.0.0.1, loopback"),
                                            ("64:ff9b::a9fe:a9fe", "NAT64 for 169.254.169.254, link-local"),
                                            ("100.64.0.1", "not globally reachable"),
                                            ("fec0::1", "site-local")])
def test_the_refusal_says_what_the_address_reaches(text: str, says: str) -> None:
    assert address_refusal(ipaddress.ip_address(text)) == says


@pytest.mark.parametrize("url", ["http://100.64.0.1/", "http://[2002:a00:1::1]/", "http://[fec0::1]/x",
                                 "http://[64:ff9b::a00:1]/", "http://[::ffff:100.64.0.1]/", "http://224.0.0.1/"])
def test_urls_on_those_addresses_are_refused_before_any_connection(url: str) -> None:
    with pytest.raises(FetchRefused, match="private or local address") as caught:
        resolve_checked(url, allow=[])
    assert "DRIFTAUDIT_FETCH_ALLOW" in caught.value.hint


@pytest.mark.parametrize(("url", "allow"), [("http://100.64.0.1/", ["100.64.0.0/10"]),
                                            ("http://[2002:a00:1::1]/", ["2002::/16"]),
                                            ("http://[::ffff:10.0.0.5]/", ["10.0.0.0/8"]),
                                            ("http://[fec0::1]/", ["fec0::1"])])
def test_the_operator_allow_list_still_opens_them(url: str, allow: list[str]) -> None:
    scheme, _, port, address = resolve_checked(url, allow=allow)
    assert (scheme, port) == ("http", 80) and not is_public_address(address)


# -- the running service -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, site: str) -> Iterator[Server]:
    """`driftaudit serve` allowed to fetch from the hostile site only, with a 2 s budget and CAP bytes."""
    env = {"DRIFTAUDIT_FETCH_ALLOW": HOSTILE, "DRIFTAUDIT_FETCH_TIMEOUT": "2", "DRIFTAUDIT_FETCH_MAX_BYTES": str(CAP),
           "DRIFTAUDIT_WORKERS": "0"}
    with Server(tmp_path_factory.mktemp("fetch-serve") / "data", port=None, **env) as server:
        yield server


def problem(response: httpx.Response) -> dict[str, Any]:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    body: dict[str, Any] = response.json()
    assert body["hint"] and body["detail"]
    return body


def test_serve_cuts_slow_fetches_and_keeps_answering(service: Server, site: str) -> None:
    budget, margin, requests = 2.0, 3.0, MAX_CONCURRENT_FETCHES * 2

    def audit() -> tuple[httpx.Response, float]:
        started = time.monotonic()
        with httpx.Client(base_url=service.url, timeout=budget + 20) as http:
            response = http.post("/v1/audits", json={"candidate": {"url": site + "/trickle-body"}})
        return response, time.monotonic() - started

    health: list[float] = []
    with ThreadPoolExecutor(requests) as pool, httpx.Client(base_url=service.url, timeout=10) as http:
        running = [pool.submit(audit) for _ in range(requests)]
        time.sleep(0.5)  # the slow fetches are under way
        while not all(future.done() for future in running):
            started = time.monotonic()
            assert http.get("/healthz").status_code == 200
            health.append(time.monotonic() - started)
            time.sleep(0.2)
        answers = [future.result() for future in running]

    assert health and max(health) < 1.0, f"/healthz took up to {max(health):.2f} s during the slow fetches"
    codes: Counter[tuple[int, str]] = Counter()
    for response, elapsed in answers:
        assert elapsed < budget + margin, f"an audit answered after {elapsed:.1f} s with a {budget} s fetch budget"
        body = problem(response)
        codes[(response.status_code, body["code"])] += 1
        if response.status_code == 503:
            assert response.headers["retry-after"]
    assert set(codes) <= {(504, "fetch_timeout"), (503, "fetch_busy")}, codes
    assert codes[(504, "fetch_timeout")] >= 1 and codes[(503, "fetch_busy")] >= 1, codes


def test_serve_refuses_a_gzip_bomb_by_its_decompressed_size(service: Server, site: str) -> None:
    with httpx.Client(base_url=service.url, timeout=30) as http:
        response = http.post("/v1/audits", json={"candidate": {"url": site + "/bomb"}})
        body = problem(response)
        assert response.status_code == 502 and body["code"] == "fetch_failed"
        assert f"larger than {CAP:,} bytes once decompressed" in body["detail"]
        assert http.get("/healthz").status_code == 200


def test_serve_allows_only_the_named_address(service: Server) -> None:
    with httpx.Client(base_url=service.url, timeout=30) as http:
        response = http.post("/v1/audits", json={"candidate": {"url": service.url + "/healthz"}})  # 127.0.0.1
        body = problem(response)
        assert response.status_code == 422 and body["code"] == "fetch_refused"
        assert "127.0.0.1" in body["detail"] and "DRIFTAUDIT_FETCH_ALLOW" in body["hint"]


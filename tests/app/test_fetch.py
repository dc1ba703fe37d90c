"""URL fetching: only public http(s) addresses unless allowed, checked again on every redirect."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.core.fetch import fetch_text, resolve_checked
from scoring.errors import FetchFailed, FetchRefused

ARTICLE = "<html><body><article><p>Kyiv said the talks would resume on Monday.</p></article></body></html>"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/image": (200, "image/png", b"\x89PNG...."),
            "/huge": (200, "text/html", b"x" * 50_000),
            "/missing": (404, "text/html", b"no"),
        }
        if self.path == "/to-metadata":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
            return
        if self.path == "/to-article":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/plain", b"?"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_loopback_is_refused_unless_allowed(site: str) -> None:
    with pytest.raises(FetchRefused, match="private or local"):
        fetch_text(site + "/article")
    assert "talks would resume" in fetch_text(site + "/article", allow=["127.0.0.0/8"])
    assert "talks would resume" in fetch_text(site + "/article", allow=["127.0.0.1"])


def test_redirects_are_checked_hop_by_hop(site: str) -> None:
    assert "talks" in fetch_text(site + "/to-article", allow=["127.0.0.1"])
    with pytest.raises(FetchRefused, match=r"169\.254\.169\.254"):
        fetch_text(site + "/to-metadata", allow=["127.0.0.1"])
    with pytest.raises(FetchFailed, match="redirects more than"):
        fetch_text(site + "/loop", allow=["127.0.0.1"])


def test_size_type_and_status_are_checked(site: str) -> None:
    with pytest.raises(FetchFailed, match="bytes"):
        fetch_text(site + "/huge", allow=["127.0.0.1"], max_bytes=10_000)
    with pytest.raises(FetchFailed, match="image/png"):
        fetch_text(site + "/image", allow=["127.0.0.1"])
    with pytest.raises(FetchFailed, match="404"):
        fetch_text(site + "/missing", allow=["127.0.0.1"])


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://example.com/", "http://", "http://10.1.2.3/x",
                                 "http://[::1]/x", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/x",
                                 "http://192.168.1.1/admin", "http://localhost/"])
def test_refused_addresses(url: str) -> None:
    with pytest.raises(FetchRefused):
        resolve_checked(url, allow=[])


def test_unresolvable_host_is_a_clear_error() -> None:
    with pytest.raises(FetchFailed, match="cannot resolve"):
        resolve_checked("http://no-such-host.invalid/a", allow=[])


def test_the_command_line_fetches_local_addresses_with_the_same_checks(site: str) -> None:
    from app.cli.sources import read_source

    assert "talks would resume" in read_source(site + "/to-article")  # its user's own network is allowed
    with pytest.raises(FetchFailed, match="image/png"):
        read_source(site + "/image")
    with pytest.raises(FetchFailed, match="bytes"):
        read_source(site + "/huge", max_bytes=10_000)

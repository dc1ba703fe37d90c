"""Fetching article URLs for the service without opening a door into the network.

Only http and https; the host name is resolved once, every address is checked (only
globally reachable unicast addresses, see `address_refusal`, unless the allow-list names
it), and the connection goes to the checked address, so a DNS answer that changes between
check and connect cannot redirect it. Redirects are followed by hand and each hop is
checked the same way. Content-type check, and a size cap counted on the decompressed
body, which is inflated a piece at a time (a gzip bomb costs the cap, not its full size).

The timeout is the budget of the whole fetch: every connect, TLS handshake, read and
write of every hop ends by one deadline (`time.monotonic`), so a server that trickles
a byte at a time cannot hold a thread longer. At most `MAX_CONCURRENT_FETCHES` fetches
run at once in a process; one more is refused at once (`FetchBusy`) instead of waiting.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from scoring.clean import decode
from scoring.errors import FetchBusy, FetchFailed, FetchRefused, FetchTimedOut

MAX_REDIRECTS = 5
MAX_CONCURRENT_FETCHES = 4
CHUNK = 64 * 1024  # most bytes a decompression step may produce at once
USER_AGENT = "driftaudit/0.1 (+translation audit)"
TEXT_TYPES = ("text/", "html", "xml")
# Only what `_Inflater` can decompress in bounded steps (httpx would also offer br/zstd when installed).
ACCEPT_ENCODING = "gzip, deflate"
GZIP_MAGIC = b"\x1f\x8b"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Module-level: the limit is per process, whichever request or worker fetches.
_SLOTS = threading.BoundedSemaphore(MAX_CONCURRENT_FETCHES)


# -- which addresses may be fetched --------------------------------------------------------
# Special-purpose blocks that Python 3.11's `is_global` tables call global but that are not
# globally reachable unicast destinations (IANA special-purpose registries).
_NOT_GLOBAL = tuple(ipaddress.ip_network(net) for net in (
    "192.88.99.0/24",  # 6to4 relay anycast (deprecated, RFC 7526)
    "64:ff9b:1::/48",  # local-use NAT64 (RFC 8215): translates to whatever the local network decides
    "3fff::/20",  # documentation (RFC 9637)
    "5f00::/16",  # SRv6 segment identifiers (RFC 9602)
    "fec0::/10",  # site-local (deprecated, RFC 3879), routed inside a site
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known NAT64 prefix (RFC 6052): IPv4 in the last 32 bits
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """(how, IPv4 address) an IPv6 address carries traffic to, for mapped, 6to4 and NAT64 forms."""
    if address.ipv4_mapped is not None:
        return "IPv4-mapped", address.ipv4_mapped
    if address.sixtofour is not None:
        return "6to4", address.sixtofour
    if address in _NAT64:
        return "NAT64", ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


def address_refusal(address: Address) -> str | None:
    """Why the service must not connect to `address` (a few words), or None for a public unicast address.

    The rule is `is_global` (IANA's "globally reachable"), plus what it misses: multicast,
    reserved and newer special-purpose blocks, and IPv6 forms that carry an IPv4 address
    (IPv4-mapped, 6to4, NAT64, Teredo), which are judged by the IPv4 address they reach.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            how, inner = embedded
            reason = address_refusal(inner)
            # The IPv6 wrapper itself counts as reserved or private in Python's tables: judge the IPv4 inside.
            return f"{how} for {inner}, {reason}" if reason else None
        if address.teredo is not None:  # 2001::/32; both the relay and the client's obfuscated address
            server, client = address.teredo
            for inner in (server, client):
                reason = address_refusal(inner)
                if reason:
                    return f"Teredo for {inner}, {reason}"
            return "Teredo"  # a tunnel endpoint, never an article server
        if address in _IPV4_COMPATIBLE:
            return "IPv4-compatible (deprecated)"
        if address.is_site_local:
            return "site-local"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private network"
    if address.is_reserved or not address.is_global or any(address in net for net in _NOT_GLOBAL):
        return "not globally reachable"
    return None


def is_public_address(address: Address) -> bool:
    """True when `address` is a globally reachable unicast address (see `address_refusal`)."""
    return address_refusal(address) is None


def _allowed(host: str, address: Address, allow: Sequence[str]) -> bool:
    """Whether the operator's allow-list (host names, addresses, CIDR networks) names `host` or `address`."""
    candidates: list[Address] = [address]
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        candidates.append(address.ipv4_mapped)  # an allowed IPv4 network stays allowed when reached as ::ffff:a.b.c.d
    for item in allow:
        if "/" in item:
            network = ipaddress.ip_network(item, strict=False)
            if any(a.version == network.version and a in network for a in candidates):
                return True
        elif item.lower() == host.lower() or any(item == str(a) for a in candidates):
            return True
    return False


def literal_refusal(host: str, allow: Sequence[str]) -> str | None:
    """Why `host` is refused when it is written as an address or is "localhost" (no DNS
    asked: a webhook's receiver is checked when it is registered without stalling the
    request; names are resolved and checked again on every delivery), else None."""
    name = host.lower().rstrip(".")
    try:
        address: Address = ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        if name != "localhost" and not name.endswith(".localhost"):
            return None
        address = ipaddress.ip_address("127.0.0.1")
    reason = address_refusal(address)
    return None if reason is None or _allowed(host, address, allow) else f"{host} is a {reason} address"


def resolve_checked(url: str, allow: Sequence[str]) -> tuple[str, str, int, Address]:
    """(scheme, host, port, address) for `url`, or FetchFailed / FetchRefused saying why it is refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"{url!r} is not an http(s) URL", "give an http:// or https:// address")
    host = parts.hostname
    if not host:
        raise FetchRefused(f"{url!r} has no host", "give a full URL such as https://example.com/article")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchRefused(f"{url!r} has a bad port", "check the URL") from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"cannot resolve {host}", "check the URL's host name") from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        reason = address_refusal(address)
        if reason and not _allowed(host, address, allow):
            raise FetchRefused(f"{host} resolves to {address}, a private or local address ({reason})",
                               "only public addresses are fetched; an operator can allow it with "
                               "DRIFTAUDIT_FETCH_ALLOW")
    return parts.scheme, host, port, addresses[0]


# -- one deadline for every socket operation -----------------------------------------------
class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake ends by `deadline`."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _clamp(self, timeout: float | None, late: type[Exception]) -> float:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise late("the fetch's time budget is spent")
        return remaining if timeout is None else min(timeout, remaining)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        # The ssl module applies a socket timeout to the whole handshake, not to each record.
        inner = self._stream.start_tls(ssl_context, server_hostname, self._clamp(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own sockets, wrapped in `_DeadlineStream`."""

    def __init__(self, deadline: float) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ConnectTimeout("the fetch's time budget is spent")
        stream = self._inner.connect_tcp(host, port, remaining if timeout is None else min(timeout, remaining),
                                         local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("article fetches never use unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, min(seconds, self._deadline - time.monotonic())))


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport (its request mapping and error translation) over a pool of `_DeadlineBackend` sockets.

    No proxies from the environment: the connection must go to the address that was checked.
    """

    def __init__(self, deadline: float) -> None:
        context = httpx.create_ssl_context()  # verifies certificates; SSL_CERT_FILE / SSL_CERT_DIR still apply
        super().__init__(verify=context, trust_env=False)
        # httpx takes no network backend: its pool is replaced by the same pool over `_DeadlineBackend`.
        # (tests/app/test_hardening_fetch.py fails if a new httpx stops using `_pool`.)
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=_DeadlineBackend(deadline))


# -- bounded decompression -----------------------------------------------------------------
class _Inflater:
    """The body's content coding (gzip, deflate or none) undone in pieces of at most `CHUNK` bytes.

    httpx decompresses each network read in one call: 64 KB of gzip can become 64 MB before
    any size check sees it. Here zlib is asked for `CHUNK` bytes at a time, so the caller's
    count stops a bomb after at most `CHUNK` bytes past the cap.
    """

    def __init__(self, encoding: str, url: str) -> None:
        self.url = url
        codings = [c.strip() for c in encoding.lower().split(",") if c.strip() and c.strip() != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchFailed(f"{url} is sent with content encoding {encoding!r}, which is not supported",
                              "only gzip and deflate are decompressed; give the article text instead of its URL")
        self.coding = codings[0] if codings else ""
        # gzip: header and trailer checked by zlib; deflate: zlib-wrapped as the RFC says, raw as some servers send.
        self._wbits = zlib.MAX_WBITS | 16 if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._zlib = zlib.decompressobj(self._wbits) if self.coding else None
        self._started = False
        self._done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decompressed pieces (each at most CHUNK bytes) of the next raw bytes of the body."""
        if self._zlib is None:
            if data:
                yield data
            return
        waiting = False  # zlib may hold output back when the last piece filled CHUNK, even with no input left
        while (data or waiting) and not self._done:
            try:
                out = self._zlib.decompress(data, CHUNK)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._started:
                    self._wbits = -zlib.MAX_WBITS
                    self._zlib = zlib.decompressobj(self._wbits)
                    self._started = True
                    continue
                raise FetchFailed(f"{self.url} sent a body that does not decompress as {self.coding}",
                                  "check the URL, or give the article text instead") from exc
            self._started = True
            if out:
                yield out
            if self._zlib.eof:
                data, waiting = self._zlib.unused_data, False
                if self.coding != "deflate" and data.startswith(GZIP_MAGIC):
                    self._zlib = zlib.decompressobj(self._wbits)  # concatenated gzip members
                else:
                    self._done = True  # what follows the end of the stream is ignored, as httpx does
            else:
                data, waiting = self._zlib.unconsumed_tail, len(out) == CHUNK


def _read_body(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    """The decompressed body, counting every decompressed piece against `max_bytes` and the deadline."""
    inflater = _Inflater(response.headers.get("content-encoding", ""), url)
    data = bytearray()
    received = 0
    for raw in response.iter_raw():  # raw: httpx's own decompression would not be bounded
        received += len(raw)
        if received > max_bytes:
            raise FetchFailed(f"{url} is larger than {max_bytes:,} bytes",
                              "give the article page itself, or raise DRIFTAUDIT_FETCH_MAX_BYTES")
        for piece in inflater.feed(raw):
            data.extend(piece)
            if len(data) > max_bytes:  # checked per piece: a bomb stops at most CHUNK bytes past the cap
                unpacked = " once decompressed" if inflater.coding else ""
                raise FetchFailed(f"{url} is larger than {max_bytes:,} bytes{unpacked}",
                                  "give the article page itself, or raise DRIFTAUDIT_FETCH_MAX_BYTES")
        if time.monotonic() > deadline:  # also holds for a transport without `_DeadlineBackend`
            raise httpx.ReadTimeout("the fetch's time budget is spent")
    return bytes(data)


# -- the fetch -----------------------------------------------------------------------------
def fetch_text(url: str, *, allow: Sequence[str] = (), max_bytes: int = 3_000_000, timeout: float = 15.0,
               transport: httpx.BaseTransport | None = None) -> str:
    """GET `url` (following up to five checked redirects) within `timeout` seconds in all; the decoded page text.

    Raises FetchRefused (address or scheme not allowed), FetchBusy (too many fetches at once),
    FetchTimedOut (over the time budget) or FetchFailed (anything else), each with a hint.
    `transport` replaces the network (tests); the deadline is then checked between body pieces only.
    """
    if not _SLOTS.acquire(blocking=False):
        raise FetchBusy(f"{MAX_CONCURRENT_FETCHES} article URLs are being fetched already",
                        "retry in a few seconds, or send the article's text instead of its URL")
    try:
        deadline = time.monotonic() + timeout
        return _fetch(url, allow, max_bytes, timeout, deadline, transport or _DeadlineTransport(deadline))
    except httpx.TimeoutException as exc:
        raise FetchTimedOut(f"{url} did not answer in full within {timeout:g} s",
                            "the site is too slow: retry later, or send the article's text instead") from exc
    finally:
        _SLOTS.release()


def _fetch(url: str, allow: Sequence[str], max_bytes: int, timeout: float, deadline: float,
           transport: httpx.BaseTransport) -> str:
    """The redirect loop of `fetch_text`; httpx.TimeoutException when the deadline passes."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9", "Accept-Encoding": ACCEPT_ENCODING}
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, transport=transport, trust_env=False,
                      headers=headers) as client:
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port, address = resolve_checked(url, allow)
            if time.monotonic() > deadline:  # name resolution has no timeout of its own
                raise httpx.ConnectTimeout("the fetch's time budget is spent")
            parts = urlsplit(url)
            ip = f"[{address}]" if address.version == 6 else str(address)
            pinned = parts._replace(netloc=f"{ip}:{port}").geturl()
            extensions = {"sni_hostname": host} if scheme == "https" else {}
            request = client.build_request("GET", pinned, headers={"Host": parts.netloc.rsplit("@", 1)[-1]},
                                           extensions=extensions)
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise
            except httpx.HTTPError as exc:
                raise FetchFailed(f"cannot fetch {url}: {type(exc).__name__}", "check the URL and that the site is up") \
                    from exc
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    if not location:
                        raise FetchFailed(f"{url} redirects without a location", "give the final article URL")
                    url = urljoin(url, location)
                    continue
                if response.status_code >= 400:
                    raise FetchFailed(f"{url} answered HTTP {response.status_code}", "check the URL")
                kind = response.headers.get("content-type", "").lower()
                if kind and not any(t in kind for t in TEXT_TYPES):
                    raise FetchFailed(f"{url} is {kind}, not text or HTML", "give the article page's URL")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchFailed(f"{url} is {int(declared):,} bytes, more than {max_bytes:,}",
                                      "give the article page itself, or raise DRIFTAUDIT_FETCH_MAX_BYTES")
                try:
                    body = _read_body(response, url, max_bytes, deadline)
                except httpx.TimeoutException:
                    raise
                except httpx.HTTPError as exc:
                    raise FetchFailed(f"fetching {url} failed: {type(exc).__name__}", "try again later") from exc
                return decode(body, max_bytes=max_bytes, name=url)
            finally:
                response.close()
    raise FetchFailed(f"{url} redirects more than {MAX_REDIRECTS} times", "give the final article URL")


def post_json(url: str, body: bytes, headers: dict[str, str], *, allow: Sequence[str] = (), timeout: float = 10.0,
              transport: httpx.BaseTransport | None = None) -> tuple[int, str]:
    """POST `body` (JSON) to `url` within `timeout` seconds in all, to a checked address as
    `fetch_text` reaches one (no redirects followed); (status, the first 500 characters of
    the answer). FetchRefused / FetchFailed / FetchTimedOut as for `fetch_text`."""
    deadline = time.monotonic() + timeout
    scheme, host, port, address = resolve_checked(url, allow)
    parts = urlsplit(url)
    ip = f"[{address}]" if address.version == 6 else str(address)
    pinned = parts._replace(netloc=f"{ip}:{port}").geturl()
    sent = {"User-Agent": USER_AGENT, "Content-Type": "application/json", "Host": parts.netloc.rsplit("@", 1)[-1],
            **headers}
    try:
        with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                          transport=transport or _DeadlineTransport(deadline), trust_env=False) as client:
            request = client.build_request("POST", pinned, content=body, headers=sent,
                                           extensions={"sni_hostname": host} if scheme == "https" else {})
            response = client.send(request, stream=True)
            try:
                answer = b""
                for piece in response.iter_raw():
                    answer += piece
                    if len(answer) > 4096 or time.monotonic() > deadline:
                        break
            finally:
                response.close()
            return response.status_code, answer[:500].decode("utf-8", "replace")
    except httpx.TimeoutException as exc:
        raise FetchTimedOut(f"{url} did not answer within {timeout:g} s", "check that the receiver is up") from exc
    except httpx.HTTPError as exc:
        raise FetchFailed(f"cannot reach {url}: {type(exc).__name__}", "check the URL and that the receiver is up") \
            from exc

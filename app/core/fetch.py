"""Fetching article URLs for the service without opening a door into the network.

Only http and https; the host name is resolved once, every address is checked (no
private, loopback, link-local, multicast or reserved address unless the allow-list
names it), and the connection goes to the checked address, so a DNS answer that
changes between check and connect cannot redirect it. Redirects are followed by hand
and each hop is checked the same way. Size cap, timeouts, content-type check.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

import httpx

from scoring.clean import decode
from scoring.errors import FetchFailed, FetchRefused

MAX_REDIRECTS = 5
USER_AGENT = "driftaudit/0.1 (+translation audit)"
TEXT_TYPES = ("text/", "html", "xml")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _allowed(host: str, address: Address, allow: Sequence[str]) -> bool:
    for item in allow:
        if "/" in item:
            if address in ipaddress.ip_network(item, strict=False):
                return True
        elif item.lower() == host.lower() or item == str(address):
            return True
    return False


def _is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return _is_public(address.ipv4_mapped)
    return not (address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
                or address.is_reserved or address.is_unspecified)


def resolve_checked(url: str, allow: Sequence[str]) -> tuple[str, str, int, Address]:
    """(scheme, host, port, address) for `url`, or FetchFailed saying why it is refused."""
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
        if not _is_public(address) and not _allowed(host, address, allow):
            raise FetchRefused(f"{host} resolves to {address}, a private or local address",
                              "only public addresses are fetched; an operator can allow it with "
                              "DRIFTAUDIT_FETCH_ALLOW")
    return parts.scheme, host, port, addresses[0]


def fetch_text(url: str, *, allow: Sequence[str] = (), max_bytes: int = 3_000_000, timeout: float = 15.0,
               transport: httpx.BaseTransport | None = None) -> str:
    """GET `url` (following up to five checked redirects); the decoded page text."""
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, transport=transport,
                      headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port, address = resolve_checked(url, allow)
            parts = urlsplit(url)
            ip = f"[{address}]" if address.version == 6 else str(address)
            pinned = parts._replace(netloc=f"{ip}:{port}").geturl()
            extensions = {"sni_hostname": host} if scheme == "https" else {}
            request = client.build_request("GET", pinned, headers={"Host": parts.netloc.rsplit("@", 1)[-1]},
                                           extensions=extensions)
            try:
                response = client.send(request, stream=True)
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
                data = bytearray()
                try:
                    for chunk in response.iter_bytes():
                        data.extend(chunk)
                        if len(data) > max_bytes:
                            raise FetchFailed(f"{url} is larger than {max_bytes:,} bytes",
                                              "give the article page itself, or raise DRIFTAUDIT_FETCH_MAX_BYTES")
                except httpx.HTTPError as exc:
                    raise FetchFailed(f"fetching {url} failed: {type(exc).__name__}", "try again later") from exc
                return decode(bytes(data), max_bytes=max_bytes, name=url)
            finally:
                response.close()
    raise FetchFailed(f"{url} redirects more than {MAX_REDIRECTS} times", "give the final article URL")

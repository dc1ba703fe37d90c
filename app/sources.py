"""Reading article sources for the CLI: a file, `-` for stdin, or an http(s) URL."""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.clean import decode
from scoring.errors import BadRequest, FetchFailed

MAX_BYTES = 2_000_000
USER_AGENT = "driftaudit/0.1 (+translation audit)"


def fetch_url(url: str, *, max_bytes: int = MAX_BYTES, timeout: float = 15.0) -> str:
    """GET an http(s) page with a size cap and timeouts; its text."""
    import httpx

    try:
        with httpx.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT}) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchFailed(f"{url} answered HTTP {response.status_code}", "check the URL")
            kind = response.headers.get("content-type", "")
            if kind and not any(t in kind for t in ("text/", "html", "xml", "json")):
                raise FetchFailed(f"{url} is {kind}, not text or HTML", "give the article page's URL")
            data = bytearray()
            for chunk in response.iter_bytes():
                data.extend(chunk)
                if len(data) > max_bytes:
                    raise FetchFailed(f"{url} is larger than {max_bytes:,} bytes", "give the article page itself")
    except httpx.HTTPError as exc:
        raise FetchFailed(f"cannot fetch {url}: {type(exc).__name__}: {exc}", "check the URL and the network") from exc
    return decode(bytes(data), max_bytes=max_bytes, name=url)


def read_source(source: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of a file path, `-` (stdin) or an http(s) URL; typed errors otherwise."""
    if source == "-":
        return decode(sys.stdin.buffer.read(max_bytes + 1), max_bytes=max_bytes, name="stdin")
    if source.startswith(("http://", "https://")):
        return fetch_url(source, max_bytes=max_bytes)
    path = Path(source)
    if not path.exists():
        raise BadRequest(f"{source}: no such file", "check the path")
    if path.is_dir():
        raise BadRequest(f"{source} is a directory", "give a file")
    size = path.stat().st_size
    if size > max_bytes:
        from scoring.errors import InputTooLarge

        raise InputTooLarge(f"{source} is {size:,} bytes, more than the limit of {max_bytes:,}",
                            "split the article or raise the limit with --max-bytes")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadRequest(f"cannot read {source}: {exc.strerror}", "check the file's permissions") from exc
    return decode(data, max_bytes=max_bytes, name=source)

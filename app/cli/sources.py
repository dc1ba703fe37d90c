"""Reading article sources for the CLI: a file, `-` for stdin, or an http(s) URL."""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.clean import decode
from scoring.errors import BadRequest

MAX_BYTES = 2_000_000
# The command line fetches what its user asks for, intranet addresses included; the service
# uses the same fetcher with its allow-list (`app.core.fetch`).
ANY_ADDRESS = ("0.0.0.0/0", "::/0")


def fetch_url(url: str, *, max_bytes: int = MAX_BYTES, timeout: float = 15.0) -> str:
    """GET an http(s) page with a size cap, timeouts and a content-type check; its text."""
    from app.core.fetch import fetch_text

    return fetch_text(url, allow=ANY_ADDRESS, max_bytes=max_bytes, timeout=timeout)


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

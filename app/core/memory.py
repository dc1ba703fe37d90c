"""The C allocator's side of a long-running service's memory (glibc only, no-ops elsewhere).

Python hands large and medium blocks (numpy arrays of vectors, the encoder's
activations, request bodies) to the C library's malloc. With glibc's defaults a busy
service's resident memory keeps creeping up although the objects are freed: freed
pieces stay in the heaps. `tune_malloc` sets it up once at start, `trim` gives free
pages back after audits.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time
from functools import cache
from typing import Any

_M_ARENA_MAX, _M_MMAP_THRESHOLD = -8, -3
_trim_lock = threading.Lock()
_last_trim = 0.0


@cache
def _libc() -> Any:
    """The C library, looked up once (`find_library` runs `ldconfig`, ~2 ms)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def tune_malloc(arenas: int = 2, mmap_threshold: int = 1 << 20) -> bool:
    """- At most `arenas` malloc arenas: by default each thread that allocates (request
      threads, workers, the encoder's) may get one of its own, and memory freed in one
      is not reused by another.
    - A fixed mmap threshold: every block of `mmap_threshold` bytes or more is its own
      mapping, given back to the system when freed. glibc otherwise raises the
      threshold after each such free, up to 32 MB, and serves those blocks from the
      heap, where the pieces stay.
    False where the C library is not glibc."""
    libc = _libc()
    try:
        return bool(libc.mallopt(_M_ARENA_MAX, arenas)) and bool(libc.mallopt(_M_MMAP_THRESHOLD, mmap_threshold))
    except AttributeError:
        return False


def trim(min_interval: float = 2.0) -> bool:
    """Give the free pages inside the heaps back to the system (`malloc_trim`), at most
    once per `min_interval` seconds whoever calls; True when it ran."""
    global _last_trim
    now = time.monotonic()
    if now - _last_trim < min_interval or not _trim_lock.acquire(blocking=False):
        return False
    try:
        _last_trim = now
        libc = _libc()
        return bool(libc is not None and hasattr(libc, "malloc_trim") and libc.malloc_trim(0) is not None)
    finally:
        _trim_lock.release()

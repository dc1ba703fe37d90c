"""The allocator settings a long-running service uses (glibc; skipped elsewhere)."""

from __future__ import annotations

import platform

import pytest

from app.core import memory

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc only")


def test_tune_malloc_is_accepted_by_glibc() -> None:
    assert memory.tune_malloc() is True


def test_trim_runs_at_most_once_per_interval() -> None:
    assert memory.trim(min_interval=0.0) is True
    assert memory.trim(min_interval=3600.0) is False, "a second trim within the interval must not run"

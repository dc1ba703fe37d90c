"""Benchmarks (speed, audit quality); importable so `python -m bench.quality` works."""

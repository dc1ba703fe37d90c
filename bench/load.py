"""Load benchmark: concurrent clients against a real `driftaudit serve` on loopback.

Run from the project root:

    .venv/bin/python bench/load.py [--clients 4] [--seconds 30] [--pair german_roundtrip]

It starts `driftaudit serve` (SQLite in a temporary data directory, default settings)
and, in one run, measures two phases against it:

1. one client, sending audits one after another for a third of `--seconds`;
2. `--clients` clients at once, for `--seconds`.

Each request is `POST /v1/audits` of cnn_original against the chosen seed candidate,
answered with the finished report (the in-request path). Every request's candidate
is made unique with invisible characters (zero-width space / word joiner, which the
model's tokenizer drops) at the start of each line and after each full stop, so the
server's embedding cache cannot answer it: every candidate sentence is encoded, as
for a new article. The original stays the same, as one original gets many candidates. It prints, per phase:
audits/s, latency p50/p95/p99, and the error count (anything but 201), then the
throughput ratio of phase 2 to phase 1, and the server's resident memory (VmRSS) at
start (ready, idle), after phase 1 and at the end.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DRIFTAUDIT = Path(sys.executable).parent / "driftaudit"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "DRIFTAUDIT_DATA_DIR": str(data_dir), "DRIFTAUDIT_PORT": str(port),
           "DRIFTAUDIT_LOG_LEVEL": "warning"}
    process = subprocess.Popen([str(DRIFTAUDIT), "serve"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"driftaudit serve exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("driftaudit serve did not become ready in 120 s")


def unique_variant(text: str, n: int) -> str:
    """`text` with request number `n` written in invisible characters into every sentence."""
    tag = "".join("\u2060" if bit == "1" else "\u200b" for bit in f"{n:b}")
    lines = [tag + line if line.strip() else line for line in text.split("\n")]
    return "\n".join(lines).replace(". ", ". " + tag)


def phase(url: str, body: dict, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """Latencies (s) of successful audits, error count, and wall time."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(10**9))
    stop_at = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, timeout=300) as http:
            while time.monotonic() < stop_at:
                with lock:
                    n = next(counter) + int(time.time() * 1000)
                request = {**body, "candidate": {"text": unique_variant(body["candidate"]["text"], n)}}
                t = time.perf_counter()
                try:
                    ok = http.post("/v1/audits", json=request).status_code == 201
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - t
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def describe(name: str, latencies: list[float], errors: int, wall: float) -> float:
    rate = len(latencies) / wall
    p = np.percentile(np.asarray(latencies) * 1000, [50, 95, 99]) if latencies else [float("nan")] * 3
    print(f"{name:<22} {len(latencies):>7} {rate:>9.2f} {p[0]:>8.0f} {p[1]:>8.0f} {p[2]:>8.0f} {errors:>7}", flush=True)
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--pair", default="german_roundtrip", help="seed candidate audited against cnn_original")
    args = parser.parse_args()
    original = (ROOT / "samples" / "cnn_original.txt").read_text(encoding="utf-8")
    candidate = (ROOT / "samples" / f"{args.pair}.txt").read_text(encoding="utf-8")
    body = {"original": {"text": original}, "candidate": {"text": candidate}}
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(Path(folder), port)
        try:
            url = f"http://127.0.0.1:{port}"
            rss_start = rss_mb(server.pid)
            print(f"driftaudit serve pid {server.pid} on {url}; pair cnn_original/{args.pair}; {os.cpu_count()} CPUs")
            print(f"{'phase':<22} {'audits':>7} {'audits/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
            one = describe("1 client", *phase(url, body, 1, args.seconds / 3))
            rss_mid = rss_mb(server.pid)
            lat, err, wall = phase(url, body, args.clients, args.seconds)
            many = describe(f"{args.clients} clients", lat, err, wall)
            rss_end = rss_mb(server.pid)
            print(f"throughput ratio {args.clients} clients / 1 client: {many / one:.2f}")
            print(f"server RSS MB: start {rss_start:.0f}, after phase 1 {rss_mid:.0f}, end {rss_end:.0f}")
            print(f"errors: {err}")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    return 1 if err else 0


if __name__ == "__main__":
    sys.exit(main())
